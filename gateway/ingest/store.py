"""Durable, idempotent storage of raw mail: the one entry point every source uses.

Store first, acknowledge after: a source may only say "accepted" once `store_batch`
has returned, because by then the bytes are committed.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from gateway.codes import InboundStatus
from gateway.errors import TemporaryFailure
from gateway.rules.dedup import dedup_key
from gateway.rules.msgid import extract_message_id
from gateway.store.models import INBOUND, RAW

log = logging.getLogger("gateway.ingest")


@dataclass(frozen=True)
class Incoming:
    """Raw bytes plus the envelope, as a source hands them over."""

    raw: bytes
    rcpt: str
    sender: str | None
    source: str
    received_at: datetime
    source_ref: str | None = None
    replies: str | None = None  # backfill: "recent" or "none" (see Pipeline._replies_allowed)


@dataclass(frozen=True)
class Stored:
    inbound_id: int
    duplicate: bool


Prepared = tuple[Incoming, str, str | None, str]  # the item, its dedup key, Message-ID, sha256


# What a new row is stored with (the other columns are filled by processing). The SQLite
# statement below is built from this list and the table, so it cannot drift from the schema.
STORED_COLUMNS = ("dedup_key", "message_id", "sha256", "size", "envelope_sender", "rcpt",
                  "source", "source_ref", "received_at", "status", "attempts", "replies")


def _row(item: Incoming, key: str, message_id: str | None, sha256_hex: str) -> dict:
    if item.received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    return {
        "dedup_key": key, "message_id": message_id, "sha256": sha256_hex,
        "size": len(item.raw), "envelope_sender": item.sender,
        "rcpt": item.rcpt.strip().lower(), "source": item.source, "source_ref": item.source_ref,
        "received_at": item.received_at, "status": InboundStatus.RECEIVED, "attempts": 0,
        "replies": item.replies,
    }


def prepare(items: list[Incoming]) -> list[Prepared]:
    """Duplicates by content: the same bytes (their sha256) for the same recipient."""
    prepared = []
    for item in items:
        digest = hashlib.sha256(item.raw).hexdigest()
        prepared.append((item, dedup_key(digest, item.rcpt), extract_message_id(item.raw),
                         digest))
    return prepared


@contextmanager
def _unavailable_is_temporary() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        raise TemporaryFailure(f"database unavailable: {exc.orig}") from exc
    except sqlite3.OperationalError as exc:
        raise TemporaryFailure(f"database unavailable: {exc}") from exc


def store_batch(engine: Engine, items: list[Incoming]) -> list[Stored]:
    """Commit all items in one transaction (one fsync for many sessions); duplicates are found.

    Raises TemporaryFailure when the database cannot take the write: the source must then
    answer "try again later" (SMTP 451, sysexits 75) and keep the mail.
    """
    if not items:
        return []
    prepared = prepare(items)
    with _unavailable_is_temporary():
        try:
            if engine.dialect.name == "sqlite":
                return insert_uncommitted(engine, prepared).commit()
            return _insert_new(engine, prepared)
        except IntegrityError:
            # Another instance stored one of these between our look-up and our insert: go one
            # by one.
            return [_insert_new(engine, [entry])[0] for entry in prepared]


def _sqlite_insert() -> str:
    columns = [INBOUND.c[name].name for name in STORED_COLUMNS]  # KeyError if one is gone
    return (f"INSERT INTO {INBOUND.name} ({', '.join(columns)}) VALUES "
            f"({', '.join('?' for _ in columns)}) ON CONFLICT ({INBOUND.c.dedup_key.name}) "
            f"DO NOTHING RETURNING {INBOUND.c.id.name}")


_SQLITE_INSERT = _sqlite_insert()
_SQLITE_KNOWN = f"SELECT id FROM {INBOUND.name} WHERE dedup_key = ?"
# the bytes in their own table (models.InboundRaw): the inbound row stays small
_SQLITE_RAW = (f"INSERT INTO {RAW.name} ({RAW.c.inbound_id.name}, {RAW.c.seq.name}, "
               f"{RAW.c.raw.name}) VALUES (?, ?, ?)")


@dataclass
class Uncommitted:
    """SQLite: a batch inserted in an open transaction. Nothing is stored, and nobody may be
    told so, until commit() has returned (it blocks for the fsync: call it from a thread)."""

    connection: Any  # a pooled DB-API connection (SQLAlchemy's), closed by commit()
    results: list[Stored]

    def commit(self) -> list[Stored]:
        with _unavailable_is_temporary():
            try:
                self.connection.cursor().execute("COMMIT")
            except BaseException:
                self.connection.rollback()
                raise
            finally:
                self.connection.close()
        return self.results


def insert_uncommitted(engine: Engine, prepared: list[Prepared]) -> Uncommitted:
    """The SQLite path straight on the driver: SMTP sessions wait for this commit, and the
    ORM's Python work would hold the GIL that the event loop needs (see bench/smtp_ingest.py).
    Dates go through the column type's own bind processor, so they read back as usual.
    Raises TemporaryFailure while another writer holds the lock (busy timeout of `engine`)."""
    as_db_time = INBOUND.c.received_at.type.bind_processor(engine.dialect)
    with _unavailable_is_temporary():
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            results = [_insert_one(cursor, entry, as_db_time) for entry in prepared]
            return Uncommitted(connection, results)
        except BaseException:
            connection.rollback()
            connection.close()
            raise


def _insert_one(cursor: Any, entry: Prepared, as_db_time: Callable) -> Stored:
    item, key, message_id, digest = entry
    row = _row(item, key, message_id, digest)
    row["received_at"], row["status"] = as_db_time(row["received_at"]), str(row["status"])
    cursor.execute(_SQLITE_INSERT, tuple(row[name] for name in STORED_COLUMNS))
    new = cursor.fetchone()
    if new is None:  # a duplicate: stored before, or earlier in this batch
        return Stored(cursor.execute(_SQLITE_KNOWN, (key,)).fetchone()[0], True)
    cursor.execute(_SQLITE_RAW, (new[0], 0, item.raw))
    return Stored(new[0], False)


def _insert_new(engine: Engine, prepared: list[Prepared]) -> list[Stored]:
    keys = {key for _, key, _, _ in prepared}
    with engine.begin() as conn:
        known = dict(conn.execute(select(INBOUND.c.dedup_key, INBOUND.c.id)
                                  .where(INBOUND.c.dedup_key.in_(keys))).all())
        fresh: dict[str, dict] = {}
        raws: dict[str, bytes] = {}
        for item, key, message_id, digest in prepared:
            if key not in known and key not in fresh:
                fresh[key], raws[key] = _row(item, key, message_id, digest), item.raw
        inserted = {}
        if fresh:
            stmt = insert(INBOUND).returning(INBOUND.c.dedup_key, INBOUND.c.id)
            inserted = dict(conn.execute(stmt, list(fresh.values())).all())
            conn.execute(insert(RAW), [{"inbound_id": inserted[key], "seq": 0, "raw": raws[key]}
                                       for key in fresh])
    results, seen = [], set()
    for _, key, _, _ in prepared:
        duplicate = key in known or key in seen
        seen.add(key)
        results.append(Stored(known.get(key) or inserted[key], duplicate))
    return results


def store(engine: Engine, item: Incoming) -> Stored:
    stored = store_batch(engine, [item])[0]
    log.info("accepted inbound %s for %s from %s via %s%s", stored.inbound_id, item.rcpt,
             item.sender, item.source, " (duplicate)" if stored.duplicate else "",
             extra={"event": "accepted", "inbound_id": stored.inbound_id, "rcpt": item.rcpt,
                    "sender": item.sender, "source": item.source})
    return stored
