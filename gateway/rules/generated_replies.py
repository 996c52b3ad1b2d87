"""Pure: answers that a program writes on somebody's behalf (reason `auto-reply`).

- An iCalendar reply (iMIP, RFC 6047: `METHOD:REPLY`, "Angenommen: ...", "Accepted: ...") is the
  calendar client's answer to an invitation, not a request: with no text, or a text with no
  word of a person (no question, request or sign-off: the client's "Jana Peters has accepted
  this invitation"). An invitation (`METHOD:REQUEST`) or a reply with the person's own question
  is a person's mail, and so is a reply sent on (`WG: Angenommen: ...`).
- A ticket system's automatic reply whose subject is the ticket's tag and "AutoReply:"
  (Request Tracker: "[rt.example.se #20931] AutoReply: ...", its text in any language).
- A helpdesk's auto-acknowledgement, by the vendor's header that names the mail's type:
  Freshdesk's `X-FD-Email-Type: ticket_auto_reply`, and any `X-...-Email-Type` or
  `X-...-Mail-Type` header whose value names an automatic reply. Zendesk, OTRS/Znuny, Jira
  Service Management and osTicket mark theirs with `Auto-Submitted` or `Precedence`, which
  classify reads already.
- An acknowledgement under an automatic reply's own subject words (prefixed_acks).
- A mail client's return receipt written as plain text, not as an MDN (Lotus/IBM Notes: subject
  "Return Receipt", the body "Your document: <subject> / was received by: <name> / at: <time>"
  and nothing else of a person): reason `read-receipt`, read by classify.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.mail_systems import PERSON_REQUEST_RE, PERSON_WORDS_RE
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.prefixed_acks import prefixed_ack

CALENDAR_BYTES = 8000
_CALENDAR_TYPES = ("text/calendar", "application/ics")
_METHOD_REPLY_RE = re.compile(rb"(?im)^METHOD:[ \t]*REPLY[ \t]*\r?$")
_PARAM_REPLY_RE = re.compile(r"(?i);\s*method\s*=\s*\"?reply\b")
_TYPE_HEADER_RE = re.compile(r"^x-[\w-]*(?:e-?mail|mail|message)-type$")
_AUTO_VALUE_RE = re.compile(r"(?i)auto[-_ ]?(?:reply|replied|respon|ack)")
# "[rt.example.se #20931] AutoReply: ...": a ticket's tag, then the automatic reply's word; a
# person answering it writes "Re: [...] AutoReply: ..." first.
_TAGGED_AUTO_SUBJECT_RE = re.compile(
    r"(?i)^\s*\[[^\]\n]{1,60}#\s?\d+\]\s*auto-?(?:reply|response|antwort)\s*:")
_RECEIPT_SUBJECT_RE = re.compile(r"(?i)^\s*return receipt\s*(?:\(confirmation\))?\s*$")
_RECEIPT_BODY_RE = re.compile(
    r"(?i)^\s*your document:[^\n]*\n\s*was received by:[^\n]+\n\s*at:[^\n]+\s*$")


def generated_reply(mail: ParsedMail) -> bool:
    return helpdesk_auto_reply(mail) or calendar_reply(mail) or prefixed_ack(mail)


def helpdesk_auto_reply(mail: ParsedMail) -> bool:
    """A vendor's mail-type header that says: automatic reply; or a ticket system's automatic
    reply by its subject, the ticket's tag and then "AutoReply:" (Request Tracker's)."""
    if _TAGGED_AUTO_SUBJECT_RE.match(mail.subject or ""):
        return True
    return any(_TYPE_HEADER_RE.match(name) and _AUTO_VALUE_RE.search(value)
               for name, value in mail.headers)


def calendar_reply(mail: ParsedMail) -> bool:
    """A calendar client's REPLY with no words of a person beside it; not one a person sends
    on or answers (Fwd:, WG:, Re:, AW: ...)."""
    if person_subject(mail.subject):
        return False
    if not any(_is_reply(a.content_type, a.filename, a.data) for a in mail.attachments):
        if not (mail.content_type == "text/calendar"
                and _PARAM_REPLY_RE.search(mail.header("content-type") or "")):
            return False
    own = without_links(own_part(mail.text))
    return not (PERSON_WORDS_RE.search(own) or PERSON_REQUEST_RE.search(own))


def _is_reply(content_type: str, filename: str, data: bytes) -> bool:
    calendar = content_type in _CALENDAR_TYPES or filename.lower().endswith(".ics")
    return calendar and bool(_METHOD_REPLY_RE.search(data[:CALENDAR_BYTES]))


def plain_receipt(mail: ParsedMail) -> bool:
    """A Notes return receipt: its subject, and a body of nothing but its three lines."""
    return bool(_RECEIPT_SUBJECT_RE.match(mail.subject or "")
                and _RECEIPT_BODY_RE.match(mail.text[:1000]))
