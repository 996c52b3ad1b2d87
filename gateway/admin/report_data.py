"""The report's data from the running totals (store/tally.py), at a cost that does not grow
with the history: the weeks are sums of hourly totals, the writers after the cutover come
ranked from their index, the top N of them when asked (the page: top N and a link to the CSV).

A period (since/until) is counted from the stored rows of that period (report.py), as is an
hour that two weeks share (a time zone whose offset is not whole hours)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, String, func, select

from gateway.admin.report import iso_week, report_from_rows
from gateway.store.db import read_only
from gateway.store.models import HOURS, WRITERS

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
KEYS_PER_QUERY = 500


def build_report(engine: Engine, zone: ZoneInfo, since: datetime | None = None,
                 until: datetime | None = None, top: int | None = None) -> dict:
    """Per address and week the mails by action and reason; the writers after the cutover
    (all of them, or the `top` most frequent; `senders_total`/`domains_total` say how many)."""
    if since is not None or until is not None:
        return limit(report_from_rows(engine, zone, since, until), top)
    weekly: defaultdict[tuple[str, str], Counter] = defaultdict(Counter)
    reasons: defaultdict[tuple[str, str], Counter] = defaultdict(Counter)
    with read_only(engine).connect() as conn:
        shared = _weeks(conn, zone, weekly, reasons)
        writers = {kind: _writers(conn, kind, top) for kind in ("sender", "domain")}
    for hour in sorted(shared):  # an hour in two weeks: its own mails, one by one
        part = report_from_rows(engine, zone, hour, hour + HOUR)
        for week in part["weeks"]:
            key = (week["address"], week["week"])
            weekly[key].update(week["by_action"])
            reasons[key].update(week["by_reason"])
    totals: Counter = Counter()
    for counts in weekly.values():
        totals.update(counts)
    return {
        "since": None, "until": None, "by_action": dict(totals),
        "weeks": [{"address": a, "week": w, "total": sum(weekly[(a, w)].values()),
                   "by_action": dict(weekly[(a, w)]), "by_reason": dict(reasons[(a, w)])}
                  for a, w in sorted(weekly, key=lambda k: (k[1], k[0]))],
        "senders_after_cutover": writers["sender"][0], "senders_total": writers["sender"][1],
        "domains_after_cutover": writers["domain"][0], "domains_total": writers["domain"][1],
    }


def limit(data: dict, top: int | None) -> dict:
    """The top N writers of a report counted from rows (their totals kept)."""
    for kind in ("sender", "domain"):
        data[f"{kind}s_total"] = len(data[f"{kind}s_after_cutover"])
        if top is not None:
            data[f"{kind}s_after_cutover"] = data[f"{kind}s_after_cutover"][:top]
    return data


def _day_of(column, dialect: str):
    """The UTC day of a stored time, as text YYYY-MM-DD, in SQL."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM-DD", type_=String)
    return func.substr(column, 1, 10, type_=String)  # SQLite keeps times as text


def _week_of_day(day: str, zone: ZoneInfo) -> str | None:
    """The ISO week (in the zone) of a whole UTC day, or None when the day is in two weeks
    (the local Monday 00:00 falls inside it: one UTC day a week, for any zone but UTC)."""
    start = datetime.fromisoformat(day).replace(tzinfo=UTC)
    week = iso_week(start, zone)
    return week if week == iso_week(start + DAY - timedelta(microseconds=1), zone) else None


def _weeks(conn, zone: ZoneInfo, weekly: dict, reasons: dict) -> set[datetime]:
    """Adds the totals up by week: a day at a time in SQL, hour by hour for the days that two
    weeks share. Returns the hours that two weeks share (half-hour zones)."""
    h = HOURS.c
    day = _day_of(h.hour, conn.dialect.name)
    weeks: dict[str, str | None] = {}
    split = set()
    for found, address, action, reason, n in conn.execute(
            select(day, h.address, h.action, h.reason, func.sum(h.n)).where(h.n > 0)
            .group_by(day, h.address, h.action, h.reason)):
        if found not in weeks:
            weeks[found] = _week_of_day(found, zone)
        if weeks[found] is None:
            split.add(found)
            continue
        weekly[(address, weeks[found])][action] += n
        reasons[(address, weeks[found])][f"{action}/{reason}"] += n
    shared: set[datetime] = set()
    hours: dict[datetime, str | None] = {}
    for part in (sorted(split)[i:i + KEYS_PER_QUERY] for i in range(0, len(split),
                                                                    KEYS_PER_QUERY)):
        for hour, address, action, reason, n in conn.execute(
                select(h.hour, h.address, h.action, h.reason, h.n)
                .where(day.in_(part), h.n > 0)):
            if hour not in hours:
                week = iso_week(hour, zone)
                same = week == iso_week(hour + HOUR - timedelta(microseconds=1), zone)
                hours[hour] = week if same else None
            if hours[hour] is None:
                shared.add(hour)
                continue
            weekly[(address, hours[hour])][action] += n
            reasons[(address, hours[hour])][f"{action}/{reason}"] += n
    return shared


def _writers(conn, kind: str, top: int | None) -> tuple[list[dict], int]:
    w = WRITERS.c
    everyone = (w.kind == kind) & (w.address == "")
    query = select(w.key, w.n, w.automated, w.redirected, w.suppressed, w.tickets, w.first_seen,
                   w.last_seen).where(everyone, w.n > 0).order_by(w.n.desc(), w.key)
    rows = conn.execute(query if top is None else query.limit(top)).all()
    total = conn.execute(select(func.count()).where(everyone, w.n > 0)).scalar() or 0
    keys = None if top is None or len(rows) == total else [r.key for r in rows]
    addresses = _grouped(conn, select(w.key, w.address).where(
        w.kind == kind, w.address != ""), w.key, keys, counts=False)
    senders = {}
    if kind == "domain":
        senders = _grouped(conn, select(w.domain, func.count()).where(
            w.kind == "sender", w.address == "", w.n > 0).group_by(w.domain), w.domain, keys,
            counts=True)
    found = []
    for r in rows:
        item = {kind: r.key, "count": r.n, "first_seen": r.first_seen.isoformat(),
                "last_seen": r.last_seen.isoformat(), "automated": r.automated > 0,
                "automated_count": r.automated, "redirected": r.redirected,
                "suppressed": r.suppressed, "tickets": r.tickets,
                # after the cutover the rest of n is the reject phase's refusals (tally.py)
                "refused": r.n - r.redirected - r.suppressed - r.tickets,
                "addresses": sorted(a for _, a in addresses.get(r.key, ()))}
        if kind == "domain":
            item["senders"] = senders.get(r.key, 0)
        found.append(item)
    return found, total


def _grouped(conn, query, column, keys: list[str] | None, counts: bool) -> dict:
    """A query's rows by their first column (counts: its second column, else the rows), for
    the given keys only (a slice at a time) or for all."""
    result: dict = {}
    slices = [None] if keys is None else [keys[i:i + KEYS_PER_QUERY]
                                          for i in range(0, len(keys), KEYS_PER_QUERY)]
    for part in slices:
        rows = conn.execute(query if part is None else query.where(column.in_(part)))
        for row in rows:
            if counts:
                result[row[0]] = row[1]
            else:
                result.setdefault(row[0], []).append(tuple(row))
    return result
