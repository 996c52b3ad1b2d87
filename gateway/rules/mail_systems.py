"""Pure: delivery failures and abuse complaints without a report's structure, recognised by who
sent them and by the original message they carry back.

Three shapes, each needing two signs, never the subject alone:
- a mail system as sender (its display name, also localised, or a variant local part such as
  `post_master`, `mail-daemon`, `mailserver`, `MicrosoftExchange<guid>`) *and* an attached original message
  (message/rfc822, text/rfc822-headers), a bounce subject or a delivery-failure sentence;
- a delivery failure written as free text (German, English, French, Spanish, Italian) from any
  address *and* the original's headers attached or quoted, with no words of a person before
  them (a question, a request, a sign-off, talk about "diese Meldung", "I get", "see below"),
  not quoted as mail clients quote (Sent:), and carrying neither the writer's own mail nor a
  bounce: a customer who sends a bounce on and asks about it is a person and is answered;
- an abuse complaint: an abuse desk's address (or X-ARF), or complaint wording in subject and
  body without a question, *and* the offending message attached or quoted.
- a bare failure notice from a plain address, without the original (a gateway's "Votre message
  n'a pas pu etre delivre a / Your message could not be delivered to" between rows of
  asterisks): the subject names the failure *and* the body is nothing but short failure
  sentences, the failed addresses and decoration, with no word of a person (a question, a
  sign-off, "I", "my", "we", "ich", "unser", "je", "mon" ...). Its subject may start with "RE:"
  (such gateways answer), never like a forward (Fwd:, WG:, TR:).
Otherwise a subject that starts like a forward or an answer (Fwd:, WG:, Re:, AW: ...) is a
person's; only a mail system itself may answer "Re:" with a failure and the original's headers
and not a word of a person (Apache James does). A feedback report's fields written into the
text outside multipart/report are read by feedback_fields.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import FAILURE_RE, SUBJECT_RE, person_subject
from gateway.rules.feedback_fields import inline_feedback_report
from gateway.rules.filter_notices import filtered_message
from gateway.rules.originals import (
    carries_original,
    client_quote,
    original_senders,
    own_part,
    quotes_original,
    without_links,
)
from gateway.rules.parse import ParsedMail

SCAN_CHARS = 3000

_SYSTEM_NAME_RE = re.compile(
    r"(?i)^\s*(?:mail(?:er)?[- _]?daemon|post[- _.]?master|mail[- ]delivery[- ](?:sub)?system"
    r"|mail[- ]delivery[- ]service|e?-?mail[- ]?(?:zustell|versand)(?:ungs)?[- ]?(?:sub)?system"
    r"|(?:sous-)?syst(?:è|e)me de (?:distribution|remise) (?:du |de )?(?:courrier|messagerie)"
    r"|(?:sotto)?sistema di (?:consegna|recapito) (?:della )?posta"
    r"|(?:sub)?sistema de (?:entrega|distribuci(?:ó|o)n) de (?:correo|mensajes)"
    r"|microsoft outlook|microsoft exchange|mail administrator|mail system)\s*$")
_SYSTEM_LOCAL_RE = re.compile(
    r"^(?:post[-_.]?master|mail(?:er)?[-_.]?daemon|mailerdaemon|mail[-_.]?delivery(?:[-_.]system)?"
    r"|mailermailer|microsoftexchange[0-9a-f]{32}|mdaemon|mail[-_.]?system|mail[-_.]?server|mailsrv)$")
_ABUSE_LOCAL_RE = re.compile(
    r"^(?:abuse(?:[-_.]?\w+)?|\w+[-_.]abuse|spam[-_.]?(?:reports?|complaints?)?|complaints?"
    r"|fbl|feedback[-_.]?loop|report[-_.]?spam)$")
_ABUSE_SUBJECT_RE = re.compile(
    r"(?i)(?:abuse|spam)[- ]?(?:report|complaint|notification|notice|case)|\[spamcop"
    r"|feedback[- ]?(?:loop[- ]?)?report"
    r"|missbrauch|beschwerde (?:wegen|(?:ü|ue)ber) (?:spam|missbrauch)|plainte|signalement d"
    r"|denuncia|segnalazione|abuso")
_ABUSE_BODY_RE = re.compile(
    r"(?i)unsolicited|\bspam|\babuse|missbrauch|unerw(?:ü|ue)nscht|non sollicit|no solicitad"
    r"|indesiderat|abuso|phishing|malware|botnet|ddos|compromised|kompromittiert|open resolver")
# A feedback loop's subject, "complaint about message from <IP>" (Microsoft's JMRP); a person
# who forwards a spam without a word writes "Spam from <IP>" and is answered
_IP_COMPLAINT_RE = re.compile(
    r"(?i)^\s*complaint about (?:a |the )?(?:e-?mail |message )?from (?:ip )?\d{1,3}(?:\.\d{1,3}){3}\b")
# A question or a request: a customer asking about a complaint they got, not the complaint.
ASKING_RE = re.compile(
    r"(?i)[?？]|k(?:ö|oe)nnen sie|k(?:ö|oe)nnten sie|could you|can you|would you|please help"
    r"|was (?:sollen|k(?:ö|oe)nnen|m(?:ü|ue)ssen) wir|what (?:should|can|do) we")
# A person's request or sign-off in a few words, beside PERSON_WORDS_RE's questions and thanks.
PERSON_REQUEST_RE = re.compile(r"(?i)\bbitte\b|\bplease\b|\bmfg\b|\bviele gr")
PERSON_WORDS_RE = re.compile(
    r"(?i)[?？]|gr(?:ü|ue)(?:ß|ss)(?:e|en)?\b|\bgru(?:ß|ss)\b|\bregards\b|\bcheers\b|\bthanks\b"
    r"|\bdanke\b|\bmerci\b|\bcordialement|\bsaludos\b|\bsaluti\b|\bgrazie\b|\bgracias\b"
    r"|k(?:ö|oe)nnen sie|k(?:ö|oe)nnten sie|could you|can you|would you|please help"
    r"|pourriez-vous|pouvez-vous|podr(?:í|i)an|pueden|potreste|potete|por favor|per favore"
    # a person talking about the failure message they got
    r"|(?:diese|die|folgende|eine|der) (?:fehler)?meldung|bekomme|erhalte"
    r"|\bi (?:get|got|received)|\bi'm getting|\bwe (?:get|got)"
    r"|see (?:below|attached)|siehe (?:unten|anhang)|re(?:ç|c)ois|recibo|ricevo|ho ricevuto"
    r"|komm(?:t|en) zur(?:ü|ue)ck|zur(?:ü|ue)ckgekommen|comes? back|bounces? back"
    r"|bitte (?:um|mal)\b|bitte pr(?:ü|ue)fen(?! sie)")


# "I", "my", "we", "our" in the languages of FAILURE_RE, and greetings: a person tells of their
# own mail; a failure notice speaks of "your message" and greets nobody.
_PERSON_RE = re.compile(
    r"(?i)\b(?:hello|hallo|hi|hey|dear|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen|abend)|moin"
    r"|servus|bonjour|bonsoir|salut|madame|monsieur|hola|estimad[oa]s?|buongiorno|buonasera|ciao"
    r"|gentile|i|i'm|i've|me|my|we|our|us|ich|mein(?:e[nmrs]?)?|wir|unser(?:e[nmrs]?)?|uns|mir"
    r"|mich|je|j'ai|mon|ma|mes|nous|notre|nos|yo|mi|mis|nosotros|nuestr[oa]s?|io|mio|mia|miei"
    r"|noi|nostr[oaie])\b")
FORWARD_RE = re.compile(r"(?i)^\s*(?:fwd?|wg|tr|rv|enc|i)\s*(?:\[\d+\])?\s*:")
# an address as a whole word: tried only where a word starts (linear on a long line without one)
_ADDRESS_WORD_RE = re.compile(r"(?<![^\s<>\"(),;:])[^\s<>\"(),;:]+@[^\s<>\"(),;:]+")
_DECORATION_RE = re.compile(r"[\W_]*")
NOTICE_CHARS = 800  # a bare notice is short
NOTICE_BLOCKS = 6
NOTICE_SPARE_WORDS = 5  # words of a block beside its failure sentence ("Your message ... to")


def _local(address: str) -> str:
    return address.rsplit("@", 1)[0].strip().lower()


def from_mail_system(mail: ParsedMail, envelope_sender: str | None) -> bool:
    """A mail system by its name or address, and the signs of a bounce beside it."""
    named = bool(_SYSTEM_NAME_RE.match(mail.from_name or ""))
    addressed = any(_SYSTEM_LOCAL_RE.match(_local(a))
                    for a in (mail.from_addr, envelope_sender or "") if a)
    if not (named or addressed):
        return False
    if person_subject(mail.subject):
        return _answers_with_failure(mail)
    return (carries_original(mail) or bool(SUBJECT_RE.match(mail.subject or ""))
            or bool(FAILURE_RE.search(mail.text[:SCAN_CHARS])))


def _answers_with_failure(mail: ParsedMail) -> bool:
    """A mail system that answers (Re:) with a delivery failure and the original's headers, and
    not a word of a person before them: a customer's postmaster@ writes, greets or asks."""
    if FORWARD_RE.match(mail.subject or "") or not (carries_original(mail)
                                                    or quotes_original(mail.text)):
        return False
    own = own_part(mail.text)
    return bool(FAILURE_RE.search(own)) and not (PERSON_WORDS_RE.search(own)
                                                 or _PERSON_RE.search(own))


