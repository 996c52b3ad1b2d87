"""Issue 21: a customer who answers a handed-off ticket after the grace period is sent to that
ticket in the portal (reason ticket-in-portal), when the helpdesk's webhook answer named it
({"id": ...} and handoff.ticket_url_template, or {"url": ...}); else the generic redirection.

The end-to-end tests run the real `gateway` command (ingest, outbox send) against a real
webhook receiver on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlmodel import Session, select

from gateway.clock import FixedClock
from gateway.codes import Action, ReplyKind
from gateway.config.load import settings_from_dict
from gateway.delivery.handoff_send import HandoffSender
from gateway.delivery.helpdesk_ref import HelpdeskRef, parse_answer, ticket_url
from gateway.errors import ConfigError
from gateway.pipeline.act import Outcome
from gateway.pipeline.process import Pipeline
from gateway.rules.decide import ThreadMatch, decide
from gateway.rules.phases import Phase
from gateway.store.models import Ticket
from tests.conftest import ANNOUNCE, BERLIN, Gateway, make_mail
from tests.imap_fixtures import wait_for
from tests.serve_process import Serve
from tests.test_decide import facts
from tests.webhook_receiver import start_receiver

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "https://account.example/tickets/{id}"


@pytest.mark.parametrize("body, expected", [
    (b'{"id": "HD-123"}', HelpdeskRef("HD-123")),
    (b'{"id": 4711, "status": "new"}', HelpdeskRef("4711")),
    (b'{"url": "https://helpdesk.example/t/77"}', HelpdeskRef(None, "https://helpdesk.example/t/77")),
    (b'{"ticket": {"id": 9, "html_url": "https://hd.example/9"}}', HelpdeskRef("9", "https://hd.example/9")),
    (b'{"key": "OPS-12"}', HelpdeskRef("OPS-12")),
    (b'e\r\n{"id": "HD-5"}\r\n0\r\n\r\n', HelpdeskRef("HD-5")),  # chunked
])
def test_the_answer_names_the_helpdesk_ticket(body, expected):
    assert parse_answer(body) == expected


@pytest.mark.parametrize("body", [
    b"", b"OK", b"[1, 2]", b'"HD-1"', b"{}", b'{"id": true}', b'{"id": "<script>"}',
    b'{"id": "a b"}', b'{"id": "' + b"x" * 65 + b'"}', b'{"url": "javascript:alert(1)"}',
    b'{"url": "https://x.example/\\u000a\\u0007"}', b'{"url": "//no-scheme.example"}',
    b'{"url": "https://x.example/\\"><script>alert(1)</script>"}', b'{"url": "https://"}',
    b'{"id": {"nested": 1}}', b"\xff\xfe{", b"[" * 100_000,
])
def test_answers_that_name_nothing_usable_are_ignored(body):
    assert parse_answer(body) is None


def test_the_link_prefers_the_helpdesks_url_then_the_template():
    assert ticket_url("HD-1", "https://hd.example/1", TEMPLATE) == "https://hd.example/1"
    assert ticket_url("HD 1/2", None, TEMPLATE) == "https://account.example/tickets/HD%201%2F2"
    assert ticket_url("HD-1", None, "") is None


def test_decision_past_the_grace_period_points_to_the_helpdesk_ticket():
    cutover = datetime(2025, 10, 13, tzinfo=BERLIN)
    handed = ThreadMatch(1, "TK-000001", cutover - timedelta(days=2), "in-reply-to", "HD-123")
    inside = decide(facts(Phase.CUTOVER, cutover + timedelta(days=13), thread=handed))
    assert inside.action is Action.FOLLOWUP
    late = decide(facts(Phase.CUTOVER, cutover + timedelta(days=20), thread=handed))
    assert (late.action, late.reason, late.reply, late.thread) == (
        Action.REDIRECT, "ticket-in-portal", ReplyKind.TICKET_LINK, handed)
    tagged = ThreadMatch(1, "TK-000001", cutover - timedelta(days=2), "subject-tag", "HD-123",
                         customer="Max@Kunde.example")
    own = decide(facts(Phase.CUTOVER, cutover + timedelta(days=20), thread=tagged))
    assert own.reason == "ticket-in-portal"  # the ticket's own customer, by its subject tag
    stranger = decide(facts(Phase.CUTOVER, cutover + timedelta(days=20), thread=tagged,
                            reply_to="guess@other.example"))
    assert stranger.reason == "after-cutover"  # a guessed tag learns nothing of the ticket
    plain = ThreadMatch(1, "TK-000001", cutover - timedelta(days=2), "in-reply-to")
    generic = decide(facts(Phase.CUTOVER, cutover + timedelta(days=20), thread=plain))
    assert (generic.reason, generic.reply) == ("after-cutover", ReplyKind.REDIRECT)


# -- with a real webhook receiver: in process, then through the real command ---------------------

def late_answer(engine, tmp_path, answer: bytes, template: str = TEMPLATE) -> Outcome:
    """A ticket before the cutover, its event POSTed (the receiver answers `answer`), then the
    customer's answer to our receipt three weeks after the grace period ended."""
    receiver, server = start_receiver(reply=answer)
    try:
        settings = settings_from_dict({
            "database_url": str(engine.url), "outbox_dir": str(tmp_path / "outbox"),
            "handoff": {"webhook_url": receiver.url, "ticket_url_template": template}})
        at = FixedClock(ANNOUNCE)
        _, first = Gateway(Pipeline(settings, engine, at)).receive(make_mail(), ANNOUNCE)
        assert HandoffSender(settings, engine, at).send_due().sent == 1
        late = datetime(2025, 11, 20, 10, tzinfo=BERLIN)
        raw = make_mail(subject="Re: " + first.reply.subject, message_id="<q2@kunde.example>",
                        headers={"In-Reply-To": first.reply.message_id})
        return Gateway(Pipeline(settings, engine, FixedClock(late))).receive(raw, late)[1]
    finally:
        server.shutdown()
        server.server_close()


