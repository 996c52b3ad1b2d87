"""serve's IMAP watchers against a real Dovecot: IDLE delivery within seconds whatever the poll
interval, IDLE renewal, reconnect after the server drops the connection, catch-up by UID."""

from __future__ import annotations

import subprocess
import threading
import time
from datetime import UTC, datetime

import pytest
from imapclient import IMAPClient
from sqlmodel import Session, func, select

import gateway.ingest.imap as imap_intake
from gateway.ingest.store_big import store_paced
from gateway.store.models import Reply
from tests.conftest import make_mail
from tests.imap_fixtures import fresh_session, login, running_dovecot, wait_for
from tests.test_oauth2 import gateway_status

USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def dovecot():
    yield from running_dovecot({USER: PASSWORD})


@pytest.fixture
def imap(dovecot):
    yield from fresh_session(dovecot, USER, PASSWORD)


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
        stored = store_paced(engine, items)
        if not appended.is_set():
            other = login(dovecot, USER, PASSWORD)
            other.append("INBOX", make_mail(message_id="<during@kunde.example>"),
                         msg_time=ARRIVED)
            other.logout()
            appended.set()
        return stored

    monkeypatch.setattr(imap_intake, "store_paced", store_then_deliver)
    running, watcher = watch(start_service, dovecot, monkeypatch, idle_renew_seconds=600)
    imap.append("INBOX", make_mail(message_id="<first@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(2, timeout=20)
    assert appended.is_set() and watcher.state["renewals"] == 0
    assert watcher.state["stored"] == 2
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []


def test_a_mail_announced_with_the_final_empty_search_is_taken_at_once(
        imap, dovecot, start_service, monkeypatch):
    # Mail 2 arrives just before the look-again loop's last SEARCH. Dovecot answers that SEARCH
    # with [] and announces the mail (EXISTS) in the same answer, once; imaplib keeps the
    # notice aside. Without reading it the watcher would IDLE until the renewal (ten minutes).
    real_search = IMAPClient.search
    seen = {"mail": False, "delivered": False}

    def search(client, *args, **kwargs):
        watcher_thread = threading.current_thread().name.startswith("imap ")
        if watcher_thread and seen["mail"] and not seen["delivered"]:
            other = login(dovecot, USER, PASSWORD)
            other.append("INBOX", make_mail(message_id="<race@kunde.example>"),
                         msg_time=ARRIVED)
            other.logout()
            seen["delivered"] = True
            found = real_search(client, *args, **kwargs)
            seen["final"] = found
            return found
        found = real_search(client, *args, **kwargs)
        seen["mail"] = seen["mail"] or (watcher_thread and bool(found))
        return found

    monkeypatch.setattr(IMAPClient, "search", search)
    running, watcher = watch(start_service, dovecot, monkeypatch, idle_renew_seconds=600)
    imap.append("INBOX", make_mail(message_id="<first@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(2, timeout=20)
    assert seen["delivered"] and seen["final"] == []  # the SEARCH did not see it
    assert watcher.state["renewals"] == 0 and watcher.state["stored"] == 2
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
    kick(dovecot)
    # ... and mail arrives while it is away (the kick ended our session too): the watcher's
    # next session takes it in its first pass.
    imap = login(dovecot, USER, PASSWORD)
    imap.append("INBOX", make_mail(message_id="<meanwhile@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(2)
    wait_for(lambda: watcher.state["sessions"] > sessions and watcher.state["mode"] == "idle",
             30, "a new session")
    assert len(running.rows()) == 2


def kick(dovecot) -> None:
    subprocess.run(["doveadm", "-c", str(dovecot.dir / "dovecot.conf"), "kick", USER],
                   check=True, capture_output=True)


def answers(running) -> int:
    with Session(running.reader) as session:
        return session.exec(select(func.count()).select_from(Reply)).one()


def leave_one_behind(imap, running, watcher):
    """Mail A is stored, but its move fails (an admin deleted the folder): the session ends
    and A stays in INBOX. Returns the mail server's UID of A."""
    imap.select_folder("INBOX")  # Dovecot ends a session whose selected folder is deleted
    imap.delete_folder("Processed")
    imap.append("INBOX", make_mail(message_id="<a@kunde.example>", sender="a@kunde.example"),
                msg_time=ARRIVED)
    running.wait_processed(1)
    # "reconnecting" lasts only the backoff (0.2 s in some tests): a second session counts too
    wait_for(lambda: watcher.state["mode"] == "reconnecting" or watcher.state["sessions"] > 1,
             30, "the failed move")
    return imap.search("ALL")


def test_after_a_reconnect_new_mail_is_taken_by_uid_first(imap, dovecot, start_service,
                                                           monkeypatch):
    # the backoff holds the connection down long enough to deliver mail meanwhile; the
    # renewal (with its full pass) is ten minutes away
    running, watcher = watch(start_service, dovecot, monkeypatch, idle_renew_seconds=600,
                             reconnect_backoff_seconds=3)
    left = leave_one_behind(imap, running, watcher)
    other = login(dovecot, USER, PASSWORD)
    other.append("INBOX", make_mail(message_id="<b@kunde.example>", sender="b@kunde.example"),
                 msg_time=ARRIVED)
    assert watcher.state["mode"] == "reconnecting"  # B arrived while the watcher was away
    running.wait_processed(2, timeout=30)
    wait_for(lambda: watcher.state["mode"] == "idle", 30, "the new session")
    # ... and again after the server drops the session (doveadm kick):
    kick(dovecot)
    wait_for(lambda: watcher.state["mode"] == "reconnecting", 30, "the dropped session")
    other = login(dovecot, USER, PASSWORD)
    other.append("INBOX", make_mail(message_id="<c@kunde.example>", sender="c@kunde.example"),
                 msg_time=ARRIVED)
    assert watcher.state["mode"] == "reconnecting"
    running.wait_processed(3, timeout=30)
    other.select_folder("INBOX")
    assert other.search("ALL") == left  # A, left behind, was not fetched again (yet)
    other.select_folder("Processed")
    assert len(other.search("ALL")) == 2  # B and C
    assert watcher.state["duplicates"] == 0 and watcher.state["sessions"] == 3
    assert len(running.rows()) == 3 and answers(running) == 3
    other.logout()


def test_a_full_pass_at_the_renewal_takes_what_a_failed_move_left(imap, dovecot,
                                                                  start_service, monkeypatch):
    running, watcher = watch(start_service, dovecot, monkeypatch, idle_renew_seconds=1)
    # (whether A is still in INBOX when the helper looks is a race with the next full pass,
    # a second after the failed move: its being taken again, as a duplicate, is the proof)
    leave_one_behind(imap, running, watcher)
    wait_for(lambda: watcher.state["duplicates"] == 1, 30, "A to be taken again")
    other = login(dovecot, USER, PASSWORD)
    other.select_folder("INBOX")
    assert other.search("ALL") == []
    other.select_folder("Processed")
    assert len(other.search("ALL")) == 1
    assert len(running.rows()) == 1 and answers(running) == 1  # recognised, not answered twice
    other.logout()


def test_status_shows_the_watchers(imap, dovecot, start_service, monkeypatch):
    running, watcher = watch(start_service, dovecot, monkeypatch)
    state = running.service.imap.state()
    assert state["errors"] == [] and state["oauth"] == [] and state["alarms"] == []
    assert [(m["mailbox"], m["mode"]) for m in state["mailboxes"]] == [
        (f"{USER}@127.0.0.1/INBOX", "idle")]


def test_a_mail_over_the_maximum_size_stays_on_the_server_and_status_shows_it(
        imap, dovecot, start_service, monkeypatch):
    # the harness sets smtp.max_message_size to 200,000 bytes
    big = make_mail(message_id="<big@kunde.example>", body="x" * 250_000)
    imap.append("INBOX", big, msg_time=ARRIVED)
    running, watcher = watch(start_service, dovecot, monkeypatch)
    imap.append("INBOX", make_mail(message_id="<small@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)  # the big one holds up nothing
    imap.select_folder("INBOX")
    [uid] = imap.search("ALL")
    size = imap.fetch([uid], ["RFC822.SIZE"])[uid][b"RFC822.SIZE"]
    assert size > 200_000 and watcher.state["too_big"] == [{"uid": uid, "size": size}]
    running._call(running.service._heartbeat())
    shown = gateway_status(running)
    assert (f"WARNING: imap {USER}@127.0.0.1/INBOX: uid {uid} ({size} bytes) is over "
            "smtp.max_message_size: left on the server") in shown
