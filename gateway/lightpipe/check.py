"""`gateway status --check` the light way (issue 18): a monitoring agent runs it every minute,
so it reads the few settings it needs with tomllib and the database with sqlite3 (or psycopg,
for postgresql+psycopg:// URLs), without pydantic, click or SQLAlchemy; the same verdict and
line as commands/check.py (a test compares them). Anything else (another driver, a database to
migrate, a config it cannot read) goes to the full command line, which also names a config
error (UNKNOWN)."""

from __future__ import annotations

import json
import os
import sqlite3
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from gateway.codes import LEDGER_GLOBAL as GLOBAL
from gateway.codes import LEDGER_WINDOW_SECONDS as WINDOW_SECONDS
from gateway.config.alarms import DEFAULT_MINUTES, SECTIONS, delivery_alarms
from gateway.config.file import config_path
from gateway.lightpipe import NeedsFullPath
from gateway.lightpipe.settings import _sqlite_path, _typed
from gateway.lightpipe.store import schema_head
from gateway.service.health import check, plugin_line
from gateway.service.snapshot import Daemon, Snapshot
from gateway.store import dbfile

# the model's defaults (gateway.config: MetricsConfig, ResponderConfig, GatewaySettings)
DEFAULTS = {"database_url": "sqlite:///var/gateway.db", "outbox_dir": "var/outbox",
            "database_busy_timeout_seconds": 30, "timezone": "Europe/Berlin"}
LIMIT_DEFAULTS = {"max_queue_age_seconds": 900, "max_relay_failing_seconds": 1800}
GLOBAL_REPLIES_DEFAULT = 1000
PG_PREFIX = "postgresql+psycopg://"


@dataclass(frozen=True)
class Limits:
    max_queue_age_seconds: float
    max_relay_failing_seconds: float


@dataclass(frozen=True)
class CheckSettings:
    database_path: Path | None  # None: PostgreSQL at database_url
    busy_timeout_seconds: float
    dry_run: bool
    limits: Limits
    global_replies_per_hour: int
    delivery_limits: dict = field(default_factory=dict)  # config/alarms.py: path → minutes
    database_url: str = ""


def _number(table: dict, key: str, default: float) -> float:
    value = _typed(table.get(key, default), int | float, key)
    if value <= 0:
        raise NeedsFullPath(f"{key}: not positive")
    return float(value)


def load_check_settings(config: str | None, env: dict[str, str]) -> CheckSettings:
    path = config_path(config, env)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise NeedsFullPath("config not readable here") from None
    data = {**DEFAULTS, **data}
    try:
        ZoneInfo(_typed(data["timezone"], str, "timezone"))
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise NeedsFullPath("timezone: the full path names the error") from None
    outbox = env.get("GATEWAY_OUTBOX_DIR", "" if env.get("GATEWAY_RELAY") else data["outbox_dir"])
    metrics = _typed(data.get("metrics", {}), dict, "metrics")
    responder = _typed(data.get("responder", {}), dict, "responder")
    ceiling = _typed(responder.get("global_replies_per_hour", GLOBAL_REPLIES_DEFAULT), int,
                     "global_replies_per_hour")
    url = _typed(env.get("GATEWAY_DATABASE_URL", data["database_url"]), str, "database_url")
    delivery = {path: tuple(_number(_typed(data.get(section, {}), dict, section), key, default)
                            for key, default in zip(("alarm_after_minutes",
                                                     "critical_after_minutes"), DEFAULT_MINUTES,
                                                    strict=True))
                for path, section in SECTIONS.items()}
    return CheckSettings(
        None if url.startswith(PG_PREFIX) else _sqlite_path(url),
        _number(data, "database_busy_timeout_seconds", 30),
        bool(_typed(outbox, str, "outbox_dir")),
        Limits(*(_number(metrics, k, v) for k, v in LIMIT_DEFAULTS.items())), ceiling, delivery,
        url)


