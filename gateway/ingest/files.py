"""mbox and Maildir sources: raw bytes plus the time the mailbox says they arrived."""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses
from pathlib import Path

from gateway.subaddress import base_address

_FROM_LINE_DATE_RE = re.compile(r"^From \S+\s+(.+)$")


@dataclass(frozen=True)
class FileMail:
    raw: bytes
    received_at: datetime | None
    source_ref: str


def _mbox_time(message: mailbox.mboxMessage) -> datetime | None:
    match = _FROM_LINE_DATE_RE.match("From " + message.get_from())
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1).strip(), "%a %b %d %H:%M:%S %Y").replace(tzinfo=UTC)
    except ValueError:
        return None


def iter_mailbox(path: Path) -> Iterator[FileMail]:
    """Every message of an mbox file or a Maildir folder, oldest first where the format says."""
    if path.is_dir():
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in sorted(box.keys()):
            message = box.get_message(key)
            when = datetime.fromtimestamp(message.get_date(), UTC)
            yield FileMail(box.get_bytes(key), when, f"maildir:{path.name}:{key}")
    else:
        box = mailbox.mbox(path, factory=None, create=False)
        for index, key in enumerate(box.keys()):
            message = box.get_message(key)
            yield FileMail(box.get_bytes(key), _mbox_time(message), f"mbox:{path.name}:{index}")


def count_mailbox(path: Path) -> int:
    box = mailbox.Maildir(path, create=False) if path.is_dir() else mailbox.mbox(path, create=False)
    return len(box)


def guess_recipients(raw: bytes, own: set[str], delimiter: str = "+") -> list[str]:
    """Which of our addresses a stored mail was for: Delivered-To/X-Original-To, then To/Cc
    (a subaddress technik+tag@ counts as technik@)."""
    head = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    fields: dict[str, list[str]] = {}
    for line in re.sub(r"\r?\n[ \t]+", " ", head).splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields.setdefault(name.strip().lower(), []).append(value)
    for names in (("delivered-to", "x-original-to", "envelope-to"), ("to", "cc")):
        values = [v for n in names for v in fields.get(n, [])]
        found = [base_address(a, delimiter) for _, a in getaddresses(values)]
        found = [a for a in found if a in own]
        if found:
            return list(dict.fromkeys(found))
    return []
