"""Handoff on PostgreSQL with two instances sending at once: every event is claimed and
delivered by one of them, once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.ingest.store import Incoming, store_batch
from gateway.pipeline.process import Pipeline
from gateway.store.db import ensure_schema, make_engine
from gateway.store.models import Handoff
from tests.conftest import ANNOUNCE, make_mail
from tests.postgres import running_postgres
from tests.webhook_receiver import start_receiver


@pytest.fixture(scope="module")
def pg_url():
    yield from running_postgres()


def test_two_senders_deliver_each_event_once(pg_url, tmp_path):
    engine = make_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    ensure_schema(engine)
    hook, server = start_receiver()
    settings = settings_from_dict({"database_url": pg_url, "outbox_dir": str(tmp_path / "out"),
                                   "handoff": {"webhook_url": hook.url},
                                   "responder": {"global_replies_per_hour": 100_000}})
    clock = FixedClock(ANNOUNCE + timedelta(hours=1))
    store_batch(engine, [Incoming(make_mail(message_id=f"<h{i}@x>", sender=f"k{i}@kunde.example"),
                                  "technik@centron.de", f"k{i}@kunde.example", "smtp",
                                  ANNOUNCE + timedelta(seconds=i)) for i in range(60)])
    Pipeline(settings, engine, clock).process_pending(batch=20)

    def sender() -> None:
        own = make_engine(pg_url)  # as on another host
        Outbox(settings, own, clock).send_due(limit=7)
        own.dispose()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    with Session(engine) as session:
        rows = session.exec(select(Handoff)).all()
    engine.dispose()
    assert len(rows) == 60 and {r.status for r in rows} == {"sent"}
    assert {r.attempts for r in rows} == {1}
    assert len(hook.requests) == 60 and len(hook.accepted) == 60
