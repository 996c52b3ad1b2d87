"""Pure: a request without "please" and without a question mark, as a wish or an obligation of
the writer's own (issue 21: tests/attack10, customers who say they are away and ask for
something in the same short answer). Read beside out_of_office.NEED_RE ("I need", "ich brauche")
wherever an absence notice must ask nothing of us: out_of_office (an absence subject),
absence_replies (an answer of absence sentences) and thanked_notices (a rule's notice frame).

- a wish in the conditional, the writer's own: "Ich bräuchte bis dahin die Rechnung", "Wäre nett,
  wenn die Wartung danach stattfindet", "I'd like the plan switched", "It would be great if",
  "J'aimerais que le renouvellement soit fait", "Il faudrait décaler", "Me gustaría", "Quisiera",
  "Necesitaría", "Vorrei", "Avrei bisogno", "Het zou fijn zijn als", "Chciałbym", "rica ederim",
  "Gostaria que", "Precisava";
- an obligation on a thing of ours, in the passive: "Das Zertifikat muss vorher noch verlängert
  werden", "The certificate has to be renewed", "doit être renouvelé", "deve essere rinnovato",
  "moet verlengd worden", "musi zostać odnowiony", "tem de ser renovado".

A notice says such words too, but only to inform or to wish ("I would like to inform you that I am
out of the office", "Je voudrais vous souhaiter", "Gostaria de informar") or to say where to turn
("Dringende Anfragen müssen an x@ gerichtet werden", "must be sent to", "il faut contacter"): the
words that follow the wish or lie inside the obligation are looked at (AFTER_CHARS), and such a
sentence is no request. Bounded: single-line patterns with bounded gaps.
"""

from __future__ import annotations

import re

AFTER_CHARS = 50
WISH_RE = re.compile(
    r"(?i)\b(?:ich|wir) (?:br(?:ä|ae)ucht(?:e|en)|h(?:ä|ae)tt(?:e|en) gerne?|w(?:ü|ue)rd(?:e|en) gerne?)\b"
    r"|\b(?:br(?:ä|ae)ucht(?:e ich|en wir)|h(?:ä|ae)tt(?:e ich|en wir) gerne?)\b"
    r"|\bw(?:ä|ae)re (?:es )?(?:nett|sch(?:ö|oe)n|gut|super|toll|prima|klasse|hilfreich)\b"
    r"[^.!?\n]{0,12}\bwenn\b"
    r"|\b(?:i|we)(?:'d| would) (?:like|love|appreciate|prefer)\b|\bi(?:'d| would) be grateful\b"
    r"|\bit would be (?:great|good|nice|helpful|ideal|best)\b"
    r"|\bj'aimerais\b|\bnous aimerions\b|\b(?:je|nous) (?:voudrais|voudrions|souhaiterais|souhaiterions)\b"
    r"|\bil (?:faudrait|faut)\b|\b(?:me|nos) gustar(?:í|i)a\b|\bquisi(?:é|e)?ramos\b|\bquisiera\b"
    r"|\bnecesitar(?:í|i)a(?:mos)?\b|\bhay que\b|\bvorre(?:i|mmo)\b|\bavre(?:i|mmo) bisogno\b"
    r"|\b(?:mi|ci) servirebbe\b|\bsarebbe (?:bello|utile|ottimo|meglio)\b"
    r"|\b(?:het )?zou (?:fijn|mooi|handig|prettig|fijner) zijn\b"
    r"|\b(?:ik|we|wij) (?:wil|willen|wilde|wilden)\b"
    r"|\bchcia(?:ł|l)(?:a)?bym\b|\bchcieliby(?:ś|s)my\b|\bpotrzebowa(?:ł|l)(?:a)?bym\b"
    r"|\brica (?:ederim|ederiz|ediyorum|ediyoruz)\b|\bgostar(?:í|i)a(?:mos)?\b|\bprecisava(?:mos)?\b"
    r"|\bprecisar(?:í|i)a(?:mos)?\b")
OBLIGATION_RE = re.compile(
    r"(?i)\bm(?:u|ü|ue)ss(?:en)?\b[^.!?\n]{0,60}?\b(?:werden|sein)\b"
    r"|\b(?:has|have|needs?|must) (?:to )?be \w+"
    r"|\bdoi(?:t|vent) (?:(?:ê|e)tre|(?:ê|e)tre fait) \w+|\bdev(?:e|ono) essere \w+"
    r"|\bmoet(?:en)?\b[^.!?\n]{0,60}?\b(?:worden|zijn)\b|\bmusi(?:my)? (?:zosta(?:ć|c)|by(?:ć|c))\b"
    r"|\bnale(?:ż|z)y\b|\b(?:tem|t(?:ê|e)m) (?:de|que) ser \w+|\bdebe(?:n)? (?:ser \w+|\w+rse)\b")
# To inform, to wish or thank, or where to turn: a notice's words after a wish or in an obligation.
_NOTICE_VERBS_RE = re.compile(
    r"(?i)inform|hinweis|mitteil|w(?:ü|ue)nsch|bedank|\bdank|let you know|advise|point out|\bwish|thank"
    r"|notif|pr(?:é|e)ven|souhait(?:er)? (?:de|une|un|à)|signal|remerc|avis|desear|agrade|augur|comunic"
    r"|ringraz|laten weten|wensen|poinform|(?:ż|z)yczy|podzi(?:ę|e)k|bildir|desej"
    r"|contact|kontakt|send|sent|schick|gesendet|richt|direct|address|adress|forward|weiterge|call"
    r"|anruf|angerufen|envoy|transmi|invia|indirizz|enviad|dirigid|gestuurd|wys(?:ł|l)an|skierowan"
    r"|encaminh|escrib|scriv|(?:é|e)cri|schreib|write|written|ruf|contatt|chiam|llam|telefon|phone|bel")


def wishes(text: str) -> bool:
    """A wish or an obligation of the writer's own (see the module's text), not a notice's."""
    for found in WISH_RE.finditer(text):
        if not _NOTICE_VERBS_RE.search(text, found.end(), found.end() + AFTER_CHARS):
            return True
    return any(not _NOTICE_VERBS_RE.search(found.group()) for found in OBLIGATION_RE.finditer(text))
