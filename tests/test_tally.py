"""Issue 18, point 2: the running totals that monitoring reads always equal a full recount of
the stored rows: after ordinary batches, after a batch rolled back and redone mail by mail,
after a worker killed in the middle of a batch, and with two instances on one PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.ingest.store import Incoming, store_batch
from gateway.pipeline.process import Pipeline
from gateway.service.observe import observe
from gateway.store import tally
from gateway.store.db import ensure_schema, make_engine
from gateway.store.models import HOURS, INBOUND, TALLY, WRITERS, DeliveryAttempt
from tests.conftest import AFTER, ANNOUNCE, BEFORE, make_mail
from tests.postgres import running_postgres

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*/*.eml"))


def _mails(count: int, tag: str = "") -> list[Incoming]:
    """People and machines (the corpus), before, around and after the cutover, 3 addresses."""
    found = []
    for n in range(count):
        at = (BEFORE, ANNOUNCE, AFTER)[n % 3] + timedelta(minutes=37 * n)
        rcpt = ("technik@centron.de", "billing@centron.de", "vertrieb@centron.de")[n % 3 - 1]
        if n % 4 == 0 and CORPUS:
            raw = CORPUS[n % len(CORPUS)].read_bytes().replace(
                b"Message-ID: <", f"Message-ID: <{tag}{n}.".encode(), 1)
        else:
            raw = make_mail(message_id=f"<{tag}{n}@x>", sender=f"k{n % 9}@d{n % 4}.example",
                            body=f"mail {n}")
        found.append(Incoming(raw, rcpt, f"k{n % 9}@d{n % 4}.example", ("smtp", "imap")[n % 2],
                              at))
    return found


def recount(engine) -> dict:
    """Everything the totals hold, counted from the stored rows the slow way."""
    i = INBOUND.c
    with engine.connect() as conn:
        rows = conn.execute(select(i.rcpt, i.source, i.action, i.reason, i.phase, i.received_at,
                                   i.detail, i.from_addr, i.envelope_sender)
                            .where(i.status == "done")).all()
        attempts = dict(conn.execute(select(DeliveryAttempt.outcome, func.count())
                                     .group_by(DeliveryAttempt.outcome)).all())
    writers: Counter = Counter()
    for r in rows:
        if r.phase in tally.AFTER_CUTOVER:
            detail = json.loads(r.detail)
            sender = (detail.get("reply_to") or r.from_addr or r.envelope_sender or
                      "(unknown)").strip().lower()
            for key in (("sender", sender), ("domain", tally.domain_of(sender))):
                for address in ("", r.rcpt):
                    writers[(*key, address)] += 1
    return {"decisions": Counter((r.rcpt, r.source, r.action, r.reason) for r in rows),
            "hours": Counter((tally.hour_of(r.received_at), r.rcpt, r.action, r.reason)
                             for r in rows),
            "writers": writers, "attempts": attempts}


def kept(engine) -> dict:
    with engine.connect() as conn:
        decisions = Counter({tuple(r[:4]): r[4] for r in tally.decision_totals(conn)})
        hours = Counter({tuple(r[:4]): r[4] for r in conn.execute(select(
            HOURS.c.hour, HOURS.c.address, HOURS.c.action, HOURS.c.reason, HOURS.c.n))})
        writers = Counter({tuple(r[:3]): r[3] for r in conn.execute(select(
            WRITERS.c.kind, WRITERS.c.key, WRITERS.c.address, WRITERS.c.n))})
        attempts = tally.outcome_totals(conn, "attempt")
    return {"decisions": decisions, "hours": hours, "writers": writers, "attempts": attempts}


def assert_equal_to_recount(engine, settings) -> None:
    counted, held = recount(engine), kept(engine)
    assert counted["decisions"] and counted["writers"]  # the test saw real work
    assert held == counted
    snap = observe(engine, settings, AFTER)  # what /metrics, /healthz and --check read
    assert sum(n for *_, n in snap.decisions) == sum(counted["decisions"].values())
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(INBOUND)).scalar()
    assert sum(n for *_, n in snap.received) == stored


@pytest.fixture
def settings(tmp_path):
    return settings_from_dict({"database_url": f"sqlite:///{tmp_path}/gw.db",
                               "outbox_dir": str(tmp_path / "out"),
                               "responder": {"global_replies_per_hour": 100_000}})


def test_totals_follow_batches_rollbacks_and_deliveries(settings, monkeypatch):
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    store_batch(engine, _mails(60))
    clock = FixedClock(AFTER)
    Pipeline(settings, engine, clock).process_pending(batch=16)
    Outbox(settings, engine, clock).send_due()
    assert_equal_to_recount(engine, settings)
    real, calls = tally.record_decisions, []

    def fails_once(session, items):  # a batch that fails after its totals were written
        real(session, items)
        calls.append(len(items))
        if len(calls) == 1:
            raise RuntimeError("mid-batch failure")

    monkeypatch.setattr("gateway.pipeline.act.record_decisions", fails_once)
    store_batch(engine, _mails(30, tag="again"))
    Pipeline(settings, engine, clock).process_pending(batch=30)
    assert calls[0] == 30 and len(calls) == 31  # rolled back, then redone mail by mail
    assert_equal_to_recount(engine, settings)
    engine.dispose()


KILLER = """
import os, signal, sys
from gateway.pipeline import act
real, calls = act.record_decisions, []
def record(session, items):
    real(session, items)
    calls.append(1)
    if len(calls) == 2:  # the second batch: its totals written, its commit never made
        os.kill(os.getpid(), signal.SIGKILL)
