"""The report's list of senders still writing in the reject phase: a refusal with the null
return path (a bounce, a delivery report) is a machine, not a customer to contact."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from gateway.admin.report import report_from_rows
from gateway.admin.report_data import build_report
from gateway.store.refusals import RefusalEvent, record

AT = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def test_a_refused_null_sender_is_automated_in_both_countings(engine):
    record(engine, [RefusalEvent(AT, "smtp", "192.0.2.1", "", "technik@centron.de", "reject-phase"),
                    RefusalEvent(AT, "smtp", "192.0.2.1", "max@kunde.example",
                                 "technik@centron.de", "reject-phase")])
    zone = ZoneInfo("Europe/Berlin")
    for data in (build_report(engine, zone), report_from_rows(engine, zone)):
        flags = {s["sender"]: (s["automated"], s["refused"]) for s in data["senders_after_cutover"]}
        assert flags == {"<>": (True, 1), "max@kunde.example": (False, 1)}, data
