"""SQLite: a big mail written in short write transactions, so that it never holds the writer
for long (25 MB in one transaction held it 0.1-0.3 s, and every small mail waited):

1. `stage`: a row per recipient under a provisional key, status 'receiving' (the worker does
   not see it); a recipient that has the mail already is a duplicate, as in store.py;
2. `write_chunk`: the bytes, CHUNK at a time, each in a transaction of its own;
3. `finish`: all rows get their real key and status 'received' in one transaction. Only then
   may the source say 250. A mail stored meanwhile by another session makes ours a duplicate.

A failure on the way removes what was staged (`abandon`); what a crash leaves 'receiving' goes
at the next start (queue.release_claims). Each step raises TemporaryFailure ("locked") at once
while another writer holds the lock: the caller waits and calls it again."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from gateway.codes import InboundStatus
from gateway.errors import TemporaryFailure
from gateway.ingest.store import (
    _SQLITE_INSERT,
    _SQLITE_KNOWN,
    _SQLITE_RAW,
    STORED_COLUMNS,
    Incoming,
    Prepared,
    Stored,
    _row,
    _unavailable_is_temporary,
    prepare,
    store_batch,
)
from gateway.store.models import INBOUND, RAW
from gateway.store.raw import CHUNK

BIG = 256 * 1024  # a batch over this many bytes is written in chunks (SMTP: BatchWriter.INLINE_BYTES)


@dataclass
class Staged:
    keys: list[str]                                   # per item, its real dedup key
    ids: list[int | None] = field(default_factory=list)  # our row, or None: a duplicate
    known: dict[str, int] = field(default_factory=dict)  # dedup key -> a row stored before


def in_transaction(engine: Engine, work: Callable, *args: Any) -> Any:
    """work(cursor, *args) in one IMMEDIATE transaction, committed (fsync) before returning."""
    with _unavailable_is_temporary():
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            result = work(cursor, *args)
            cursor.execute("COMMIT")
            return result
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()


def stage(cursor: Any, prepared: list[Prepared], as_db_time: Callable) -> Staged:
    staged = Staged([key for _, key, _, _ in prepared])
    for item, key, message_id, digest in prepared:
        known = cursor.execute(_SQLITE_KNOWN, (key,)).fetchone()
        if known is not None or key in staged.keys[:len(staged.ids)]:
            staged.known.setdefault(key, known[0] if known else -1)
            staged.ids.append(None)
            continue
        row = _row(item, f"receiving:{secrets.token_hex(16)}", message_id, digest)
        row["received_at"] = as_db_time(row["received_at"])
        row["status"] = str(InboundStatus.RECEIVING)
        cursor.execute(_SQLITE_INSERT, tuple(row[name] for name in STORED_COLUMNS))
        staged.ids.append(cursor.fetchone()[0])
    return staged


def write_chunk(cursor: Any, inbound_id: int, seq: int, chunk: memoryview) -> None:
    cursor.execute(_SQLITE_RAW, (inbound_id, seq, chunk))


def finish(cursor: Any, staged: Staged) -> list[Stored]:
    mine: dict[str, int] = {}
    for key, inbound_id in zip(staged.keys, staged.ids, strict=True):
        if inbound_id is None:
            continue
        known = cursor.execute(_SQLITE_KNOWN, (key,)).fetchone()
        if known is not None:  # another session stored it meanwhile: ours goes
            _drop(cursor, inbound_id)
            staged.known[key] = known[0]
            continue
        cursor.execute(f"UPDATE {INBOUND.name} SET dedup_key = ?, status = ? WHERE id = ? AND "
                       "status = ?", (key, str(InboundStatus.RECEIVED), inbound_id,
                                      str(InboundStatus.RECEIVING)))
        if cursor.rowcount != 1:  # removed meanwhile (a start's clean-up): nothing is stored
            raise TemporaryFailure(f"the staged mail {inbound_id} is gone; try again")
        mine[key] = inbound_id
    results = []
    for key, inbound_id in zip(staged.keys, staged.ids, strict=True):
        if inbound_id is not None and mine.get(key) == inbound_id:
            results.append(Stored(inbound_id, False))
        else:  # stored before, meanwhile, or earlier in this very mail's recipients
            results.append(Stored(mine.get(key) or staged.known[key], True))
    return results


def store_paced(engine: Engine, items: list[Incoming]) -> list[Stored]:
    """store_batch for the sources that wait in a thread (IMAP): on SQLite a batch with more
    than BIG bytes is written as above, each step waiting for the lock on its own."""
    if engine.dialect.name != "sqlite" or sum(len(item.raw) for item in items) <= BIG:
        return store_batch(engine, items)
    prepared = prepare(items)
    as_db_time = INBOUND.c.received_at.type.bind_processor(engine.dialect)
    staged = in_transaction(engine, stage, prepared, as_db_time)
    try:
        for inbound_id, (item, *_) in zip(staged.ids, prepared, strict=True):
            for seq, chunk in chunks(inbound_id, item.raw):
                in_transaction(engine, write_chunk, inbound_id, seq, chunk)
        return in_transaction(engine, finish, staged)
    except BaseException:
        with contextlib.suppress(Exception):
            in_transaction(engine, abandon, staged)
        raise


def chunks(inbound_id: int | None, raw: bytes):
    """(seq, bytes) of a staged mail's chunks; none for a duplicate (no row of ours)."""
    if inbound_id is None:
        return
    view = memoryview(raw)
    for seq, start in enumerate(range(0, len(view), CHUNK)):
        yield seq, view[start:start + CHUNK]


def abandon(cursor: Any, staged: Staged) -> None:
    for inbound_id in staged.ids:
        if inbound_id is not None:
            _drop(cursor, inbound_id)


def _drop(cursor: Any, inbound_id: int) -> None:
    cursor.execute(f"DELETE FROM {RAW.name} WHERE inbound_id = ?", (inbound_id,))
    cursor.execute(f"DELETE FROM {INBOUND.name} WHERE id = ? AND status = ?",
                   (inbound_id, str(InboundStatus.RECEIVING)))
