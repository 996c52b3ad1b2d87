"""SMTP transactions the way MTAs send them: several of our addresses at once, and limits."""

from __future__ import annotations

import asyncio
import smtplib
import socket
import time

import pytest
from sqlalchemy import text

from gateway.errors import TemporaryFailure
from gateway.ingest.smtp import BatchWriter
from gateway.ingest.store import Incoming
from tests.conftest import make_mail
from tests.test_smtp import converse


def test_two_of_our_addresses_in_one_smtp_transaction_get_one_250(start_service):
    running = start_service()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        client.ehlo()
        client.mail("max@kunde.example")
        assert client.rcpt("technik@centron.de")[0] == 250
        assert client.rcpt("billing@centron.de")[0] == 250
        code, text = client.data(make_mail(message_id="<two@kunde.example>"))
        assert code == 250 and text.startswith(b"2.0.0"), text
    running.wait_processed(2)
    rows = running.rows()
    assert sorted(r.rcpt for r in rows) == ["billing@centron.de", "technik@centron.de"]
    assert len(set(raws := [running.raw(r.id) for r in rows])) == 1 and raws[0]
    assert sorted(r.reason for r in rows if r.action == "suppress") == ["already-answered"]


def _codes(lines: list[str]) -> list[str]:
    return [line[:9] for line in lines if line[3:4] == " "]


@pytest.mark.parametrize("sender", [b"j\xfcrgen@kunde.example", b"a\x00b@kunde.example",
                                    b"a\x01\x7fb@kunde.example"])
def test_undecodable_or_control_character_sender_gets_553_517(start_service, sender):
    running = start_service()
    lines = converse(running.port(), b"EHLO c\r\nMAIL FROM:<" + sender + b">\r\n"
                     b"MAIL FROM:<max@kunde.example>\r\nRCPT TO:<technik@centron.de>\r\n"
                     b"DATA\r\n" + make_mail() + b"\r\n.\r\nQUIT\r\n", 12)
    codes = _codes(lines)
    assert codes[2] == "553 5.1.7", lines
    assert codes[3:] == ["250 2.1.0", "250 2.1.5", "354 End d", "250 2.0.0", "221 Bye"], lines
    running.wait_processed(1)
    assert [r.envelope_sender for r in running.rows()] == ["max@kunde.example"]


@pytest.mark.parametrize("rcpt", [b"techn\xefk@centron.de", b"technik\x01@centron.de"])
def test_undecodable_or_control_character_recipient_is_refused(start_service, rcpt):
    running = start_service()
    lines = converse(running.port(), b"EHLO c\r\nMAIL FROM:<max@kunde.example>\r\n"
                     b"RCPT TO:<" + rcpt + b">\r\nQUIT\r\n", 9)
    assert _codes(lines)[3] in ("553 5.1.7", "553 5.1.3"), lines
    assert running.rows() == []


def test_a_mail_that_cannot_be_stored_does_not_fail_the_others_of_its_batch(engine, clock):
    """Two sessions in one batch; one mail cannot be stored (its sender cannot be encoded):
    the other one is stored and answered all the same."""

    async def both() -> list:
        writer = BatchWriter(engine)
        writer.start()
        try:
            bad = Incoming(make_mail(), "technik@centron.de", "j\udcfcrgen@x.example", "smtp",
                           clock.now())
            good = Incoming(make_mail(message_id="<ok@x>"), "technik@centron.de",
                            "max@kunde.example", "smtp", clock.now())
            return await asyncio.gather(writer.store([bad]), writer.store([good]),
                                        return_exceptions=True)
        finally:
            await writer.stop()

    failed, stored = asyncio.run(both())
    assert isinstance(failed, TemporaryFailure)
    assert len(stored) == 1 and not stored[0].duplicate
    with engine.connect() as conn:
        senders = conn.execute(text("SELECT envelope_sender FROM inbound_message")).scalars()
        assert list(senders) == ["max@kunde.example"]


def test_reused_message_id_over_smtp_is_two_mails_same_bytes_twice_is_one(start_service):
    running = start_service()
    alice = make_mail(sender="alice@kunde.example", body="Alice", message_id="<same@x>")
    bob = make_mail(sender="bob@firma.example", body="Bob", message_id="<same@x>")
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        assert client.sendmail("alice@kunde.example", ["technik@centron.de"], alice) == {}
        assert client.sendmail("bob@firma.example", ["technik@centron.de"], bob) == {}
        assert client.sendmail("alice@kunde.example", ["technik@centron.de"], alice) == {}
    running.wait_processed(2)
    rows = running.rows()
    assert sorted(r.envelope_sender for r in rows) == ["alice@kunde.example", "bob@firma.example"]
    assert {r.message_id for r in rows} == {"<same@x>"} and {r.action for r in rows} == {"redirect"}


