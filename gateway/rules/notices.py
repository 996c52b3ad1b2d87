"""Pure: machine notices that carry no report structure and no marker header, recognised by what
they say about themselves; and the person's question that keeps a mail with bounce words a
person's.

- A notice that *declares* itself a machine's ("This is an automatically generated message",
  "Diese Benachrichtigung wurde automatisch von Plesk erstellt", a line of its own "Automatisch
  generierte Mail von GLPI", "Ceci est un message automatique, merci de ne pas y répondre",
  "Please do not reply to this e-mail") with no words
  of a person left once that sentence is set aside: with a delivery-failure sentence it is a
  bounce (free-text failures without the original: Exchange transport rules, small providers),
  otherwise a machine notice (cron, mdadm, smartd, Plesk, payment notices).
  (System accounts', appliances' and applications' notices: `system_senders.py`.)
- `asks`: a question mark outside links and quoted `Subject:` lines, or a request ("could you",
  "können Sie" ...): a person asking about the failure they quote.
A subject that starts like a forward or an answer (Fwd:, WG:, Re:, AW: ...) is a person's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gateway.rules import declared_languages
from gateway.rules.bounces import FAILURE_RE, SUBJECT_RE, person_subject
from gateway.rules.mail_systems import ASKING_RE
from gateway.rules.originals import carries_original, own_part, without_links
from gateway.rules.parse import ParsedMail

SCAN_CHARS = 3000
# Words every sentence of _DECLARED_RE holds one of, lower case (plain substring tests).
_DECLARED_WORDS = ("automat", "generated", "created by", "reply", "respond", "pondre", "pondez",
                   "rispondere", "antworten", "conteste", *declared_languages.WORDS)
# What a notice says about itself; tight, so that a footer ("Diese E-Mail wurde automatisch auf
# Viren geprüft", "This message was automatically scanned") is not such a sentence.
# One character inside a sentence: a "." or "!" before a letter or digit (FRITZ!Box, 26.01.,
# fritz.box) ends no sentence.
_IN = r"(?:[^.!\n]|[.!](?=\w))"
_GENERATED = (r"(?:automatically (?:generated|created|sent)|generated (?:automatically|by)"
              r"|created (?:automatically|by)|an? automat(?:ic|ed) (?:message|e-?mail|notification"
              r"|notice|reply|response|report))")
_WORDINGS = (
    r"(?i)\bthis (?:is|(?:e-?)?mail (?:message )?(?:was|has been|is)|message (?:was|has been|is)"
    r"|notification (?:was|has been|is)|notice (?:was|has been|is))\b" + _IN + "{0,40}" + _GENERATED
    + r"|\bdo not (?:reply|respond) to this (?:e-?mail|message|notification|automated)"
    r"|\bplease do not reply\s*(?:[.!]|$)"
    r"|\b(?:dies ist eine?|diese (?:e-?mail|nachricht|benachrichtigung|mail|meldung) (?:wurde|ist))"
    r"\b" + _IN + r"{0,40}automatisch\b" + _IN
    + r"{0,30}\b(?:erstellt|erzeugt|generiert|versandt|verschickt|gesendet|versendet)"
    r"|\bdies ist eine automatische (?:nachricht|e-?mail|benachrichtigung)"
    r"|(?:^|(?<=\n))[ \t]*automatisch (?:generierte|erstellte|erzeugte|versandte) (?:e-?mail|mail"
    r"|nachricht|benachrichtigung)\b(?=[^?\n]{0,40}(?:\n|\Z))"
    r"|\bbitte antworten sie nicht auf diese|\bnicht auf diese (?:e-?mail|nachricht) antworten"
    r"|\b(?:ceci est un|ce (?:message|courriel) (?:a (?:é|e)t(?:é|e)|est))\b" + _IN + "{0,40}"
    r"(?:message automatique|(?:g(?:é|e)n(?:é|e)r(?:é|e)|envoy(?:é|e)|cr(?:é|e)(?:é|e)) automatiquement)"
    r"|\bne pas y r(?:é|e)pondre\b|\bne (?:pas )?r(?:é|e)pond(?:re|ez pas) (?:à|a) ce(?:t)?"
    r" (?:message|courriel|e-?mail|mail)\b"
    r"|\b(?:este es un|este (?:mensaje|correo) (?:ha sido|fue|se ha|es))\b" + _IN + "{0,40}"
    r"(?:mensaje autom(?:á|a)tico|(?:generado|enviado) autom(?:á|a)ticamente)"
    r"|\bno (?:responda|conteste) (?:a )?este"
    r"|\b(?:questo (?:è|e) un|questo messaggio (?:è|e) stato)\b" + _IN + "{0,40}"
    r"(?:messaggio automatico|(?:generato|inviato) automaticamente)"
    r"|\bnon rispondere (?:a )?(?:questo|al presente)|\bsi prega di non rispondere"
    + declared_languages.PATTERN)
# Each wording starts at a word's edge (\b), at a line's start or with a CJK character (checked
# by tests/test_notices.py): tried at those places only, a search costs about half.
_DECLARED_RE = re.compile(r"(?i)(?=\b|(?<![^\n])|[\u3000-\U0010ffff])(?:"
                          + _WORDINGS.removeprefix("(?i)") + ")")
# A person's words: greetings at the end, thanks (the words of a failure quoted are not needed:
# the notice speaks of itself).
_SIGN_OFFS = (
    r"(?i)gr(?:ü|ue)(?:ß|ss)(?:e|en)?\b|\bgru(?:ß|ss)\b|\bregards\b|\bcheers\b|\bthanks\b"
    r"|\bdanke\b|\bmerci\b|\bcordialement|\bsaludos\b|\bsaluti\b|\bgrazie\b|\bgracias\b"
    r"|\bbitte (?:um|mal)\b|\bpor favor\b|\bper favore\b" + declared_languages.SIGN_OFFS)
# Every sign-off starts with one of these letters (tests/test_attack7_findings.py checks it; a new
# one with another first letter adds it here): searched only where one stands, a search of a
# writer's 3,000 characters costs 0.05-0.7 ms instead of 1.5-2.5 (host_reports asks it twice).
SIGN_OFF_FIRST = "abcdghmprstuzü"
SIGN_OFF_RE = re.compile(rf"(?i)(?=[{SIGN_OFF_FIRST}])(?:" + _SIGN_OFFS.removeprefix("(?i)") + ")")
# A person's request or thanks (a root@ that writes "Backup failed, bitte prüfen" is a person).
REQUEST_RE = re.compile(
    r"(?i)\bbitte\b|\bplease\b|\bdanke\b|\bthanks?\b|\bgr(?:ü|ue|u)(?:ß|ss)|\bmfg\b|\bmerci\b"
    r"|\bcordialement|\bpor favor\b|\bgracias\b|\bsaludos\b|\bper favore\b|\bgrazie\b")
# What postmasters' machines write about besides failures: quotas and quarantines.
_QUOTA_RE = re.compile(r"(?i)quota|kontingent|speicherplatz|quarant|\b(?:postfach|mailbox)\b[^.\n]{0,30}"
                       r"\b(?:voll|full)\b|\d+\s?%")
# The line under a sign-off that signs for a company: "Ihre Telekom", "Ihr centron Team", "Your
# Acme team", "Das WordPress-Team", "L'équipe Exemple".
_COMPANY_LINE_RE = re.compile(
    r"(?:ihre?|deine?|euer|eure|your|the|das|die|le|la|l'(?:é|e)quipe|el equipo|il team)\s+"
    r"([^\n]{1,40})$")
PLEASE_RE = re.compile(r"(?i)\bbitte\b|\bplease\b|\bkindly\b|\bveuillez\b|\bpor favor\b|\bper favore\b")
_TEAM_RE = re.compile(r"(?:\bteam|-team|\bservice|kundenservice|kundendienst|support)\b")
_COPY_LINE_RE = re.compile(r"(?m)^[ \t>]*(?:[-=_*]{5,}|-{2,}[ \t]*\w[^\n]{0,60}-{2,})[ \t]*$")
# A notice's note on itself: disregard it if already done.
_DISREGARD_RE = re.compile(
    r"(?i)\bals gegenstandslos\b|\b(?:please )?(?:disregard|ignore) this (?:e-?mail|message"
    r"|notice|reminder|notification)\b|\bne (?:pas )?tenir compte de ce(?:t|tte)? (?:message"
    r"|courriel|e-?mail|rappel)\b|\b(?:ignore|haga caso omiso de) este (?:mensaje|correo"
    r"|recordatorio)\b|\bignorar?e? (?:questo|questa|il presente) (?:messaggio|e-?mail|sollecito)\b"
    r"|\b(?:deze|dit) (?:e-?mail|bericht|herinnering) (?:als niet verzonden|te negeren)\b")
_SENTENCE_RE = re.compile(r"(?:[^.!?。！？\n]|[.!?](?=\w))*(?:[.!?。！？\n]|$)")


def asks(text: str) -> bool:
    """A person asking: a question mark or a request in the writer's own text."""
    return bool(ASKING_RE.search(without_links(own_part(text))))


