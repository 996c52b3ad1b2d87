"""Handoff to the agents with real components: a real HTTP receiver that fails first and then
accepts (each event arrives once per key, signatures verify), and a real relay for forwarding."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from gateway.admin import queries
from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.pipeline.process import Pipeline
from gateway.store.models import Handoff, HandoffAttempt, Ticket
from tests.conftest import ANNOUNCE, Gateway, make_mail
from tests.private_server import free_port
from tests.test_delivery import Relay

SECRET = "s3cr3t-hook-key"




@pytest.fixture
def relay():
    """A real SMTP relay (aiosmtpd) whose first DATA gets a 451."""
    found = Relay(script=["451 4.3.0 try later"])
    controller = Controller(found, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield found, controller.port
    controller.stop()


def handoff_world(engine, clock, tmp_path, **handoff):
    secret_file = tmp_path / "hook.secret"
    secret_file.write_text(SECRET + "\n")
    settings = settings_from_dict({"database_url": str(engine.url),
                                   "outbox_dir": str(tmp_path / "outbox"),
                                   "handoff": {"webhook_secret_file": str(secret_file),
                                               "backoff_seconds": 30, **handoff}})
    return settings, Gateway(Pipeline(settings, engine, clock)), Outbox(settings, engine, clock)


def handoffs(engine) -> list[Handoff]:
    with Session(engine) as session:
        return list(session.exec(select(Handoff).order_by(Handoff.id)).all())


def test_webhook_fails_first_then_accepts_once_per_key(engine, clock, tmp_path, receiver):
    hook = receiver([503, 503, 500])
    settings, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url)
    _, first = gateway.receive(make_mail(message_id="<a@kunde.example>"), ANNOUNCE)
    _, alert = gateway.receive(make_mail(
        subject="[ALERT] disk /var 97%", sender="nagios@mon.kunde.example",
        message_id="<n1@mon.kunde.example>", headers={"Auto-Submitted": "auto-generated"}),
        ANNOUNCE + timedelta(minutes=1), sender="nagios@mon.kunde.example")
    _, answer = gateway.receive(make_mail(subject=f"Re: [{first.ticket}] Server down",
                                          message_id="<a2@kunde.example>", body="Noch da?"),
                                ANNOUNCE + timedelta(minutes=2))
    assert (first.action, alert.action, answer.action) == ("ticket", "ticket", "followup")
    assert alert.reply is None and first.reply is not None  # receipts only to people
    assert len(handoffs(engine)) == 3  # queued with the tickets, before anyone sent anything

    report = outbox.send_due()
    assert report.handoffs == {"sent": 0, "written": 0, "retried": 3, "failed": 0}
    assert outbox.send_due().handoffs["retried"] == 0  # not due before the backoff
    clock.advance(timedelta(seconds=31))
    assert outbox.send_due().handoffs["sent"] == 3
    clock.advance(timedelta(hours=2))
    assert outbox.send_due().handoffs["sent"] == 0  # nothing twice

    assert len(hook.requests) == 6 and len(hook.accepted) == 3
    keys = [r.key for r in hook.requests]
    assert keys[:3] == keys[3:]  # the retry carries the same key
    for request in hook.requests:
        expected = "sha256=" + hmac.new(SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(request.signature, expected)
    events = [json.loads(body) for body in hook.accepted.values()]
    assert [e["event"] for e in events] == ["ticket.created", "ticket.created", "ticket.followup"]
    created, machine, followup = events
    assert created["ticket"] == first.ticket == followup["ticket"]
    assert (created["address"], created["department"], created["sender"]) == (
        "technik@centron.de", "Technischer Support", "max@kunde.example")
    assert created["subject"] == "Server down" and "srv-web-01" in created["text"]
    assert created["message_id"] == "<a@kunde.example>" and created["automated"] is False
    assert datetime.fromisoformat(created["received_at"]) == ANNOUNCE
    assert (machine["automated"], machine["automated_reasons"]) == (True, ["auto-submitted"])
    assert machine["ticket"] == alert.ticket and followup["text"].startswith("Noch da?")
    with Session(engine) as session:
        assert session.exec(select(Ticket).where(Ticket.number == alert.ticket)).one() \
            .automated == "auto-submitted"  # the machine reason is kept on the ticket
        assert len(session.exec(select(HandoffAttempt)).all()) == 6  # every attempt recorded
    listed = queries.list_handoffs(engine, None, 10)
    assert {h["status"] for h in listed} == {"sent"} and all(
        [a["outcome"] for a in h["attempt_log"]] == ["queued", "sent"] for h in listed)


def test_webhook_gives_up_after_max_attempts_and_retry_requeues(engine, clock, tmp_path,
                                                                 receiver):
    hook = receiver([503, 503, 404])
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url,
                                       max_attempts=2)
    gateway.receive(make_mail(), ANNOUNCE)
    outbox.send_due()
    clock.advance(timedelta(hours=1))
    assert outbox.send_due().handoffs["failed"] == 1
    item = handoffs(engine)[0]
    assert (item.status, item.attempts) == ("failed", 2) and "503" in item.last_error
    assert outbox.handoffs.retry(item.id)
    assert outbox.send_due().handoffs["failed"] == 1  # 404: permanent, no retry on its own
    assert outbox.handoffs.retry(item.id) and outbox.send_due().handoffs["sent"] == 1
    assert len(hook.accepted) == 1


def test_forward_through_the_relay_keeps_the_original(engine, clock, tmp_path, relay):
    relay, relay_port = relay
    settings, gateway, outbox = handoff_world(
        engine, clock, tmp_path, forward_to="agents@helpdesk.example")
    settings = settings_from_dict({**settings.model_dump(mode="json"), "outbox_dir": "",
                                   "relay": {"host": "127.0.0.1", "port": relay_port}})
    gateway, outbox = Gateway(Pipeline(settings, engine, clock)), Outbox(settings, engine, clock)
    original = make_mail(subject="Datenbank langsam – bitte prüfen", message_id="<f@kunde.example>")
    _, outcome = gateway.receive(original, ANNOUNCE)
    outbox.send_due()  # the ack goes out; the forward meets the relay's 451
    clock.advance(timedelta(seconds=31))
    outbox.send_due()
    forwards = [r for r in relay.received if r[1] == ["agents@helpdesk.example"]]
    assert len(forwards) == 1
    mail = message_from_bytes(forwards[0][2], policy=policy.default)
    assert mail["Subject"] == f"[{outcome.ticket}] Datenbank langsam – bitte prüfen"
    assert mail["Reply-To"] == "max@kunde.example" and mail["Auto-Submitted"] == "auto-generated"
    assert mail["From"].addresses[0].addr_spec == "support-gateway@centron.de"
    attached = [p for p in mail.iter_attachments() if p.get_content_type() == "message/rfc822"]
    assert len(attached) == 1 and original in forwards[0][2]  # the original bytes, unchanged
    assert handoffs(engine)[0].status == "sent"


def test_forward_in_dry_run_goes_into_the_outbox_folder(engine, clock, tmp_path):
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, forward_to="agents@x.example")
    gateway.receive(make_mail(), ANNOUNCE)
    report = outbox.send_due()
    assert report.handoffs["written"] == 1
    files = sorted((tmp_path / "outbox").glob("*-handoff.eml"))
    assert len(files) == 1 and b"[TK-000001] Server down" in files[0].read_bytes()


def test_no_handoff_configured_queues_nothing_and_status_warns(engine, clock, tmp_path):
    settings = settings_from_dict({"database_url": str(engine.url),
                                   "outbox_dir": str(tmp_path / "outbox")})
    Gateway(Pipeline(settings, engine, clock)).receive(make_mail(), ANNOUNCE)
    assert handoffs(engine) == []
    data = queries.status(engine, settings, ANNOUNCE)
    assert any("no handoff is configured" in w for w in data["warnings"])
    assert not any("no handoff" in w for w in queries.status(
        engine, settings, ANNOUNCE + timedelta(days=60))["warnings"])  # after the cutover


def test_crash_mid_delivery_sends_again_with_the_same_key(engine, clock, tmp_path, receiver):
    """At least once: an event left 'sending' by a dead sender goes out again; the receiver
    sees the same Idempotency-Key and keeps one."""
    hook = receiver()
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url)
    gateway.receive(make_mail(), ANNOUNCE)
    assert outbox.send_due().handoffs["sent"] == 1
    with Session(engine) as session:  # as if the sender died after the POST, before recording
        item = session.exec(select(Handoff)).one()
        item.status, item.next_attempt_at = "sending", clock.now()
        session.add(item)
        session.commit()
    assert outbox.send_due().handoffs["sent"] == 0  # not stale yet: maybe still in flight
    clock.advance(timedelta(minutes=5))
    assert outbox.send_due().handoffs["sent"] == 1
    assert len(hook.requests) == 2 and hook.requests[0].key == hook.requests[1].key
    assert len(hook.accepted) == 1


def test_status_warns_about_a_webhook_without_secret(engine, clock, tmp_path, monkeypatch):
    monkeypatch.delenv("GATEWAY_WEBHOOK_SECRET", raising=False)
    settings = settings_from_dict({"database_url": str(engine.url),
                                   "handoff": {"webhook_url": "http://127.0.0.1:9/x"}})
    warnings = queries.status(engine, settings, ANNOUNCE)["warnings"]
    assert any("without a secret" in w for w in warnings)
    assert not any("no handoff is configured" in w for w in warnings)


def test_unreachable_receiver_costs_one_try_per_round(engine, clock, tmp_path):
    from tests.private_server import free_port

    dead = f"http://127.0.0.1:{free_port()}/hook"  # nobody listens there
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=dead)
    for n in range(3):
        gateway.receive(make_mail(message_id=f"<u{n}@k>"), ANNOUNCE + timedelta(minutes=n))
    assert outbox.send_due().handoffs == {"sent": 0, "written": 0, "retried": 1, "failed": 0}
    attempts = [h.attempts for h in handoffs(engine)]
    assert attempts == [1, 0, 0]  # the others wait for the next round, untouched
