"""Pure: subaddresses (technik+tag@centron.de) and the question "is this one of ours?".

Postfix's `recipient_delimiter` (default `+`; each character of it delimits) splits a local part
into the mailbox and an extension; `technik+tag@` is delivered to `technik@` and counts as ours
wherever we look for our own addresses (own-address, loop, implicit delivery).
"""

from __future__ import annotations

from collections.abc import Iterable


def base_address(address: str, delimiter: str = "+") -> str:
    """The address without its extension, lower case: technik+tag@x → technik@x."""
    local, at, domain = address.strip().strip("<>").lower().rpartition("@")
    if not at:
        return address.strip().lower()
    for char in delimiter:
        if char and char in local:
            local = local.split(char, 1)[0]
    return f"{local}@{domain}"


def first_ours(addresses: Iterable[str], ours: frozenset[str], delimiter: str = "+") -> str | None:
    """The first of `addresses` that is one of `ours` (subaddresses included), or None."""
    for address in addresses:
        if address and base_address(address, delimiter) in ours:
            return address
    return None
