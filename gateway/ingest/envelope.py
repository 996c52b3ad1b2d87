"""Pure: is an envelope address (SMTP MAIL FROM/RCPT TO, the pipe's --sender) usable at all?

An address that is not valid UTF-8 (aiosmtpd hands such bytes over as surrogate escapes) or
holds control characters could not be stored, and must never become a reply address."""

from __future__ import annotations

import re

MAX_ADDRESS = 320  # RFC 5321 allows 256 for a path; a little slack for sloppy senders
_UNUSABLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def address_problem(address: str) -> str | None:
    """Why this envelope address cannot be taken, or None when it can."""
    if any("\udc80" <= ch <= "\udcff" for ch in address):
        return "not valid UTF-8"
    if _UNUSABLE_RE.search(address):
        return "control characters"
    if len(address) > MAX_ADDRESS:
        return f"longer than {MAX_ADDRESS} characters"
    return None
