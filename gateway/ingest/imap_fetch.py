"""Fetching mail from an IMAP folder: small mails many at a time, a big one in parts.

imaplib reads a FETCH literal whole and imapclient parses it again: a 25 MB mail fetched in one
piece briefly costs over three times its size. So the sizes come first (RFC822.SIZE); mails up
to `PART` bytes are fetched in batches as before, bigger ones in parts of `PART` bytes
(`BODY.PEEK[]<offset.length>`, RFC 3501 6.4.5) written into one buffer of the announced size.
Batches are cut by count and by bytes, so that a folder of big mails is not held all at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from imapclient import IMAPClient

PART = 1 << 20          # bytes per partial fetch; mails up to this size come whole, in batches
BATCH_MAILS = 100       # mails per batch ...
BATCH_BYTES = 32 << 20  # ... and bytes (a bigger mail makes a batch of its own)
SIZES_AT_ONCE = 1000    # UIDs per RFC822.SIZE request (servers limit a command's length)


@dataclass
class Fetched:
    uid: int
    raw: bytes
    internal_date: datetime | None


def batches(client: IMAPClient, uids: list[int]) -> Iterator[tuple[list[int], dict[int, int]]]:
    """The UIDs in fetch batches, with their sizes; mails expunged meanwhile are left out."""
    for start in range(0, len(uids), SIZES_AT_ONCE):
        window = uids[start: start + SIZES_AT_ONCE]
        answer = client.fetch(window, ["RFC822.SIZE"])
        # a size the server leaves out (none should): the mail comes whole, in a batch
        sizes = {uid: int(answer[uid].get(b"RFC822.SIZE") or 0) for uid in window
                 if uid in answer}
        batch: list[int] = []
        size = 0
        for uid in window:
            if uid not in sizes:
                continue
            if batch and (len(batch) >= BATCH_MAILS or size + sizes[uid] > BATCH_BYTES):
                yield batch, sizes
                batch, size = [], 0
            batch.append(uid)
            size += sizes[uid]
        if batch:
            yield batch, sizes


def fetch(client: IMAPClient, uids: list[int], sizes: dict[int, int]) -> list[Fetched]:
    """The mails of one batch in UID order (one expunged meanwhile is left out)."""
    small = [uid for uid in uids if sizes[uid] <= PART]
    whole = client.fetch(small, ["BODY.PEEK[]", "INTERNALDATE"]) if small else {}
    mails = []
    for uid in uids:
        if uid in whole:
            data = whole.pop(uid)
            if data.get(b"BODY[]") is not None:  # else a flags update alone: the next pass
                mails.append(Fetched(uid, data[b"BODY[]"], data.get(b"INTERNALDATE")))
        elif uid not in small:
            mail = _in_parts(client, uid, sizes[uid])
            if mail is not None:
                mails.append(mail)
    return mails


def _in_parts(client: IMAPClient, uid: int, size: int) -> Fetched | None:
    """One big mail, part by part into one buffer. Should the server's size be off, the mail
    ends where a part comes back short (a part past the end is empty)."""
    answer = client.fetch([uid], ["INTERNALDATE", f"BODY.PEEK[]<0.{PART}>"]).get(uid)
    if answer is None:
        return None  # expunged meanwhile
    internal_date = answer.get(b"INTERNALDATE")
    buffer = bytearray(size)
    part = answer.pop(b"BODY[]<0>", None) or b""
    offset = 0
    while True:
        buffer[offset: offset + len(part)] = part  # in place while within the size
        offset += len(part)
        if len(part) < PART:
            break
        key = f"BODY[]<{offset}>"
        answer = client.fetch([uid], [f"BODY.PEEK[]<{offset}.{PART}>"]).get(uid)
        if answer is None:
            return None  # expunged meanwhile: never store a part of a mail
        part = answer.pop(key.encode(), None) or b""
    del buffer[offset:]
    return Fetched(uid, bytes(buffer), internal_date)
