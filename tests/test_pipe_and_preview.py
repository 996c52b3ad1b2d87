"""The pipe as Postfix calls it (finding 7: extra arguments exit 64), subaddresses delivered to
their mailbox over SMTP and the pipe, and `preview --at` writing that moment into the Date."""

from __future__ import annotations

import json
import smtplib

from tests.conftest import make_mail
from tests.test_cli import run  # noqa: F401  (the fixture)
from tests.test_light_pipe import pipe  # noqa: F401  (the fixture)


def test_several_recipients_from_a_pipe_without_recipient_limit_exit_64(run):  # noqa: F811
    # master.cf without gateway_destination_recipient_limit = 1 expands ${recipient} like this
    result = run("ingest", "--sender", "max@kunde.example", "--rcpt", "technik@centron.de",
                 "billing@centron.de", stdin=make_mail(), expect=64)
    assert b"recipient_limit = 1" in result.stderr
    # nothing was stored: not even a database was made (read-only commands never create one)
    status = run("--json", "status", expect=66)
    assert b"no database" in status.stderr


def test_pipe_delivers_a_subaddress_to_its_mailbox(run):  # noqa: F811
    result = json.loads(run("--json", "ingest", "--rcpt", "Technik+Rechnung@centron.de",
                            "--sender", "max@kunde.example", stdin=make_mail()).stdout)
    assert result["rcpt"] == "technik@centron.de" and result["action"] == "redirect"


def test_smtp_delivers_a_subaddress_to_its_mailbox(start_service):
    running = start_service()
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        assert client.sendmail("max@kunde.example", ["technik+tag@centron.de"], make_mail()) == {}
        refused = client.sendmail("max@kunde.example", ["technik+tag@centron.de",
                                                        "technikx+tag@centron.de"], make_mail(
            message_id="<second@x>"))
        assert refused["technikx+tag@centron.de"][0] == 550
    running.wait_processed(2)
    assert {r.rcpt for r in running.rows()} == {"technik@centron.de"}


def test_preview_at_writes_that_moment_into_the_date_header(run):  # noqa: F811
    result = json.loads(run("--json", "preview", "--rcpt", "technik@centron.de", "--sender",
                            "max@kunde.example", "--at", "2025-11-03T09:15:00", "-",
                            stdin=make_mail()).stdout)
    assert result["reply"]["headers"]["Date"] == "Mon, 03 Nov 2025 09:15:00 +0100"


def test_import_finds_our_address_behind_a_subaddress():
    from gateway.ingest.files import guess_recipients

    own = {"technik@centron.de", "billing@centron.de"}
    raw = make_mail(to="Technik <technik+rechnung@centron.de>")
    assert guess_recipients(raw, own) == ["technik@centron.de"]
    assert guess_recipients(b"X-Original-To: billing+x@centron.de\r\n" + raw, own) == [
        "billing@centron.de"]
    assert guess_recipients(raw, own, delimiter="") == []


def test_plain_light_pipe_delivers_a_subaddress_to_its_mailbox(pipe, tmp_path):  # noqa: F811
    mail = make_mail(message_id="<light-sub@kunde.example>")
    out, err = pipe("ingest", "--rcpt", "Technik+Rechnung@centron.de", "--sender",
                    "max@kunde.example", stdin=mail)
    assert "rcpt technik@centron.de" in out and "HEAVY []" in err
    (tmp_path / "nodelim.toml").write_text('recipient_delimiter = ""\n')
    _, err = pipe("--config", str(tmp_path / "nodelim.toml"), "ingest", "--rcpt",
                  "technik+x@centron.de", stdin=mail, expect=67)
    assert "not a configured address" in err
    out, _ = pipe("--json", "messages", "show", "1")
    assert '"rcpt": "technik@centron.de"' in out
