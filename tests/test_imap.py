"""IMAP polling against a real Dovecot started by the tests."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from imapclient import IMAPClient
from sqlmodel import Session, select

from gateway.config.load import settings_from_dict
from gateway.ingest.imap import STORED_KEYWORD, MailboxPoller, close, connect, poll_all
from gateway.ingest.store import Incoming, store
from gateway.store.models import InboundMessage
from tests.automated_corpus import CORPUS
from tests.conftest import make_mail
from tests.dovecot import Dovecot

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def dovecot():
    server = Dovecot({USER: PASSWORD, "billing@centron.de": PASSWORD})
    server.start()
    yield server
    server.stop()


@pytest.fixture
def imap(dovecot):
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False)
    client.login(USER, PASSWORD)
    for folder in ("INBOX", "Processed"):  # each test starts with empty mailboxes
        if client.folder_exists(folder):
            client.select_folder(folder)
            uids = client.search("ALL")
            if uids:
                client.delete_messages(uids)
                client.expunge()
    yield client
    client.logout()


@pytest.fixture
def box_settings(dovecot, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)

    def make(**overrides) -> object:
        box = {"host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": USER,
               "rcpt": USER, **overrides}
        return settings_from_dict({"database_url": db_url, "outbox_dir": str(tmp_path / "out"),
                                   "imap": [box]})

    return make


def rows(engine) -> list[InboundMessage]:
    with Session(engine) as session:
        return list(session.exec(select(InboundMessage).order_by(InboundMessage.id)).all())


def test_poll_stores_then_moves(imap, box_settings, engine, clock):
    imap.append("INBOX", make_mail(message_id="<i1@kunde.example>"), msg_time=ARRIVED)
    imap.append("INBOX", CORPUS["gmail_vacation_responder"][1], msg_time=ARRIVED)
    settings = box_settings()
    report = MailboxPoller(settings.imap[0], engine, clock).poll()
    assert (report.fetched, report.stored, report.duplicates) == (2, 2, 0)
    stored = rows(engine)
    assert {r.source for r in stored} == {"imap"} and {r.rcpt for r in stored} == {USER}
    assert all(r.received_at == ARRIVED for r in stored)  # INTERNALDATE, not the Date header
    assert all(r.envelope_sender is None for r in stored)
    assert all(r.source_ref.startswith(f"imap:127.0.0.1:{USER}:INBOX:") for r in stored)
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []
    imap.select_folder("Processed")
    assert len(imap.search("ALL")) == 2
    again = MailboxPoller(settings.imap[0], engine, clock).poll()
    assert again.fetched == 0


def test_poll_with_keyword_keeps_the_mail(imap, box_settings, engine, clock):
    imap.append("INBOX", make_mail(message_id="<k1@kunde.example>"), msg_time=ARRIVED)
    settings = box_settings(processed_mailbox="")
    assert MailboxPoller(settings.imap[0], engine, clock).poll().stored == 1
    imap.select_folder("INBOX")
    uids = imap.search("ALL")
    assert len(uids) == 1 and STORED_KEYWORD in imap.get_flags(uids)[uids[0]]
    assert MailboxPoller(settings.imap[0], engine, clock).poll().fetched == 0


def test_crash_between_store_and_move_is_not_a_second_mail(imap, box_settings, engine, clock):
    raw = make_mail(message_id="<crash@kunde.example>")
    imap.append("INBOX", raw, msg_time=ARRIVED)
    # an earlier pass stored it and died before it could move it:
    store(engine, Incoming(raw, USER, None, "imap", ARRIVED))
    report = MailboxPoller(box_settings().imap[0], engine, clock).poll()
    assert (report.fetched, report.stored, report.duplicates) == (1, 0, 1)
    assert len(rows(engine)) == 1
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []  # acknowledged this time


def test_unreachable_server_is_a_temporary_failure(box_settings, engine, clock):
    settings = box_settings(port=1)
    reports, errors = poll_all(settings, engine, clock)
    assert reports == [] and "IMAP 127.0.0.1:1" in errors[0]


def test_wrong_password_is_reported(box_settings, engine, clock, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", "falsch")
    reports, errors = poll_all(box_settings(), engine, clock)
    assert reports == [] and errors


def test_a_missing_password_says_which_variable_or_file(box_settings, engine, clock,
                                                        monkeypatch):
    monkeypatch.delenv("GATEWAY_IMAP_PASSWORD", raising=False)
    reports, errors = poll_all(box_settings(), engine, clock)
    assert reports == []
    assert "no password: set GATEWAY_IMAP_PASSWORD or imap.password_file" in errors[0]


def test_poll_once_through_the_cli(imap, dovecot, tmp_path):
    imap.append("INBOX", make_mail(message_id="<cli@kunde.example>"), msg_time=ARRIVED)
    config = tmp_path / "gw.toml"
    config.write_text(f'database_url = "sqlite:///{tmp_path}/cli.db"\n'
                      f'outbox_dir = "{tmp_path}/out"\n'
                      # the mail is from 2025 and this is the mailbox's first poll (a backfill):
                      # a window that wide still answers it
                      'backfill_reply_window_hours = 1000000\n'
                      f'[[imap]]\nhost = "127.0.0.1"\nport = {dovecot.port}\nsecurity = "none"\n'
                      f'username = "{USER}"\nrcpt = "{USER}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"GATEWAY_IMAP_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)})
    result = subprocess.run([sys.executable, "-m", "gateway", "--config", str(config), "--json",
                             "poll", "--once"], env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    summary = json.loads(result.stdout)
    assert summary["mailboxes"][0]["stored"] == 1 and summary["processed"] == 1
    messages = subprocess.run([sys.executable, "-m", "gateway", "--config", str(config),
                               "--json", "messages", "list"], env=env, capture_output=True,
                              timeout=60)
    listed = json.loads(messages.stdout)
    # reception 14.10.2025 (INTERNALDATE), after the cutover: a redirection
    assert [(m["source"], m["action"]) for m in listed] == [("imap", "redirect")]
    env["GATEWAY_IMAP_PASSWORD"] = "falsch"
    failed = subprocess.run([sys.executable, "-m", "gateway", "--config", str(config), "poll",
                             "--once"], env=env, capture_output=True, timeout=60)
    assert failed.returncode == 75


def test_serve_polls_the_mailboxes(imap, dovecot, start_service, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)
    imap.append("INBOX", make_mail(message_id="<serve@kunde.example>"), msg_time=ARRIVED)
    running = start_service(imap=[{"host": "127.0.0.1", "port": dovecot.port,
                                   "security": "none", "username": USER, "rcpt": USER}],
                            imap_interval_seconds=0.5)
    running.wait_processed(1)
    assert [(r.source, r.action) for r in running.rows()] == [("imap", "redirect")]


def test_first_poll_is_a_backfill_without_replies_to_old_mail(imap, box_settings, engine):
    from datetime import timedelta

    from gateway.clock import FixedClock
    from gateway.pipeline.process import Pipeline

    now = datetime(2025, 10, 1, 12, tzinfo=UTC)  # before the cutover: every mail a ticket
    clock = FixedClock(now)
    imap.append("INBOX", make_mail(message_id="<old@kunde.example>"),
                msg_time=now - timedelta(days=20))
    imap.append("INBOX", make_mail(message_id="<new@kunde.example>", sender="b@kunde.example"),
                msg_time=now - timedelta(hours=1))
    settings = box_settings()
    MailboxPoller(settings.imap[0], engine, clock).poll()
    imap.append("INBOX", make_mail(message_id="<late@kunde.example>", sender="c@kunde.example"),
                msg_time=now - timedelta(days=3))  # a later poll: no longer a backfill
    MailboxPoller(settings.imap[0], engine, clock).poll()
    outcomes = Pipeline(settings, engine, clock).process_pending()
    by_sender = {o.reply.to if o.reply else o.notes[0]: o.action for o in outcomes}
    assert by_sender == {"no receipt: backfill": "ticket", "b@kunde.example": "ticket",
                         "c@kunde.example": "ticket"}
    assert [r.replies for r in rows(engine)] == ["recent", "recent", None]


def test_imaplib_traces_only_while_its_logger_writes(imap, box_settings, caplog):
    """imapclient sets imaplib's trace to level 5 (repr() of every answer, mail bodies
    included, even when dropped): the gateway's connection traces only while the logger
    `imapclient.imaplib` takes DEBUG, and then the protocol trace is there as before."""
    imap.append("INBOX", make_mail(message_id="<trace@kunde.example>"), msg_time=ARRIVED)
    box = box_settings().imap[0]
    caplog.set_level(logging.INFO, logger="imapclient.imaplib")
    client = connect(box)
    try:
        client.select_folder("INBOX")
        assert client._imap.debug == 0
        assert len(client.fetch(client.search("ALL"), ["BODY.PEEK[]"])) == 1
    finally:
        close(client)
    assert [r for r in caplog.records if r.name == "imapclient.imaplib"] == []
    caplog.set_level(logging.DEBUG, logger="imapclient.imaplib")
    client = connect(box)
    try:
        client.select_folder("INBOX")
        assert client._imap.debug == 5
    finally:
        close(client)
    trace = [r.getMessage() for r in caplog.records if r.name == "imapclient.imaplib"]
    assert any("SELECT" in line for line in trace), trace
