"""Handoff, export and backfill through the real `gateway` command: `serve` delivers handoff
events as it delivers replies, `outbox send` too; import queues no reply for old mail."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import mailbox
import signal
import smtplib
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import make_mail
from tests.private_server import free_port
from tests.webhook_receiver import start_receiver

ROOT = Path(__file__).resolve().parents[1]
SECRET = "env-secret"
FUTURE_CUTOVER = """
[[address]]
address = "technik@centron.de"
department = "Technischer Support"
cutover = 2030-01-01
"""


@pytest.fixture
def hook():
    receiver, server = start_receiver([503])
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def env(cli_env):
    return cli_env


def gateway(env: dict, *args: str, stdin: bytes = b"", expect: int = 0) -> str:
    result = subprocess.run([sys.executable, "-m", "gateway", *args], input=stdin, env=env,
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == expect, result.stderr.decode()
    return result.stdout.decode()


def wait_for(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_hands_tickets_to_the_webhook(tmp_path, env, hook):
    config = tmp_path / "gateway.toml"
    config.write_text(FUTURE_CUTOVER + "[handoff]\nbackoff_seconds = 0.5\n")
    port, metrics = free_port(), free_port()
    env.update({"GATEWAY_CONFIG": str(config), "GATEWAY_SMTP_LISTEN": f"127.0.0.1:{port}",
                "GATEWAY_METRICS_LISTEN": f"127.0.0.1:{metrics}",
                "GATEWAY_HANDOFF_WEBHOOK": hook.url, "GATEWAY_WEBHOOK_SECRET": SECRET})
    proc = subprocess.Popen([sys.executable, "-m", "gateway", "serve"], cwd=tmp_path, env=env,
                            stdout=open(tmp_path / "serve.log", "ab"), stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: _listening(port), "serve to listen")
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail())
        wait_for(lambda: hook.accepted, "the webhook to accept the event")
        wait_for(lambda: 'gateway_handoffs{status="sent"} 1.0' in _scrape(metrics),
                 "the handoff in /metrics")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=40) == 0
    assert [r.status for r in hook.requests] == [503, 200]
    body = hook.requests[-1].body
    assert hook.requests[-1].signature == "sha256=" + hmac.new(
        SECRET.encode(), body, hashlib.sha256).hexdigest()
    event = json.loads(body)
    assert (event["event"], event["ticket"], event["sender"]) == (
        "ticket.created", "TK-000001", "max@kunde.example")
    listed = json.loads(gateway({**env}, "handoff", "list", "--json"))
    assert [(h["status"], h["attempts"]) for h in listed] == [("sent", 2)]


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as page:
        return page.read().decode()


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def test_outbox_send_list_retry_and_export(env, hook):
    env.update({"GATEWAY_HANDOFF_WEBHOOK": hook.url, "GATEWAY_WEBHOOK_SECRET": SECRET})
    for n, at in enumerate(("2025-09-01T10:00:00+02:00", "2025-10-01T10:00:00+02:00")):
        gateway(env, "ingest", "--process", "--rcpt", "technik@centron.de", "--sender",
                "max@kunde.example",
                "--at", at, stdin=make_mail(message_id=f"<e{n}@kunde.example>",
                                            subject=f"Frage {n}"))
    first = json.loads(gateway(env, "outbox", "send", "--json"))
    assert first["written"] == 2 and first["handoffs"]["retried"] == 1  # the 503
    assert first["handoffs"]["sent"] == 1
    failing = [h for h in json.loads(gateway(env, "handoff", "list", "--json"))
               if h["status"] == "queued"]
    assert len(failing) == 1 and "503" in failing[0]["last_error"]
    assert json.loads(gateway(env, "handoff", "retry", str(failing[0]["id"]), "--json")) == {
        "queued": failing[0]["id"]}
    assert json.loads(gateway(env, "outbox", "send", "--json"))["handoffs"]["sent"] == 1
    assert len(hook.accepted) == 2
    gateway(env, "handoff", "retry", "999", expect=1)

    exported = json.loads(gateway(env, "tickets", "export", "--format", "json"))
    assert [t["number"] for t in exported] == ["TK-000001", "TK-000002"]
    assert exported[0]["articles"][0]["text"].startswith("Hallo, unser Server srv-web-01")
    rows = list(csv.DictReader(io.StringIO(gateway(env, "tickets", "export", "--format", "csv"))))
    assert [(r["number"], r["subject"], r["articles"]) for r in rows] == [
        ("TK-000001", "Frage 0", "1"), ("TK-000002", "Frage 1", "1")]


def write_mbox(path: Path, recent: datetime) -> None:
    box = mailbox.mbox(path)
    for n, when in enumerate((datetime(2025, 9, 3, 8, tzinfo=UTC),
                              datetime(2025, 11, 5, 9, tzinfo=UTC), recent)):
        message = mailbox.mboxMessage(make_mail(message_id=f"<old{n}@kunde.example>",
                                                sender=f"kunde{n}@kunde.example"))
        message.set_from(f"kunde{n}@kunde.example", when.timetuple())
        box.add(message)
    box.flush()
    box.close()


@pytest.mark.parametrize("mode, replies", [(None, 1), ("none", 0), ("all", 3)])
def test_import_queues_no_reply_for_old_mail(tmp_path, env, mode, replies):
    mbox = tmp_path / "old.mbox"
    write_mbox(mbox, datetime.now(UTC) - timedelta(hours=1))
    args = ["--json", "import", str(mbox)] + (["--replies", mode] if mode else [])
    assert json.loads(gateway(env, *args))["processed"] == 3
    decided = json.loads(gateway(env, "--json", "messages", "list"))
    # September: a ticket (no receipt); November, after the cutover: a redirection only
    # with --replies all (else suppressed as backfill); an hour ago: answered unless none
    expected = ["ticket", "redirect" if mode == "all" else "suppress",
                "redirect" if mode != "none" else "suppress"]
    assert sorted(m["action"] for m in decided) == sorted(expected)
    assert {m["reason"] for m in decided if m["action"] == "suppress"} <= {"backfill"}
    status = json.loads(gateway(env, "--json", "status"))
    assert sum(status["queues"]["outbox"].values()) == replies
