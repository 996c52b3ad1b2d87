"""SMTP and LMTP reception against the real daemon on loopback, with real clients."""

from __future__ import annotations

import smtplib
import socket
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from gateway.clock import FixedClock
from gateway.store.db import make_engine
from tests.conftest import BERLIN, make_mail


def converse(port: int, payload: bytes, expect_lines: int, timeout: float = 10) -> list[str]:
    """Send raw protocol bytes (pipelined, all at once) and collect the server's reply lines."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        buffer = b""
        sock.sendall(payload)
        while buffer.count(b"\r\n") < expect_lines:
            chunk = sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
    return buffer.decode().split("\r\n")[:expect_lines]


def test_accepted_mail_is_stored_processed_and_answered(start_service, tmp_path):
    running = start_service()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        code, _ = client.ehlo()
        assert code == 250 and client.has_extn("size")
        assert client.sendmail("max@kunde.example", ["Technik@Centron.de"], make_mail()) == {}
    running.wait_processed(1)
    row = running.rows()[0]
    assert (row.source, row.rcpt, row.envelope_sender) == ("smtp", "technik@centron.de",
                                                           "max@kunde.example")
    assert row.action == "redirect"
    deadline = time.monotonic() + 10
    while not list((tmp_path / "out").glob("*.eml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list((tmp_path / "out").glob("*.eml"))) == 1


def test_unknown_recipient_is_refused_never_relayed(start_service):
    running = start_service()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        for rcpt in ("info@centron.de", "victim@elsewhere.example"):
            with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
                client.sendmail("spammer@x.example", [rcpt], make_mail())
            code, text = refused.value.recipients[rcpt]
            assert code == 550 and text.startswith(b"5.1.1")
    assert running.rows() == []


def test_oversize_mail_gets_552_534(start_service):
    running = start_service()
    big = make_mail(body=("y" * 70 + "\r\n") * 4000)
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        with pytest.raises(smtplib.SMTPSenderRefused) as announced:  # SIZE= in MAIL FROM
            client.sendmail("max@kunde.example", ["technik@centron.de"], big)
        assert announced.value.smtp_code == 552
        assert announced.value.smtp_error.startswith(b"5.3.4")
    lines = converse(running.port(), b"EHLO c\r\nMAIL FROM:<max@kunde.example>\r\n"
                     b"RCPT TO:<technik@centron.de>\r\nDATA\r\n" + big + b"\r\n.\r\n", 10)
    assert lines[-1].startswith("552 5.3.4"), lines  # without SIZE=: refused after DATA
    assert running.rows() == []


def test_reject_phase_refuses_at_rcpt_with_account_center(start_service):
    clock = FixedClock(datetime(2026, 5, 1, tzinfo=BERLIN))
    running = start_service(clock=clock, addresses=[
        {"address": "technik@centron.de", "department": "Technischer Support",
         "reject_from": "2026-04-01T00:00:00"},
        {"address": "billing@centron.de", "department": "Abrechnung & Buchhaltung"}])
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail())
        code, text = refused.value.recipients["technik@centron.de"]
        assert code == 550 and text.startswith(b"5.7.1") and b"https://account.centron.de" in text
        assert client.sendmail("max@kunde.example", ["billing@centron.de"], make_mail()) == {}


def test_lmtp_answers_per_recipient(start_service):
    running = start_service()
    mail = make_mail(message_id="<lmtp@kunde.example>")
    lines = converse(running.port("lmtp"),
                     b"LHLO mta.example\r\nMAIL FROM:<max@kunde.example>\r\n"
                     b"RCPT TO:<technik@centron.de>\r\nRCPT TO:<billing@centron.de>\r\n"
                     b"RCPT TO:<nobody@centron.de>\r\nDATA\r\n" + mail + b"\r\n.\r\nQUIT\r\n", 14)
    codes = [line[:3] for line in lines if line[3:4] == " "]
    # greeting, LHLO, MAIL, RCPT ok, RCPT ok, RCPT 550, DATA 354, one 250 per recipient, QUIT
    assert codes == ["220", "250", "250", "250", "250", "550", "354", "250", "250", "221"], lines
    running.wait_processed(2)
    assert sorted(r.rcpt for r in running.rows()) == ["billing@centron.de", "technik@centron.de"]
    assert {r.source for r in running.rows()} == {"lmtp"}


def test_pipelined_commands_are_answered_in_order(start_service):
    running = start_service()
    two = b"".join(b"MAIL FROM:<max@kunde.example>\r\nRCPT TO:<technik@centron.de>\r\nDATA\r\n"
                   + make_mail(message_id=f"<p{i}@kunde.example>") + b"\r\n.\r\n"
                   for i in range(2))
    lines = converse(running.port(), b"EHLO c\r\n" + two + b"QUIT\r\n", 15)
    codes = [line[:3] for line in lines if line[3:4] == " "]
    assert codes == ["220", "250", "250", "250", "354", "250", "250", "250", "354", "250",
                     "221"], lines
    assert len(running.rows()) == 2


def test_connection_limit_answers_421(start_service):
    running = start_service(smtp={"max_connections": 2})
    held = [socket.create_connection(("127.0.0.1", running.port())) for _ in range(2)]
    try:
        for sock in held:
            assert sock.recv(1024).startswith(b"220")
        with socket.create_connection(("127.0.0.1", running.port()), timeout=5) as third:
            assert third.recv(1024).startswith(b"421 4.7.0")
    finally:
        for sock in held:
            sock.close()


def test_fifty_connections_thousand_mails(start_service):
    running = start_service(responder={"global_replies_per_hour": 100_000},
                            smtp={"max_connections_per_client": 50})  # all from 127.0.0.1

    def send_batch(worker: int) -> list[str]:
        accepted = []
        with smtplib.SMTP("127.0.0.1", running.port(), timeout=60) as client:
            for i in range(20):
                mid = f"<c{worker}-{i}@kunde.example>"
                client.sendmail(f"k{worker}@kunde.example", ["technik@centron.de"],
                                make_mail(message_id=mid, sender=f"k{worker}@kunde.example"))
                accepted.append(mid)
        return accepted

    with ThreadPoolExecutor(max_workers=50) as pool:
        accepted = [mid for batch in pool.map(send_batch, range(50)) for mid in batch]
    assert len(accepted) == 1000
    running.wait_processed(1000, timeout=120)
    rows = running.rows()
    assert sorted(r.message_id for r in rows) == sorted(accepted)  # every 250 has its row, once
    assert {r.status for r in rows} == {"done"}


def test_database_unavailable_answers_451_and_recovers(start_service, tmp_path):
    running = start_service(database_busy_timeout_seconds=0.2)
    blocker = sqlite3.connect(tmp_path / "gw.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the database: we cannot commit
    try:
        with smtplib.SMTP("127.0.0.1", running.port()) as client:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail())
            assert refused.value.smtp_code == 451
            assert refused.value.smtp_error.startswith(b"4.3.0")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:  # the MTA's retry
        assert client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail()) == {}
    running.wait_processed(1)
    assert len(running.rows()) == 1


def test_starttls_is_offered_with_a_certificate(start_service, tmp_path):
    import ssl
    import subprocess

    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost"],
                   cwd=tmp_path, check=True, capture_output=True)
    running = start_service(smtp={"tls_cert_file": str(tmp_path / "cert.pem"),
                                  "tls_key_file": str(tmp_path / "key.pem")})
    context = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
    context.check_hostname = False
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        client.ehlo()
        assert client.has_extn("starttls")
        client.starttls(context=context)
        client.ehlo()
        assert client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail()) == {}
    running.wait_processed(1)


def test_idle_client_is_disconnected(start_service):
    running = start_service(smtp={"timeout_seconds": 0.5})
    with socket.create_connection(("127.0.0.1", running.port()), timeout=5) as sock:
        assert sock.recv(1024).startswith(b"220")
        time.sleep(1.0)
        leftover = sock.recv(1024)  # the server closed the idle session
        assert leftover == b"" or leftover.startswith(b"421")


def test_client_gone_mid_data_leaves_nothing_half_stored(start_service):
    running = start_service()
    with socket.create_connection(("127.0.0.1", running.port()), timeout=5) as sock:
        sock.recv(1024)
        sock.sendall(b"EHLO c\r\nMAIL FROM:<max@kunde.example>\r\nRCPT TO:<technik@centron.de>\r\n"
                     b"DATA\r\n" + make_mail()[:200])  # and then the line drops
        time.sleep(0.3)
    time.sleep(0.3)
    assert running.rows() == []  # no 250 was given, so nothing may be half stored
    with smtplib.SMTP("127.0.0.1", running.port()) as client:  # the server is fine
        assert client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail()) == {}
    running.wait_processed(1)


def test_eight_bit_data_without_8bitmime_is_stored_exactly(start_service):
    running = start_service()
    raw = ("From: jürgen@kunde.example\nTo: technik@centron.de\nSubject: Größe\n\n"
           "Ärger mit dem Server\n").encode()
    lines = converse(running.port(), b"EHLO c\r\nMAIL FROM:<j@kunde.example>\r\n"
                     b"RCPT TO:<technik@centron.de>\r\nDATA\r\n" + raw.replace(b"\n", b"\r\n")
                     + b".\r\nQUIT\r\n", 11)
    assert lines[-2].startswith("250 2.0.0"), lines
    running.wait_processed(1)
    row = running.rows()[0]
    assert running.raw(row.id) == raw.replace(b"\n", b"\r\n") and row.action == "redirect"


def test_status_shows_the_running_daemon_and_forgets_it_on_stop(start_service, tmp_path):
    from gateway.admin import queries

    running = start_service()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        data = queries.status(running.engine, running.service.settings, running.service.clock.now())
        if data["daemons"]:
            break
        time.sleep(0.05)
    daemon = data["daemons"][0]
    assert not daemon["stale"] and daemon["detail"]["listening"]["smtp"].startswith("127.0.0.1:")
    running.service.clock.advance(timedelta(minutes=5))  # a daemon that went silent
    later = queries.status(running.engine, running.service.settings, running.service.clock.now())
    assert later["daemons"][0]["stale"] and any("last reported" in w for w in later["warnings"])
    settings, clock = running.service.settings, running.service.clock
    running.stop()
    engine_again = make_engine(settings.database_url)
    assert queries.status(engine_again, settings, clock.now())["daemons"] == []
