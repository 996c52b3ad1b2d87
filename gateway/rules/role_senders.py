"""Pure: senders whose address says they are a program's, beyond the whole no-reply local parts
of classify (`noreply@`, `alerts@` ...).

- no-reply as one word of a longer local part, between `-`, `.`, `_` or `+`
  (`account-security-noreply@`, `noreply-dmarc-support@`, `do-not-reply.billing@`);
- a role local part that no person writes from, also with a subaddress (`receipts+acct_1@`,
  `notify@`, `newsletter@`, `updates@`, `mailer@`, `digest@`).

Either counts unless the mail reads like a person's own: plain words (no link, no attachment)
with a request, a question or a sign-off ("Bitte prüfen, danke. Moritz" from a contact form's
`no-reply-kontakt@`). A program's notice nearly always carries a link or an attachment.
`billing@`, `invoice@`, `rechnung@` are not such roles: a customer's accounts department writes
from them, tersely too, and is answered.
"""

from __future__ import annotations

import re

from gateway.rules.mail_systems import PERSON_WORDS_RE
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail

_NOREPLY_TOKEN_RE = re.compile(
    r"(?:^|[-._+])(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply)(?:[-._+]|$)")
_ROLE_RE = re.compile(
    r"^(?:receipts?|notify|notifications?|alerts?|mailer|newsletters?|news|updates|digest"
    r"|automailer|mailings?)(?:\+.*)?$")
SCAN_CHARS = 50000
_LINK_RE = re.compile(r"(?i)\b(?:https?://|www\.)\S")
# Requests and sign-offs a person writes, beside PERSON_WORDS_RE's questions and thanks.
_REQUEST_RE = re.compile(r"(?i)\bbitte\b|\bplease\b|\bmfg\b|\bviele gr")


def role_sender(mail: ParsedMail, senders: list[str]) -> bool:
    """A no-reply word or a program's role in a sender's local part, and no person's own mail."""
    locals_ = [s.rsplit("@", 1)[0].strip().lower() for s in senders]
    if not any(_NOREPLY_TOKEN_RE.search(local) or _ROLE_RE.match(local) for local in locals_):
        return False
    return not _writes_as_person(mail)


def _writes_as_person(mail: ParsedMail) -> bool:
    """Plain words of a person: no link, no attachment, and a request, question or sign-off."""
    if mail.attachments or _LINK_RE.search(mail.text[:SCAN_CHARS]):  # HTML: its text has the links
        return False
    own = own_part(mail.text)
    return bool(PERSON_WORDS_RE.search(own) or _REQUEST_RE.search(own))