def test_the_helpdesks_own_url_wins(engine, tmp_path):
    outcome = late_answer(engine, tmp_path, b'{"id": 77, "url": "https://helpdesk.example/t/77"}')
    assert (outcome.action, outcome.reason) == ("redirect", "ticket-in-portal")
    assert "77" in outcome.reply.text and "https://helpdesk.example/t/77" in outcome.reply.html
    assert "account.example" not in outcome.reply.text
    with Session(engine) as session:
        ticket = session.exec(select(Ticket)).one()
    assert (ticket.helpdesk_id, ticket.helpdesk_url) == ("77", "https://helpdesk.example/t/77")


def test_a_url_without_an_id_names_our_ticket(engine, tmp_path):
    """The helpdesk named only its page: the reply still names a ticket, the one the customer
    has in the subject of our receipt."""
    outcome = late_answer(engine, tmp_path, b'{"url": "https://helpdesk.example/t/77"}')
    assert outcome.reason == "ticket-in-portal"
    text = " ".join(outcome.reply.text.split())
    assert "Ihre Antwort zu Ihrem Ticket TK-000001." in text
    assert "your answer to your ticket TK-000001." in text
    assert "https://helpdesk.example/t/77" in text and "Open ticket TK-000001" in outcome.reply.html


def test_an_id_without_a_template_links_to_the_portal(engine, tmp_path):
    outcome = late_answer(engine, tmp_path, b'{"id": "HD-9"}', template="")
    assert outcome.reason == "ticket-in-portal" and "HD-9" in outcome.reply.text
    assert settings_from_dict({}).account_center_url in outcome.reply.text


@pytest.mark.parametrize("template", ["account.example/tickets/{id}", "https://x.example/t",
                                      "https://x.example/t/{id} x", "ftp://x.example/{id}"])
def test_a_ticket_url_template_must_be_a_web_address_with_the_id(template):
    with pytest.raises(ConfigError, match="ticket_url_template"):
        settings_from_dict({"handoff": {"ticket_url_template": template}})


@pytest.mark.parametrize("answer", [b"", b"OK", b'{"status": "queued"}'])
def test_an_answer_naming_nothing_keeps_the_generic_redirection(engine, tmp_path, answer):
    outcome = late_answer(engine, tmp_path, answer)
    assert (outcome.action, outcome.reason) == ("redirect", "after-cutover")


