"""Delivery of replies through a real SMTP relay (aiosmtpd on loopback): retries, failures,
TLS and AUTH, DKIM, and no duplicate after a crash between handing over and recording."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import dkim
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlmodel import Session, select

from gateway.admin import queries
from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.pipeline.process import Pipeline
from gateway.store.models import DeliveryAttempt, Reply
from tests.conftest import AFTER, Gateway, make_mail
from tests.private_server import free_port

ROOT = Path(__file__).resolve().parents[1]


class Relay:
    """Records what it accepts; answers DATA from a script of status lines, then 250."""

    def __init__(self, script: list[str] | None = None, on_data=None) -> None:
        self.script = list(script or [])
        self.received: list[tuple[str, list[str], bytes]] = []
        self.on_data = on_data

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.script:
            return self.script.pop(0)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if self.on_data:
            self.on_data()
        return "250 2.0.0 Ok: queued"


@pytest.fixture
def relay_port():
    return free_port()


@pytest.fixture
def run_relay(relay_port):
    controllers = []

    def start(relay: Relay, **kwargs) -> Relay:
        controller = Controller(relay, hostname="127.0.0.1", port=relay_port, **kwargs)
        controller.start()
        controllers.append(controller)
        return relay

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def world(engine, clock, relay_port, tmp_path):
    """A pipeline that sends via the relay on relay_port (no dry run)."""
    settings = settings_from_dict({
        "database_url": str(engine.url), "outbox_dir": "",
        "relay": {"host": "127.0.0.1", "port": relay_port, "timeout_seconds": 5,
                  "backoff_seconds": 60, "max_attempts": 3}})
    gateway = Gateway(Pipeline(settings, engine, clock))
    return gateway, Outbox(settings, engine, clock)


def reply_row(engine) -> Reply:
    with Session(engine) as session:
        return session.exec(select(Reply)).one()


def test_success_with_null_envelope_sender(world, run_relay, engine):
    gateway, outbox = world
    relay = run_relay(Relay())
    gateway.receive(make_mail(), AFTER)
    report = outbox.send_due()
    assert report.sent == 1
    mail_from, rcpts, content = relay.received[0]
    assert (mail_from, rcpts) == ("<>", ["max@kunde.example"]) or (mail_from, rcpts) == (
        "", ["max@kunde.example"])
    assert b"Auto-Submitted: auto-replied" in content
    row = reply_row(engine)
    assert row.status == "sent" and row.attempts == 1 and row.sent_at is not None
    assert outbox.send_due().sent == 0  # nothing twice


def test_temporary_failure_then_success_with_backoff(world, run_relay, engine, clock):
    gateway, outbox = world
    relay = run_relay(Relay(["451 4.3.0 try later"]))
    gateway.receive(make_mail(), AFTER)
    assert outbox.send_due().retried == 1
    row = reply_row(engine)
    assert row.status == "queued" and row.next_attempt_at == clock.now() + timedelta(seconds=60)
    assert outbox.send_due().sent == 0  # not due yet
    clock.advance(timedelta(seconds=61))
    assert outbox.send_due().sent == 1 and len(relay.received) == 1
    log = queries.list_replies(engine, None, 10)[0]["attempt_log"]
    assert [a["outcome"] for a in log] == ["queued", "sent"] and "451" in log[0]["detail"]


def test_backoff_grows_and_gives_up_after_max_attempts(world, run_relay, engine, clock):
    gateway, outbox = world
    run_relay(Relay(["451 4.3.0 busy"] * 5))
    gateway.receive(make_mail(), AFTER)
    waits = []
    for _ in range(3):
        outbox.send_due()
        row = reply_row(engine)
        waits.append(row.next_attempt_at - clock.now())
        clock.advance(timedelta(hours=2))
    assert row.status == "failed" and row.attempts == 3
    assert waits[:2] == [timedelta(seconds=60), timedelta(seconds=120)]


def test_permanent_failure_is_not_retried(world, run_relay, engine, clock):
    gateway, outbox = world
    relay = run_relay(Relay(["550 5.1.1 no such user"]))
    gateway.receive(make_mail(), AFTER)
    assert outbox.send_due().failed == 1
    clock.advance(timedelta(days=1))
    assert outbox.send_due().sent == 0 and relay.received == []
    row = reply_row(engine)
    assert (row.status, row.attempts) == ("failed", 1) and "550" in row.last_error


def test_relay_down_then_up(world, run_relay, engine, clock):
    gateway, outbox = world
    for i in range(3):
        gateway.receive(make_mail(message_id=f"<down{i}@x>", sender=f"k{i}@kunde.example"),
                        AFTER, sender=f"k{i}@kunde.example")
    assert outbox.send_due().retried == 1  # connection refused: temporary, and one is enough
    with Session(engine) as session:
        rows = session.exec(select(Reply).order_by(Reply.id)).all()
    assert [r.attempts for r in rows] == [1, 0, 0]  # the others did not wait for a timeout each
    assert "ConnectionRefused" in rows[0].last_error
    relay = run_relay(Relay())
    clock.advance(timedelta(minutes=2))
    assert outbox.send_due().sent == 3 and len(relay.received) == 3


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def test_starttls_and_auth(engine, clock, run_relay, relay_port, tmp_path, monkeypatch):
    import ssl

    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
             "cert.pem", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", cwd=tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    relay = run_relay(Relay(), tls_context=context, require_starttls=True,
                      authenticator=authenticator, auth_require_tls=True)
    monkeypatch.setenv("GATEWAY_RELAY_PASSWORD", "s3cret")
    settings = settings_from_dict({
        "database_url": str(engine.url), "outbox_dir": "",
        "relay": {"host": "127.0.0.1", "port": relay_port, "security": "starttls",
                  "username": "gateway", "ca_file": str(tmp_path / "cert.pem")}})
    Gateway(Pipeline(settings, engine, clock)).receive(make_mail(), AFTER)
    assert Outbox(settings, engine, clock).send_due().sent == 1
    assert logins == [(b"gateway", b"s3cret")] and len(relay.received) == 1


def test_dkim_signature_verifies(engine, clock, run_relay, relay_port, tmp_path):
    _openssl("genrsa", "-out", "dkim.pem", "2048", cwd=tmp_path)
    _openssl("rsa", "-in", "dkim.pem", "-pubout", "-outform", "DER", "-out", "dkim.der",
             cwd=tmp_path)
    public = base64.b64encode((tmp_path / "dkim.der").read_bytes())
    relay = run_relay(Relay())
    settings = settings_from_dict({
        "database_url": str(engine.url), "outbox_dir": "",
        "relay": {"host": "127.0.0.1", "port": relay_port},
        "dkim": {"enabled": True, "selector": "gw", "domain": "centron.de",
                 "key_file": str(tmp_path / "dkim.pem")}})
    Gateway(Pipeline(settings, engine, clock)).receive(make_mail(), AFTER)
    assert Outbox(settings, engine, clock).send_due().sent == 1
    signed = relay.received[0][2]
    assert signed.startswith(b"DKIM-Signature:") and b"d=centron.de" in signed

    def dns(name, timeout=5):
        assert name == b"gw._domainkey.centron.de."
        return b"v=DKIM1; k=rsa; p=" + public

    assert dkim.verify(signed, dnsfunc=dns)


def test_crash_between_handing_over_and_recording_sends_nothing_twice(
        engine, clock, run_relay, relay_port, tmp_path):
    config = tmp_path / "gw.toml"
    config.write_text(f'database_url = "{engine.url}"\noutbox_dir = ""\n'
                      f'[relay]\nhost = "127.0.0.1"\nport = {relay_port}\n'
                      "timeout_seconds = 0.2\n")
    settings = settings_from_dict({"database_url": str(engine.url), "outbox_dir": ""})
    Gateway(Pipeline(settings, engine, clock)).receive(make_mail(), AFTER)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env["PYTHONPATH"] = str(ROOT)
    holder: dict[str, subprocess.Popen] = {}

    def kill_sender() -> None:  # the relay has the mail; the sender dies before it hears 250
        os.kill(holder["proc"].pid, signal.SIGKILL)

    relay = run_relay(Relay(on_data=kill_sender))
    command = [sys.executable, "-m", "gateway", "--config", str(config), "--json"]
    holder["proc"] = subprocess.Popen([*command, "outbox", "send"], env=env, cwd=tmp_path)
    assert holder["proc"].wait(timeout=60) == -signal.SIGKILL
    import time

    time.sleep(0.7)  # past 3 × the relay timeout: the 'sending' row is stale now
    again = subprocess.run([*command, "outbox", "send"], env=env, cwd=tmp_path,
                           capture_output=True, timeout=60)
    assert json.loads(again.stdout)["sent"] == 0
    assert len(relay.received) == 1  # not sent twice
    listed = subprocess.run([*command, "replies", "list"], env=env, cwd=tmp_path,
                            capture_output=True, timeout=60)
    row = json.loads(listed.stdout)[0]
    assert row["status"] == "unconfirmed" and re.search("not resent", row["last_error"])
    with Session(engine) as session:
        assert session.exec(select(DeliveryAttempt)).all() == []  # the crash recorded nothing


def test_unreachable_relay_is_left_alone_for_its_backoff(world, run_relay, engine, clock):
    gateway, outbox = world
    gateway.receive(make_mail(message_id="<b1@x>"), AFTER)
    assert outbox.send_due().retried == 1
    gateway.receive(make_mail(message_id="<b2@x>", sender="z@kunde.example"), AFTER,
                    sender="z@kunde.example")
    relay = run_relay(Relay())
    report = outbox.send_due()  # within the relay's backoff: not even tried
    assert (report.sent, report.retried) == (0, 0) and relay.received == []
    clock.advance(timedelta(seconds=61))
    assert outbox.send_due().sent == 2


def test_non_ascii_address_is_sent_with_smtputf8(world, run_relay, engine):
    gateway, outbox = world
    relay = run_relay(Relay(), enable_SMTPUTF8=True)
    gateway.receive(make_mail(sender="jürgen@müller.example"), AFTER,
                    sender="jürgen@müller.example")
    assert outbox.send_due().sent == 1
    assert relay.received[0][1] == ["jürgen@müller.example"]


def test_non_ascii_address_without_smtputf8_fails_cleanly(world, run_relay, engine):
    gateway, outbox = world
    run_relay(Relay(), enable_SMTPUTF8=False)  # this relay does not offer SMTPUTF8
    gateway.receive(make_mail(sender="jürgen@müller.example"), AFTER,
                    sender="jürgen@müller.example")
    assert outbox.send_due().failed == 1  # not retried forever, not stuck in 'sending'
    assert reply_row(engine).status == "failed"


def test_auth_over_plain_text_is_refused_unless_allowed(engine, clock, run_relay, relay_port,
                                                        monkeypatch):
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append(auth_data.login)
        return AuthResult(success=True)

    relay = run_relay(Relay(), authenticator=authenticator, auth_require_tls=False)
    monkeypatch.setenv("GATEWAY_RELAY_PASSWORD", "s3cret")
    base = {"database_url": str(engine.url), "outbox_dir": "",
            "relay": {"host": "127.0.0.1", "port": relay_port, "username": "gateway"}}
    settings = settings_from_dict(base)
    Gateway(Pipeline(settings, engine, clock)).receive(make_mail(), AFTER)
    assert Outbox(settings, engine, clock).send_due().failed == 1
    assert logins == [] and relay.received == []  # the password never left the gateway
    assert "unencrypted" in reply_row(engine).last_error
    allowed = settings_from_dict({**base, "relay": {**base["relay"], "allow_plain_auth": True}})
    assert Outbox(allowed, engine, clock).retry(reply_row(engine).id)
    assert Outbox(allowed, engine, clock).send_due().sent == 1 and logins == [b"gateway"]
    # the relay's own answer is recorded: its queue id finds the reply in the relay's log
    attempts = queries.list_replies(engine, None, 10)[0]["attempt_log"]
    assert attempts[-1]["detail"] == "250 2.0.0 Ok: queued"
