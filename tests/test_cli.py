"""End to end through the `gateway` console script in a subprocess, as admins and Postfix call it."""

from __future__ import annotations

import json
import mailbox
import os
import subprocess
import sys
from pathlib import Path
from unittest.mock import ANY

import pytest

from tests.conftest import make_mail

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env["GATEWAY_DATABASE_URL"] = f"sqlite:///{tmp_path}/var/gateway.db"
    env["GATEWAY_OUTBOX_DIR"] = str(tmp_path / "outbox")

    def call(*args: str, stdin: bytes = b"", expect: int = 0, extra_env: dict | None = None):
        result = subprocess.run([sys.executable, "-m", "gateway", *args], input=stdin,
                                capture_output=True, cwd=ROOT, env={**env, **(extra_env or {})},
                                timeout=60)
        assert result.returncode == expect, result.stderr.decode()
        return result

    return call


def as_json(result) -> dict | list:
    return json.loads(result.stdout)


def test_done_when_scenario(run, tmp_path):
    # options after the command name, the way the issue writes them
    first = as_json(run("ingest", "--rcpt", "technik@centron.de", "--sender",
                        "max@kunde.example", "--at", "2025-10-01T10:00:00+02:00", "--json",
                        stdin=make_mail(message_id="<one@kunde.example>")))
    assert first["action"] == "ticket" and first["ticket"]
    assert first["ticket"] in first["reply"]["subject"] and first["ticket"] in first["reply"]["text"]
    second = as_json(run("--json", "ingest", "--rcpt", "technik@centron.de", "--sender",
                         "max@kunde.example", "--at", "2025-10-14T10:00:00+02:00",
                         stdin=make_mail(message_id="<two@kunde.example>")))
    assert second["action"] == "redirect" and second["ticket"] is None
    assert "https://account.centron.de" in second["reply"]["text"]
    assert second["reply"]["headers"]["Auto-Submitted"] == "auto-replied"
    status = as_json(run("status", "--json"))
    assert status["counts"]["by_action"] == {"ticket": 1, "redirect": 1}
    assert status["queues"]["outbox"] == {"queued": 2}
    assert as_json(run("--json", "status")) == {**status, "now": ANY}  # both places work
    sent = as_json(run("outbox", "send", "--json"))
    assert sent["written"] == 2 and len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    tickets = as_json(run("--json", "tickets", "list"))
    assert [t["number"] for t in tickets] == [first["ticket"]]
    shown = as_json(run("--json", "tickets", "show", first["ticket"]))
    assert "srv-web-01" in shown["articles"][0]["body"]
    closed = as_json(run("--json", "tickets", "close", first["ticket"]))
    assert closed["status"] == "closed"
    messages = as_json(run("--json", "messages", "list"))
    assert {m["action"] for m in messages} == {"ticket", "redirect"}
    one = as_json(run("--json", "messages", "show", str(messages[0]["id"])))
    assert one["policy"] and one["replies"]


def test_ingest_exit_codes(run):
    mail = make_mail()
    run("ingest", "--rcpt", "nobody@centron.de", stdin=mail, expect=67)
    run("ingest", "--rcpt", "technik@centron.de", "--at", "yesterday", stdin=mail, expect=64)  # usage
    run("ingest", "--rcpt", "technik@centron.de", stdin=mail,
        extra_env={"GATEWAY_DATABASE_URL": "sqlite:////proc/no/such/dir/x.db"}, expect=75)
    result = run("--json", "ingest", "--rcpt", "technik@centron.de", "--sender", "",
                 stdin=make_mail(message_id="<bounce@x>"))
    assert as_json(result)["reason"] == "null-sender"


def test_ingest_twice_is_idempotent(run):
    mail = make_mail(message_id="<same@kunde.example>")
    args = ("--json", "ingest", "--rcpt", "technik@centron.de", "--at", "2025-10-01T10:00:00")
    first = as_json(run(*args, stdin=mail))
    again = as_json(run(*args, stdin=mail))
    assert not first["duplicate"] and again["duplicate"]
    assert (again["action"], again["ticket"]) == ("ticket", first["ticket"])  # the same decision
    status = as_json(run("--json", "status"))
    assert status["counts"]["tickets"] == {"open": 1} and status["queues"]["outbox"] == {
        "queued": 1}


def test_preview_stores_nothing(run):
    result = as_json(run("--json", "preview", "--rcpt", "vertrieb@centron.de", "--sender",
                         "lead@firma.example", "--at", "2025-11-01T09:00:00", "-",
                         stdin=make_mail(to="vertrieb@centron.de")))
    assert result["action"] == "redirect" and "kontakt" in result["reply"]["text"]
    for key in ("to", "subject", "headers", "text", "html"):
        assert key in result["reply"]
    # not even a database was made: preview reads the real one only with --against-db
    assert b"no database" in run("--json", "messages", "list", expect=66).stderr