act.record_decisions = record
from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.pipeline.process import Pipeline
from gateway.store.db import make_engine
from tests.conftest import AFTER
settings = settings_from_dict({"database_url": sys.argv[1], "outbox_dir": sys.argv[2]})
Pipeline(settings, make_engine(sys.argv[1]), FixedClock(AFTER)).process_pending(batch=200)
"""


def test_totals_survive_a_worker_killed_mid_batch(settings, tmp_path):
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    store_batch(engine, _mails(450))  # three batches of 200
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(PYTHONPATH=str(ROOT))
    killed = subprocess.run([sys.executable, "-c", KILLER, settings.database_url,
                             str(tmp_path / "out")], env=env, cwd=tmp_path,
                            capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr[-2000:]
    with engine.connect() as conn:
        done = conn.execute(select(func.count()).where(INBOUND.c.status == "done")).scalar()
    assert done == 200  # the first batch committed, the second died with its totals
    assert_equal_to_recount(engine, settings)
    pipeline = Pipeline(settings, engine, FixedClock(AFTER))
    pipeline.queue.release_claims()  # as serve does at its start
    pipeline.process_pending()
    assert_equal_to_recount(engine, settings)
    engine.dispose()


@pytest.fixture(scope="module")
def pg_url():
    yield from running_postgres()


def test_two_instances_on_postgres_keep_exact_totals(pg_url):
    engine = make_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    ensure_schema(engine)
    settings = settings_from_dict({"database_url": pg_url, "outbox_dir": "",
                                   "responder": {"global_replies_per_hour": 100_000}})
    store_batch(engine, _mails(240))

    def instance() -> None:
        own = make_engine(pg_url)  # each instance its own engine, as separate hosts would
        Pipeline(settings, own, FixedClock(AFTER)).process_pending(batch=7)
        own.dispose()

    threads = [threading.Thread(target=instance) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).where(INBOUND.c.status == "done")).scalar() == 240
        assert conn.execute(select(func.count()).select_from(TALLY)).scalar() > 3
    assert_equal_to_recount(engine, settings)
    engine.dispose()


def test_migration_builds_the_totals_from_stored_rows(settings, tmp_path):
    """The migration's fill, run on the stored rows of a database whose totals are emptied
    (a downgrade through the later revisions is not possible with data in every table)."""
    import importlib.util

    from sqlalchemy import MetaData

    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    store_batch(engine, _mails(80))
    clock = FixedClock(AFTER)
    Pipeline(settings, engine, clock).process_pending(batch=20)
    Outbox(settings, engine, clock).send_due()
    before = kept(engine)
    path = next((ROOT / "gateway/store/migrations/versions").glob("*_running_totals.py"))
    spec = importlib.util.spec_from_file_location("running_totals", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    plain = MetaData()  # as Alembic sees them: naive UTC times
    plain.reflect(engine, only=["tally", "tally_hour", "tally_writer"])
    with engine.begin() as conn:
        for name in ("tally", "tally_hour", "tally_writer"):
            conn.execute(plain.tables[name].delete())
        migration._totals(conn, plain.tables["tally"])
        migration._history(conn, plain.tables["tally_hour"], plain.tables["tally_writer"])
    assert kept(engine) == before
    assert_equal_to_recount(engine, settings)
    engine.dispose()
