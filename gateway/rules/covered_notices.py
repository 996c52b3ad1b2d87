"""Pure: a client rule's notice without the opening thanks (tests/heldout19: "unser Büro ist am
Freitag ... geschlossen", "dieses Postfach wird nur freitags gelesen", "olen kertausharjoituksessa
14.-25.9. enkä lue sähköpostia"). Reason `out-of-office`.

It takes thanked_notices' frame (an answer that quotes nothing, short, no question, a time or
another address, the writer's reach, no request of us) and asks, instead of the thanks, that
every sentence of the text between the greeting and the signature be a notice's: it tells of
the writer's reach (thanked_notices.NOTICE_RE), points elsewhere (an
address or a number), thanks for the mail or for patience. At most one sentence of at most
REASON_WORDS words may say why without those words ("Estamos en plena vendimia."), if it gives
no leave and names no number. A customer who is away *and* tells us what to do ("Die Migration
kann wie geplant laufen", "procedete pure con il rinnovo") writes a sentence of their own.
"""

from __future__ import annotations

import re

from gateway.rules.own_words import COMMERCIAL_RE, INVITE_RE, SERVICE_RE, own_word
from gateway.rules.parse import ParsedMail
from gateway.rules.thanked_notices import (
    NOTICE_RE,
    PHONE_RE,
    THANKS_RE,
    TIME_RE,
    elsewhere_address,
    notice_frame,
    refers,
    thanked_notice,
)

REASON_WORDS = 25
MATTER_RE = re.compile(SERVICE_RE.pattern + "|" + COMMERCIAL_RE.pattern)
_SIGN_OFF_RE = re.compile(
    r"(?m)^[ \t]*(?:mit freundlichen gr(?:ü|ue)(?:ß|ss)en|(?:freundliche|viele|beste|liebe|herzliche)"
    r" gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|(?:best |kind |warm )?regards|best|thanks|many thanks|cordialement"
    r"|bien (?:à|a) vous|salutations|saludos|un saludo|atentamente|(?:cordiali|distinti)? ?saluti"
    r"|met vriendelijke groet(?:en)?|groet(?:en)?|pozdrawiam|z powa(?:ż|z)aniem"
    r"|(?:yst(?:ä|a)v(?:ä|a)llisin )?terveisin|(?:med )?v(?:ä|a)nliga? h(?:ä|a)lsningar"
    r"|(?:med )?venn?lig hilsen"
    r"|s pozdravem|(?:com os melhores )?cumprimentos|atenciosamente|cheers|ciao|lg|vg|mfg"
    r"|(?:tisztelettel|(?:ü|u)dv(?:ö|o)zlettel)|(?:lijep|srda(?:č|c)an) pozdrav|s po(?:š|s)tovanjem)"
    r"[ \t]*[,.!]?[ \t]*$")
# A team's closing line ("Ihr Team von Holzbau Kern", "Your Acme team") and a wish before it.
_TEAM_LINE_RE = re.compile(r"(?m)^[ \t]*(?:ihr|euer|your|votre|vuestro|il vostro|uw|wasz)\b"
                           r"[^\n]{0,50}\bte(?:a|)m\b")
_WISH_RE = re.compile(
    r"sch(?:ö|oe)nes wochenende|sch(?:ö|oe)ne feiertage|frohe (?:ostern|weihnachten|feiertage)"
    r"|have a (?:nice|great|good|lovely)|bon week-end|bonnes f(?:ê|e)tes|buon fine settimana"
    r"|buen fin de semana|felices fiestas|fijn weekend|fijne feestdagen|mi(?:ł|l)ego weekendu"
    # sorry for the wait, thanks for working together
    r"|iyi bayramlar|iyi tatiller|disculpe las molestias|sorry for (?:the|any) inconvenience"
    r"|apologi[sz]e for|excusez"
    r"|ci scusiamo|przepraszamy|onze excuses|entschuldigen sie|(?:zusammenarbeit|cooperation"
    r"|collaboration|samenwerking|wsp(?:ó|o)(?:ł|l)prac|colaboraci|collaborazione)")
# An answer promised for a time: "Levelére augusztus 24-től válaszolunk", "we reply from Monday".
_ANSWER_LATER_RE = re.compile(r"(?:antwort|beantwort|answer|repl(?:y|ies)|respond|r(?:é|e)pond|rispond"
                              r"|antwoord|odpowi|v(?:á|a)laszol|besvar|svar(?:ar|e)\b|atend|contest"
                              r"|riscontr|vr(?:á|a)t(?:í|i)m|get back to|melde mich|melden uns|recontact"
                              r"|ricontatt)")
