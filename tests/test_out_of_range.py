"""Smaller findings of issue 19 (9): out-of-range dates are usage errors, not 'try again later'
or a 500; flufl.bounce's detectors never log a traceback for a mail."""

from __future__ import annotations

import logging

from gateway.config.load import settings_from_dict
from gateway.rules.parse import parse_mail
from gateway.service.report_http import report_response
from tests.conftest import ANNOUNCE
from tests.test_csv_formulas import env  # noqa: F401 (a fixture)
from tests.test_handoff_cli import gateway


def test_report_with_a_date_out_of_range_is_a_usage_error(env):  # noqa: F811
    gateway(env, "db", "upgrade")
    for args in (["--since", "0001-01-01"], ["--until", "0001-01-01T00:30"],
                 ["--since", "9999-12-31T23:59:59-12:00"]):  # exit 75 'try again later' before
        assert gateway(env, "report", *args, expect=64) == ""
    assert gateway(env, "--json", "report", "--since", "2025-10-13").startswith("{")


def test_report_route_answers_400_to_a_date_out_of_range(engine):
    settings = settings_from_dict({"database_url": str(engine.url)})
    for query in ("since=0001-01-01", "until=0001-01-01T00:00", "since=2025-10-13"):
        status, _, body = report_response(engine, settings, ANNOUNCE, query)
        expected = "200 OK" if query == "since=2025-10-13" else "400 Bad Request"
        assert status == expected, (query, body[:200])


SINA = (b"From: Mail Delivery \xe4 <mailer-daemon@sina.com>\r\nTo: technik@centron.de\r\n"
        b"Subject: Undeliverable mail\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
        b"Content-Type: text/plain\r\n\r\n"
        b"Your message could not be delivered to <bob@example.com>\r\n--XX--\r\n")


def test_a_detector_tripping_over_a_mail_logs_no_traceback(caplog):
    caplog.set_level(logging.DEBUG)
    mail = parse_mail(SINA)
    assert mail.subject == "Undeliverable mail"
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]
    assert any("flufl.bounce gave up" in r.getMessage() for r in caplog.records)
