"""Store → process → act through the real database: idempotency, follow-ups, records."""

from __future__ import annotations

import json
from datetime import timedelta
from email import message_from_bytes, policy

from sqlmodel import Session, func, select

from gateway.admin import queries
from gateway.delivery.outbox import Outbox
from gateway.store.models import InboundMessage, Reply, Ticket, TicketArticle
from gateway.store.queue import raw_of
from tests.conftest import AFTER, ANNOUNCE, BEFORE, make_mail


def count(engine, model) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_same_mail_twice_gives_one_ticket_and_one_reply(gateway, engine):
    raw = make_mail()
    first, outcome = gateway.receive(raw, ANNOUNCE)
    second, again = gateway.receive(raw, ANNOUNCE + timedelta(minutes=5))
    assert outcome.action == "ticket" and not first.duplicate
    assert second.duplicate and second.inbound_id == first.inbound_id
    assert again is None  # already done: not acted on twice
    assert count(engine, Ticket) == 1 and count(engine, Reply) == 1
    assert count(engine, InboundMessage) == 1


def test_without_message_id_the_same_bytes_are_one_mail(gateway, engine):
    raw = make_mail(message_id=None)
    gateway.receive(raw, ANNOUNCE)
    stored, _ = gateway.receive(raw, ANNOUNCE)
    assert stored.duplicate and count(engine, Ticket) == 1


def test_raw_bytes_are_kept_exactly(gateway, engine):
    raw = make_mail(body="Umlaute äöü\r\n\r\n  trailing spaces  \r\n")
    stored, _ = gateway.receive(raw, ANNOUNCE)
    with Session(engine) as session:
        row = session.get(InboundMessage, stored.inbound_id)
        assert raw_of(engine, row.id) == raw and row.size == len(raw)
        assert row.received_at == ANNOUNCE  # reception time, not the Date header


def test_ack_names_ticket_and_redirect_names_account_center(gateway, engine):
    _, ticket = gateway.receive(make_mail(), ANNOUNCE)
    _, redirect = gateway.receive(make_mail(message_id="<m2@kunde.example>"), AFTER)
    assert ticket.ticket == "TK-000001"
    assert "TK-000001" in ticket.reply.subject and "TK-000001" in ticket.reply.text
    assert redirect.action == "redirect" and redirect.ticket is None
    assert "https://account.centron.de" in redirect.reply.text
    assert "https://account.centron.de" in redirect.reply.html


def test_before_announce_the_ack_does_not_announce(gateway):
    _, outcome = gateway.receive(make_mail(), BEFORE)
    assert outcome.reason == "new-ticket" and "13.10.2025" not in outcome.reply.text
    _, announced = gateway.receive(make_mail(message_id="<m9@kunde.example>"), ANNOUNCE)
    assert "13.10.2025" in announced.reply.text


def test_sales_redirect_points_to_contact_form(gateway):
    _, outcome = gateway.receive(make_mail(to="vertrieb@centron.de"), AFTER,
                                 rcpt="vertrieb@centron.de")
    assert outcome.action == "redirect"
    assert "https://www.centron.de/kontakt/" in outcome.reply.text
    assert "Kontaktformular" in outcome.reply.text


def test_followup_by_in_reply_to_our_ack(gateway, engine):
    _, first = gateway.receive(make_mail(), ANNOUNCE)
    answer = make_mail(subject="Re: something else", message_id="<m2@kunde.example>",
                       headers={"In-Reply-To": first.reply.message_id})
    _, outcome = gateway.receive(answer, ANNOUNCE + timedelta(hours=1))
    assert (outcome.action, outcome.reason, outcome.ticket) == ("followup", "in-reply-to",
                                                                 first.ticket)
    assert count(engine, Ticket) == 1 and count(engine, TicketArticle) == 2


def test_followup_by_subject_tag(gateway, engine):
    _, first = gateway.receive(make_mail(), ANNOUNCE)
    answer = make_mail(subject=f"AW: [{first.ticket}] Eingangsbestätigung",
                       message_id="<m3@kunde.example>")
    _, outcome = gateway.receive(answer, ANNOUNCE + timedelta(hours=1))
    assert (outcome.action, outcome.reason) == ("followup", "subject-tag")


