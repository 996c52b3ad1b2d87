"""Store piped mail with the standard library's sqlite3: the same row, the same duplicate
recognition and the same durability (WAL, synchronous=FULL, one IMMEDIATE transaction) as
`gateway.ingest.store`, without SQLAlchemy (a test compares the rows both write)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from gateway.lightpipe import NeedsFullPath
from gateway.rules.dedup import dedup_key
from gateway.rules.msgid import extract_message_id

MIGRATIONS = Path(__file__).resolve().parents[1] / "store" / "migrations" / "versions"
STORED_COLUMNS = ("dedup_key", "message_id", "sha256", "size", "envelope_sender", "rcpt",
                  "source", "source_ref", "received_at", "status", "attempts")
INSERT = (f"INSERT INTO inbound_message ({', '.join(STORED_COLUMNS)}) VALUES "
          f"({', '.join('?' for _ in STORED_COLUMNS)}) ON CONFLICT (dedup_key) DO NOTHING RETURNING id")
KNOWN = "SELECT id FROM inbound_message WHERE dedup_key = ?"
RAW = "INSERT INTO inbound_raw (inbound_id, seq, raw) VALUES (?, 0, ?)"  # apart (schema 0009)


def schema_head() -> str:
    """The newest migration's revision (files are named after it: 0002_service_state.py)."""
    return max(p.name.split("_", 1)[0] for p in MIGRATIONS.glob("[0-9]*_*.py"))


def open_database(path: Path, busy_timeout_seconds: float) -> sqlite3.Connection:
    """A connection to a database at the current schema; else the full path migrates first."""
    if not path.is_file():
        raise NeedsFullPath("no database yet")
    conn = sqlite3.connect(path, timeout=busy_timeout_seconds, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # committed means on disk: then exit 0
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_seconds * 1000)}")
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        conn.close()
        raise NeedsFullPath("database not migrated") from None
    if version is None or version[0] != schema_head():
        conn.close()
        raise NeedsFullPath("database schema not current")
    return conn


def db_time(moment: datetime) -> str:
    """As SQLAlchemy's DateTime stores it on SQLite (UTC, see models.UTCDateTime)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def store_piped(conn: sqlite3.Connection, raw: bytes, rcpts: list[str], sender: str | None,
                source: str, received_at: datetime) -> list[tuple[int, bool]]:
    """One row per recipient in one transaction: (inbound id, duplicate) each."""
    message_id, digest = extract_message_id(raw), hashlib.sha256(raw).hexdigest()
    results = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for rcpt in rcpts:
            key = dedup_key(digest, rcpt)
            row = (key, message_id, digest, len(raw), sender, rcpt.strip().lower(), source,
                   None, db_time(received_at), "received", 0)
            new = conn.execute(INSERT, row).fetchone()
            if new is not None:
                conn.execute(RAW, (new[0], raw))
            known = new or conn.execute(KNOWN, (key,)).fetchone()
            results.append((known[0], new is None))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return results
