"""IMAP answers that are not what was asked, against the real Dovecot: a session whose FETCH
answers are altered as a quirky or broken server's would be (a part without its body, partial
fetches capped at 64 KiB, a garbled or huge RFC822.SIZE, a flags update alone), a mail over
smtp.max_message_size, a server that leaves out UIDVALIDITY. No mail may be stored short or
empty, none may be passed over for good, and one bad mailbox must not stop the others."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from imapclient import IMAPClient
from sqlmodel import Session, select

from gateway.config.load import settings_from_dict
from gateway.errors import TemporaryFailure
from gateway.ingest import imap_fetch
from gateway.ingest.imap import FolderIntake, PollReport, poll_all
from gateway.store.models import InboundMessage
from tests.conftest import make_mail
from tests.imap_fixtures import empty_folders, fresh_session, login, running_dovecot
from tests.test_imap_fetch import mail_of

USER, OTHER, PASSWORD = "technik@centron.de", "vertrieb@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)
PART = 4096


@pytest.fixture(scope="module")
def dovecot():
    yield from running_dovecot({USER: PASSWORD, OTHER: PASSWORD})


@pytest.fixture
def imap(dovecot, monkeypatch):
    monkeypatch.setattr(imap_fetch, "PART", PART)
    yield from fresh_session(dovecot, USER, PASSWORD)


class Quirky:
    """A real session whose FETCH answers `alter(items, uid, data)` changes in place."""

    def __init__(self, client: IMAPClient, alter) -> None:
        self.client, self.alter, self.asked = client, alter, []

    def __getattr__(self, name):
        return getattr(self.client, name)

    def fetch(self, uids, items):
        self.asked.append(list(items))
        answer = self.client.fetch(uids, items)
        for uid, data in answer.items():
            self.alter(items, uid, data)
        return answer


def settings_for(dovecot, db_url, tmp_path, users=(USER,), **top):
    (tmp_path / "pw").write_text(PASSWORD)
    return settings_from_dict({"database_url": db_url, "outbox_dir": "", **top, "imap": [
        {"host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": user,
         "rcpt": user, "password_file": str(tmp_path / "pw")} for user in users]})


def intake_of(imap, dovecot, db_url, tmp_path, engine, clock, **kwargs) -> FolderIntake:
    intake = FolderIntake(settings_for(dovecot, db_url, tmp_path).imap[0], "INBOX", engine,
                          clock, **kwargs)
    intake.open(imap)
    return intake


def stored(engine) -> list[bytes]:
    from gateway.store.queue import raw_of

    with Session(engine) as session:
        ids = [r.id for r in session.exec(select(InboundMessage).order_by(InboundMessage.id))]
    return [raw_of(engine, inbound_id) for inbound_id in ids]


def left(imap) -> int:
    imap.select_folder("INBOX")
    return len(imap.search("ALL"))


@pytest.mark.parametrize("missing", [0, PART, 2 * PART])
def test_a_part_without_its_body_leaves_the_mail_for_the_next_catch_up(
        imap, dovecot, db_url, tmp_path, engine, clock, missing):
    big = mail_of(3 * PART + 10, 1)
    after = mail_of(500, 2)
    for raw in (big, after):
        imap.append("INBOX", raw, msg_time=ARRIVED)
    intake = intake_of(imap, dovecot, db_url, tmp_path, engine, clock)

    def drop(items, uid, data):
        data.pop(f"BODY[]<{missing}>".encode(), None)  # the UID alone, no body

    report = PollReport("INBOX")
    intake.take(Quirky(imap, drop), report)
    assert (report.fetched, stored(engine)) == (1, [after])  # the other one is not held up
    assert left(imap) == 1  # neither stored short nor moved
    again = PollReport("INBOX")
    intake.take(imap, again, only_new=True)  # a catch-up above the last UID still finds it
    assert again.stored == 1 and stored(engine) == [after, big] and left(imap) == 0


def test_partial_fetches_capped_by_the_server_give_the_mail_once_whole(
        imap, dovecot, db_url, tmp_path, engine, clock):
    big = mail_of(5 * PART + 77, 1)
    imap.append("INBOX", big, msg_time=ARRIVED)
    intake = intake_of(imap, dovecot, db_url, tmp_path, engine, clock)

    def cap(items, uid, data):
        for key in [k for k in data if k.startswith(b"BODY[]<")]:
            data[key] = data[key][:1000]  # a server that serves at most 1000 bytes a part

    quirky = Quirky(imap, cap)
    report = PollReport("INBOX")
    intake.take(quirky, report)
    assert report.stored == 1 and stored(engine) == [big] and left(imap) == 0
    assert ["BODY.PEEK[]", "INTERNALDATE"] in quirky.asked  # one fetch of the whole mail


def test_a_flags_update_alone_is_not_passed_over(imap, dovecot, db_url, tmp_path, engine,
                                                 clock):
    mails = [mail_of(600 + n, n) for n in range(3)]
    for raw in mails:
        imap.append("INBOX", raw, msg_time=ARRIVED)
    intake = intake_of(imap, dovecot, db_url, tmp_path, engine, clock)
    imap.select_folder("INBOX")
    uids = imap.search("ALL")

    def flags_only(items, uid, data):
        if uid == uids[1]:
            data.pop(b"BODY[]", None)

    report = PollReport("INBOX")
    intake.take(Quirky(imap, flags_only), report)
    assert report.stored == 2 and intake.last_uid < uids[1]
    again = PollReport("INBOX")
    intake.take(imap, again, only_new=True)
    assert again.stored == 1 and sorted(stored(engine)) == sorted(mails) and left(imap) == 0
    assert intake.last_uid >= uids[1]  # past it, now that it is stored


@pytest.mark.parametrize("size", [b"12x", 1 << 45])
def test_a_garbled_or_huge_size_skips_that_mail_alone(imap, dovecot, db_url, tmp_path, engine,
                                                      clock, caplog, size):
    mails = [mail_of(700 + n, n) for n in range(3)]
    for raw in mails:
        imap.append("INBOX", raw, msg_time=ARRIVED)
    intake = intake_of(imap, dovecot, db_url, tmp_path, engine, clock)
    imap.select_folder("INBOX")
    bad = imap.search("ALL")[1]

    def garble(items, uid, data):
        if uid == bad and b"RFC822.SIZE" in data:
            data[b"RFC822.SIZE"] = size

    report = PollReport("INBOX")
    with caplog.at_level(logging.WARNING, logger="gateway.imap"):
        intake.take(Quirky(imap, garble), report)  # no ValueError, no MemoryError
    assert report.stored == 2 and stored(engine) == [mails[0], mails[2]] and left(imap) == 1
    assert f"uid {bad}" in caplog.text
    assert report.too_big == ([] if size == b"12x" else [{"uid": bad, "size": 1 << 45}])


def test_mail_over_the_maximum_size_is_left_on_the_server_and_reported(
        imap, dovecot, db_url, tmp_path, engine, clock, caplog):
    sizes = [1000, 3 * PART, 9000, 1200]
    mails = [mail_of(size, n) for n, size in enumerate(sizes)]
    for raw in mails:
        imap.append("INBOX", raw, msg_time=ARRIVED)
    imap.select_folder("INBOX")
    uids = imap.search("ALL")
    settings = settings_for(dovecot, db_url, tmp_path, smtp={"max_message_size": 5000})
    with caplog.at_level(logging.WARNING, logger="gateway.imap"):
        reports, errors = poll_all(settings, engine, clock)
    assert errors == [] and stored(engine) == [mails[0], mails[3]]
    assert reports[0].as_json()["too_big"] == [{"uid": uids[1], "size": 3 * PART},
                                               {"uid": uids[2], "size": 9000}]
    assert f"uid {uids[1]}: {3 * PART} bytes, over smtp.max_message_size" in caplog.text
    assert left(imap) == 2  # left there for an admin; the next pass does not store them either
    assert poll_all(settings, engine, clock)[0][0].stored == 0 and left(imap) == 2


@pytest.mark.parametrize("fault", ["no UIDVALIDITY", "a bug"])
def test_one_bad_mailbox_does_not_stop_the_next(imap, dovecot, db_url, tmp_path, engine, clock,
                                                monkeypatch, fault):
    other = login(dovecot, OTHER, PASSWORD)
    empty_folders(other, "INBOX", "Processed")
    other.append("INBOX", make_mail(to=OTHER), msg_time=ARRIVED)
    other.logout()
    imap.append("INBOX", make_mail(), msg_time=ARRIVED)
    real_select = IMAPClient.select_folder

    def select_folder(client, folder, readonly=False):
        answer = real_select(client, folder, readonly)
        if getattr(client, "_username", None) == USER:
            if fault == "a bug":
                raise ValueError("garbled answer")
            answer.pop(b"UIDVALIDITY")
        return answer

    monkeypatch.setattr(IMAPClient, "select_folder", select_folder)
    monkeypatch.setattr(IMAPClient, "login", _remember_login(IMAPClient.login))
    settings = settings_for(dovecot, db_url, tmp_path, users=(USER, OTHER))
    reports, errors = poll_all(settings, engine, clock)
    assert [r.stored for r in reports] == [1] and len(errors) == 1
    assert USER in errors[0] and ("UIDVALIDITY" in errors[0]) == (fault == "no UIDVALIDITY")
    assert left(imap) == 1


def _remember_login(real_login):
    def login_(client, username, password):
        client._username = username
        return real_login(client, username, password)
    return login_


class NoKeywords(Quirky):
    """A server (Exchange, some appliances) that keeps only the system flags."""

    def select_folder(self, folder, readonly=False):
        selected = self.client.select_folder(folder, readonly)
        selected[b"PERMANENTFLAGS"] = tuple(f for f in selected[b"PERMANENTFLAGS"]
                                            if f.startswith(b"\\") and f != b"\\*")
        return selected


def test_marking_in_place_on_a_server_that_keeps_no_keyword_is_refused_clearly(
        imap, dovecot, db_url, tmp_path, engine, clock):
    imap.append("INBOX", make_mail(message_id="<kw@kunde.example>"), msg_time=ARRIVED)
    box = settings_from_dict({"database_url": db_url, "outbox_dir": "", "imap": [
        {"host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": USER,
         "rcpt": USER, "processed_mailbox": ""}]}).imap[0]
    assert b"\\*" in imap.select_folder("INBOX")[b"PERMANENTFLAGS"]  # Dovecot itself keeps them
    FolderIntake(box, "INBOX", engine, clock).open(imap)  # so marking in place is fine there
    with pytest.raises(TemporaryFailure, match=r"keeps no keyword of ours \(\$GatewayStored\).*"
                                               "set imap.processed_mailbox"):
        FolderIntake(box, "INBOX", engine, clock).open(NoKeywords(imap, None))
    assert stored(engine) == [] and left(imap) == 1  # nothing taken that could not be marked
    moving = settings_for(dovecot, db_url, tmp_path).imap[0]  # with a processed folder: fine
    FolderIntake(moving, "INBOX", engine, clock).open(NoKeywords(imap, None))
