"""`/metrics` (Prometheus text format, prometheus-client), `/healthz` and `/report` (the
migration report, gateway/report_http.py), served by `serve`
on `[metrics] listen` / GATEWAY_METRICS_LISTEN (default 127.0.0.1:8026; empty disables).

The totals are read from the database at each scrape (every mail, decision and delivery
attempt is a row), so they survive restarts and count the worker process's work too; a scrape
costs a few grouped queries. Worker, IMAP and database-file state come from the daemon."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from wsgiref.simple_server import make_server

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from sqlalchemy import Engine

from gateway import __version__
from gateway.clock import Clock
from gateway.config.settings import GatewaySettings
from gateway.rules.phases import Phase
from gateway.rules.policy import Policies
from gateway.service.health import healthz
from gateway.service.http_listener import SERVER, CappedServer, QuietHandler, authorized
from gateway.service.observe import Snapshot, observe
from gateway.store import dbfile
from gateway.store.db import sqlite_path

log = logging.getLogger("gateway.metrics")
REUSE_SECONDS = 1.0
# delivery_attempt outcomes as reply statuses: a retry later is "deferred"
ATTEMPT_STATUS = {"sent": "sent", "written": "written", "queued": "deferred", "failed": "failed"}


@dataclass
class Live:
    """What only the running daemon knows."""

    worker_alive: Callable[[], bool] = lambda: True
    imap_state: Callable[[], dict | None] = lambda: None


class Probe:
    """One look at the gateway: the database snapshot plus the daemon's own state."""

    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock, live: Live) -> None:
        self.settings, self.engine, self.clock, self.live = settings, engine, clock, live
        self.path = sqlite_path(settings.database_url)
        self._last: tuple[float, Snapshot] | None = None
        self._lock = threading.Lock()

    def look(self) -> tuple[Snapshot | None, str | None]:
        problem = dbfile.problem(self.path) if self.path is not None else None
        if problem:
            return None, problem  # do not even open it: a new empty file would appear
        with self._lock:  # several scrapers at once share one look (it costs grouped queries)
            if self._last is not None and time.monotonic() - self._last[0] < REUSE_SECONDS:
                return self._last[1], None
            try:
                snap = observe(self.engine, self.settings, self.clock.now())
            except Exception as exc:  # the database is down: that is what health reports
                return None, f"database unusable: {str(exc).splitlines()[0]}"
            self._last = (time.monotonic(), snap)
            return snap, None

    def warnings(self) -> list[str]:
        """What /healthz reports without failing: the delivery paths' early alarms."""
        snap, _ = self.look()
        return snap.alarms[1] if snap is not None else []

    def health(self) -> list[str]:
        snap, problem = self.look()
        return healthz(snap, problem, self.live.worker_alive(), self.settings.metrics,
                       self.settings.dry_run)


class GatewayCollector:
    def __init__(self, probe: Probe) -> None:
        self.probe = probe

    def collect(self) -> Iterator[Metric]:
        snap, problem = self.probe.look()
        yield _gauge("gateway_database_ok", "1 if the database is usable", int(problem is None))
        yield _gauge("gateway_worker_up", "1 if the worker is alive",
                     int(self.probe.live.worker_alive()))
        yield _gauge("gateway_build_info", "version", 1, version=__version__)
        yield from self._phases()
        yield from self._imap()
        if snap is not None:
            yield from _totals(snap)
            yield from _state(snap, self.probe.settings.dry_run)
            yield self._handoffs()

    def _handoffs(self) -> Metric:
        from gateway.admin.queries import handoff_counts

        family = GaugeMetricFamily("gateway_handoffs", "handoff events to the agents (webhook, "
                                   "forwarding) by status", labels=["status"])
        for status, count in sorted(handoff_counts(self.probe.engine).items()):
            family.add_metric([str(status)], count)
        return family

    def _phases(self) -> Iterator[Metric]:
        family = GaugeMetricFamily("gateway_address_phase", "1 for the current phase of an "
                                   "address", labels=["address", "phase"])
        now = self.probe.clock.now()
        for policy in Policies(self.probe.settings):
            current = policy.phase_at(now)
            for phase in Phase:
                family.add_metric([policy.address, str(phase)], int(phase is current))
        yield family

    def _imap(self) -> Iterator[Metric]:
        if not self.probe.settings.imap:
            return
        state = self.probe.live.imap_state() or {}
        yield _gauge("gateway_imap_errors", "mailboxes that failed in the last poll",
                     len(state.get("errors") or []))
        yield _gauge("gateway_imap_polls_ok", "1 if the last IMAP poll had no error",
                     int(bool(state) and not state.get("errors")))
        yield _gauge("gateway_imap_alarms", "IMAP failures that need an admin (OAuth2 token "
                     "refresh failing, login refused)", len(state.get("alarms") or []))


def _gauge(name: str, doc: str, value: float, **labels: str) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, doc, labels=list(labels))
    family.add_metric(list(labels.values()), value)
    return family


