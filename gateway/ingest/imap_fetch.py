"""Fetching mail from an IMAP folder: small mails many at a time, a big one in parts.

imaplib reads a FETCH literal whole and imapclient parses it again: a 25 MB mail fetched in one
piece briefly costs over three times its size. So the sizes come first (RFC822.SIZE); mails up
to `PART` bytes are fetched in batches as before, bigger ones in parts of `PART` bytes
(`BODY.PEEK[]<offset.length>`, RFC 3501 6.4.5) appended to one buffer as they arrive (never
allocated from a number the server gives). Batches are cut by count and by bytes, so that a
folder of big mails is not held all at once.

A mail announced larger than the limit (smtp.max_message_size) is not fetched: it stays on the
server and is reported (`Skips.too_big`). A mail whose answer lacks what was asked (a flags
update alone, a part without its body, expunged meanwhile) is skipped for this pass
(`Skips.retry`): the next pass takes it, and the caller must not pass over its UID.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from imapclient import IMAPClient

from gateway.config.settings import SmtpConfig

log = logging.getLogger("gateway.imap")
PART = 1 << 20          # bytes per partial fetch; mails up to this size come whole, in batches
BATCH_MAILS = 100       # mails per batch ...
BATCH_BYTES = 32 << 20  # ... and bytes (a bigger mail makes a batch of its own)
SIZES_AT_ONCE = 1000    # UIDs per RFC822.SIZE request (servers limit a command's length)
MAX_SIZE = SmtpConfig.model_fields["max_message_size"].default  # when none is given


@dataclass
class Fetched:
    uid: int
    raw: bytes
    internal_date: datetime | None


@dataclass
class Skips:
    """What a pass left on the server: `retry` (UIDs the next pass takes again), `too_big`
    ((UID, announced size) over the limit: until an admin acts), `unreadable` (UIDs whose
    size the server garbled)."""
    limit: int = MAX_SIZE
    retry: list[int] = field(default_factory=list)
    too_big: list[tuple[int, int]] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)


def batches(client: IMAPClient, uids: list[int], skips: Skips | None = None,
            ) -> Iterator[tuple[list[int], dict[int, int]]]:
    """The UIDs in fetch batches, with their sizes; mails not to fetch now are in `skips`."""
    skips = Skips() if skips is None else skips
    for start in range(0, len(uids), SIZES_AT_ONCE):
        window = uids[start: start + SIZES_AT_ONCE]
        sizes = _sizes(client.fetch(window, ["RFC822.SIZE"]), window, skips)
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


def _sizes(answer: dict, window: list[int], skips: Skips) -> dict[int, int]:
    sizes = {}
    for uid in window:
        value = answer.get(uid, {}).get(b"RFC822.SIZE")
        if value is None:  # expunged meanwhile, or a flags update alone: the next pass
            skips.retry.append(uid)
            continue
        try:
            size = int(value)
        except (TypeError, ValueError):
            log.warning("IMAP uid %s: unreadable RFC822.SIZE %r from the server: left there",
                        uid, value, extra={"event": "imap_bad_size", "uid": uid})
            skips.unreadable.append(uid)
            continue
        if size > skips.limit:
            log.warning("IMAP uid %s: %s bytes, over smtp.max_message_size (%s): left on the "
                        "server", uid, size, skips.limit,
                        extra={"event": "imap_too_big", "uid": uid, "size": size})
            skips.too_big.append((uid, size))
            continue
        sizes[uid] = max(size, 0)
    return sizes


def fetch(client: IMAPClient, uids: list[int], sizes: dict[int, int],
          skips: Skips) -> list[Fetched]:
    """The mails of one batch in UID order (those skipped are noted in `skips`)."""
    small = [uid for uid in uids if sizes[uid] <= PART]
    whole = client.fetch(small, ["BODY.PEEK[]", "INTERNALDATE"]) if small else {}
    mails = []
    for uid in uids:
        if uid in small:
            data = whole.get(uid, {})
            mail = _whole(uid, data, skips.limit)
        else:
            mail = _in_parts(client, uid, sizes[uid], skips.limit)
        if mail is None:
            skips.retry.append(uid)
        else:
            mails.append(mail)
    return mails


def _whole(uid: int, data: dict, limit: int) -> Fetched | None:
    """A mail fetched whole; None for an answer without it (a flags update alone, expunged)."""
    raw = data.get(b"BODY[]")
    if raw is None or len(raw) > limit:
        return None
    return Fetched(uid, raw, data.get(b"INTERNALDATE"))


def _in_parts(client: IMAPClient, uid: int, size: int, limit: int) -> Fetched | None:
    """One big mail, part by part. A part without its body: None (the next pass). A part that
    comes back short before the announced size (a server that caps partial fetches): the mail
    once whole. Past the announced size, a short or missing part ends the mail."""
    answer = client.fetch([uid], ["INTERNALDATE", f"BODY.PEEK[]<0.{PART}>"]).get(uid)
    if answer is None:
        return None  # expunged meanwhile
    internal_date = answer.get(b"INTERNALDATE")
    buffer = bytearray()
    while True:
        part = answer.get(f"BODY[]<{len(buffer)}>".encode())
        if part is None and (len(buffer) < size or not buffer):
            log.warning("IMAP uid %s: part at %s came without its body: next pass", uid,
                        len(buffer), extra={"event": "imap_part_missing", "uid": uid})
            return None  # never store a part of a mail
        buffer += part or b""
        if len(buffer) > limit:
            return None  # the server sends more than it announced, beyond the limit
        if part is None or len(part) < PART:
            break
        answer = client.fetch([uid], [f"BODY.PEEK[]<{len(buffer)}.{PART}>"]).get(uid)
        if answer is None:
            return None  # expunged meanwhile: never store a part of a mail
    if len(buffer) < size:  # capped parts: the mail once whole, never an empty one
        mail = _whole(uid, client.fetch([uid], ["BODY.PEEK[]", "INTERNALDATE"]).get(uid, {}),
                      limit)
        return mail if mail is not None and mail.raw else None
    return Fetched(uid, bytes(buffer), internal_date)
