"""The webhook against hostile and careless receivers, over real sockets (issue 19, findings 1,
2, 3, 8, 9): redirects are never followed, garbage answers and dripping receivers are failed
attempts that count, a URL's credentials become Basic auth and are never shown or stored."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from gateway.admin import queries
from gateway.config.load import settings_from_dict
from gateway.errors import ConfigError
from gateway.store.models import Handoff
from tests.conftest import ANNOUNCE, make_mail
from tests.imap_fixtures import wait_for
from tests.serve_process import Serve
from tests.test_handoff import handoff_world, handoffs
from tests.webhook_receiver import start_raw_receiver

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def raw():
    made = []

    def start(behaviour, **kw):
        found = start_raw_receiver(behaviour, **kw)
        made.append(found)
        return found

    yield start
    for receiver in made:
        receiver.stop()


@pytest.fixture
def plain(receiver):
    """The webhook receivers of tests/conftest.py, by the name these tests use."""
    return receiver


@pytest.mark.parametrize("behaviour,location", [
    ("redirect", "INTERNAL"), ("redirect301", "ftp://127.0.0.1/upload")])
def test_a_redirect_is_a_failed_attempt_naming_the_location(engine, clock, tmp_path, raw, plain,
                                                            behaviour, location):
    internal = plain()  # what urllib followed (as a GET without the body) and called 'sent'
    target = internal.url.replace("/hooks/tickets", "/internal-admin")
    hook = raw(behaviour, location=target if location == "INTERNAL" else location)
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url,
                                       max_attempts=2)
    gateway.receive(make_mail(), ANNOUNCE)
    assert outbox.send_due().handoffs["retried"] == 1
    clock.advance(timedelta(hours=1))
    assert outbox.send_due().handoffs["failed"] == 1
    item = handoffs(engine)[0]
    assert item.status == "failed" and item.attempts == 2
    shown = target if location == "INTERNAL" else location
    assert "redirect" in item.last_error and shown in item.last_error
    assert internal.requests == [] and len(hook.requests) == 2


@pytest.mark.parametrize("url", ["file:///etc/passwd", "127.0.0.1:8080/hook",
                                 "ftp://127.0.0.1/x", "http://127.0.0.1:80a/hook", "http:///x"])
def test_only_http_urls_are_accepted_by_the_config(url):
    with pytest.raises(ConfigError) as caught:
        settings_from_dict({}, env={"GATEWAY_HANDOFF_WEBHOOK": url})
    assert caught.value.key == "handoff.webhook_url"


def run_gateway(env: dict, *args: str) -> subprocess.CompletedProcess:
    """The real `gateway` command, with only the given GATEWAY_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    return subprocess.run([sys.executable, "-m", "gateway", *args], env={**clean, **env},
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_config_check_names_a_bad_webhook_url_without_its_password(tmp_path):
    env = {"GATEWAY_HANDOFF_WEBHOOK": "ftp://agent:hunter2@127.0.0.1/x",
           "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db"}
    result = run_gateway(env, "config", "check")
    assert result.returncode == 78, result.stderr
    assert "handoff.webhook_url" in result.stderr and "hunter2" not in result.stderr
    assert "only http:// and https://" in result.stderr


@pytest.mark.parametrize("garbage", ["\x00\xffGARBAGE", "hello", "HTTP/1.1 abc\r\n\r\n"])
def test_a_garbage_answer_is_an_attempt_that_counts(engine, clock, tmp_path, raw, garbage):
    hook = raw("garbage:" + garbage)
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url,
                                       max_attempts=3, timeout_seconds=3)
    gateway.receive(make_mail(), ANNOUNCE)
    for _ in range(6):
        outbox.send_due()
        clock.advance(timedelta(hours=2))
    item = handoffs(engine)[0]
    log = queries.list_handoffs(engine, None, 5)[0]["attempt_log"]
    assert (item.status, item.attempts, len(log), len(hook.requests)) == ("failed", 3, 3, 3)
    assert "not an HTTP answer" in item.last_error or "HTTP" in item.last_error


def test_a_dripping_receiver_is_cut_at_the_deadline(engine, clock, tmp_path, raw):
    hook = raw("drip", interval=0.3)  # a header line every 0.3 s, for ever
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url,
                                       timeout_seconds=1.5)
    for n in range(3):
        gateway.receive(make_mail(message_id=f"<d{n}@k>"), ANNOUNCE + timedelta(minutes=n))
    started = time.monotonic()
    assert outbox.send_due().handoffs["retried"] == 1  # a receiver that slow: once a round
    took = time.monotonic() - started
    assert took < 3.0, took  # urllib: each read had its own timeout, the request none
    shown = queries.list_handoffs(engine, None, 5)[-1]
    assert shown["status"] == "queued" and shown["maybe_delivered"]
    assert "may have been delivered" in shown["last_error"]
    assert len(hook.requests) == 1


def test_an_answer_after_the_deadline_is_recorded_as_maybe_delivered(engine, clock, tmp_path,
                                                                      raw):
    hook = raw("late", interval=2.0)
    settings, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url,
                                              timeout_seconds=0.5, max_attempts=1)
    gateway.receive(make_mail(), ANNOUNCE)
    assert outbox.send_due().handoffs["failed"] == 1
    [shown] = queries.list_handoffs(engine, None, 5)
    assert shown["maybe_delivered"] and shown["attempt_log"][-1]["outcome"] == "unconfirmed"
    listed = run_gateway({"GATEWAY_DATABASE_URL": settings.database_url}, "handoff", "list")
    assert "may have been delivered" in listed.stdout, listed.stderr


