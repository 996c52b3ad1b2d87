"""Pure: the key that recognises the same mail for the same recipient again (an MTA retrying,
an IMAP poller that died before moving the mail). Standard library only: the pipe uses it."""

from __future__ import annotations

import hashlib


def dedup_key(raw: bytes, rcpt: str, message_id: str | None, source_ref: str | None) -> str:
    """Same Message-ID for the same recipient, else same source reference, else same bytes."""
    rcpt = rcpt.strip().lower()
    if message_id:
        basis = f"mid\0{message_id}\0{rcpt}".encode("utf-8", "replace")
    elif source_ref:
        basis = f"ref\0{source_ref}\0{rcpt}".encode("utf-8", "replace")
    else:
        basis = b"raw\0" + hashlib.sha256(raw).digest() + rcpt.encode("utf-8", "replace")
    return hashlib.sha256(basis).hexdigest()