def pastes_and_asks(text: str) -> bool:
    """A person who pastes a failure sentence into their own words and asks about it ("I get
    this back: Your message could not be delivered to ... What does that mean?"). Not where a
    copy of a message is set apart by a separator line ("----- Original Message -----"): a
    failure notice quoting the mail it failed on (our own reply has a question too)."""
    return asks(text) and not _COPY_LINE_RE.search(text[:SCAN_CHARS])


def undeclared(text: str) -> str:
    """The text without the sentences that declare it automatic ("merci de ne pas y répondre")."""
    return "".join(s for s in _SENTENCE_RE.findall(text) if not _DECLARED_RE.search(s))


def _heeded(text: str) -> str:
    """The text without a notice's note on itself ("Sollten Sie bereits gezahlt haben, betrachten
    Sie dieses Schreiben bitte als gegenstandslos", "please disregard this reminder"): its
    "bitte" asks the reader for nothing."""
    return "".join(s for s in _SENTENCE_RE.findall(text) if not _DISREGARD_RE.search(s))


def declared_machine(mail: ParsedMail) -> bool:
    """Says it is a machine's, and holds no words of a person besides."""
    if person_subject(mail.subject) or "?" in (mail.subject or ""):
        return False
    return _declared(mail.text[:SCAN_CHARS], mail.from_addr or "")