def test_followup_after_cutover_within_and_after_grace(gateway, engine):
    _, first = gateway.receive(make_mail(), ANNOUNCE)
    within = make_mail(message_id="<m4@kunde.example>",
                       headers={"In-Reply-To": first.reply.message_id})
    _, inside = gateway.receive(within, AFTER)  # one day after the cutover, grace is 14 days
    late = make_mail(message_id="<m5@kunde.example>", headers={"References":
                                                              first.reply.message_id})
    _, outside = gateway.receive(late, AFTER + timedelta(days=14))
    assert inside.action == "followup"
    assert outside.action == "redirect"


def test_closed_ticket_reopens_on_followup(gateway, engine, clock):
    from gateway.store.db import transaction
    from gateway.store.tickets import close_ticket

    _, first = gateway.receive(make_mail(), ANNOUNCE)
    with transaction(engine) as session:
        close_ticket(session, first.ticket, clock.now())
    answer = make_mail(subject=f"[{first.ticket}] noch was", message_id="<m6@kunde.example>")
    gateway.receive(answer, ANNOUNCE + timedelta(hours=2))
    with Session(engine) as session:
        assert session.exec(select(Ticket)).one().status == "open"


def test_decision_is_recorded_with_policy_fingerprint(gateway, engine, settings):
    stored, _ = gateway.receive(make_mail(headers={"Auto-Submitted": "auto-replied"}), AFTER)
    data = queries.show_message(engine, stored.inbound_id)
    assert (data["action"], data["reason"], data["phase"]) == ("suppress", "auto-submitted",
                                                               "cutover")
    assert data["policy"] == settings.fingerprint
    assert data["detail"]["automated"] == ["auto-submitted"]


def test_poison_mail_is_marked_failed_and_others_go_on(pipeline, engine, clock, tmp_path):
    from gateway.config.load import settings_from_dict
    from gateway.ingest.store import Incoming, store
    from gateway.pipeline.process import Pipeline

    # a mail stored for an address that was removed from the config before it was processed
    bad = store(engine, Incoming(make_mail(message_id="<bad@x>"), "old@centron.de",
                                 "b@kunde.example", "pipe", AFTER))
    good = store(engine, Incoming(make_mail(message_id="<ok@x>"), "technik@centron.de",
                                  "a@kunde.example", "pipe", AFTER))
    outcomes = pipeline.process_pending()
    assert [o.inbound_id for o in outcomes] == [good.inbound_id]
    failed = queries.show_message(engine, bad.inbound_id)
    assert failed["status"] == "failed" and "not a configured address" in failed["error"]
    assert pipeline.process_pending() == []  # failed rows wait for --retry-failed
    fixed = settings_from_dict({"database_url": str(engine.url), "addresses": [
        {"address": "old@centron.de", "department": "Alt"}]})
    retried = Pipeline(fixed, engine, clock).process_pending(retry_failed=True)
    assert [o.inbound_id for o in retried] == [bad.inbound_id]
    assert queries.show_message(engine, bad.inbound_id)["status"] == "done"


def test_status_counts_and_phases(gateway, engine, settings, clock):
    gateway.receive(make_mail(), ANNOUNCE)
    gateway.receive(make_mail(message_id="<m2@kunde.example>"), AFTER)
    data = queries.status(engine, settings, clock.now())
    assert data["counts"]["by_action"] == {"ticket": 1, "redirect": 1}
    assert data["queues"]["outbox"] == {"queued": 2}
    assert {a["phase"] for a in data["addresses"]} == {"cutover"}
    json.dumps(data)


def test_outbox_dry_run_writes_parseable_eml(gateway, settings, engine, clock, tmp_path):
    gateway.receive(make_mail(), AFTER)
    report = Outbox(settings, engine, clock).send_due()
    assert report.written == 1 and len(report.files) == 1
    msg = message_from_bytes(open(report.files[0], "rb").read(), policy=policy.default)
    assert msg["Auto-Submitted"] == "auto-replied" and msg["To"] == "max@kunde.example"
    assert Outbox(settings, engine, clock).send_due().written == 0  # nothing twice