# A wish as its own short exclamation ("Happy Thanksgiving!", "Glad midsommar!"), a name below it.
_EXCLAMATION_RE = re.compile(r"^[^.!?]{1,40}!$")
# not a short thanks: "Tack!" reacts to something done, a person's word (tests/heldout6)
_THANKS_WORD_RE = re.compile(r"dank|thank|merci|gracias|grazie|\bta(?:ck|kk?)\b|dzi(?:ę|e)k|obrigad|kiitos"
                             r"|te(?:ş|s)ekk|d(?:ě|e)kuj")
_GREETING_RE = re.compile(r"^[^\n.!?]{0,40}[,:!]?$")
_SENTENCE_RE = re.compile(r"(?<=[.!?])(?<!\d\.)(?<!\b\w\.)(?<!\b\w\w\.)\s+(?=\S)"
                          # a pronoun after a number's dot opens a sentence ("January 2. I'll ...")
                          r"|(?<=\d\.)\s+(?=(?:i|i'll|we|we'll|ich|wir|je|nous|wij|ik)\b)")
_ABBREVIATION_END_RE = re.compile(r"(?:\b\w{1,4}\.)+$")


def client_rule_notice(mail: ParsedMail) -> bool:
    """An answer in a rule's notice frame (thanked_notices.notice_frame, taken once) that opens
    with the notice's thanks or is wholly a notice's."""
    low = notice_frame(mail)
    return bool(low) and (thanked_notice(low) or covered_notice(low, mail.from_addr or ""))


def covered_notice(low: str, sender: str) -> bool:
    """The lower-case own text of an answer in a rule's notice frame is wholly a notice's (see
    the module's text)."""
    covered, reasons = 0, []
    sentences = notice_sentences(low)
    while sentences and _name_line(sentences[-1]):
        sentences.pop()
    for sentence in sentences:
        if own_word(sentence, refers(sentence), MATTER_RE):
            return False
        if covered_sentence(sentence, sender):
            covered += 1
        else:
            reasons.append(sentence)
    if covered < 2 or len(reasons) > 1:
        return False
    return all(len(reason.split()) <= REASON_WORDS for reason in reasons)


def notice_sentences(low: str) -> list[str]:
    """The sentences between the greeting and the signature of a notice's lower-case text."""
    return _sentences(_body(low))


def _body(low: str) -> list[str]:
    """The paragraphs between the greeting and the signature, each one line."""
    found = _SIGN_OFF_RE.search(low) or _TEAM_LINE_RE.search(low)
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", low[:found.start()] if found else low)]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and "\n" not in paragraphs[0] and _GREETING_RE.match(paragraphs[0]) \
            and len(paragraphs[0].split()) <= 5:
        paragraphs = paragraphs[1:]
    if not found and len(paragraphs) > 1 and _signature(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return [" ".join(line.strip() for line in p.splitlines()) for p in paragraphs]


def _signature(paragraph: str) -> bool:
    """A last paragraph of at most three short lines that end no sentence: a name, a company."""
    lines = paragraph.splitlines()
    return len(lines) <= 3 and all(
        len(line.split()) <= 6 and (not line.rstrip().endswith((".", "!", "?"))
                                    or _ABBREVIATION_END_RE.search(line.rstrip()))
        for line in lines)


def _name_line(sentence: str) -> bool:
    """A name or a firm's under the text, no sign-off above it: a few words ending no sentence."""
    return len(sentence.split()) <= 5 and not sentence.rstrip().endswith((".", "!", "?", ":")) \
        and not re.search(r"[@:\d]", sentence)


def _sentences(paragraphs: list[str]) -> list[str]:
    """The sentences; a dot after a number or a short abbreviation ends none ("am Freitag, 5. Juni",
    "z p. Anną")."""
    return [s for p in paragraphs for s in _SENTENCE_RE.split(p) if s.strip()]


def covered_sentence(sentence: str, sender: str) -> bool:
    """A notice's sentence: the writer's reach, an answer promised for a time, where to turn (or
    come: "besuchen Sie uns am Stand"), thanks for the mail or patience, a wish."""
    if NOTICE_RE.search(sentence) or THANKS_RE.search(sentence) or _WISH_RE.search(sentence):
        return True
    if INVITE_RE.search(sentence) or (_EXCLAMATION_RE.match(sentence.strip()) and len(sentence.split()) <= 3
                                      and not _THANKS_WORD_RE.search(sentence)):
        return True
    if _ANSWER_LATER_RE.search(sentence) and TIME_RE.search(sentence):
        return True
    return elsewhere_address(sentence, sender) or bool(PHONE_RE.search(sentence))
