"""Refusals in the reject phase: written in batches (the envelope only), counted per address and
reason as they are written (the counter /metrics reads is one row per pair, whatever the
history), and read back for `status` and the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, insert, select, update

from gateway.store.db import read_only, transaction
from gateway.store.models import REFUSAL_COUNTS, REFUSALS
from gateway.store.tally import Decided, record_refusals


@dataclass(frozen=True)
class RefusalEvent:
    at: datetime
    source: str   # smtp, lmtp, policy
    client: str   # the peer's IP address
    sender: str   # the envelope sender; "" is <>
    rcpt: str     # our address as configured
    reason: str
    row: bool = True  # False: counted only (a session's refusals beyond its first few)


def record(engine: Engine, events: list[RefusalEvent], more: Counter | None = None) -> None:
    """Insert the refusals (those with a row) and add them all, and `more` ((address, reason)
    → n, refusals not kept in memory), to their counters, in one transaction."""
    if not events and not more:
        return
    counts = Counter((e.rcpt, e.reason) for e in events) + (more or Counter())
    last = {key: datetime.now(UTC) for key in (more or {})}
    for event in events:
        last[(event.rcpt, event.reason)] = max(event.at, last.get((event.rcpt, event.reason),
                                                                   event.at))
    table = REFUSAL_COUNTS
    with transaction(engine) as session:
        kept = [e for e in events if e.row]
        if kept:
            session.execute(insert(REFUSALS), [_clipped(e) for e in kept])
            record_refusals(session, [Decided(e.rcpt, e.source, "reject", e.reason, "reject",
                                              e.at, (e.sender or "<>").lower(),
                                              not e.sender)  # <>: a machine's report
                                      for e in kept])
        for (address, reason), n in counts.items():
            done = session.execute(update(table).where(  # batches come in time order
                table.c.address == address, table.c.reason == reason).values(
                count=table.c.count + n, last_at=last[address, reason])).rowcount
            if not done:
                session.execute(insert(table).values(address=address, reason=reason, count=n,
                                                     last_at=last[address, reason]))


def _clipped(event: RefusalEvent) -> dict:
    row = asdict(event)
    del row["row"]
    for key, size in (("client", 64), ("sender", 998), ("rcpt", 320), ("reason", 64)):
        row[key] = row[key][:size]
    return row


def totals(engine: Engine) -> list[tuple[str, str, int, datetime]]:
    """(address, reason, count, last refusal) since the database began."""
    with read_only(engine).connect() as conn:
        return [tuple(row) for row in conn.execute(
            select(REFUSAL_COUNTS.c.address, REFUSAL_COUNTS.c.reason, REFUSAL_COUNTS.c.count,
                   REFUSAL_COUNTS.c.last_at).order_by(REFUSAL_COUNTS.c.address,
                                                      REFUSAL_COUNTS.c.reason))]


def senders(engine: Engine, since: datetime | None, until: datetime | None,
            limit: int = 100) -> list[dict]:
    """Who was refused (still writes after the reject date): per sender and address."""
    table = REFUSALS
    query = (select(table.c.sender, table.c.rcpt, func.count(), func.min(table.c.at),
                    func.max(table.c.at))
             .group_by(table.c.sender, table.c.rcpt)
             .order_by(func.count().desc(), table.c.sender).limit(limit))
    if since is not None:
        query = query.where(table.c.at >= since)
    if until is not None:
        query = query.where(table.c.at < until)
    with read_only(engine).connect() as conn:
        return [{"sender": sender or "<>", "address": rcpt, "refused": n,
                 "first_seen": first.isoformat() if first else None,
                 "last_seen": latest.isoformat() if latest else None}
                for sender, rcpt, n, first, latest in conn.execute(query)]
