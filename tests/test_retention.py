"""Retention: old raw content goes, the record of what was decided stays."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from gateway.admin import queries
from gateway.delivery.outbox import Outbox
from gateway.store.models import InboundMessage, Reply
from gateway.store.retention import purge
from tests.conftest import AFTER, make_mail


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
    assert rows[old.inbound_id].raw == b"" and rows[old.inbound_id].sha256
    assert rows[old.inbound_id].action == "redirect" and rows[old.inbound_id].size > 0
    assert rows[recent.inbound_id].raw != b""
    assert replies[0].raw == b"" and replies[1].raw != b""  # the recent one is still queued
    assert queries.show_message(engine, old.inbound_id)["reason"] == "after-cutover"
    assert purge(engine, now, days=30).inbound == 0  # nothing twice
