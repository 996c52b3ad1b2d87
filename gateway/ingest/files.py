"""mbox and Maildir sources: raw bytes plus the time the mailbox says they arrived."""

from __future__ import annotations

import mailbox
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses
from pathlib import Path

from gateway.subaddress import base_address

_FROM_LINE_DATE_RE = re.compile(r"^From \S+\s+(.+)$")


class UnsafeFile(ValueError):
    """A mailbox named on the command line that is no regular file (a FIFO, a device)."""


@dataclass(frozen=True)
class FileMail:
    raw: bytes
    received_at: datetime | None
    source_ref: str
    skipped: str | None = None  # why this mail was not read (raw is then empty)


def read_regular(file: Path, root: Path, limit: int) -> tuple[bytes, float]:
    """The bytes and mtime of a regular file inside `root`, at most `limit` bytes. UnsafeFile
    for a symbolic link out of the folder (a relay password file, /etc/passwd), a FIFO or a
    device (a hang, /dev/zero to a MemoryError), or a file over the limit."""
    target = file.resolve()  # also a link among the folders above it (cur -> /etc)
    if not target.is_relative_to(root.resolve()):
        raise UnsafeFile(f"a symbolic link out of the folder (to {target})")
    file = target
    try:  # O_NONBLOCK: a FIFO opens at once (and is refused), O_NOFOLLOW: no late symlink
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise UnsafeFile(f"cannot open it: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile("not a regular file (a FIFO, a device or a socket)")
        raw = handle.read(limit + 1) if info.st_size <= limit else b""
        if info.st_size > limit or len(raw) > limit:
            raise UnsafeFile(f"{max(info.st_size, len(raw))} bytes, over smtp.max_message_size "
                             f"({limit} bytes)")
        return raw, info.st_mtime


def _mbox_time(message: mailbox.mboxMessage) -> datetime | None:
    match = _FROM_LINE_DATE_RE.match("From " + message.get_from())
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1).strip(), "%a %b %d %H:%M:%S %Y").replace(tzinfo=UTC)
    except ValueError:
        return None


def _maildir_files(path: Path) -> list[tuple[str, Path]]:
    """(key, file) of new/ and cur/, by key (the name before the flags), as mailbox sorts."""
    found = []
    if not (path / "cur").is_dir() and not (path / "new").is_dir():
        raise UnsafeFile(f"{path}: a folder without cur/ or new/ is no Maildir")
    for sub in ("new", "cur"):
        if not (path / sub).is_dir():
            continue
        with os.scandir(path / sub) as entries:
            found += [(e.name.split(":", 1)[0], path / sub / e.name) for e in entries
                      if not e.name.startswith(".")]
    return sorted(found)


def check_mbox(path: Path) -> None:
    """The mbox file itself: a regular file (it is read to its end to find the messages)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise UnsafeFile(f"{path}: not a regular file (a FIFO, a device or a socket)")


def iter_mailbox(path: Path, limit: int) -> Iterator[FileMail]:
    """Every message of an mbox file or a Maildir folder, oldest first where the format says;
    one that cannot be read safely (see read_regular) comes with `skipped` set."""
    if path.is_dir():
        for key, file in _maildir_files(path):
            ref = f"maildir:{path.name}:{key}"
            try:
                raw, mtime = read_regular(file, path, limit)
            except UnsafeFile as exc:
                yield FileMail(b"", None, ref, skipped=str(exc))
                continue
            yield FileMail(raw, datetime.fromtimestamp(mtime, UTC), ref)
        return
    check_mbox(path)
    box = mailbox.mbox(path, factory=None, create=False)
    for index, key in enumerate(box.keys()):
        ref = f"mbox:{path.name}:{index}"
        start, stop = box._toc[key]  # noqa: SLF001 (the one place that knows a message's size)
        if stop - start > limit:
            yield FileMail(b"", None, ref, skipped=f"{stop - start} bytes, over "
                           f"smtp.max_message_size ({limit} bytes)")
            continue
        yield FileMail(box.get_bytes(key), _mbox_time(box.get_message(key)), ref)


def count_mailbox(path: Path) -> int:
    if path.is_dir():
        return len(_maildir_files(path))
    check_mbox(path)
    return len(mailbox.mbox(path, create=False))


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
