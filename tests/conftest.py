"""Shared fixtures: a migrated SQLite database per test, a fixed clock, a mail factory."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store
from gateway.pipeline.process import Pipeline
from gateway.store.db import ensure_schema, make_engine

pytest_plugins = ["tests.service_harness"]  # the start_service fixture

BERLIN = ZoneInfo("Europe/Berlin")
BEFORE = datetime(2025, 9, 1, 10, 0, tzinfo=BERLIN)
ANNOUNCE = datetime(2025, 10, 1, 10, 0, tzinfo=BERLIN)
AFTER = datetime(2025, 10, 14, 10, 0, tzinfo=BERLIN)


def make_mail(subject: str = "Server down",
              body: str = "Hallo, unser Server srv-web-01 ist nicht erreichbar.",
              sender: str = "max@kunde.example", to: str = "technik@centron.de",
              message_id: str | None = "<m1@kunde.example>", headers: dict | None = None,
              name: str = "Max Kunde") -> bytes:
    lines = [f"From: {name} <{sender}>", f"To: {to}", f"Subject: {subject}",
             "Date: Wed, 01 Oct 2025 10:00:00 +0200", "MIME-Version: 1.0",
             "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    for key, value in (headers or {}).items():
        lines.append(f"{key}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/gateway.db"


@pytest.fixture
def settings(db_url, tmp_path):
    return settings_from_dict({"database_url": db_url, "outbox_dir": str(tmp_path / "outbox")})


@pytest.fixture
def engine(settings):
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock():
    return FixedClock(AFTER)


@pytest.fixture
def pipeline(settings, engine, clock):
    return Pipeline(settings, engine, clock)


class Gateway:
    """Ingest-and-process in one call, the way the pipe source does it."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def receive(self, raw: bytes, at: datetime, rcpt: str = "technik@centron.de",
                sender: str | None = "max@kunde.example", source: str = "pipe"):
        stored = store(self.pipeline.engine, Incoming(raw, rcpt, sender, source, at))
        return stored, self.pipeline.process_one(stored.inbound_id)


@pytest.fixture
def gateway(pipeline) -> Gateway:
    return Gateway(pipeline)


@pytest.fixture
def serve_starter(tmp_path):
    """Start real `gateway serve` processes (tests.serve_process.Serve) in tmp_path; each is
    stopped when the test ends."""
    from tests.serve_process import Serve

    started: list[Serve] = []

    def start(**kwargs) -> Serve:
        started.append(Serve(tmp_path, **kwargs))
        return started[-1]

    yield start
    for one in started:
        one.finish()


@pytest.fixture
def receiver():
    """Start real webhook receivers (tests.webhook_receiver); each is shut down at the end."""
    from tests.webhook_receiver import start_receiver

    made = []

    def start(script=None):
        found, server = start_receiver(script)
        made.append(server)
        return found

    yield start
    for server in made:
        server.shutdown()
        server.server_close()


@pytest.fixture
def cli_env(tmp_path) -> dict:
    """The environment of a `python -m gateway` subprocess on a scratch database and outbox."""
    import os
    from pathlib import Path

    found = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    found.update({"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/var/gateway.db",
                  "GATEWAY_OUTBOX_DIR": str(tmp_path / "outbox"),
                  "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    return found
