"""SMTP transactions the way MTAs send them: several of our addresses at once, and limits."""

from __future__ import annotations

import smtplib

from tests.conftest import make_mail


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
    assert len({r.raw for r in rows}) == 1
    assert sorted(r.reason for r in rows if r.action == "suppress") == ["already-answered"]