def _totals(snap: Snapshot) -> Iterator[Metric]:
    received = CounterMetricFamily("gateway_mails_received", "mails stored, by recipient and "
                                   "source", labels=["address", "source"])
    for rcpt, source, count in snap.received:
        received.add_metric([rcpt, source], count)
    decisions = CounterMetricFamily("gateway_decisions", "decisions made", labels=[
        "address", "action", "reason"])
    for rcpt, action, reason, count in snap.decisions:
        decisions.add_metric([rcpt, action, reason or ""], count)
    refusals = CounterMetricFamily("gateway_refusals", "mails refused in a reject phase (SMTP/"
                                   "LMTP 550 or Postfix's policy service)",
                                   labels=["address", "reason"])
    for address, reason, count in snap.refusals:
        refusals.add_metric([address, reason], count)
    replies = CounterMetricFamily("gateway_replies", "delivery attempts of replies by outcome",
                                  labels=["status"])
    for outcome, count in snap.attempts.items():
        replies.add_metric([ATTEMPT_STATUS.get(outcome, outcome)], count)
    yield from (received, decisions, refusals, replies)


def _state(snap: Snapshot, dry_run: bool) -> Iterator[Metric]:
    yield _gauge("gateway_queue_depth", "stored mails waiting to be processed", snap.waiting)
    yield _gauge("gateway_oldest_unprocessed_seconds", "age of the oldest waiting mail",
                 snap.oldest_waiting_seconds)
    yield _gauge("gateway_outbox_depth", "replies waiting for delivery", snap.outbox_queued)
    yield _gauge("gateway_replies_failed", "replies failed or unconfirmed", snap.replies_failed)
    yield _gauge("gateway_inbound_failed", "mails whose processing failed", snap.failed_inbound)
    failing = snap.relay_failing_seconds
    yield _gauge("gateway_relay_up", "1 unless the last delivery attempts failed",
                 int(failing is None), mode="dry-run" if dry_run else "relay")
    yield _gauge("gateway_relay_failing_seconds", "how long deliveries have been failing",
                 failing or 0.0)
    yield _gauge("gateway_reply_ceiling_reached", "1 while the global reply ceiling holds",
                 int(snap.ceiling_hit))
    for path, what in (("handoff", "handoff event to the agents"), ("reply", "reply")):
        yield _gauge(f"gateway_{path}_oldest_queued_seconds", f"age of the oldest {what} "
                     "waiting for delivery (0: none waits)", snap.oldest.get(path) or 0.0)


class MetricsServer:
    """The HTTP endpoint in a thread of the daemon's main process."""

    def __init__(self, probe: Probe, host: str, port: int, token: str = "") -> None:
        self.probe = probe
        self.token = token  # bearer token of /metrics and /report ("" for none)
        self.reports = None  # the cached /report pages, made on first use
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(GatewayCollector(probe))  # type: ignore[arg-type]
        server = type("Server", (CappedServer,), {  # [::1]:8026 is an IPv6 listener
            "max_connections": probe.settings.metrics.max_connections,
            "address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
        self.httpd = make_server(host, port, self.app, server_class=server,
                                 handler_class=QuietHandler)
        self.address = self.httpd.server_address[:2]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="metrics",
                                       daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _reports(self):
        if self.reports is None:
            from gateway.service.report_http import CachedReports

            self.reports = CachedReports(self.probe.engine, self.probe.settings)
        return self.reports

    def app(self, environ: dict, start_response: Callable) -> list[bytes]:
        return self._app(environ, lambda status, headers: start_response(
            status, [*headers, ("Server", SERVER)]))  # else wsgiref names its and Python's version

    def _app(self, environ: dict, start_response: Callable) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        if path in ("/metrics", "/report") and not authorized(environ, self.token):
            body = b"a bearer token is required (Authorization: Bearer <token>)\n"
            start_response("401 Unauthorized", [
                ("Content-Type", "text/plain"), ("WWW-Authenticate", 'Bearer realm="gateway"'),
                ("Content-Length", str(len(body)))])
            return [body]
        if path == "/metrics":
            body, ctype, status = generate_latest(self.registry), CONTENT_TYPE_LATEST, "200 OK"
        elif path == "/report":  # the migration report (gateway/report_http.py)
            status, ctype, body = self._reports().answer(self.probe.clock.now(),
                                                         environ.get("QUERY_STRING", ""))
        elif path == "/healthz":
            reasons, warnings = self.probe.health(), self.probe.warnings()
            status = "503 Service Unavailable" if reasons else "200 OK"
            data = {"status": "critical", "reasons": reasons} if reasons else (
                {"status": "warning", "warnings": warnings} if warnings else {"status": "ok"})
            body, ctype = json.dumps(data).encode(), "application/json"
        else:
            body, ctype, status = (b"not found: /metrics, /healthz, /report\n", "text/plain",
                                   "404 Not Found")
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
        return [body]
