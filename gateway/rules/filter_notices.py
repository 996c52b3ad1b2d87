"""Pure: a mail filter's notice to the sender that their message was stopped (reason `bounce`,
through `mail_systems.failure_only`): a content filter or a secure mail gateway (Trustwave
MailMarshal, Kaspersky Secure Mail Gateway ...) that writes neither a DSN nor the original, only
the message's fields. Known by all of it together, never by the subject alone:

- the subject names a failure or a block ("Nachricht wurde nicht zugestellt", "Message blocked:
  Re: ...", "Undeliverable", "quarantined");
- the text lists the stopped message by its fields: a sender field *and* a subject field
  ("Absender: technik@…", "Betreff: Re: VPN-Zugang", "From: …", "Subject: …", "Expéditeur",
  "Objet", "Mittente", "Oggetto", "Remitente", "Asunto");
- not a word of a person (the caller's questions, thanks, greetings, I/we; `person_words`);
- not the writer's own mail quoted as a mail client quotes it (Sent:), nor the writer as the
  stopped message's sender: a customer who sends on a bounce of their own mail without a word
  ("Unzustellbar: Angebot" over "From: Nina Vogel <nina@…>", "Sent: …") is a person.
A customer who pastes such a notice greets, asks or signs, or sends it on (Fwd:, WG:).
"""

from __future__ import annotations

import re

from gateway.rules.bounces import FAILURE_RE, SUBJECT_RE, person_subject
from gateway.rules.originals import client_quote
from gateway.rules.parse import ParsedMail

SCAN_CHARS = 3000
_BLOCKED_RE = re.compile(
    r"(?i)\b(?:message|mail|e-?mail|nachricht|courriel|messaggio|mensaje)\b[^\n]{0,20}\b(?:blocked"
    r"|blockiert|gesperrt|gestoppt|stopped|quarantined|bloqu(?:é|e)|bloccato|bloqueado)\b"
    r"|^\W*(?:blocked|quarantined|blockiert)\b")
_SENDER_FIELD_RE = re.compile(
    r"(?im)^[ \t]*(?:from|sender|absender|von|exp(?:é|e)diteur|mittente|remitente)[ \t]*:[ \t]*"
    r"(\S[^\n]*)")
_ADDRESS_RE = re.compile(r"[^\s<>\"(),;:]+@[^\s<>\"(),;:]+")
_SUBJECT_FIELD_RE = re.compile(
    r"(?im)^[ \t]*(?:subject|betreff|objet|oggetto|asunto)[ \t]*:[ \t]*\S")


def filtered_message(mail: ParsedMail, person_words: tuple[re.Pattern, ...]) -> bool:
    """A filter's notice: a failure or block subject, the message's fields, no person's words."""
    subject = mail.subject or ""
    if person_subject(subject) or "?" in subject:
        return False
    if not (FAILURE_RE.search(subject) or SUBJECT_RE.match(subject) or _BLOCKED_RE.search(subject)):
        return False
    text = mail.text[:SCAN_CHARS]
    sender = _SENDER_FIELD_RE.search(text)
    if not (sender and _SUBJECT_FIELD_RE.search(text)) or client_quote(text):
        return False
    if (mail.from_addr or "").lower() in {a.lower() for a in _ADDRESS_RE.findall(sender.group(1))}:
        return False  # the writer's own message: sent on
    return not any(words.search(text) for words in person_words)
