"""IMAP over TLS against the real Dovecot with a certificate from a test CA (openssl):
implicit TLS (993-style) and STARTTLS, the certificate verified against `imap.ca_file`; a CA
that did not sign it is a clear error in `status`, retried on the backoff, never a crash loop."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gateway.config.load import settings_from_dict
from gateway.ingest.imap import poll_all
from tests.certs import make_ca
from tests.conftest import make_mail
from tests.imap_fixtures import fresh_session, running_dovecot, wait_for

USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki")
    # the server's certificate names localhost only (not 127.0.0.1)
    return (make_ca(folder / "right", hosts="DNS:localhost"),
            make_ca(folder / "wrong", name="Some Other CA"))


@pytest.fixture(scope="module")
def dovecot(pki):
    right = pki[0]
    yield from running_dovecot({USER: PASSWORD}, tls=(right.cert, right.key))


@pytest.fixture
def imap(dovecot):
    yield from fresh_session(dovecot, USER, PASSWORD)


def box(dovecot, security: str, ca_file, host: str = "localhost") -> dict:
    port = dovecot.tls_port if security == "tls" else dovecot.port
    return {"host": host, "port": port, "security": security, "username": USER, "rcpt": USER,
            "ca_file": str(ca_file), "reconnect_backoff_seconds": 0.1,
            "reconnect_backoff_max_seconds": 0.4}


def settings_for(db_url, *boxes: dict):
    return settings_from_dict({"database_url": db_url, "outbox_dir": "", "imap": list(boxes)})


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_with_the_test_ca(imap, dovecot, pki, db_url, engine, clock, monkeypatch, security):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)
    imap.append("INBOX", make_mail(message_id=f"<{security}@kunde.example>"), msg_time=ARRIVED)
    reports, errors = poll_all(settings_for(db_url, box(dovecot, security, pki[0].ca)), engine,
                               clock)
    assert errors == [] and reports[0].stored == 1
    login_line = [line for line in dovecot.log.splitlines()
                  if "Login: user=<technik@centron.de>" in line][-1]
    assert ", TLS," in login_line, login_line  # the gateway's login (the test's own: plain)


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_a_certificate_from_another_ca_is_a_clear_error(dovecot, pki, db_url, engine, clock,
                                                        monkeypatch, security):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)
    reports, errors = poll_all(settings_for(db_url, box(dovecot, security, pki[1].ca)), engine,
                               clock)
    port = dovecot.tls_port if security == "tls" else dovecot.port
    assert reports == [] and errors == [
        f"IMAP localhost:{port}: TLS certificate not trusted (unable to get local issuer "
        f"certificate; checked against the CA in {pki[1].ca}): set imap.ca_file to the CA "
        "that signed it"]


def test_the_host_name_is_checked_too(dovecot, pki, db_url, engine, clock, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)
    # the same server, by an address its certificate does not name
    reports, errors = poll_all(settings_for(db_url, box(dovecot, "tls", pki[0].ca,
                                                        host="127.0.0.1")), engine, clock)
    assert reports == [] and "TLS certificate not trusted (IP address mismatch" in errors[0]


def test_a_missing_ca_file_is_a_clear_error(dovecot, db_url, engine, clock, tmp_path):
    reports, errors = poll_all(settings_for(db_url, box(dovecot, "tls", tmp_path / "nope.pem")),
                               engine, clock)
    assert reports == [] and errors == [
        f"IMAP localhost:{dovecot.tls_port}: imap.ca_file {tmp_path}/nope.pem: No such file "
        "or directory"]


def test_serve_reports_an_untrusted_certificate_and_keeps_trying(imap, dovecot, pki,
                                                                 start_service, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_PASSWORD", PASSWORD)
    wrong, right = box(dovecot, "tls", pki[1].ca), box(dovecot, "tls", pki[0].ca)
    running = start_service(imap=[wrong, right], imap_interval_seconds=600)
    untrusted, trusted = running.service.imap.watchers
    wait_for(lambda: untrusted.backoff == 0.4 and untrusted.state["sessions"] == 0, 30,
             "the backoff to reach its limit")
    assert untrusted.state["mode"] == "reconnecting" and not untrusted.state["auth_failed"]
    assert "TLS certificate not trusted" in untrusted.state["error"]
    state = running.service.imap.state()
    assert state["alarms"] == []  # a TLS error is an error in status, not an alarm
    assert len(state["errors"]) == 1 and "set imap.ca_file" in state["errors"][0]
    wait_for(lambda: trusted.state["mode"] == "idle", 30, "the other mailbox to IDLE")
    imap.append("INBOX", make_mail(message_id="<trusted@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)