def test_recipients_beyond_the_maximum_get_452_453(start_service):
    running = start_service(smtp={"max_recipients": 2})
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        client.ehlo()
        client.mail("max@kunde.example")
        assert client.rcpt("technik@centron.de")[0] == 250
        assert client.rcpt("billing@centron.de")[0] == 250
        code, text = client.rcpt("vertrieb@centron.de")
        assert (code, text[:5]) == (452, b"4.5.3")
        assert client.data(make_mail())[0] == 250
    running.wait_processed(2)
    assert sorted(r.rcpt for r in running.rows()) == ["billing@centron.de", "technik@centron.de"]


def test_a_slow_steady_upload_is_not_idle(start_service):
    running = start_service(smtp={"timeout_seconds": 1})
    lines = [f"Zeile {i}: der Server antwortet nicht.".encode() for i in range(12)]
    with socket.create_connection(("127.0.0.1", running.port()), timeout=10) as sock:
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"220")
        sock.sendall(b"HELO c\r\nMAIL FROM:<max@kunde.example>\r\nRCPT TO:<technik@centron.de>\r\n"
                     b"DATA\r\n")
        assert [reader.readline()[:3] for _ in range(4)] == [b"250", b"250", b"250", b"354"]
        sock.sendall(make_mail().split(b"\r\n\r\n")[0] + b"\r\n\r\n")
        for line in lines:  # 12 lines, 0.25 s apart: 3 s of transfer, never 1 s of silence
            time.sleep(0.25)
            sock.sendall(line + b"\r\n")
        sock.sendall(b".\r\n")
        assert reader.readline().startswith(b"250 2.0.0")
    running.wait_processed(1)


def test_a_session_kept_alive_with_noop_ends_at_its_lifetime(start_service):
    running = start_service(smtp={"timeout_seconds": 1, "max_session_seconds": 2})
    with socket.create_connection(("127.0.0.1", running.port()), timeout=10) as sock:
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"220")
        answers = []
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            time.sleep(0.3)
            try:
                sock.sendall(b"NOOP\r\n")
            except OSError:
                break
            answer = reader.readline()
            answers.append(answer)
            if not answer or answer.startswith(b"421"):
                break
    assert answers[-1] == b"" or answers[-1].startswith(b"421 4.4.2"), answers
    assert time.monotonic() < deadline


def test_connections_per_client_address_are_limited(start_service):
    running = start_service(smtp={"max_connections_per_client": 2})
    held = [socket.create_connection(("127.0.0.1", running.port())) for _ in range(2)]
    try:
        for sock in held:
            assert sock.recv(1024).startswith(b"220")
        with socket.create_connection(("127.0.0.1", running.port()), timeout=5) as third:
            assert third.recv(1024).startswith(b"421 4.7.0")
        other = socket.create_connection(("127.0.0.1", running.port()), timeout=5,
                                         source_address=("127.0.0.2", 0))
        with other:  # another client address still gets in
            assert other.recv(1024).startswith(b"220")
    finally:
        for sock in held:
            sock.close()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:  # a slot freed is a slot again
        assert client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail()) == {}


def test_a_burst_of_connections_cannot_slip_past_the_global_cap(start_service):
    # all sockets are opened before any banner is read: the cap must count a connection at once,
    # not only when its session starts
    running = start_service(smtp={"max_connections": 3, "max_connections_per_client": 100})
    burst = [socket.create_connection(("127.0.0.1", running.port()), timeout=10) for _ in range(12)]
    try:
        banners = [sock.makefile("rb").readline()[:9] for sock in burst]
    finally:
        for sock in burst:
            sock.close()
    assert sum(b.startswith(b"220") for b in banners) == 3, banners
    assert sum(b.startswith(b"421 4.7.0") for b in banners) == 9, banners


def test_an_idle_client_is_told_why_it_is_dropped(start_service):
    running = start_service(smtp={"timeout_seconds": 1})
    with socket.create_connection(("127.0.0.1", running.port()), timeout=10) as sock:
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"220")
        assert reader.readline().startswith(b"421 4.4.2")  # after a second of silence
        assert reader.readline() == b""


def test_one_address_named_twice_gets_one_id_in_the_250(start_service):
    running = start_service()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        client.ehlo()
        client.mail("max@kunde.example")
        for rcpt in ("technik@centron.de", "TECHNIK@centron.de", "technik@centron.de"):
            assert client.rcpt(rcpt)[0] == 250
        code, text = client.data(make_mail(message_id="<thrice@kunde.example>"))
    assert code == 250 and b"," not in text, text
    running.wait_processed(1)
    assert len(running.rows()) == 1
