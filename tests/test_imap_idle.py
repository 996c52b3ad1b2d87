"""serve's IMAP watchers against a real Dovecot: IDLE delivery within seconds whatever the poll
interval, IDLE renewal, reconnect after the server drops the connection, catch-up by UID."""

from __future__ import annotations

import subprocess
import threading
import time
from datetime import UTC, datetime

import pytest

import gateway.ingest.imap as imap_intake
from gateway.ingest.store import store_batch
from tests.conftest import make_mail
from tests.dovecot import Dovecot
from tests.imap_fixtures import empty_folders, login, wait_for

USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def dovecot():
    server = Dovecot({USER: PASSWORD})
    server.start()
    yield server
    server.stop()


@pytest.fixture
def imap(dovecot):
    client = login(dovecot, USER, PASSWORD)
    empty_folders(client, "INBOX", "Processed")
    yield client
    try:
        client.logout()
    except Exception:  # a test may have had the server end this session too
        pass


def watch(start_service, dovecot, monkeypatch, **box):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)
    config = {"host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": USER,
              "rcpt": USER, "reconnect_backoff_seconds": 0.2, **box}
    running = start_service(imap=[config], imap_interval_seconds=600)
    watcher = running.service.imap.watchers[0]
    wait_for(lambda: watcher.state["mode"] == "idle", 30, "the watcher to IDLE")
    return running, watcher


def test_idle_stores_a_new_mail_within_seconds(imap, dovecot, start_service, monkeypatch):
    running, watcher = watch(start_service, dovecot, monkeypatch)
    started = time.monotonic()
    imap.append("INBOX", make_mail(message_id="<idle@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1, timeout=60)
    elapsed = time.monotonic() - started
    assert elapsed < 60 < 600  # the poll interval is ten minutes: IDLE brought it
    assert [(r.source, r.action) for r in running.rows()] == [("imap", "redirect")]
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []  # stored, then moved
    assert watcher.state["stored"] == 1 and watcher.state["error"] is None


def test_mail_arriving_while_a_batch_is_taken_is_not_left_until_the_renewal(
        imap, dovecot, start_service, monkeypatch):
    # a burst: most of it arrives while the watcher fetches and moves the first mails, when the
    # server's EXISTS notices go unseen; none may wait for the 25-minute renewal
    running, watcher = watch(start_service, dovecot, monkeypatch)
    for n in range(40):
        imap.append("INBOX", make_mail(message_id=f"<burst{n}@kunde.example>"), msg_time=ARRIVED)
        time.sleep(0.03)
    running.wait_processed(40, timeout=60)
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []
    assert watcher.state["renewals"] == 0 and watcher.state["stored"] == 40


def test_a_mail_announced_while_a_pass_stores_is_taken_at_once(imap, dovecot, start_service,
                                                              monkeypatch):
    # Deterministic: while the watcher's first pass commits mail 1, mail 2 arrives. The server
    # announces it (EXISTS) in its answer to the pass's own MOVE, not during IDLE, and says it
    # only once: without looking again it would wait for the renewal (ten minutes here).
    appended = threading.Event()

    def store_then_deliver(engine, items):
        stored = store_batch(engine, items)
        if not appended.is_set():
            other = login(dovecot, USER, PASSWORD)
            other.append("INBOX", make_mail(message_id="<during@kunde.example>"),
                         msg_time=ARRIVED)
            other.logout()
            appended.set()
        return stored

    monkeypatch.setattr(imap_intake, "store_batch", store_then_deliver)
    running, watcher = watch(start_service, dovecot, monkeypatch, idle_renew_seconds=600)
    imap.append("INBOX", make_mail(message_id="<first@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(2, timeout=20)
    assert appended.is_set() and watcher.state["renewals"] == 0
    assert watcher.state["stored"] == 2
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []


def test_idle_is_renewed_and_keeps_delivering(imap, dovecot, start_service, monkeypatch):
    running, watcher = watch(start_service, dovecot, monkeypatch, idle_renew_seconds=0.3)
    wait_for(lambda: watcher.state["renewals"] >= 3, 30, "three IDLE renewals")
    imap.append("INBOX", make_mail(message_id="<renewed@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)
    assert watcher.state["mode"] == "idle"


def test_a_dropped_connection_is_reopened_and_catches_up(imap, dovecot, start_service,
                                                         monkeypatch):
    running, watcher = watch(start_service, dovecot, monkeypatch)
    imap.append("INBOX", make_mail(message_id="<before@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)
    sessions = watcher.state["sessions"]
    # The server ends the watcher's session (as a restart or a network drop would) ...
    subprocess.run(["doveadm", "-c", str(dovecot.dir / "dovecot.conf"), "kick", USER],
                   check=True, capture_output=True)
    # ... and mail arrives while it is away (the kick ended our session too): the watcher's
    # next session takes it in its first pass.
    imap = login(dovecot, USER, PASSWORD)
    imap.append("INBOX", make_mail(message_id="<meanwhile@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(2)
    wait_for(lambda: watcher.state["sessions"] > sessions and watcher.state["mode"] == "idle",
             30, "a new session")
    assert len(running.rows()) == 2


def test_status_shows_the_watchers(imap, dovecot, start_service, monkeypatch):
    running, watcher = watch(start_service, dovecot, monkeypatch)
    state = running.service.imap.state()
    assert state["errors"] == [] and state["oauth"] == [] and state["alarms"] == []
    assert [(m["mailbox"], m["mode"]) for m in state["mailboxes"]] == [
        (f"{USER}@127.0.0.1/INBOX", "idle")]
