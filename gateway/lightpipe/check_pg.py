"""PostgreSQL for the light `status --check` (check.py): psycopg alone, a READ ONLY session,
the same SQL as for SQLite (its `?` placeholders become psycopg's `%s`)."""

from __future__ import annotations

from gateway.lightpipe import NeedsFullPath


class PostgresReader:
    """What check.py calls on an sqlite3 connection, on a psycopg one."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def execute(self, sql: str, args: tuple = ()):
        if sql == "BEGIN":
            return None  # psycopg begins on the first statement (read only, see below)
        return self.conn.execute(sql.replace("?", "%s"), args)

    def close(self) -> None:
        self.conn.close()


def open_postgres(url: str, timeout_seconds: float):
    """(reader, its error types) for a postgresql+psycopg:// URL."""
    try:
        import psycopg
    except ImportError:
        raise NeedsFullPath("no psycopg: the full path names it") from None
    conninfo = "postgresql://" + url.split("://", 1)[1]
    try:
        conn = psycopg.connect(conninfo, connect_timeout=max(int(timeout_seconds), 2))
    except psycopg.Error:
        raise NeedsFullPath("database not reachable here: the full path says how") from None
    conn.read_only = True  # every transaction of this session: READ ONLY
    return PostgresReader(conn), (psycopg.Error,)
