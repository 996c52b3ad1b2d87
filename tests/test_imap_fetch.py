"""Big mails fetched in parts (RFC822.SIZE first, then BODY.PEEK[]<offset.length>) and batches
cut by bytes, against the real Dovecot: every mail stored byte for byte, whatever its size
against the part size (one byte under, at, over, an exact multiple)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from gateway.config.load import settings_from_dict
from gateway.ingest import imap_fetch
from gateway.ingest.imap import MailboxPoller
from gateway.store.models import InboundMessage
from tests.conftest import make_mail
from tests.imap_fixtures import fresh_session, running_dovecot

USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)
PART = 4096  # a small part size, so that ordinary test mails come in several parts


@pytest.fixture(scope="module")
def dovecot():
    yield from running_dovecot({USER: PASSWORD})


@pytest.fixture
def imap(dovecot):
    yield from fresh_session(dovecot, USER, PASSWORD)


def mail_of(size: int, n: int) -> bytes:
    """A mail of exactly `size` bytes (CRLF line ends, as IMAP serves them)."""
    head = make_mail(message_id=f"<size{n}@kunde.example>", body="")
    filler = size - len(head) - 2
    lines = [b"x" * 76] * (filler // 78)
    body = b"\r\n".join(lines) + (b"\r\n" if lines else b"")
    body += b"y" * (filler - len(body))
    raw = head[:-2] + body + b"\r\n\r\n"
    assert len(raw) == size
    return raw


def test_big_mails_come_in_parts_byte_for_byte(imap, dovecot, db_url, engine, clock, tmp_path,
                                               monkeypatch):
    monkeypatch.setattr(imap_fetch, "PART", PART)
    sizes = [600, PART - 1, PART, PART + 1, 3 * PART, 10 * PART + 123]
    mails = [mail_of(size, n) for n, size in enumerate(sizes)]
    for raw in mails:
        imap.append("INBOX", raw, msg_time=ARRIVED)
    (tmp_path / "pw").write_text(PASSWORD)
    settings = settings_from_dict({"database_url": db_url, "outbox_dir": "", "imap": [{
        "host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": USER,
        "rcpt": USER, "password_file": str(tmp_path / "pw")}]})
    report = MailboxPoller(settings.imap[0], engine, clock).poll()
    assert (report.fetched, report.stored) == (6, 6)
    from gateway.store.queue import raw_of

    with Session(engine) as session:
        ids = [r.id for r in session.exec(select(InboundMessage).order_by(InboundMessage.id))]
    assert [raw_of(engine, inbound_id) for inbound_id in ids] == mails
    imap.select_folder("INBOX")
    assert imap.search("ALL") == []


def test_batches_are_cut_by_count_and_by_bytes(imap, monkeypatch):
    monkeypatch.setattr(imap_fetch, "BATCH_MAILS", 3)
    monkeypatch.setattr(imap_fetch, "BATCH_BYTES", 10_000)
    sizes = [1000, 1000, 1000, 1000, 9500, 20_000, 500, 500]
    for n, size in enumerate(sizes):
        imap.append("INBOX", mail_of(size, n), msg_time=ARRIVED)
    imap.select_folder("INBOX")
    uids = imap.search("ALL")
    got = [[sizes[uids.index(uid)] for uid in batch]
           for batch, _ in imap_fetch.batches(imap, uids)]
    # three mails at most; over 10,000 bytes only as a batch of one
    assert got == [[1000, 1000, 1000], [1000], [9500], [20_000], [500, 500]]
    imap.delete_messages(uids[:2])
    imap.expunge()
    assert [len(batch) for batch, _ in imap_fetch.batches(imap, uids)] == [2, 1, 1, 2]
