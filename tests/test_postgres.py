"""PostgreSQL for several instances: migrations, concurrent workers, reception."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import Session, SQLModel, func, select

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store_batch
from gateway.pipeline.process import Pipeline
from gateway.store.db import ensure_schema, make_engine
from gateway.store.models import InboundMessage, Reply, Ticket
from tests.conftest import AFTER, ANNOUNCE, make_mail
from tests.postgres import running_postgres


@pytest.fixture(scope="module")
def pg_url():
    yield from running_postgres()


@pytest.fixture
def pg_engine(pg_url):
    engine = make_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    ensure_schema(engine)
    yield engine
    engine.dispose()


def test_raw_bytes_move_apart_on_postgres(pg_url):
    from tests.test_migrations import check_raw_moved_apart

    engine = make_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    try:
        check_raw_moved_apart(engine)
    finally:
        engine.dispose()


def test_migrations_match_models_on_postgres(pg_engine):
    with pg_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


def test_two_instances_process_each_mail_once(pg_engine, pg_url):
    settings = settings_from_dict({"database_url": pg_url, "outbox_dir": "",
                                   "responder": {"global_replies_per_hour": 100_000}})
    items = [Incoming(make_mail(message_id=f"<pg{i}@x>", sender=f"k{i}@kunde.example"),
                      "technik@centron.de", f"k{i}@kunde.example", "smtp",
                      (ANNOUNCE if i % 2 else AFTER) + timedelta(seconds=i)) for i in range(300)]
    store_batch(pg_engine, items)
    results: list[list] = [[], []]

    def instance(slot: int) -> None:
        engine = make_engine(pg_url)  # each instance has its own engine, as separate hosts would
        results[slot] = Pipeline(settings, engine, FixedClock(AFTER)).process_pending(batch=10)
        engine.dispose()

    threads = [threading.Thread(target=instance, args=(slot,)) for slot in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    ids = [o.inbound_id for batch in results for o in batch]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 300  # every mail once, by one of them
    assert all(results), "both instances took part"
    with Session(pg_engine) as session:
        assert session.exec(select(func.count()).select_from(Reply)).one() == 300
        assert session.exec(select(func.count()).select_from(Ticket)).one() == 150
        done = session.exec(select(func.count()).select_from(InboundMessage).where(
            InboundMessage.status == "done")).one()
        assert done == 300


def test_ingest_through_the_cli_into_postgres(pg_engine, pg_url, tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"GATEWAY_DATABASE_URL": pg_url, "GATEWAY_OUTBOX_DIR": str(tmp_path)})
    result = subprocess.run([sys.executable, "-m", "gateway", "--json", "ingest", "--rcpt",
                             "billing@centron.de", "--at", "2025-10-01T10:00:00+02:00"],
                            input=make_mail(to="billing@centron.de"), capture_output=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    decision = json.loads(result.stdout)
    assert decision["action"] == "ticket" and decision["ticket"].startswith("TK-")


def test_purge_and_vacuum_on_postgres(pg_engine, tmp_path):
    """Raw rows deleted in batches, replies emptied; nothing to give back by hand (autovacuum
    makes the space reusable), and `db vacuum` runs VACUUM ANALYZE outside a transaction."""
    from gateway.delivery.outbox import Outbox
    from gateway.store.queue import raw_of
    from gateway.store.retention import purge
    from gateway.store.vacuum import vacuum

    settings = settings_from_dict({"database_url": str(pg_engine.url.render_as_string(False)),
                                   "outbox_dir": str(tmp_path / "out")})
    clock = FixedClock(AFTER)
    stored = store_batch(pg_engine, [Incoming(make_mail(message_id=f"<p{n}@x>"),
                                              "technik@centron.de", f"k{n}@kunde.example",
                                              "smtp", AFTER) for n in range(3)])
    Pipeline(settings, pg_engine, clock).process_pending()
    Outbox(settings, pg_engine, clock).send_due()
    report = purge(pg_engine, AFTER + timedelta(days=400), 30)
    assert (report.inbound, report.replies, report.freed_bytes) == (3, 3, 0)
    assert [raw_of(pg_engine, s.inbound_id) for s in stored] == [None, None, None]
    assert vacuum(pg_engine) == {"database": "postgresql", "vacuumed": True}