@lru_cache(maxsize=16)  # asked twice of most mails: by declared_failure, then as a notice
def _declared(head: str, sender: str) -> bool:
    """declared_machine on the text's scanned head, past the subject's look."""
    lowered = head.lower()  # the cheap look first: most mail ends here
    if not any(word in lowered for word in _DECLARED_WORDS):
        return False
    own = without_links(own_part(head))
    if not _DECLARED_RE.search(own):
        return False
    rest = undeclared(own)
    if ASKING_RE.search(rest) or declared_languages.CJK_PERSON_RE.search(rest):
        return False
    if not SIGN_OFF_RE.search(rest):
        return True
    # signed for a company, and asking the reader for nothing ("Bitte passen Sie ... an" above
    # "Ihr IT-Team" is a person's request)
    return not (persons_sign_off(rest, sender) or PLEASE_RE.search(_heeded(rest)))


def persons_sign_off(text: str, sender: str, sign_offs: re.Pattern | None = None) -> bool:
    """A sign-off that a person signs; not a company's: the line under it (or its own rest)
    signs for a team ("Ihr centron Team", "Your Acme team", "Das WordPress-Team") or with the
    sender's domain alone ("Freundliche Grüße / Ihre Telekom" from @telekom.de); "Ihr Max
    Mueller" from @mueller.example is a person's. `sign_offs`: the words that open one (those of
    SIGN_OFF_RE unless given: named_sign_off's also know "Best,")."""
    labels = set(sender.rsplit("@", 1)[-1].lower().split(".")[:-1])
    for found in (sign_offs or SIGN_OFF_RE).finditer(text):
        lines = (part.strip(" \t\r,.!").lower() for part in text[found.end():].split("\n", 3))
        line = next((part for part in lines if part), "")
        if declared_languages.company_line(line) or set(re.split(r"[\s-]+", line)) <= labels:
            continue  # "Cordiali saluti, Aruba S.p.A.", "Saygılarımızla, iyzico": a company signs
        signed = _COMPANY_LINE_RE.match(line)
        if not signed:
            return True
        words = set(re.split(r"[\s-]+", signed.group(1)))
        if not (_TEAM_RE.search(signed.group(1)) or words <= labels):
            return True
    return False


def declared_failure(mail: ParsedMail) -> bool:
    """A delivery failure in words from a machine that says it is one (no original needed)."""
    if not declared_machine(mail):
        return False
    return bool(FAILURE_RE.search(f"{mail.subject}\n{own_part(mail.text)}"))


def postmaster_asks(mail: ParsedMail) -> bool:
    """A customer's admin writing from postmaster@ with a question, and no sign of a bounce
    (no report, no original carried back, no bounce subject, no failure sentence)."""
    if mail.content_type == "multipart/report" or carries_original(mail):
        return False
    own = f"{mail.subject}\n{own_part(mail.text)}"
    if SUBJECT_RE.match(mail.subject or "") or FAILURE_RE.search(own) or _QUOTA_RE.search(own):
        return False
    return asks(mail.text) or bool(REQUEST_RE.search(own))
