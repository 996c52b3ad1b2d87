"""Pure: the key that recognises the same mail for the same recipient again (an MTA retrying
after a lost 250, an IMAP poller that died before moving the mail, a pipe run again). By
content: a different mail that reuses a Message-ID is a mail of its own. Standard library
only: the pipe uses it. Migration 0004 holds a frozen copy of this formula."""

from __future__ import annotations

import hashlib


def dedup_key(sha256_hex: str, rcpt: str) -> str:
    """The same bytes (their sha256) for the same recipient."""
    return hashlib.sha256(f"raw\0{sha256_hex}\0{rcpt.strip().lower()}".encode()).hexdigest()
