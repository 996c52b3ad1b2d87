"""Issue 18, point 3: the report from the running totals is the report counted row by row
(also in a zone whose offset is not whole hours, and for a period); the page shows the top N
writers and links the full CSV; /report answers from its cache for a short while."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from gateway.admin.report import as_csv, report_from_rows
from gateway.admin.report_data import build_report, limit
from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import store_batch
from gateway.pipeline.process import Pipeline
from gateway.service.report_http import CachedReports
from gateway.store.db import ensure_schema, make_engine
from tests.conftest import AFTER, BERLIN
from tests.test_tally import _mails


def _processed(tmp_path):
    settings = settings_from_dict({"database_url": f"sqlite:///{tmp_path}/gw.db",
                                   "outbox_dir": str(tmp_path / "out"),
                                   "responder": {"global_replies_per_hour": 100_000}})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    store_batch(engine, _mails(300))
    Pipeline(settings, engine, FixedClock(AFTER)).process_pending(batch=50)
    return settings, engine


def test_report_from_totals_equals_the_recount(tmp_path):
    settings, engine = _processed(tmp_path)
    for zone in (BERLIN, ZoneInfo("Asia/Kolkata"), ZoneInfo("UTC")):  # Kolkata: +05:30
        counted = limit(report_from_rows(engine, zone), None)
        assert counted["weeks"] and counted["senders_after_cutover"]
        assert build_report(engine, zone) == counted
    top = build_report(engine, BERLIN, top=3)
    full = build_report(engine, BERLIN)
    assert top["senders_after_cutover"] == full["senders_after_cutover"][:3]
    assert top["domains_after_cutover"] == full["domains_after_cutover"][:3]
    assert top["senders_total"] == len(full["senders_after_cutover"]) > 3
    since = AFTER.replace(hour=0)
    period = build_report(engine, BERLIN, since=since)
    assert period == limit(report_from_rows(engine, BERLIN, since), None)
    assert period["by_action"] != full["by_action"]  # the period left mails out
    engine.dispose()


def test_report_page_top_csv_and_cache(tmp_path, monkeypatch):
    settings, engine = _processed(tmp_path)
    monkeypatch.setattr("gateway.service.report_http.PAGE_TOP", 2)
    pages = CachedReports(engine, settings)
    status, ctype, body = pages.answer(AFTER, "")
    page = body.decode()
    assert status == "200 OK" and 'href="?format=csv"' in page and "the top 2 of " in page
    status, ctype, csv = pages.answer(AFTER, "format=csv")
    assert ctype.startswith("text/csv")
    assert csv.decode() == as_csv(build_report(engine, settings.zone))
    first = pages.answer(AFTER, "format=csv")
    assert first[2] is csv  # the cached answer, not a second build
    engine.dispose()
