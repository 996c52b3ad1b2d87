"""IMAP servers as they are, against a real Dovecot: no MOVE, no UIDPLUS, no IDLE (Dovecot's
`imap_capability` stops announcing them), several folders, a folder that is not there, and a
UIDVALIDITY change."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, func, select

from gateway.config.load import settings_from_dict
from gateway.ingest.imap import FolderIntake, MailboxPoller, PollReport, poll_all
from gateway.store.models import InboundMessage, Reply
from tests.conftest import make_mail
from tests.dovecot import Dovecot
from tests.imap_fixtures import empty_folders, login, running_dovecot, wait_for

USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)
BASIC = "IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE"  # no MOVE, no IDLE


@pytest.fixture(scope="module", params=["uidplus", "plain"])
def old_dovecot(request):
    """A server without MOVE and IDLE; with UIDPLUS or without."""
    server = Dovecot({USER: PASSWORD},
                     capabilities=BASIC + (" UIDPLUS" if request.param == "uidplus" else ""))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dovecot():
    yield from running_dovecot({USER: PASSWORD})


def box_settings(server, db_url, tmp_path, **box):
    data = {"host": "127.0.0.1", "port": server.port, "security": "none", "username": USER,
            "rcpt": USER, "password_file": str(tmp_path / "pw"), **box}
    (tmp_path / "pw").write_text(PASSWORD)
    return settings_from_dict({"database_url": db_url, "outbox_dir": str(tmp_path / "out"),
                               "imap": [data]})


def count_rows(engine, table=InboundMessage) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_without_move_copies_deletes_and_expunges(old_dovecot, db_url, tmp_path,
                                                            engine, clock):
    client = login(old_dovecot, USER, PASSWORD)
    assert not client.has_capability("MOVE")
    empty_folders(client, "INBOX", "Processed")
    for n in range(3):
        client.append("INBOX", make_mail(message_id=f"<nm{n}@kunde.example>"), msg_time=ARRIVED)
    settings = box_settings(old_dovecot, db_url, tmp_path)
    report = MailboxPoller(settings.imap[0], engine, clock).poll()
    assert (report.fetched, report.stored) == (3, 3)
    client.select_folder("INBOX")
    assert client.search("ALL") == []
    client.select_folder("Processed")
    assert len(client.search("ALL")) == 3
    assert MailboxPoller(settings.imap[0], engine, clock).poll().fetched == 0
    client.logout()


def test_without_idle_the_watcher_polls(old_dovecot, start_service, tmp_path):
    client = login(old_dovecot, USER, PASSWORD)
    empty_folders(client, "INBOX", "Processed")
    (tmp_path / "pw").write_text(PASSWORD)
    running = start_service(imap=[{"host": "127.0.0.1", "port": old_dovecot.port,
                                   "security": "none", "username": USER, "rcpt": USER,
                                   "password_file": str(tmp_path / "pw")}],
                            imap_interval_seconds=0.3)
    watcher = running.service.imap.watchers[0]
    wait_for(lambda: watcher.state["mode"] == "poll", 30, "the watcher to poll")
    client.append("INBOX", make_mail(message_id="<polled@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)
    assert [(r.source, r.action) for r in running.rows()] == [("imap", "redirect")]
    client.logout()


def test_several_folders_of_one_mailbox(dovecot, db_url, tmp_path, engine, clock):
    client = login(dovecot, USER, PASSWORD)
    empty_folders(client, "INBOX", "Junk", "Processed")
    client.append("INBOX", make_mail(message_id="<f1@kunde.example>"), msg_time=ARRIVED)
    client.append("Junk", make_mail(message_id="<f2@kunde.example>"), msg_time=ARRIVED)
    settings = box_settings(dovecot, db_url, tmp_path, folders=["INBOX", "Junk"])
    report = MailboxPoller(settings.imap[0], engine, clock).poll()
    assert (report.fetched, report.stored) == (2, 2)
    with Session(engine) as session:
        refs = sorted(r.source_ref.split(":")[3] for r in session.exec(select(InboundMessage)))
    assert refs == ["INBOX", "Junk"]
    client.logout()


def test_a_missing_folder_is_a_clear_error(dovecot, db_url, tmp_path, engine, clock):
    settings = box_settings(dovecot, db_url, tmp_path, folders=["Nirgends"])
    reports, errors = poll_all(settings, engine, clock)
    assert reports == []
    assert errors == [f"IMAP {USER}@127.0.0.1/Nirgends: folder 'Nirgends' does not exist on the "
                      "server (check imap.folders / imap.mailbox)"]


def test_a_missing_folder_backs_off_and_the_others_go_on(dovecot, start_service, tmp_path):
    client = login(dovecot, USER, PASSWORD)
    empty_folders(client, "INBOX", "Processed")
    (tmp_path / "pw").write_text(PASSWORD)
    running = start_service(imap=[{
        "host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": USER,
        "rcpt": USER, "password_file": str(tmp_path / "pw"), "folders": ["Nirgends", "INBOX"],
        "reconnect_backoff_seconds": 0.1, "reconnect_backoff_max_seconds": 0.4}],
        imap_interval_seconds=600)
    missing, inbox = running.service.imap.watchers
    wait_for(lambda: missing.backoff == 0.4, 30, "the backoff to reach its limit")
    assert "folder 'Nirgends' does not exist" in missing.state["error"]
    assert missing.state["mode"] == "reconnecting"
    client.append("INBOX", make_mail(message_id="<other@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)
    assert inbox.state["error"] is None
    errors = running.service.imap.state()["errors"]
    assert len(errors) == 1 and "Nirgends" in errors[0]
    client.logout()


def test_uidvalidity_change_rescans_without_answering_twice(dovecot, db_url, tmp_path, engine,
                                                            clock, pipeline, caplog):
    client = login(dovecot, USER, PASSWORD)
    empty_folders(client, "Support")
    mails = [make_mail(message_id=f"<uv{n}@kunde.example>", sender=f"k{n}@kunde.example")
             for n in range(2)]
    mails.append(make_mail(message_id=None, sender="ohne-id@kunde.example"))  # bytes only
    for raw in mails:
        client.append("Support", raw, msg_time=ARRIVED)
    settings = box_settings(dovecot, db_url, tmp_path, folders=["Support"], processed_mailbox="")
    intake = FolderIntake(settings.imap[0], "Support", engine, clock)
    client.select_folder("Support")
    first = PollReport("Support")
    intake.open(client)
    intake.take(client, first)
    pipeline.process_pending()
    replies = count_rows(engine, Reply)
    assert first.stored == 3 and replies == 3
    old_validity = intake.validity
    # The folder is restored from a backup: same mails, new UIDVALIDITY, no keywords.
    client.unselect_folder()
    client.delete_folder("Support")
    client.create_folder("Support")
    for raw in mails:
        client.append("Support", raw, msg_time=ARRIVED)
    again = PollReport("Support")
    with caplog.at_level(logging.WARNING, logger="gateway.imap"):
        intake.open(client)
        intake.take(client, again, only_new=True)
    assert intake.validity != old_validity and "UIDVALIDITY changed" in caplog.text
    assert (again.fetched, again.stored, again.duplicates) == (3, 0, 3)
    pipeline.process_pending()
    assert count_rows(engine) == 3 and count_rows(engine, Reply) == replies
    client.logout()
