"""Engine, sessions and migrations: SQLite by default (WAL, busy timeout), PostgreSQL for many instances."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event, inspect, text
from sqlmodel import Session, create_engine

from gateway.errors import ConfigError
from gateway.store import dbfile

log = logging.getLogger("gateway.db")

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The newest migration; a test keeps it equal to Alembic's head. Knowing it here lets every
# command check the schema without importing Alembic (the pipe path starts once per mail).
SCHEMA_HEAD = "0009"
SQLITE_BUSY_TIMEOUT_MS = 30_000
WAL_LIMIT_BYTES = 16 * 1024 * 1024
SQLITE_CACHE_KIB = 512


def _sqlite_pragmas(busy_timeout_ms: int):
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, issue BEGIN (savepoints then work, see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Before anything is written: a new database gives freed pages back to the file
        # system after a purge (vacuum.py). Only there: on an existing one the pragma may
        # write the header, and so wait for the write lock.
        if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
            cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
        cursor.execute("PRAGMA journal_mode=WAL")
        # After a big mail or a purge the log is cut back to this at its next reset.
        cursor.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
        # FULL: a commit is on disk before we answer 250 / exit 0, even across a power loss.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Each connection's own page cache (SQLite's default is 2 MB; serve holds four): the
        # operating system caches the file anyway. Measured on the bench: -2 MB, same speed.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    return on_connect


READ_ONLY = {"gateway_read_only": True}  # execution options of a connection that only reads


def _begin(conn) -> None:
    # IMMEDIATE takes the write lock up front: a transaction that reads and then writes can
    # otherwise fail at once with "database is locked", which the busy timeout cannot help.
    # Readers (READ_ONLY) begin DEFERRED: in WAL mode a snapshot that never takes the write
    # lock, so no view an admin or a scraper opens ever makes reception wait (issue 18).
    if conn.get_execution_options().get("gateway_read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def read_only(engine: Engine) -> Engine:
    """The same engine (same pool) for code that only reads: its transactions take no write
    lock on SQLite. Every view (status, lists, report, metrics, health) reads through it."""
    return engine.execution_options(**READ_ONLY)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and for :memory:)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[1] if "///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def make_engine(url: str, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": busy_timeout_ms / 1000})
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        event.listen(engine, "begin", _begin)
        if path is not None:
            dbfile.watch(engine, path)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # e.g. psycopg without the `postgres` extra
        raise ConfigError("database_url (GATEWAY_DATABASE_URL)",
                          f"the database driver '{exc.name}' is not installed",
                          "for postgresql+psycopg:// URLs: pip install "
                          "'support-mail-gateway[postgres]' in the gateway's environment") from None


def alembic_config(engine: Engine):  # -> alembic.config.Config, imported late
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with read_only(engine).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def upgrade(engine: Engine) -> str | None:
    """Apply all migrations; returns the revision now in place."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return current_revision(engine)


def ensure_schema(engine: Engine, apart: bool = False,
                  busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
    """Migrate on first use so that the embedded SQLite default just works. apart: in a
    process of its own (a long-lived daemon does not keep Alembic and Mako in its memory)."""
    if current_revision(engine) != SCHEMA_HEAD:
        log.info("migrating database to %s", SCHEMA_HEAD)
        if not apart:
            upgrade(engine)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        engine.dispose()  # no open connection goes into the fork
        url = engine.url.render_as_string(hide_password=False)
        try:
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
                pool.submit(_upgrade_url, url, busy_timeout_ms).result()
        except BrokenProcessPool:  # killed (OOM, a signal): the callers' "database" error
            raise OSError("the migration process died before it finished; run `gateway db "
                          "upgrade` to see why") from None


def _upgrade_url(url: str, busy_timeout_ms: int) -> None:
    engine = make_engine(url, busy_timeout_ms)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