def gateway(env: dict, *args: str, stdin: bytes = b"") -> str:
    result = subprocess.run([sys.executable, "-m", "gateway", *args], input=stdin, env=env,
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_the_real_command_names_the_ticket_and_links_to_it(tmp_path):
    """ingest (ticket), outbox send (the receiver answers {"id": "HD-123"}), an answer within
    the grace period (follow-up), one after it (the ticket in the portal)."""
    receiver, server = start_receiver(reply=b'{"id": "HD-123"}')
    try:
        config = tmp_path / "gateway.toml"
        config.write_text(f'[handoff]\nwebhook_url = "{receiver.url}"\n'
                          f'ticket_url_template = "{TEMPLATE}"\n')
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
        env.update({"GATEWAY_CONFIG": str(config), "PYTHONPATH": str(ROOT),
                    "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gateway.db",
                    "GATEWAY_OUTBOX_DIR": str(tmp_path / "outbox")})
        rcpt = ("--rcpt", "technik@centron.de", "--sender", "max@kunde.example", "--json")
        first = json.loads(gateway(env, "ingest", *rcpt, "--at", "2025-10-01T10:00:00+02:00",
                                   stdin=make_mail(message_id="<q1@kunde.example>")))
        gateway(env, "outbox", "send")
        assert first["action"] == "ticket" and len(receiver.accepted) == 1
        receipt = first["reply"]["headers"]["Message-ID"]

        def answer(n: int, at: str) -> dict:
            raw = make_mail(subject="Re: " + first["reply"]["subject"], body="Wieder da.",
                            message_id=f"<a{n}@kunde.example>", headers={"In-Reply-To": receipt})
            return json.loads(gateway(env, "ingest", *rcpt, "--at", at, stdin=raw))

        shown = json.loads(gateway(env, "--json", "tickets", "show", "TK-000001"))
        assert shown["helpdesk"] == {"id": "HD-123", "url": None}
        inside = answer(1, "2025-10-20T10:00:00+02:00")
        assert (inside["action"], inside["ticket"]) == ("followup", "TK-000001")
        late = answer(2, "2025-11-20T10:00:00+01:00")
    finally:
        server.shutdown()
        server.server_close()
    assert (late["action"], late["reason"]) == ("redirect", "ticket-in-portal")
    for part in (late["reply"]["text"], late["reply"]["html"]):
        assert "HD-123" in part and "https://account.example/tickets/HD-123" in part
    assert "kein Ticket" not in late["reply"]["text"]  # not the generic redirection


def test_serve_points_a_late_answer_to_the_helpdesks_ticket(tmp_path):
    """`serve` over SMTP: a ticket, its event answered with a URL, then (the cutover moved just
    past the ticket by a reload, no grace) the customer's answer gets the link, not the
    generic redirection."""
    receiver, server = start_receiver(reply=b'{"url": "https://helpdesk.example/t/5"}')
    config, outbox = tmp_path / "gateway.toml", tmp_path / "outbox"
    address = '[[address]]\naddress = "technik@centron.de"\ndepartment = "Technik"\n'
    config.write_text(address + "cutover = 2030-01-01\nfollowup_grace_days = 0\n")
    serve = Serve(tmp_path, {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                             "GATEWAY_OUTBOX_DIR": str(outbox),
                             "GATEWAY_HANDOFF_WEBHOOK": receiver.url}, config=str(config))
    try:
        serve.send(make_mail(message_id="<s1@kunde.example>"))
        wait_for(lambda: receiver.accepted and list(outbox.glob("*.eml")), timeout=60)
        ack = message_from_bytes(next(outbox.glob("*.eml")).read_bytes())
        cutover = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
        time.sleep(2)
        config.write_text(address + f"cutover = {cutover.isoformat()}\nfollowup_grace_days = 0\n")
        serve.signal_group(signal.SIGHUP)
        serve.wait_notify("RELOADING=1")
        serve.wait_notify("READY=1")
        serve.send(make_mail(subject="Re: " + str(ack["Subject"]), message_id="<s2@kunde.example>",
                             headers={"In-Reply-To": ack["Message-ID"]}))
        wait_for(lambda: len(list(outbox.glob("*.eml"))) == 2, timeout=60)
    finally:
        serve.signal_group(signal.SIGTERM)
        serve.proc.wait(timeout=40)
        serve.finish()
        server.shutdown()
        server.server_close()
    late = max(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns).read_bytes()
    assert b"https://helpdesk.example/t/5" in late and b"kein Ticket" not in late
