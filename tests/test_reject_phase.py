"""Issue 20, findings 1-3 and the sales line of 8: in the reject phase the exceptions hold
(at RCPT by the envelope sender, at the end of DATA by the From header), a real `gateway serve`
does what `simulate` and `preview` said, with the same 550 line per address (the contact form
for vertrieb@); `simulate --list/--json` has one entry per mail; `--against-db` finds the real
tickets, read only."""

from __future__ import annotations

import json
import mailbox
import smtplib
import subprocess
import sys
import time

import pytest

from tests.conftest import make_mail
from tests.serve_process import ROOT, Serve
from tests.test_policy_service import ask, request

CONFIG = """
database_url = "sqlite:///{dir}/gw.db"
outbox_dir = "{dir}/out"
[metrics]
listen = ""
[[address]]
address = "technik@centron.de"
department = "Technik"
reject_from = 2026-01-01
[[address]]
address = "vertrieb@centron.de"
department = "Vertrieb"
redirect = "contact_form"
reject_from = 2026-01-01
[[address]]
address = "billing@centron.de"
department = "Billing"
[[exception]]
name = "partner-a"
senders = ["partner-a.example"]
addresses = ["technik@centron.de"]
[[exception]]
name = "partner-b"
senders = ["noc@partner-b.example"]
addresses = ["technik@centron.de"]
"""
AT = "2026-03-02T10:00:00"  # all of the simulate runs: technik@ and vertrieb@ in their reject phase
# The 550 line: each reply language's text (de, en) from the company facts of the config
TECHNIK_TEXTS = ("E-Mail-Support eingestellt, bitte eroeffnen Sie ein Ticket im Account Center: "
                 "https://account.centron.de",
                 "E-mail support has ended; please open a ticket in the Account Center: "
                 "https://account.centron.de")
VERTRIEB_TEXTS = ("Anfragen per E-Mail eingestellt, bitte nutzen Sie das Kontaktformular: "
                  "https://www.centron.de/kontakt/",
                  "E-mail to sales has ended; please write to us through the contact form: "
                  "https://www.centron.de/kontakt/")
TECHNIK = "550 5.7.1 <technik@centron.de>: " + " / ".join(TECHNIK_TEXTS)
VERTRIEB = "550 5.7.1 <vertrieb@centron.de>: " + " / ".join(VERTRIEB_TEXTS)

# (envelope sender, From, recipient): partner by envelope, partner by From only, two strangers,
# one stranger to an address without a reject phase
MAILS = [("ops@partner-a.example", "ops@partner-a.example", "technik@centron.de"),
         ("bounces@mailer.example", "noc@partner-b.example", "technik@centron.de"),
         ("max@kunde.example", "max@kunde.example", "technik@centron.de"),
         ("eva@kunde.example", "eva@kunde.example", "vertrieb@centron.de"),
         ("max@kunde.example", "max@kunde.example", "billing@centron.de")]
EXPECTED = [("ticket", "exception:partner-a", None), ("ticket", "exception:partner-b", None),
            ("reject", "reject-phase", TECHNIK), ("reject", "reject-phase", VERTRIEB),
            ("redirect", "after-cutover", None)]


def mail(n: int) -> bytes:
    envelope, sender, rcpt = MAILS[n]
    return make_mail(sender=sender, to=rcpt, message_id=f"<m{n}@x.example>",
                     subject=f"Anfrage {n}", headers={"Return-Path": f"<{envelope}>"})


