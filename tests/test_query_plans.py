"""Per-mail cost flat with history: no statement that storing, processing or sending one mail
runs may scan a table that grows with the history. Every statement is collected as SQLite
runs it (the driver's trace hook sees SQLAlchemy's statements and the driver-level ones of the
SMTP path alike, parameters filled in) and its EXPLAIN QUERY PLAN is read against a database
with a history in it, statistics gathered (ANALYZE: with them SQLite preferred walking a
table in id order to an index on `status` that it believed unselective)."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta

from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.ingest.store import Incoming, store, store_batch
from gateway.pipeline.process import Pipeline
from gateway.store.db import make_engine
from tests.conftest import AFTER, BEFORE, make_mail

GROWING = ("inbound_message", "inbound_raw", "ticket", "ticket_article", "attachment", "reply",
           "delivery_attempt", "responder_state", "handoff", "handoff_attempt", "tally",
           "tally_hour", "tally_writer", "refusal")
SCAN = re.compile(r"\bSCAN (\w+)")


def _history(settings, engine, clock, mails: int) -> None:
    """Tickets before the cutover, redirects after it, from many senders, sent."""
    pipeline = Pipeline(settings, engine, clock)
    items = []
    for n in range(mails):
        at = (BEFORE if n % 2 else AFTER) + timedelta(minutes=n)
        sender = f"kunde{n % 97}@example.net"
        items.append(Incoming(make_mail(subject=f"Frage {n}", sender=sender,
                                        message_id=f"<h{n}@example.net>"),
                              "technik@centron.de", sender, "smtp", at))
    store_batch(engine, items)
    pipeline.process_pending(batch=100)
    Outbox(settings, engine, clock).send_due()
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def _traced(url: str, statements: list[str]):
    engine = make_engine(url)

    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    return engine


def _scans(path, statements: list[str]) -> list[tuple[str, str, str]]:
    found = []
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
            if head not in ("SELECT", "UPDATE", "DELETE", "INSERT", "WITH"):
                continue
            plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for table in SCAN.findall(plan):
                if table in GROWING:
                    found.append((table, plan, sql[:300]))
    finally:
        conn.close()
    return found


def test_no_per_mail_statement_scans_a_growing_table(engine, clock, tmp_path):
    settings = settings_from_dict({"database_url": f"sqlite:///{tmp_path}/gateway.db",
                                   "outbox_dir": str(tmp_path / "outbox"),
                                   "handoff": {"forward_to": "agents@helpdesk.example"}})
    _history(settings, engine, clock, 400)
    engine.dispose()
    statements: list[str] = []
    traced = _traced(settings.database_url, statements)
    try:
        pipeline = Pipeline(settings, traced, clock)
        # a new ticket, a redirect, a follow-up by subject tag, a reply to our reply, a duplicate
        batch = [Incoming(make_mail(subject="Neu", sender="neu@example.net",
                                    message_id="<new1@example.net>"),
                          "technik@centron.de", "neu@example.net", "smtp", BEFORE),
                 Incoming(make_mail(subject="Nach", sender="kunde3@example.net",
                                    message_id="<new2@example.net>"),
                          "technik@centron.de", "kunde3@example.net", "smtp",
                          AFTER + timedelta(days=1)),
                 Incoming(make_mail(subject="Re: [TK-000001] Frage", sender="kunde1@example.net",
                                    message_id="<new3@example.net>",
                                    headers={"In-Reply-To": "<h1@example.net>"}),
                          "technik@centron.de", "kunde1@example.net", "smtp",
                          BEFORE + timedelta(days=1))]
        store_batch(traced, batch)
        store(traced, batch[0])  # a duplicate
        pipeline.process_pending(batch=10)
        Outbox(settings, traced, clock).send_due()
    finally:
        traced.dispose()
    for table in ("responder_state", "handoff", "reply", "ticket_article"):  # all were seen
        assert any(f"FROM {table}" in s or f"INTO {table}" in s for s in statements), table
    found = _scans(tmp_path / "gateway.db", statements)
    assert found == [], "\n".join(f"{t}: {p}\n    {s}" for t, p, s in found)


def test_the_check_sees_a_scan(settings, engine, clock, tmp_path):
    """The test above can fail: an unindexed condition is reported."""
    _history(settings, engine, clock, 20)
    found = _scans(tmp_path / "gateway.db",
                   ["SELECT id FROM inbound_message WHERE subject = 'x'"])
    assert found and found[0][0] == "inbound_message"