def test_import_mbox_and_maildir(run, tmp_path):
    box = mailbox.mbox(tmp_path / "old.mbox")
    for i in range(3):
        box.add(make_mail(message_id=f"<mb{i}@kunde.example>"))
    box.flush()
    folder = mailbox.Maildir(tmp_path / "Maildir")
    folder.add(make_mail(message_id="<md@kunde.example>", to="billing@centron.de"))
    summary = as_json(run("--json", "import", str(tmp_path / "old.mbox")))
    assert summary["stored"] == 3 and summary["processed"] == 3
    again = as_json(run("--json", "import", str(tmp_path / "old.mbox")))
    assert again["duplicates"] == 3 and again["stored"] == 0
    assert as_json(run("--json", "import", str(tmp_path / "Maildir")))["stored"] == 1
    rcpts = {m["rcpt"] for m in as_json(run("--json", "messages", "list"))}
    assert rcpts == {"technik@centron.de", "billing@centron.de"}


def test_config_check_and_db_upgrade(run, tmp_path):
    check = as_json(run("--json", "config", "check"))
    assert check["ok"] and len(check["addresses"]) == 3
    assert as_json(run("--json", "db", "upgrade"))["revision"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[address]]\naddress = "technik@centron.de"\ndepartment = "T"\n'
                   'redirect = "fax"\n')
    result = run("config", "check", "--config", str(bad), expect=78)  # also after the command
    err = result.stderr.decode()
    assert "addresses.0.redirect" in err and "'fax'" in err and "account_center" in err


def test_senders_list_and_reset(run):
    mail = make_mail(message_id="<s1@kunde.example>")
    run("ingest", "--process", "--rcpt", "technik@centron.de", "--sender", "max@kunde.example",
        "--at", "2025-10-14T10:00:00+02:00", stdin=mail)
    ledger = as_json(run("--json", "senders", "list"))
    assert [(r["sender"], r["kind"], r["count"]) for r in ledger] == [
        ("max@kunde.example", "redirect", 1)]
    assert ledger[0]["next_eligible"].startswith("2025-10-15")
    assert as_json(run("--json", "senders", "reset", "Max@Kunde.example"))["removed"] == 1
    assert as_json(run("--json", "senders", "list")) == []


def test_ingest_for_two_recipients_gives_one_reply(run):
    mail = make_mail(to="technik@centron.de, billing@centron.de", message_id="<both@x>")
    decisions = as_json(run("--json", "ingest", "--rcpt", "technik@centron.de", "--rcpt",
                            "billing@centron.de", "--sender", "max@kunde.example", "--at",
                            "2025-10-20T09:00:00+02:00", stdin=mail))
    assert [d["rcpt"] for d in decisions] == ["technik@centron.de", "billing@centron.de"]
    assert [d["action"] for d in decisions] == ["redirect", "suppress"]
    assert decisions[1]["reason"] == "already-answered"


def test_purge_needs_a_period(run):
    result = run("purge", expect=1)
    assert b"retention_days" in result.stderr
    counted = as_json(run("--json", "purge", "--older-than", "30", "--dry-run"))
    assert (counted["inbound_emptied"], counted["replies_emptied"]) == (0, 0)


@pytest.mark.parametrize("sender", ["j\udcfcrgen@kunde.example", "a\x01b@kunde.example"])
def test_ingest_refuses_an_unusable_sender_as_bad_input(run, sender):
    result = run("ingest", "--rcpt", "technik@centron.de", "--sender", sender,
                 stdin=make_mail(), expect=65)
    assert b"--sender" in result.stderr
    # nothing was stored, not even a database made (a read-only command says so: 66)
    assert b"no database" in run("messages", "list", "--json", expect=66).stderr


def test_ingest_of_another_mail_with_a_reused_message_id_is_not_a_duplicate(run):
    args = ("--json", "ingest", "--rcpt", "technik@centron.de", "--at", "2025-10-01T10:00:00")
    first = as_json(run(*args, "--sender", "a@kunde.example",
                        stdin=make_mail(message_id="<same@x>", sender="a@kunde.example")))
    other = as_json(run(*args, "--sender", "b@firma.example",
                        stdin=make_mail(message_id="<same@x>", sender="b@firma.example")))
    assert not other["duplicate"] and other["inbound_id"] != first["inbound_id"]
    assert other["ticket"] != first["ticket"] and other["reply"]["to"] == "b@firma.example"
