"""The Postfix settings of docs/deployment.md, tested with a real Postfix in front of the gateway."""

from __future__ import annotations

import re
import smtplib
import sqlite3

import pytest

from tests.conftest import make_mail
from tests.postfix import Postfix


@pytest.fixture
def postfix_in_front(start_service):
    running = start_service(database_busy_timeout_seconds=0.2)
    mta = Postfix({
        "technik@centron.de": f"smtp:[127.0.0.1]:{running.port('smtp')}",
        "billing@centron.de": f"lmtp:inet:127.0.0.1:{running.port('lmtp')}",
        "vertrieb@centron.de": f"smtp:[127.0.0.1]:{running.port('smtp')}",
    })
    mta.start()
    yield running, mta
    mta.stop()


def submit(mta: Postfix, sender: str, rcpts: list[str], raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", mta.port, timeout=30) as client:
        assert client.sendmail(sender, rcpts, raw) == {}


def test_postfix_delivers_over_smtp_and_lmtp(postfix_in_front):
    running, mta = postfix_in_front
    submit(mta, "max@kunde.example", ["technik@centron.de", "billing@centron.de"],
           make_mail(message_id="<via-postfix@kunde.example>"))
    mta.wait_for(r"to=<technik@centron\.de>.*status=sent")
    mta.wait_for(r"to=<billing@centron\.de>.*status=sent")
    running.wait_processed(2)
    rows = {r.rcpt: r for r in running.rows()}
    assert set(rows) == {"technik@centron.de", "billing@centron.de"}
    assert rows["technik@centron.de"].source == "smtp" and rows["billing@centron.de"].source == "lmtp"
    assert {r.envelope_sender for r in rows.values()} == {"max@kunde.example"}
    assert all(b"by mx.test.example (Postfix)" in running.raw(r.id) for r in rows.values())
    answered = [r for r in rows.values() if r.action == "redirect"]
    assert len(answered) == 1  # one mail to two of our addresses: one reply


def test_postfix_passes_the_null_sender(postfix_in_front):
    running, mta = postfix_in_front
    submit(mta, "", ["vertrieb@centron.de"], make_mail(message_id="<dsn@mx.example>"))
    mta.wait_for(r"to=<vertrieb@centron\.de>.*status=sent")
    running.wait_processed(1)
    row = running.rows()[0]
    assert (row.envelope_sender, row.action, row.reason) == ("", "suppress", "null-sender")


def test_postfix_keeps_mail_on_451_and_delivers_later(postfix_in_front, tmp_path):
    running, mta = postfix_in_front
    blocker = sqlite3.connect(tmp_path / "gw.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # the gateway cannot commit: it must answer 451
    try:
        submit(mta, "max@kunde.example", ["technik@centron.de"], make_mail(message_id="<later@x>"))
        mta.wait_for(r"to=<technik@centron\.de>.*dsn=4\.3\.0, status=deferred")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    mta.wait_for(r"to=<technik@centron\.de>.*status=sent", timeout=60)  # Postfix retried
    running.wait_processed(1)
    assert [r.message_id for r in running.rows()] == ["<later@x>"]


def test_postfix_bounces_oversize_mail_with_534(postfix_in_front, start_service):
    running, mta = postfix_in_front
    # the gateway's limit in these tests is 200 KB; Postfix's own default is 10 MB
    submit(mta, "max@kunde.example", ["technik@centron.de"],
           make_mail(body=("z" * 70 + "\r\n") * 4000, message_id="<big@x>"))
    mta.wait_for(r"to=<technik@centron\.de>.*dsn=5\.3\.4, status=bounced")
    assert running.rows() == []


def test_postfix_delivers_two_of_our_addresses_in_one_smtp_transaction(postfix_in_front):
    running, mta = postfix_in_front
    # technik@ and vertrieb@ share one SMTP route: Postfix hands both over in one transaction
    submit(mta, "max@kunde.example", ["technik@centron.de", "vertrieb@centron.de"],
           make_mail(message_id="<grouped@kunde.example>"))
    mta.wait_for(r"to=<technik@centron\.de>.*status=sent")
    mta.wait_for(r"to=<vertrieb@centron\.de>.*status=sent")
    assert "status=deferred" not in mta.log
    sent = re.findall(r"to=<(\w+)@centron\.de>.*relay=127\.0\.0\.1\[127\.0\.0\.1\]:\d+.*"
                      r"status=sent \(250 2\.0\.0 Ok: queued as ([\d,]+)\)", mta.log)
    assert len({ref for _, ref in sent}) == 1, sent  # one transaction, one answer for both
    running.wait_processed(2)
    rows = running.rows()
    assert sorted(r.rcpt for r in rows) == ["technik@centron.de", "vertrieb@centron.de"]
    assert {r.source for r in rows} == {"smtp"}
    assert sum(r.action == "redirect" for r in rows) == 1  # one mail: one reply