def free_text_failure(mail: ParsedMail) -> bool:
    """A delivery failure in words, the original beside it, and nothing a person would add."""
    if person_subject(mail.subject) or not (carries_original(mail)
                                            or quotes_original(mail.text)):
        return False  # the cheap structural look first: most mail ends here
    own = own_part(mail.text)
    if not FAILURE_RE.search(f"{mail.subject}\n{own}") or "?" in mail.subject:
        return False
    return not (PERSON_WORDS_RE.search(own) or client_quote(mail.text) or _sends_on(mail))


def _sends_on(mail: ParsedMail) -> bool:
    """What it carries is the writer's own mail, or a machine's (a bounce, an auto-reply): a
    person sending it on. A bounce carries the mail sent to the failed address, by somebody else."""
    for name, address, subject in original_senders(mail):
        if address and address == mail.from_addr:
            return True
        if _SYSTEM_NAME_RE.match(name) or _SYSTEM_LOCAL_RE.match(_local(address)):
            return True
        if SUBJECT_RE.match(subject):
            return True
    return False


def abuse_complaint(mail: ParsedMail, senders: list[str]) -> bool:
    """An abuse desk's complaint with the offending message attached or quoted."""
    if mail.header_values("x-arf"):
        return True
    if person_subject(mail.subject) or not (carries_original(mail)
                                            or quotes_original(mail.text)):
        return False
    if any(_ABUSE_LOCAL_RE.match(_local(s)) for s in senders):
        return True
    if inline_feedback_report(mail, PERSON_WORDS_RE):
        return True  # a report's fields in the text, outside multipart/report
    if not (mail.text.strip() or mail.html) and _IP_COMPLAINT_RE.search(mail.subject or ""):
        return True  # nothing but the message, under "complaint about message from <IP>"
    own = f"{mail.subject}\n{own_part(mail.text)}"
    asking = ASKING_RE.search(without_links(own))  # a link's "?" is nobody's question
    return bool(_ABUSE_SUBJECT_RE.search(mail.subject or "") and not asking
                and _ABUSE_BODY_RE.search(mail.text[:SCAN_CHARS]))


