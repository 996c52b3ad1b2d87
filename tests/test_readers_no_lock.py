"""Issue 18, point 1: every read-only command and endpoint reads a snapshot and never takes
SQLite's write lock, so nothing an admin or a scraper runs makes reception wait.

First with the write lock held by another connection (as the worker holds it for a batch):
each view must answer at once, well inside a short busy timeout. Then against a real `serve`
taking mail over SMTP: no answer of 451 while the views run in a loop."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from gateway.cli import cli
from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store
from gateway.pipeline.process import Pipeline
from gateway.service.metrics import Live, MetricsServer, Probe
from gateway.store.db import ensure_schema, make_engine
from tests.conftest import AFTER, make_mail
from tests.serve_process import ROOT, Serve

READ_COMMANDS = [["status"], ["status", "--check"], ["--json", "report"], ["report", "--csv"],
                 ["messages", "list"], ["messages", "show", "1"], ["tickets", "list"],
                 ["replies", "list"], ["senders", "list"], ["handoff", "list"],
                 ["purge", "--dry-run", "--older-than", "1"]]


def _history(tmp_path: Path) -> Path:
    """A database with some decided mail, and a config whose busy timeout is short."""
    config = tmp_path / "gw.toml"
    config.write_text(f'database_url = "sqlite:///{tmp_path}/gw.db"\n'
                      f'outbox_dir = "{tmp_path}/out"\ndatabase_busy_timeout_seconds = 0.5\n')
    settings = settings_from_dict({"database_url": f"sqlite:///{tmp_path}/gw.db",
                                   "outbox_dir": str(tmp_path / "out")})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    for n in range(5):
        store(engine, Incoming(make_mail(message_id=f"<r{n}@kunde.example>", body=f"n {n}"),
                               "technik@centron.de", f"k{n}@kunde.example", "smtp", AFTER))
    Pipeline(settings, engine, FixedClock(AFTER)).process_pending()
    engine.dispose()
    return config


def test_views_answer_while_the_write_lock_is_held(tmp_path, monkeypatch):
    config = _history(tmp_path)
    for key in [k for k in os.environ if k.startswith("GATEWAY_")]:
        monkeypatch.delenv(key)
    writer = sqlite3.connect(tmp_path / "gw.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the worker in the middle of a batch
    writer.execute("UPDATE inbound_message SET attempts = attempts WHERE id = 1")
    try:
        for args in READ_COMMANDS:
            started = time.monotonic()
            result = CliRunner().invoke(cli, ["--config", str(config), *args])
            took = time.monotonic() - started
            assert "locked" not in result.output, (args, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                args, result.output)
            if args != ["status", "--check"]:  # --check: exit 2, no serve is running
                assert result.exit_code == 0, (args, result.output)
            assert took < 0.45, (args, took)  # not one wait for the lock (timeout 0.5 s)
        settings = settings_from_dict({"database_url": f"sqlite:///{tmp_path}/gw.db",
                                       "database_busy_timeout_seconds": 0.5})
        engine = make_engine(settings.database_url, settings.busy_timeout_ms)
        server = MetricsServer(Probe(settings, engine, FixedClock(AFTER), Live()), "127.0.0.1", 0)
        server.start()
        try:
            for path in ("/metrics", "/healthz", "/report"):
                started = time.monotonic()
                with urllib.request.urlopen(f"http://127.0.0.1:{server.address[1]}{path}",
                                            timeout=10) as answer:
                    assert answer.status == 200 and answer.read()
                assert time.monotonic() - started < 0.45, path
        finally:
            server.stop()
            engine.dispose()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _views_in_a_loop(serve: Serve, workdir: Path, env: dict, stop: threading.Event,
                     errors: list[str]) -> None:
    while not stop.is_set():
        for path in ("/metrics", "/healthz", "/report"):
            status, _ = serve.http(path)
            if status not in (200, 503):
                errors.append(f"{path}: {status}")
        for args in (["status"], ["--json", "report"], ["purge", "--dry-run", "--older-than",
                                                         "1"], ["status", "--check"]):
            done = subprocess.run([sys.executable, "-m", "gateway", *args], cwd=workdir,
                                  env=env, capture_output=True, timeout=60)
            if b"locked" in done.stdout + done.stderr:
                errors.append(f"{args}: {done.stdout + done.stderr!r}")


def test_no_451_while_views_run_against_live_intake(tmp_path):
    env_db = {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
              "GATEWAY_OUTBOX_DIR": str(tmp_path / "out")}
    serve = Serve(tmp_path, env=env_db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(env_db, PYTHONPATH=str(ROOT))
    stop, errors = threading.Event(), []
    loop = threading.Thread(target=_views_in_a_loop, args=(serve, tmp_path, env, stop, errors))
    refused = []
    try:
        loop.start()
        with serve.smtp() as client:
            for n in range(150):
                mail = make_mail(message_id=f"<live{n}@kunde.example>", body=f"mail {n}")
                try:
                    client.sendmail(f"k{n % 7}@kunde.example", ["technik@centron.de"], mail)
                except Exception as exc:  # smtplib raises on any answer but 250
                    refused.append(f"{n}: {exc}")
    finally:
        stop.set()
        loop.join(timeout=120)
        log = serve.log
        serve.finish()
    assert refused == [], refused
    assert errors == [], errors
    assert "database is locked" not in log
