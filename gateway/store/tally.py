"""Running totals (issue 18): the worker adds each batch's decisions to them in the batch's own
transaction, the outbox and the handoff sender each outcome in the transaction that records it.
A rolled-back batch rolls its totals back with it, so they always equal a recount of the stored
rows; `/metrics`, `/healthz`, `status` and the report read them instead of the history.

Upserts (INSERT ... ON CONFLICT DO UPDATE) on SQLite and PostgreSQL; rows go in key order, so
two instances on one PostgreSQL take the counters' row locks in the same order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, case, func, select

from gateway.store.models import HOURS, INBOUND, TALLY, WRITERS

AFTER_CUTOVER = ("cutover", "reject")  # the phases whose writers the report lists


@dataclass(frozen=True)
class Decided:
    """One decision as the totals see it."""

    address: str
    source: str
    action: str
    reason: str
    phase: str
    at: datetime
    sender: str  # reply-to, From or envelope sender, lower case (report.writer_of)
    automated: bool


def hour_of(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def domain_of(sender: str) -> str:
    return sender.rsplit("@", 1)[-1] if "@" in sender else sender


def _insert(bind, table: Table):
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _upsert(session, table: Table, keys: tuple[str, ...], rows: list[dict],
            add: tuple[str, ...], least: tuple[str, ...] = (), most: tuple[str, ...] = ()) -> None:
    if not rows:
        return
    stmt = _insert(session.get_bind(), table)
    new = stmt.excluded
    changes = {c: table.c[c] + new[c] for c in add}
    changes |= {c: case((new[c] < table.c[c], new[c]), else_=table.c[c]) for c in least}
    changes |= {c: case((new[c] > table.c[c], new[c]), else_=table.c[c]) for c in most}
    rows.sort(key=lambda r: tuple(str(r[k]) for k in keys))
    session.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=changes), rows)


def record_decisions(session, items: list[Decided]) -> None:
    totals = Counter((i.address, i.source, i.action, i.reason) for i in items)
    _upsert(session, TALLY, ("kind", "address", "source", "action", "reason"), [
        {"kind": "decision", "address": a, "source": s, "action": act, "reason": r, "n": n}
        for (a, s, act, r), n in totals.items()], add=("n",))
    hours = Counter((hour_of(i.at), i.address, i.action, i.reason) for i in items)
    _upsert(session, HOURS, ("hour", "address", "action", "reason"), [
        {"hour": h, "address": a, "action": act, "reason": r, "n": n}
        for (h, a, act, r), n in hours.items()], add=("n",))
    _upsert(session, WRITERS, ("kind", "key", "address"), _writer_rows(items),
            add=("n", "automated", "redirected", "suppressed", "tickets"),
            least=("first_seen",), most=("last_seen",))


def _writer_rows(items: list[Decided]) -> list[dict]:
    found: dict[tuple[str, str, str], dict] = {}
    for item in items:
        if item.phase not in AFTER_CUTOVER:
            continue
        sender = item.sender[:998]  # a hostile Reply-To must not fail the batch (VARCHAR(998))
        domain = domain_of(sender)
        for kind, key in (("sender", sender), ("domain", domain)):
            for address in ("", item.address):
                row = found.setdefault((kind, key, address), {
                    "kind": kind, "key": key, "address": address, "domain": domain, "n": 0,
                    "automated": 0, "redirected": 0, "suppressed": 0, "tickets": 0,
                    "first_seen": item.at, "last_seen": item.at})
                row["n"] += 1
                row["automated"] += item.automated
                row["redirected"] += item.action == "redirect"
                row["suppressed"] += item.action == "suppress"
                row["tickets"] += item.action in ("ticket", "followup")
                row["first_seen"] = min(row["first_seen"], item.at)
                row["last_seen"] = max(row["last_seen"], item.at)
    return list(found.values())


def record_refusals(session, items: list[Decided]) -> None:
    """Refusals at the door (store/refusals.py, action reject): the report's weeks and its
    writers count them; the decision totals do not (a refused mail was never received)."""
    hours = Counter((hour_of(i.at), i.address, i.action, i.reason) for i in items)
    _upsert(session, HOURS, ("hour", "address", "action", "reason"), [
        {"hour": h, "address": a, "action": act, "reason": r, "n": n}
        for (h, a, act, r), n in hours.items()], add=("n",))
    _upsert(session, WRITERS, ("kind", "key", "address"), _writer_rows(items),
            add=("n", "automated", "redirected", "suppressed", "tickets"),
            least=("first_seen",), most=("last_seen",))


def record_outcome(session, kind: str, outcome: str) -> None:
    """One delivery attempt of a reply (kind attempt) or one finished handoff (kind handoff)."""
    _upsert(session, TALLY, ("kind", "address", "source", "action", "reason"), [
        {"kind": kind, "address": "", "source": "", "action": outcome, "reason": "", "n": 1}],
        add=("n",))


UNFINISHED = ("received", "processing", "failed")  # not counted yet: few, found by index


def decision_totals(conn) -> list[tuple[str, str, str, str, int]]:
    """(address, source, action, reason, n) of every decided mail."""
    t = TALLY.c
    return [tuple(r) for r in conn.execute(select(t.address, t.source, t.action, t.reason, t.n)
                                           .where(t.kind == "decision", t.n > 0))]


def outcome_totals(conn, kind: str) -> dict[str, int]:
    t = TALLY.c
    return dict(conn.execute(select(t.action, t.n).where(t.kind == kind, t.n > 0)).all())


def unfinished(conn) -> list[tuple[str, str, str, int]]:
    """(rcpt, source, status, n) of the mails not decided yet."""
    i = INBOUND.c
    return [tuple(r) for r in conn.execute(
        select(i.rcpt, i.source, i.status, func.count()).where(i.status.in_(UNFINISHED))
        .group_by(i.rcpt, i.source, i.status))]