def failure_only(mail: ParsedMail) -> bool:
    """A bare failure notice: the subject names the failure, the body holds only failure
    sentences (each block between decoration and address lines one short sentence), no person."""
    if filtered_message(mail, (PERSON_WORDS_RE, _PERSON_RE)):
        return True  # a filter's notice of the stopped message's fields (filter_notices)
    subject, text = mail.subject or "", mail.text.strip()
    if FORWARD_RE.match(subject) or "?" in subject or not text or len(text) > NOTICE_CHARS:
        return False
    if not (FAILURE_RE.search(subject) or SUBJECT_RE.match(subject)):
        return False
    blocks, block = [], []
    for line in [*text.splitlines(), ""]:
        if _DECORATION_RE.fullmatch(_ADDRESS_WORD_RE.sub(" ", line)):  # decoration, addresses
            blocks += [" ".join(block)] if block else []
            block = []
        else:
            block.append(line.strip())
    if not blocks or len(blocks) > NOTICE_BLOCKS or not all(map(_failure_sentence, blocks)):
        return False
    return not (PERSON_WORDS_RE.search(text) or _PERSON_RE.search(text))


def _failure_sentence(block: str) -> bool:
    found = FAILURE_RE.search(block)
    if not found:
        return False
    rest = block[:found.start()] + " " + block[found.end():]
    return len(_ADDRESS_WORD_RE.sub(" ", rest).split()) <= NOTICE_SPARE_WORDS
