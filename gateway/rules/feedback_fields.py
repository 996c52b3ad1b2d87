"""Pure: a feedback report (RFC 5965 ARF, an RFC 6591 DMARC failure report) sent without its
multipart/report structure: the report's machine-readable fields written into the text
("Feedback-Type: auth-failure", "Reported-Domain: ...", "Source-IP: ..."), at least three of
them with a known feedback type among them, and the reported message attached or quoted.

A person who pastes such fields writes something of their own beside them (a question, a
request, thanks, a greeting, I or we) and is answered; so is one who forwards a report (Fwd:,
WG:)."""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.originals import carries_original, own_part, quotes_original, without_links
from gateway.rules.parse import ParsedMail

SCAN_CHARS = 3000
FIELDS_MIN = 3
_TYPE_RE = re.compile(
    r"(?im)^feedback-type[ \t]*:[ \t]*(?:abuse|auth-failure|fraud|virus|other|not-spam|opt-out"
    r"|dkim|spf)\b")
_FIELD_RE = re.compile(
    r"(?im)^(feedback-type|user-agent|version|auth-failure|reported-domain|reported-uri|source-ip"
    r"|original-mail-from|original-rcpt-to|original-envelope-id|arrival-date|delivery-result"
    r"|identity-alignment|dkim-domain|spf-dns)[ \t]*:[ \t]*\S")
_FIELD_LINE_RE = re.compile(_FIELD_RE.pattern + r".*$", re.I | re.M)
# A person's words beside pasted fields (weekdays such as "Mon" are no French "mon" here)
_GREETING_OR_I_RE = re.compile(
    r"(?i)\b(?:hallo|hello|hi|dear|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen)|moin|anbei"
    r"|ich|wir|mein\w*|unser\w*|i|i'm|i've|we|my|our|bonjour|je|nous)\b")


def inline_feedback_report(mail: ParsedMail, person_words: re.Pattern) -> bool:
    """The fields of a feedback report in the text, the reported message beside them, and no
    word of a person before them (`person_words`: the caller's questions, requests, thanks;
    greetings and I/we here)."""
    head = mail.text[:SCAN_CHARS]
    found = _TYPE_RE.search(head)
    if not found or person_subject(mail.subject):
        return False
    if len({m.group(1).lower() for m in _FIELD_RE.finditer(head)}) < FIELDS_MIN:
        return False
    if not (carries_original(mail) or quotes_original(mail.text)):
        return False
    own = without_links(_FIELD_LINE_RE.sub(" ", own_part(mail.text)))  # the fields set aside
    return not (person_words.search(own) or _GREETING_OR_I_RE.search(own))
