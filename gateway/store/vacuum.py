"""Giving the space of purged content back to the file system.

SQLite keeps freed pages in the file. Databases created from this version on have
`auto_vacuum=INCREMENTAL` (set in db.py before the first table exists): after a purge,
`give_back` returns the free pages a step at a time, each step a short write transaction.
A database created before needs one full `VACUUM` to switch that mode on (`gateway db vacuum`,
see docs/operations.md); until then give_back frees nothing and says so.
PostgreSQL: autovacuum makes the space reusable by new rows; the files do not shrink."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger("gateway.vacuum")
STEP_PAGES = 64  # pages freed per write transaction (a fragmented file moves many per page)
INCREMENTAL = 2    # PRAGMA auto_vacuum's answer for INCREMENTAL


def _pragma(engine: Engine, name: str) -> int:
    connection = engine.raw_connection()
    try:
        return connection.driver_connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def give_back(engine: Engine) -> int:
    """SQLite with incremental auto-vacuum: free pages returned to the file system in short
    steps. Returns the bytes given back (0 elsewhere)."""
    if engine.dialect.name != "sqlite":
        return 0
    if _pragma(engine, "auto_vacuum") != INCREMENTAL:
        if _pragma(engine, "freelist_count"):
            log.warning("the database file keeps its free space: it was created without "
                        "incremental auto-vacuum; run `gateway db vacuum` once")
        return 0
    page_size, freed = _pragma(engine, "page_size"), 0
    while True:
        started = time.perf_counter()
        connection = engine.raw_connection()
        try:
            driver = connection.driver_connection
            driver.execute("PRAGMA cache_size=-65536")  # the pointer maps and parents it moves
            before = driver.execute("PRAGMA freelist_count").fetchone()[0]
            if not before:
                break
            # executescript steps the pragma to its end (execute() frees a single page)
            driver.executescript(f"BEGIN IMMEDIATE; PRAGMA incremental_vacuum({STEP_PAGES}); "
                                 "COMMIT;")
            after = driver.execute("PRAGMA freelist_count").fetchone()[0]
            passive_checkpoint(driver)
        finally:
            connection.close()
        freed += before - after
        if after >= before:
            break
        pause_after(started)
    _checkpoint(engine)
    return freed * page_size


def pause_after(started: float) -> None:
    """Leave the writer lock free for as long as the step held it (at least 10 ms): a writer
    waiting in SQLite's busy handler sleeps up to 100 ms between tries and, without a gap,
    missed every window between two steps (1.5 s waits measured at 100,000 mails)."""
    time.sleep(max(time.perf_counter() - started, 0.01))


def passive_checkpoint(driver) -> None:
    """Copy what the log holds into the file now, in this thread, blocking nobody: else the
    next commit past the automatic checkpoint's 1,000 pages does it, and after a purge step
    that commit is a mail's (3.4 s measured at 100,000 mails)."""
    driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def checkpoint_after(engine: Engine) -> None:
    """passive_checkpoint on an engine (SQLite; nothing elsewhere)."""
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        passive_checkpoint(connection.driver_connection)
    finally:
        connection.close()


def _checkpoint(engine: Engine) -> None:
    """The moved pages sit in the write-ahead log until a checkpoint, and the file shrinks only
    then: a PASSIVE one copies them without blocking anybody, a TRUNCATE one then empties the
    log, waiting at most 100 ms for the writer lock (else the next automatic one does it)."""
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        timeout = driver.execute("PRAGMA busy_timeout").fetchone()[0]
        driver.execute("PRAGMA busy_timeout=100")
        try:
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            driver.execute(f"PRAGMA busy_timeout={int(timeout)}")
    finally:
        connection.close()


def vacuum(engine: Engine) -> dict:
    """A full VACUUM (SQLite: switching on incremental auto-vacuum on the way; it holds the
    write lock throughout: reception answers 451 and MTAs retry). PostgreSQL: VACUUM ANALYZE,
    which takes no lock that blocks writers."""
    if engine.dialect.name != "sqlite":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return {"database": engine.dialect.name, "vacuumed": True}
    path = Path(engine.url.database or "")
    before = _size(path)
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        driver.execute("PRAGMA auto_vacuum=INCREMENTAL")
        driver.execute("VACUUM")
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        connection.close()
    return {"database": "sqlite", "vacuumed": True, "bytes_before": before,
            "bytes_after": _size(path), "auto_vacuum": "incremental"}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
