"""Retention: old raw content goes, the record of what was decided stays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from gateway.admin import queries
from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.ingest.store import Incoming, store_batch
from gateway.pipeline.process import Pipeline
from gateway.store.models import Attachment, Handoff, InboundMessage, Reply, TicketArticle
from gateway.store.queue import raw_of
from gateway.store.retention import purge
from tests.conftest import AFTER, ANNOUNCE, Gateway, make_mail


def test_purge_empties_old_raw_bytes_and_keeps_decisions(gateway, engine, settings, clock):
    old, _ = gateway.receive(make_mail(message_id="<old@x>"), AFTER)
    Outbox(settings, engine, clock).send_due()  # the old reply is written: it may be emptied
    recent, _ = gateway.receive(make_mail(message_id="<new@x>", sender="b@kunde.example"),
                                AFTER + timedelta(days=35), sender="b@kunde.example")
    now = AFTER + timedelta(days=40)
    counted = purge(engine, now, days=30, dry_run=True)
    assert (counted.inbound, counted.replies) == (1, 1)
    done = purge(engine, now, days=30)
    assert (done.inbound, done.replies) == (1, 1)
    with Session(engine) as session:
        rows = {r.id: r for r in session.exec(select(InboundMessage)).all()}
        replies = session.exec(select(Reply).order_by(Reply.id)).all()
    assert raw_of(engine, old.inbound_id) is None and rows[old.inbound_id].sha256
    assert rows[old.inbound_id].action == "redirect" and rows[old.inbound_id].size > 0
    assert raw_of(engine, recent.inbound_id)
    assert replies[0].raw == b"" and replies[1].raw != b""  # the recent one is still queued
    assert queries.show_message(engine, old.inbound_id)["reason"] == "after-cutover"
    assert purge(engine, now, days=30).inbound == 0  # nothing twice


def _handed_world(engine, clock, tmp_path, keep: bool):
    settings = settings_from_dict({"database_url": str(engine.url),
                                   "outbox_dir": str(tmp_path / "outbox"),
                                   "retention_keep_articles": keep,
                                   "handoff": {"forward_to": "agents@helpdesk.example"}})
    return Gateway(Pipeline(settings, engine, clock)), Outbox(settings, engine, clock)


def _with_attachment(message_id: str) -> bytes:
    return (b"From: max@kunde.example\r\nTo: technik@centron.de\r\nSubject: Log\r\n"
            b"Message-ID: " + message_id.encode() + b"\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/plain\r\n\r\nIm Anhang das Log.\r\n--b\r\n"
            b"Content-Type: text/plain\r\nContent-Disposition: attachment; filename=log.txt\r\n"
            b"\r\n" + b"error 42\r\n" * 50 + b"--b--\r\n")


@pytest.mark.parametrize("keep", [False, True])
def test_ticket_content_handed_to_the_agents_follows_retention(engine, clock, tmp_path, keep):
    gateway, outbox = _handed_world(engine, clock, tmp_path, keep)
    handed, _ = gateway.receive(_with_attachment("<a@x>"), ANNOUNCE)
    outbox.send_due()  # the ack and the forward to the agents are written
    waiting, _ = gateway.receive(make_mail(message_id="<b@x>", sender="b@kunde.example"),
                                 ANNOUNCE, sender="b@kunde.example")  # not handed yet
    report = purge(engine, AFTER + timedelta(days=40), days=30, articles=not keep)
    assert report.inbound == 2 and report.articles == (0 if keep else 1)
    with Session(engine) as session:
        articles = {a.inbound_id: a for a in session.exec(select(TicketArticle)).all()}
        attachment = session.exec(select(Attachment)).one()
        payloads = [h.payload for h in session.exec(select(Handoff).order_by(Handoff.id))]
    assert articles[waiting.inbound_id].body_text  # its handoff still queued: kept
    if keep:
        assert "Anhang" in articles[handed.inbound_id].body_text
        assert attachment.content.startswith(b"error 42") and all(payloads)
    else:
        assert articles[handed.inbound_id].body_text == "" and articles[handed.inbound_id].subject
        assert attachment.content == b"" and attachment.size > 0 and attachment.sha256
        assert payloads[0] == b"" and payloads[1]


def test_purge_gives_the_space_back_in_short_transactions(settings, engine, clock, tmp_path,
                                                          monkeypatch):
    """N mails of some 10 KB: after purging all of them the file takes <= 4 KB per stored
    mail, no manual VACUUM; meanwhile a writer never waits more than 200 ms."""
    from gateway.store import retention

    monkeypatch.setattr(retention, "BATCH", 100)
    monkeypatch.setattr(retention, "PAGE", 250)
    mails = 600
    body = "Sehr geehrte Damen und Herren, der Server antwortet nicht. " * 160
    items = [Incoming(make_mail(subject=f"Frage {n}", body=body, message_id=f"<s{n}@x>",
                                sender=f"k{n % 50}@kunde.example"), "technik@centron.de",
                      f"k{n % 50}@kunde.example", "smtp", AFTER + timedelta(minutes=n))
             for n in range(mails)]
    for start in range(0, mails, 200):
        store_batch(engine, items[start:start + 200])
    Pipeline(settings, engine, clock).process_pending()
    Outbox(settings, engine, clock).send_due()
    path = tmp_path / "gateway.db"
    full = _file_size(path)
    waits = _probe_writer(engine, lambda: purge(engine, AFTER + timedelta(days=60), days=30))
    report, waits = waits
    with Session(engine) as session:
        sent = len(session.exec(select(Reply.id)).all())  # one redirect per sender and day
    assert report.inbound == mails and report.replies == sent > 0 and report.freed_bytes > 0
    after = _file_size(path)
    print(f"per mail: {full / mails:.0f} B before, {after / mails:.0f} B after; max wait {max(waits):.3f} s")
    assert after / mails <= 4096, (full / mails, after / mails)
    assert full / mails > 3 * after / mails  # it did hold the content before
    assert max(waits) < 0.2, max(waits)


def _file_size(path) -> int:
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal"))
               if p.exists())


def _probe_writer(engine, work):
    """Run work() while another connection writes every 10 ms; its waits for the lock."""
    import sqlite3
    import threading
    import time

    waits: list[float] = []
    stop = threading.Event()

    def probe() -> None:
        conn = sqlite3.connect(engine.url.database, timeout=30, isolation_level=None)
        conn.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER)")
        while not stop.is_set():
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO probe VALUES (1)")
            conn.execute("COMMIT")
            waits.append(time.perf_counter() - started)
            time.sleep(0.01)
        conn.execute("DROP TABLE probe")
        conn.close()

    thread = threading.Thread(target=probe)
    thread.start()
    try:
        result = work()
    finally:
        stop.set()
        thread.join()
    return result, waits


def test_db_vacuum_switches_an_old_database_to_giving_space_back(tmp_path):
    """A database created before auto_vacuum=INCREMENTAL: purge cannot shrink it (and says
    so); `gateway db vacuum` does, once, and switches the mode on for the purges after it."""
    import sqlite3

    from gateway.store.db import ensure_schema, make_engine
    from gateway.store.vacuum import give_back, vacuum

    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE filler (b BLOB)").connection.close()
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO filler SELECT zeroblob(100000) FROM "
                             "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < 100) SELECT i FROM n)")
        conn.exec_driver_sql("DELETE FROM filler")
    assert give_back(engine) == 0  # auto_vacuum NONE: nothing given back
    done = vacuum(engine)
    assert done["bytes_after"] < done["bytes_before"] - 5_000_000
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2
    engine.dispose()