def test_an_event_stuck_sending_is_an_attempt_and_gives_up(engine, clock, tmp_path, plain):
    """A sender that dies on every try of one event (a crash loop) cannot POST it for ever."""
    hook = plain()
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=hook.url,
                                       max_attempts=2, timeout_seconds=3)
    gateway.receive(make_mail(), ANNOUNCE)
    for _ in range(3):  # claimed, then the sender "dies" before recording anything
        with Session(engine) as session:
            item = session.exec(select(Handoff)).one()
            if item.status == "queued":
                item.status, item.attempts = "sending", item.attempts + 1
                item.next_attempt_at = clock.now()
                session.add(item)
                session.commit()
        clock.advance(timedelta(seconds=12))  # past the POST's deadline
        outbox.handoffs.recover(outbox.handoffs.stale())
    item = handoffs(engine)[0]
    assert (item.status, item.attempts) == ("failed", 2)
    assert "may have been delivered" in item.last_error and hook.requests == []


def test_credentials_in_the_url_become_basic_auth_and_are_never_shown(engine, clock, tmp_path,
                                                                      raw):
    hook = raw("ok")
    url = hook.url.replace("http://", "http://hookuser:hookpass@") + "?token=SECRET&x=1"
    settings, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=url)
    gateway.receive(make_mail(), ANNOUNCE)
    assert outbox.send_due().handoffs["sent"] == 1  # urllib: "Name or service not known"
    [request] = hook.requests
    expected = base64.b64encode(b"hookuser:hookpass").decode()
    assert f"Authorization: Basic {expected}".encode() in request
    assert request.startswith(b"POST /hooks/tickets?token=SECRET&x=1 HTTP/1.1\r\n")
    assert b"hookpass@" not in request
    stored = handoffs(engine)[0].target
    assert "hookpass" not in stored and "SECRET" not in stored
    env = {"GATEWAY_DATABASE_URL": settings.database_url, "GATEWAY_HANDOFF_WEBHOOK": url}
    listed = run_gateway(env, "--json", "handoff", "list")
    assert listed.returncode == 0, listed.stderr
    assert "hookpass" not in listed.stdout and "SECRET" not in listed.stdout
    assert json.loads(listed.stdout)[0]["target"].startswith("http://hookuser:***@")


TWO_PHASES = """
[handoff]
timeout_seconds = 60

[[address]]
address = "technik@centron.de"
department = "Technischer Support"
cutover = 2030-01-01

[[address]]
address = "billing@centron.de"
department = "Abrechnung"
cutover = 2020-01-01
"""


def test_a_slow_helpdesk_never_holds_a_reply(tmp_path, raw):
    """`serve`: the webhook drips for a minute; a redirect reply still goes out at once (the
    shared outbox thread made it wait behind the POST: 98 s in the attack)."""
    hook = raw("drip", interval=0.5)
    config = tmp_path / "gateway.toml"
    config.write_text(TWO_PHASES)
    outbox = tmp_path / "outbox"
    serve = Serve(tmp_path, {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                             "GATEWAY_OUTBOX_DIR": str(outbox), "GATEWAY_HANDOFF_WEBHOOK": hook.url,
                             "GATEWAY_WEBHOOK_SECRET": "k"}, config=str(config))
    try:
        serve.send(make_mail(message_id="<t1@kunde.example>"))  # a ticket: the POST drips
        wait_for(lambda: hook.requests, timeout=30)
        started = time.monotonic()
        serve.send(make_mail(message_id="<r1@kunde.example>"), rcpt="billing@centron.de")
        wait_for(lambda: list(outbox.glob("*-00000002-*.eml")), timeout=30)  # the redirect
        took = time.monotonic() - started
    finally:
        serve.signal_group(signal.SIGTERM)
        serve.proc.wait(timeout=40)
        serve.finish()
    assert took < 10, took
    assert len(hook.requests) == 1  # still the one POST, dripping


def test_a_url_beyond_ascii_is_encoded_not_an_endless_retry(engine, clock, tmp_path, raw):
    hook = raw("ok")
    url = hook.url.replace("/hooks/tickets", "/hooks/bücher?q=ä")
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=url)
    gateway.receive(make_mail(), ANNOUNCE)
    assert outbox.send_due().handoffs["sent"] == 1
    assert hook.requests[0].startswith(b"POST /hooks/b%C3%BCcher?q=%C3%A4 HTTP/1.1\r\n")


def test_a_tls_handshake_that_never_ends_is_cut_at_the_deadline(engine, clock, tmp_path, raw):
    """One byte of a TLS record every 0.3 s: the handshake ends at the POST's deadline too
    (CPython's handshake keeps one deadline for the socket timeout, checked here)."""
    hook = raw("tls-drip", interval=0.3)
    url = hook.url.replace("http://", "https://")
    _, gateway, outbox = handoff_world(engine, clock, tmp_path, webhook_url=url,
                                       timeout_seconds=1.5)
    gateway.receive(make_mail(), ANNOUNCE)
    started = time.monotonic()
    assert outbox.send_due().handoffs["retried"] == 1
    assert time.monotonic() - started < 3.5
    assert "timed out" in handoffs(engine)[0].last_error


def test_config_check_warns_about_a_password_over_plain_http():
    from gateway.service.connect_check import webhook_warnings

    def warned(url: str) -> list[str]:
        return webhook_warnings(settings_from_dict({"handoff": {"webhook_url": url}}))

    [warning] = warned("http://agent:hunter2@helpdesk.example/hook")
    assert "plain http" in warning and "hunter2" not in warning
    assert warned("https://agent:hunter2@helpdesk.example/hook") == []
    assert warned("http://agent:hunter2@127.0.0.1:8080/hook") == []
    assert warned("http://helpdesk.example/hook") == []
