"""What monitoring looks at, read from the database in one go: totals that survive restarts
(every mail, decision and delivery attempt is a row), queue depth and age, relay and daemon
state. Used by `/metrics`, `/healthz` and `gateway status --check`."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select

from gateway.codes import LEDGER_GLOBAL as GLOBAL
from gateway.codes import LEDGER_WINDOW_SECONDS
from gateway.config.alarms import delivery_alarms, limits_of
from gateway.config.settings import GatewaySettings
from gateway.service.snapshot import Daemon, Snapshot
from gateway.store.ages import delivery_ages
from gateway.store.db import READ_ONLY
from gateway.store.models import (
    INBOUND,
    LEDGER,
    REFUSAL_COUNTS,
    REPLIES,
    DeliveryAttempt,
    ServiceState,
)
from gateway.store.tally import decision_totals, outcome_totals, unfinished

REPLY, ATTEMPT = REPLIES, DeliveryAttempt.__table__
WAITING = ("received", "processing")
DELIVERED = ("sent", "written")
OPEN_REPLIES = ("queued", "sending", "failed", "unconfirmed")  # few; sent ones are not read

WINDOW = timedelta(seconds=LEDGER_WINDOW_SECONDS)


def observe(engine: Engine, settings: GatewaySettings, now: datetime) -> Snapshot:
    """Read everything in a few grouped queries, without taking the write lock."""
    snap = Snapshot()
    with engine.connect() as plain:
        conn = plain.execution_options(**READ_ONLY)
        _totals(conn, snap)
        _queues(conn, snap, now)
        snap.refusals = [(r.address, r.reason, r.count) for r in conn.execute(  # one row a pair
            select(REFUSAL_COUNTS.c.address, REFUSAL_COUNTS.c.reason, REFUSAL_COUNTS.c.count))]
        snap.oldest = delivery_ages(conn, now)
        snap.alarms = delivery_alarms(snap.oldest, limits_of(settings))
        snap.relay_failing_seconds = _relay_failing(conn, now)
        snap.ceiling_hit = _ceiling_hit(conn, settings, now)
        snap.daemons = [Daemon(r.name, (now - r.seen_at).total_seconds(),
                               json.loads(r.detail or "{}"))
                        for r in conn.execute(select(ServiceState.__table__))]
    return snap


def _totals(conn, snap: Snapshot) -> None:
    """From the running totals (store/tally.py) and the few mails not decided yet: the cost
    does not grow with the history."""
    received: Counter = Counter()
    decisions: Counter = Counter()
    for address, source, action, reason, n in decision_totals(conn):
        received[(address, source)] += n
        decisions[(address, action, reason)] += n
    by_status: Counter = Counter()
    for rcpt, source, status, n in unfinished(conn):
        received[(rcpt, source)] += n
        by_status[status] += n
    snap.received = [(*key, n) for key, n in sorted(received.items())]
    snap.decisions = [(*key, n) for key, n in sorted(decisions.items())]
    snap.attempts = outcome_totals(conn, "attempt")
    snap.waiting = sum(by_status[s] for s in WAITING)
    snap.failed_inbound = by_status["failed"]


def _queues(conn, snap: Snapshot, now: datetime) -> None:
    oldest = conn.execute(select(func.min(INBOUND.c.received_at))
                          .where(INBOUND.c.status.in_(WAITING))).scalar()
    snap.oldest_waiting_seconds = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
    replies = dict(conn.execute(select(REPLY.c.status, func.count()).where(
        REPLY.c.status.in_(OPEN_REPLIES)).group_by(REPLY.c.status)).all())
    snap.outbox_queued = replies.get("queued", 0) + replies.get("sending", 0)
    snap.replies_failed = replies.get("failed", 0) + replies.get("unconfirmed", 0)


def _relay_failing(conn, now: datetime) -> float | None:
    """Seconds since the first failed attempt after the last successful one; None when the
    last attempt succeeded or there was none."""
    # one max() per outcome: each a single step down the (outcome, at) index
    last_ok = max((found for outcome in DELIVERED if (found := conn.execute(
        select(func.max(ATTEMPT.c.at)).where(ATTEMPT.c.outcome == outcome)).scalar())),
        default=None)
    failures = select(func.min(ATTEMPT.c.at)).where(ATTEMPT.c.outcome.not_in(DELIVERED))
    if last_ok is not None:
        failures = failures.where(ATTEMPT.c.at > last_ok)
    first_failure = conn.execute(failures).scalar()
    return None if first_failure is None else max((now - first_failure).total_seconds(), 0.0)


def _ceiling_hit(conn, settings: GatewaySettings, now: datetime) -> bool:
    table = LEDGER
    row = conn.execute(select(table.c.window_start, table.c.window_count).where(
        table.c.sender == GLOBAL, table.c.address == GLOBAL)).first()
    limit = settings.responder.global_replies_per_hour
    return bool(row and now - row.window_start < WINDOW and row.window_count >= limit)