def _when(value: str | datetime | None) -> datetime | None:
    """A stored UTC time: text from SQLite, a naive datetime from PostgreSQL."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def _one(conn: sqlite3.Connection, sql: str, *args: object):
    return conn.execute(sql, args).fetchone()[0]


def light_observe(conn: sqlite3.Connection, settings: CheckSettings, now: datetime) -> Snapshot:
    """The queries of service/observe.py that the verdict needs, in one read transaction."""
    snap = Snapshot()
    states = dict(conn.execute("SELECT status, count(*) FROM inbound_message WHERE status IN "
                               "('received', 'processing', 'failed') GROUP BY status"))
    snap.waiting = states.get("received", 0) + states.get("processing", 0)
    snap.failed_inbound = states.get("failed", 0)
    oldest = _when(_one(conn, "SELECT min(received_at) FROM inbound_message WHERE status IN "
                              "('received', 'processing')"))
    snap.oldest_waiting_seconds = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
    replies = dict(conn.execute("SELECT status, count(*) FROM reply WHERE status IN ('queued', "
                                "'sending', 'failed', 'unconfirmed') GROUP BY status"))
    snap.outbox_queued = replies.get("queued", 0) + replies.get("sending", 0)
    snap.replies_failed = replies.get("failed", 0) + replies.get("unconfirmed", 0)
    snap.relay_failing_seconds = _relay_failing(conn, now)
    snap.oldest = {path: _oldest(conn, table, now) for path, table in (("handoff", "handoff"),
                                                                        ("reply", "reply"))}
    snap.alarms = delivery_alarms(snap.oldest, settings.delivery_limits)
    row = conn.execute("SELECT window_start, window_count FROM responder_state WHERE sender = ? "
                       "AND address = ?", (GLOBAL, GLOBAL)).fetchone()
    snap.ceiling_hit = bool(row and (now - _when(row[0])).total_seconds() < WINDOW_SECONDS
                            and row[1] >= settings.global_replies_per_hour)
    snap.daemons = [Daemon(name, (now - _when(seen)).total_seconds(), json.loads(detail or "{}"))
                    for name, seen, detail in conn.execute(
                        "SELECT name, seen_at, detail FROM service_state")]
    return snap


def _oldest(conn: sqlite3.Connection, table: str, now: datetime) -> float | None:
    """As store/ages.py: one indexed MIN per waiting status."""
    found = [_when(_one(conn, f"SELECT min(created_at) FROM {table} WHERE status = ?", status))
             for status in ("queued", "sending")]
    found = [at for at in found if at is not None]
    return max((now - min(found)).total_seconds(), 0.0) if found else None


def _relay_failing(conn: sqlite3.Connection, now: datetime) -> float | None:
    last_ok = max((found for outcome in ("sent", "written") if (found := _one(
        conn, "SELECT max(at) FROM delivery_attempt WHERE outcome = ?", outcome))), default=None)
    sql = "SELECT min(at) FROM delivery_attempt WHERE outcome NOT IN ('sent', 'written')"
    first = _one(conn, sql + " AND at > ?", last_ok) if last_ok else _one(conn, sql)
    return None if first is None else max((now - _when(first)).total_seconds(), 0.0)


def _open(settings: CheckSettings):
    """(connection, its error types); NeedsFullPath where this path cannot read."""
    path = settings.database_path
    if path is None:
        from gateway.lightpipe.check_pg import open_postgres

        return open_postgres(settings.database_url, settings.busy_timeout_seconds)
    if not path.is_file():
        raise NeedsFullPath("no database: the full path says so")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=rw", uri=True,
                               isolation_level=None,
                               timeout=settings.busy_timeout_seconds)
    except sqlite3.Error:
        raise NeedsFullPath("database not openable here") from None
    return conn, (sqlite3.Error,)


def run_light_check(config: str | None) -> int:
    """Print the plugin line; the exit code. NeedsFullPath before anything is printed."""
    settings = load_check_settings(config, dict(os.environ))
    conn, errors = _open(settings)
    try:
        if _one(conn, "SELECT version_num FROM alembic_version") != schema_head():
            raise NeedsFullPath("database to migrate")
    except (*errors, NeedsFullPath):
        conn.close()
        raise NeedsFullPath("the full path migrates or names the problem") from None
    path = settings.database_path
    try:
        conn.execute("BEGIN")  # SQLite: deferred, a snapshot; PostgreSQL: READ ONLY
        snap = light_observe(conn, settings, datetime.now(UTC))
        problem = dbfile.problem(path) if path is not None else None
    except errors as exc:
        snap, problem = None, f"database unusable: {str(exc).splitlines()[0]}"
    finally:
        conn.close()
    verdict = check(snap, problem, settings.limits, settings.dry_run)
    print(plugin_line(verdict, snap, settings.limits))
    return verdict.level
