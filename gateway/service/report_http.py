"""`/report` on the metrics listener: the HTML report as one response.

The metrics listener (issue 8, gateway/metrics.py) is a WSGI app that answers with
(status, content type, body); it mounts this route as
`elif path == "/report": status, ctype, body = report_response(...)`. `?since=` and `?until=`
(ISO-8601, local time without an offset) narrow the period, as on the command line."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs

from sqlalchemy import Engine

from gateway.admin.report import build_report
from gateway.admin.report_html import render_report
from gateway.clock import parse_moment
from gateway.config.settings import GatewaySettings

HTML = "text/html; charset=utf-8"


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
    data = build_report(engine, settings.zone, since, until)
    return "200 OK", HTML, render_report(data, settings.company, now)


def report_app(engine: Engine, settings: GatewaySettings, clock):
    """The route as a WSGI app of its own (for a listener that mounts apps by path)."""

    def app(environ: dict, start_response) -> list[bytes]:
        status, ctype, body = report_response(engine, settings, clock.now(),
                                              environ.get("QUERY_STRING", ""))
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
        return [body]

    return app
