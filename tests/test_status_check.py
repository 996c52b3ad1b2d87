"""`gateway status --check` as a monitoring system runs it: a real process, its exit code and
its one line; and `status` in readable columns."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import make_mail

ROOT = Path(__file__).resolve().parents[1]


def gateway(tmp_path: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"PYTHONPATH": str(ROOT), "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                "GATEWAY_OUTBOX_DIR": str(tmp_path / "out")})
    return subprocess.run([sys.executable, "-m", "gateway", *args], input=stdin, cwd=tmp_path,
                          env=env, capture_output=True, timeout=120)


def heartbeat(tmp_path: Path, age: timedelta, detail: dict | None = None) -> None:
    """The row a running `serve` writes every 10 s (here: written as if by one)."""
    seen = (datetime.now(UTC) - age).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(tmp_path / "gw.db") as conn:
        conn.execute("DELETE FROM service_state")
        conn.execute("INSERT INTO service_state (name, started_at, seen_at, detail) VALUES "
                     "(?, ?, ?, ?)", ("host:1", seen, seen, json.dumps(detail or {})))


def test_no_database_is_critical_and_stays_missing(tmp_path):
    result = gateway(tmp_path, "status", "--check")
    assert result.returncode == 2
    assert result.stdout.decode().startswith("GATEWAY CRITICAL - no database at")
    assert not (tmp_path / "gw.db").exists()


def test_levels_follow_the_plugin_convention(tmp_path):
    ingested = gateway(tmp_path, "ingest", "--process", "--rcpt", "technik@centron.de",
                       stdin=make_mail())
    assert ingested.returncode == 0, ingested.stderr
    down = gateway(tmp_path, "status", "--check")
    line = down.stdout.decode().strip()
    assert down.returncode == 2 and "serve: not running" in line and len(line.splitlines()) == 1
    assert " | queue=0;;;0 oldest_unprocessed=0s;;900;0 " in line
    heartbeat(tmp_path, timedelta(seconds=2))
    ok = gateway(tmp_path, "status", "--check")
    assert ok.returncode == 0, ok.stdout
    assert ok.stdout.decode().startswith("GATEWAY OK - serve running")  # dry run is no warning
    heartbeat(tmp_path, timedelta(seconds=2), {"imap": {"errors": ["imap.example: login failed"]}})
    warn = gateway(tmp_path, "status", "--check")
    assert warn.returncode == 1 and "IMAP: imap.example: login failed" in warn.stdout.decode()
    heartbeat(tmp_path, timedelta(minutes=5))
    stale = gateway(tmp_path, "status", "--check")
    assert stale.returncode == 2 and "heartbeat stale" in stale.stdout.decode()


def test_old_waiting_mail_is_critical(tmp_path):
    gateway(tmp_path, "ingest", "--no-process", "--rcpt", "technik@centron.de", "--at",
            (datetime.now(UTC) - timedelta(hours=2)).isoformat(), stdin=make_mail())
    heartbeat(tmp_path, timedelta(seconds=1))
    result = gateway(tmp_path, "status", "--check")
    assert result.returncode == 2 and "mail waits for" in result.stdout.decode()
    assert "queue=1;;;0" in result.stdout.decode()


def test_broken_config_is_unknown(tmp_path):
    (tmp_path / "bad.toml").write_text("timezone = 'Mars/Olympus'\n")
    result = gateway(tmp_path, "--config", "bad.toml", "status", "--check")
    assert result.returncode == 3 and result.stdout.decode().startswith("GATEWAY UNKNOWN - ")


def test_status_is_readable_columns(tmp_path):
    gateway(tmp_path, "ingest", "--process", "--rcpt", "technik@centron.de",
                       stdin=make_mail())
    text = gateway(tmp_path, "status").stdout.decode()
    assert "{" not in text and "serve: not running" in text
    assert "decisions by action:" in text and "  redirect " in text
