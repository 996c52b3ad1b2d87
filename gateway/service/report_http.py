"""`/report` on the metrics listener: the HTML report as one response.

The metrics listener (issue 8, gateway/metrics.py) is a WSGI app that answers with
(status, content type, body); it mounts this route as
`elif path == "/report": status, ctype, body = report_response(...)`. `?since=` and `?until=`
(ISO-8601, local time without an offset) narrow the period, as on the command line.

The page lists the PAGE_TOP senders and domains writing most after the cutover and links the
full list as CSV (`?format=csv`); answers are kept CACHE_SECONDS, so a reloading browser or a
scraper costs one build (issue 18)."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from urllib.parse import parse_qs

from sqlalchemy import Engine

from gateway.admin.report import as_csv
from gateway.admin.report_data import build_report
from gateway.admin.report_html import render_report
from gateway.clock import parse_moment
from gateway.config.settings import GatewaySettings

HTML = "text/html; charset=utf-8"
CSV = "text/csv; charset=utf-8"
PAGE_TOP = 100
CACHE_SECONDS = 10.0


def _moment(value: str | None, settings: GatewaySettings) -> datetime | None:
    if not value:
        return None
    return parse_moment(value, settings.zone)  # ValueError also when out of range


def report_response(engine: Engine, settings: GatewaySettings, now: datetime,
                    query_string: str = "") -> tuple[str, str, bytes]:
    query = {k: v[-1] for k, v in parse_qs(query_string).items()}
    try:
        since, until = (_moment(query.get(k), settings) for k in ("since", "until"))
    except ValueError:
        return ("400 Bad Request", "text/plain",
                b"since/until: ISO-8601 between the years 1900 and 9998, e.g. 2025-10-13\n")
    if query.get("format") == "csv":
        data = build_report(engine, settings.zone, since, until)
        return "200 OK", CSV, as_csv(data).encode("utf-8")
    data = build_report(engine, settings.zone, since, until, top=PAGE_TOP)
    return "200 OK", HTML, render_report(data, settings.company, now)


class CachedReports:
    """/report for the metrics listener: one build at a time, its answer kept CACHE_SECONDS
    (only the latest one: the memory stays that of one answer)."""

    def __init__(self, engine: Engine, settings: GatewaySettings) -> None:
        self.engine, self.settings = engine, settings
        self._last: tuple[str, float, tuple[str, str, bytes]] | None = None
        self._lock = threading.Lock()

    def answer(self, now: datetime, query_string: str) -> tuple[str, str, bytes]:
        with self._lock:
            last = self._last
            if last is not None and last[0] == query_string and (
                    time.monotonic() - last[1] < CACHE_SECONDS):
                return last[2]
            answer = report_response(self.engine, self.settings, now, query_string)
            self._last = (query_string, time.monotonic(), answer)
            return answer


def report_app(engine: Engine, settings: GatewaySettings, clock):
    """The route as a WSGI app of its own (for a listener that mounts apps by path)."""

    def app(environ: dict, start_response) -> list[bytes]:
        status, ctype, body = report_response(engine, settings, clock.now(),
                                              environ.get("QUERY_STRING", ""))
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
        return [body]

    return app