def gateway(tmp_path, *args: str, expect: int = 0, stdin: bytes = b"") -> str:
    result = subprocess.run([sys.executable, "-m", "gateway", "--config",
                             str(tmp_path / "gw.toml"), *args], capture_output=True, cwd=ROOT,
                            input=stdin,
                            timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == expect, result.stderr.decode()
    return result.stdout.decode()


@pytest.fixture
def configured(tmp_path):
    (tmp_path / "gw.toml").write_text(CONFIG.format(dir=tmp_path))
    return tmp_path


def test_serve_does_what_simulate_said_in_the_reject_phase(configured):
    box = mailbox.mbox(configured / "box.mbox")
    for n in range(len(MAILS)):
        box.add(mail(n))
    box.flush()
    said = json.loads(gateway(configured, "--json", "simulate", "--at", AT, "--list",
                              str(configured / "box.mbox")))
    assert [(m["action"], m["reason"], m["refusal"]) for m in said["mails"]] == EXPECTED
    gw = Serve(configured, config=str(configured / "gw.toml"))
    try:
        answers = []
        for n, (envelope, _, rcpt) in enumerate(MAILS):
            with gw.smtp() as client:
                try:
                    client.sendmail(envelope, [rcpt], mail(n))
                    answers.append("250")
                except smtplib.SMTPRecipientsRefused as exc:  # at RCPT
                    code, text = exc.recipients[rcpt]
                    answers.append(f"{code} {text.decode()}")
                except smtplib.SMTPDataError as exc:  # at the end of DATA: the From decides
                    answers.append(f"{exc.smtp_code} {exc.smtp_error.decode()}")
        done = gateway(configured, "--json", "messages", "list")
    finally:
        gw.finish()
    assert answers == [refusal or "250" for _, _, refusal in EXPECTED]
    decided = {m["rcpt"] + m["subject"]: (m["action"], m["reason"]) for m in json.loads(done)}
    for n, (action, reason, refusal) in enumerate(EXPECTED):
        if refusal is None:  # what was accepted became what simulate said
            assert decided.get(MAILS[n][2] + f"Anfrage {n}") == (action, reason)


def test_a_from_only_exception_takes_a_transaction_of_its_own(start_service):
    running = start_service(addresses=[
        {"address": "technik@centron.de", "department": "T", "reject_from": "2025-10-13"},
        {"address": "billing@centron.de", "department": "B"}],
        exceptions=[{"name": "b", "senders": ["partner-b.example"],
                     "addresses": ["technik@centron.de"]}])
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        client.ehlo()
        client.mail("bounces@mailer.example")
        assert client.rcpt("billing@centron.de")[0] == 250
        assert client.rcpt("technik@centron.de")[0] == 452  # decided apart, by its From
        client.rset()
        client.mail("bounces@mailer.example")
        assert client.rcpt("technik@centron.de")[0] == 250
        assert client.rcpt("billing@centron.de")[0] == 452
        client.rset()
        refused = client.sendmail("bounces@mailer.example", ["technik@centron.de"],
                                  make_mail(sender="noc@partner-b.example"))
        assert refused == {}
    running.wait_processed(1)
    assert [(r.action, r.reason) for r in running.rows()] == [("ticket", "exception:b")]


def test_policy_service_answers_as_the_listener_at_rcpt(start_service):
    running = start_service(addresses=[
        {"address": "technik@centron.de", "department": "T", "reject_from": "2025-10-13"},
        {"address": "vertrieb@centron.de", "department": "V", "reject_from": "2025-10-13",
         "redirect": "contact_form"}],
        exceptions=[{"name": "a", "senders": ["partner-a.example"]}],
        postfix={"policy_listen": "127.0.0.1:0"})
    partner = {**request("technik@centron.de"), "sender": "ops@partner-a.example"}
    answers = ask(running.port("policy"), [partner, request("technik@centron.de"),
                                           request("vertrieb@centron.de")])
    assert answers == ["action=DUNNO", "action=550 5.7.1 " + " / ".join(TECHNIK_TEXTS),
                       "action=550 5.7.1 " + " / ".join(VERTRIEB_TEXTS)]


def test_preview_tells_the_reject_phase_and_reads_no_real_database(configured):
    (configured / "m.eml").write_bytes(mail(3))
    text = gateway(configured, "preview", "--rcpt", "vertrieb@centron.de", "--sender",
                   "eva@kunde.example", "--at", AT, str(configured / "m.eml"))
    assert text.startswith("inbound None  reject (reject-phase)") and VERTRIEB in text
    assert "redirect" not in text and "reply to" not in text
    piped = json.loads(gateway(configured, "--json", "preview", "--rcpt", "vertrieb@centron.de",
                               "--source", "pipe", "--at", AT, str(configured / "m.eml")))
    assert (piped["action"], piped["phase"], piped["refusal"]) == ("redirect", "reject", None)
    assert "kontakt" in piped["reply"]["text"]
    # a ticket in the real database: preview's provisional number ignores it unless asked
    (configured / "t.eml").write_bytes(mail(0))
    args = ("--json", "preview", "--rcpt", "technik@centron.de", "--at", AT, "--sender",
            "ops@partner-a.example", str(configured / "t.eml"))
    assert json.loads(gateway(configured, *args))["ticket"] == "TK-000001"
    gateway(configured, "--json", "ingest", "--rcpt", "billing@centron.de", "--at",
            "2025-09-01T10:00:00", stdin=make_mail(to="billing@centron.de"))
    assert json.loads(gateway(configured, *args))["ticket"] == "TK-000001"
    assert json.loads(gateway(configured, *args, "--against-db"))["ticket"] == "TK-000002"


def test_simulate_lists_every_mail_and_finds_real_tickets_against_the_db(configured):
    gateway(configured, "--json", "ingest", "--rcpt", "billing@centron.de", "--at",
            "2025-09-01T10:00:00", stdin=make_mail(to="billing@centron.de",
                                                   message_id="<first@kunde.example>"))
    box = mailbox.mbox(configured / "box.mbox")
    answer = make_mail(to="billing@centron.de", message_id="<answer@kunde.example>",
                       subject="Re: Server down", headers={"In-Reply-To": "<first@kunde.example>"})
    box.add(answer)
    for n in range(2):  # the same sender twice: the second is held back by the rate limit
        box.add(make_mail(to="billing@centron.de", message_id=f"<new{n}@kunde.example>",
                          sender="lena@kunde.example", subject=f"Frage {n}\x1b[31m"))
    box.flush()
    args = ("simulate", "--at", "2025-10-20T10:00:00", str(configured / "box.mbox"))
    alone = json.loads(gateway(configured, "--json", *args))["mails"]
    against = json.loads(gateway(configured, "--json", *args, "--against-db"))["mails"]
    assert [(m["position"], m["action"], m["reason"]) for m in alone] == [
        ("mbox:box.mbox:0", "redirect", "after-cutover"),
        ("mbox:box.mbox:1", "redirect", "after-cutover"),
        ("mbox:box.mbox:2", "suppress", "rate-limited")]
    assert (against[0]["action"], against[0]["followup"]) == ("followup", "TK-000001")
    assert [m["subject"] for m in alone[1:]] == ["Frage 0", "Frage 1"]  # no escape sequence
    assert [m["sender"] for m in alone] == ["max@kunde.example"] + ["lena@kunde.example"] * 2
    listing = gateway(configured, *args, "--list", "--against-db").splitlines()
    assert any(line.startswith("mbox:box.mbox:0  max@kunde.example") and
               line.endswith("followup  in-reply-to  follow-up to TK-000001") for line in listing)
    assert any(line.startswith("mbox:box.mbox:2  lena@kunde.example") and "rate-limited" in line
               for line in listing)
    real = json.loads(gateway(configured, "--json", "messages", "list"))
    assert [m["subject"] for m in real] == ["Server down"]  # simulate stored nothing there


def test_config_check_explains_the_reject_phase_and_the_exceptions(configured):
    lines = gateway(configured, "config", "check").splitlines()
    technik = next(line for line in lines if line.startswith("technik@"))
    assert technik.endswith("reject phase: refused with 550 except senders of partner-a, "
                            "partner-b (envelope sender at RCPT, else the From header at the end "
                            "of DATA), whose mail still becomes a ticket")
    vertrieb = next(line for line in lines if line.startswith("vertrieb@"))
    assert vertrieb.endswith("every sender refused with 550 at RCPT (no exception applies)")
    assert "reject phase" not in next(line for line in lines if line.startswith("billing@"))


def test_every_refusal_is_recorded_counted_reported_and_purged(configured):
    from tests.imap_fixtures import wait_for
    from tests.private_server import free_port

    policy_port = free_port()
    config = configured / "gw.toml"
    config.write_text(config.read_text().replace(
        '[metrics]\nlisten = ""\n', f'[postfix]\npolicy_listen = "127.0.0.1:{policy_port}"\n'))
    gw = Serve(configured, config=str(config))
    try:
        for n in (2, 3, 3):  # one refused at the end of DATA, two at RCPT
            with gw.smtp() as client, pytest.raises(smtplib.SMTPException):
                client.sendmail(MAILS[n][0], [MAILS[n][2]], mail(n))
        assert ask(policy_port, [request("technik@centron.de")])[0].startswith("action=550")

        def counted() -> str | None:
            page = gw.http("/metrics")[1]
            return page if 'reason="reject-phase"} 2.0' in page else None

        page = wait_for(counted, what="the refusals in /metrics")
        for line in ('gateway_refusals_total{address="technik@centron.de",reason="reject-phase"} '
                     '2.0', 'gateway_refusals_total{address="vertrieb@centron.de",'
                     'reason="reject-phase"} 2.0'):
            assert line in page, line
        status = json.loads(gateway(configured, "--json", "status"))
        assert {(r["address"], r["count"]) for r in status["refusals"]} == {
            ("technik@centron.de", 2), ("vertrieb@centron.de", 2)}
        assert "refused in the reject phase: vertrieb@centron.de reject-phase 2" in gateway(
            configured, "status")
        report = json.loads(gateway(configured, "--json", "report"))
        assert report["by_action"] == {"reject": 4}
        period = json.loads(gateway(configured, "--json", "report", "--since", "2026-01-01"))
        assert period["by_action"] == {"reject": 4}  # counted from the rows: the same
        writers = {s["sender"]: (s["refused"], s["addresses"])
                   for s in report["senders_after_cutover"]}
        assert writers == {"max@kunde.example": (2, ["technik@centron.de"]),
                           "eva@kunde.example": (2, ["vertrieb@centron.de"])}
        import sqlite3

        with sqlite3.connect(configured / "gw.db") as db:  # envelope only, no body anywhere
            columns = [row[1] for row in db.execute("PRAGMA table_info(refusal)")]
            clients = {row[0] for row in db.execute("SELECT client FROM refusal")}
        assert columns == ["id", "at", "source", "client", "sender", "rcpt", "reason"]
        assert clients == {"127.0.0.1", "192.0.2.7"}
        time.sleep(1)  # retention of 0.5 s: every refusal is older
        purged = json.loads(gateway(configured, "--json", "purge", "--older-than", "0.000006"))
        assert purged["refusals_deleted"] == 4
        with sqlite3.connect(configured / "gw.db") as db:
            assert db.execute("SELECT count(*) FROM refusal").fetchone() == (0,)
        # the totals stay: the report's weeks and the counter
        assert json.loads(gateway(configured, "--json", "report"))["by_action"] == {"reject": 4}
        assert 'reason="reject-phase"} 2.0' in gw.http("/metrics")[1]
    finally:
        gw.finish()


def test_one_session_cannot_fill_the_disk_with_refusals(start_service):
    import sqlite3

    from gateway.ingest.smtp import ROWS_PER_SESSION
    from tests.imap_fixtures import wait_for

    running = start_service(addresses=[
        {"address": "technik@centron.de", "department": "T", "reject_from": "2025-10-13"}])
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        client.ehlo()
        client.mail("spam@flood.example")
        codes = {client.rcpt(f"technik+{n}@centron.de")[0] for n in range(30)}
    assert codes == {550}
    path = running.engine.url.database

    def recorded():
        with sqlite3.connect(path) as db:
            counted = db.execute("SELECT count FROM refusal_count").fetchone()
            return counted and counted[0] == 30 and db.execute(
                "SELECT count(*) FROM refusal").fetchone()[0]

    assert wait_for(recorded, what="the refusals counted") == ROWS_PER_SESSION == 10


def test_a_flood_from_one_client_is_counted_not_kept(tmp_path):
    """Postfix's policy service or many sessions: per client address and minute only the first
    rows keep their envelope; every refusal is counted."""
    import asyncio
    import sqlite3
    from datetime import UTC, datetime

    from gateway.ingest.refusals import RefusalLog
    from gateway.store.db import ensure_schema, make_engine

    engine = make_engine(f"sqlite:///{tmp_path}/gw.db")
    ensure_schema(engine)
    log = RefusalLog(engine)
    at = datetime(2026, 3, 2, 10, 0, 5, tzinfo=UTC)
    for n in range(100):
        log.add(at, "policy", "192.0.2.7", f"bot{n}@spam.example", "technik@centron.de",
                "reject-phase")
    log.add(at, "policy", "198.51.100.1", "max@kunde.example", "technik@centron.de",
            "reject-phase")
    asyncio.run(log.flush())
    engine.dispose()
    with sqlite3.connect(tmp_path / "gw.db") as db:
        rows = dict(db.execute("SELECT client, count(*) FROM refusal GROUP BY client"))
        assert db.execute("SELECT count FROM refusal_count").fetchone() == (101,)
    assert rows == {"192.0.2.7": RefusalLog.ROWS_PER_CLIENT_MINUTE, "198.51.100.1": 1}
