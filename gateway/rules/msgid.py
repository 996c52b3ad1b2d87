"""Pure: message-ids, and the Message-ID of raw mail from its header block alone.

Reception (SMTP, the pipe, IMAP) reads it for every mail, so it is cheap to import (`re` only:
the pipe starts a process per mail) and looks at a bounded prefix only. A message-id we use
(threading, In-Reply-To/References of a reply) is "<left@right>" of printable ASCII, at most
MAX_MESSAGE_ID characters; anything else (control characters, 5,000 characters) is ignored."""

from __future__ import annotations

import re

MAX_MESSAGE_ID = 250
REPLY_MESSAGE_ID_PREFIX = "gw."  # the left part of our own replies' Message-IDs starts so
RECEPTION_SCAN = 65_536  # the worker fills the Message-ID in from the full parse for the rest
MSGID_RE = re.compile(r"<[!-;=?A-~]+@[!-;=?A-~]+>")
_MSGID_SCAN = re.compile(r"<[^<>\s]{1,%d}>" % MAX_MESSAGE_ID)  # noqa: UP031 (regex braces)
_FOLDED_RE = re.compile(rb"\r?\n[ \t]")
_LINE_END_RE = re.compile(rb"\r?\n(?![ \t])")


def message_ids(value: str, keep_last: int | None = None) -> list[str]:
    """The valid message-ids in a header value (the last keep_last of them)."""
    if keep_last is not None:  # a References bomb: only its tail is looked at
        value = value[-keep_last * (MAX_MESSAGE_ID + 1):]
    found = [m for m in _MSGID_SCAN.findall(value) if MSGID_RE.fullmatch(m)]
    return found[-keep_last:] if keep_last is not None else found


def extract_message_id(raw: bytes) -> str | None:
    """The first valid id of the first Message-ID header in the first RECEPTION_SCAN bytes
    (plain byte searches: a header block of many megabytes costs nothing)."""
    end = raw.find(b"\r\n\r\n", 0, RECEPTION_SCAN)
    # a bare "\n\n" before it (only there: the body is not scanned, nor copied)
    bare = raw.find(b"\n\n", 0, RECEPTION_SCAN if end < 0 else end + 1)
    head = raw[: bare if bare >= 0 else end if end >= 0 else RECEPTION_SCAN]
    at = (b"\n" + head.lower()).find(b"\nmessage-id:")
    if at < 0:
        return None
    value = head[at + len(b"message-id:"):]
    value = _LINE_END_RE.split(value, maxsplit=1)[0]  # up to the end of its folded lines
    ids = message_ids(_FOLDED_RE.sub(b" ", value).decode("ascii", "replace"))
    return ids[0] if ids else None
