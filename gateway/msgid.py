"""Pure: the Message-ID of raw mail from its header block alone.

Reception (SMTP, the pipe, IMAP) needs it for every mail to recognise duplicates, so it is
cheap to import (`re` only: the pipe starts a process per mail) and never copies the mail."""

from __future__ import annotations

import re

MSGID_RE = re.compile(r"<[^<>\s]+>")
_HEADER_END_RE = re.compile(rb"\r?\n\r?\n")
_MSGID_HEADER_RE = re.compile(rb"^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", re.I | re.M)


def extract_message_id(raw: bytes) -> str | None:
    """The first <...> of the first Message-ID header, looked for in the header block only."""
    end = _HEADER_END_RE.search(raw)
    match = _MSGID_HEADER_RE.search(raw, 0, end.start() if end else len(raw))
    if not match:
        return None
    ids = MSGID_RE.findall(match.group(1).decode("ascii", "replace"))
    return ids[0] if ids else None