def test_parse_pool_gives_the_same_decisions(engine, settings, clock):
    from gateway.ingest.store import Incoming, store_batch
    from gateway.pipeline.backlog import Backlog
    from gateway.pipeline.process import Pipeline

    items = [Incoming(make_mail(message_id=f"<pool{i}@x>", sender=f"p{i % 7}@kunde.example",
                                headers={"Precedence": "bulk"} if i % 5 == 0 else None),
                      "technik@centron.de", f"p{i % 7}@kunde.example", "pipe",
                      (ANNOUNCE if i % 2 else AFTER) + timedelta(seconds=i)) for i in range(250)]
    store_batch(engine, items)
    pooled = Backlog(Pipeline(settings, engine, clock), parse_workers=1)
    try:
        outcomes = pooled.process_pending(batch=50)
    finally:
        pooled.close()
    assert sorted(o.inbound_id for o in outcomes) == list(range(1, 251))
    by_id = {o.inbound_id: o for o in outcomes}
    # bulk mail: suppressed after the cutover, a ticket without receipt before it
    assert all(by_id[i + 1].action == ("ticket" if i % 2 else "suppress")
               and by_id[i + 1].reply is None for i in range(0, 250, 5))
    assert {o.action for o in outcomes} == {"ticket", "redirect", "suppress"}
    assert count(engine, Ticket) == sum(o.action == "ticket" for o in outcomes)
    # redirections rendered ahead in the pool are the replies the writer would have rendered
    from gateway.pipeline.render import Renderer, request_for
    from gateway.rules.decide import ReplyKind
    from gateway.rules.parse import parse_mail

    redirect = next(o for o in outcomes if o.action == "redirect")
    mail = parse_mail(items[redirect.inbound_id - 1].raw)
    fresh = Renderer(settings).render(request_for(
        ReplyKind.REDIRECT, redirect.reply.to, settings.address_config("technik@centron.de"),
        mail), clock.now())
    assert (fresh.subject, fresh.text, fresh.html) == (redirect.reply.subject,
                                                       redirect.reply.text, redirect.reply.html)
    assert redirect.reply.headers["In-Reply-To"] == mail.message_id


def test_unwritable_outbox_dir_is_retried_not_wedged(gateway, engine, clock, tmp_path):
    from gateway.config.load import settings_from_dict
    from gateway.delivery.outbox import Outbox

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the folder should be")
    settings = settings_from_dict({"database_url": str(engine.url), "outbox_dir": str(blocker)})
    gateway.receive(make_mail(), AFTER)
    report = Outbox(settings, engine, clock).send_due()
    assert report.retried == 1
    with Session(engine) as session:
        reply = session.exec(select(Reply)).one()
    assert reply.status == "queued" and "outbox_dir" in reply.last_error


def test_locked_database_leaves_mail_for_later_not_failed(engine, settings, clock, tmp_path):
    import sqlite3

    import pytest
    from sqlalchemy.exc import OperationalError

    from gateway.ingest.store import Incoming, store
    from gateway.pipeline.process import Pipeline
    from gateway.store.db import make_engine

    stored = store(engine, Incoming(make_mail(), "technik@centron.de", "max@kunde.example",
                                    "pipe", AFTER))
    impatient = make_engine(settings.database_url, busy_timeout_ms=100)
    pipeline = Pipeline(settings, impatient, clock)
    blocker = sqlite3.connect(tmp_path / "gateway.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(OperationalError):
            pipeline.process_pending()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert queries.show_message(engine, stored.inbound_id)["status"] == "received"
    assert [o.inbound_id for o in pipeline.process_pending()] == [stored.inbound_id]


def test_a_different_mail_reusing_a_message_id_is_its_own_mail(gateway, engine):
    alice = make_mail(sender="alice@kunde.example", body="Alice: Server down",
                      message_id="<same@x>")
    bob = make_mail(sender="bob@firma.example", body="Bob: Rechnung falsch",
                    message_id="<same@x>")
    first, for_alice = gateway.receive(alice, ANNOUNCE, sender="alice@kunde.example")
    second, for_bob = gateway.receive(bob, ANNOUNCE, sender="bob@firma.example")
    assert not second.duplicate and second.inbound_id != first.inbound_id
    assert for_alice.ticket != for_bob.ticket and for_bob.reply.to == "bob@firma.example"
    assert count(engine, InboundMessage) == 2 and count(engine, Ticket) == 2


def test_control_characters_in_a_reply_address_mean_no_reply(gateway):
    from gateway.rules.parse import parse_mail
    from gateway.rules.prepare import reply_address

    for bad in ("a\x01\x7fb@kunde.example", "a\x00b@kunde.example"):
        assert reply_address(parse_mail(make_mail()), bad) is None
        assert reply_address(parse_mail(make_mail(sender=bad)), None) is None
    assert reply_address(parse_mail(make_mail()), "max@kunde.example") == "max@kunde.example"
