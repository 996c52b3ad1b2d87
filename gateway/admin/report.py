"""`gateway report`: the migration as admins watch it, from the stored decisions.

Per address and ISO week (in the configured time zone) the mails by action and reason; the
senders and sender domains that still write after the cutover (count, first and last seen,
automated or not, redirected or suppressed): the list to contact customers and re-point their
monitoring."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from gateway.codes import InboundStatus
from gateway.redact import csv_row
from gateway.store.db import read_only
from gateway.store.models import INBOUND, REFUSALS
from gateway.store.tally import AFTER_CUTOVER

CSV_FIELDS = ("table", "address", "week", "action", "reason", "sender", "domain", "count",
              "first_seen", "last_seen", "automated", "redirected", "suppressed", "tickets",
              "refused")


@dataclass
class Writer:
    """One sender or domain still writing after the cutover."""

    key: str
    count: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    automated: int = 0
    actions: Counter = field(default_factory=Counter)
    addresses: set = field(default_factory=set)
    senders: set = field(default_factory=set)

    def add(self, at: datetime, action: str, automated: bool, address: str, sender: str) -> None:
        self.count += 1
        self.first_seen = min(self.first_seen or at, at)
        self.last_seen = max(self.last_seen or at, at)
        self.automated += automated
        self.actions[action] += 1
        self.addresses.add(address)
        self.senders.add(sender)

    def as_json(self, kind: str) -> dict:
        data = {kind: self.key, "count": self.count, "first_seen": self.first_seen.isoformat(),
                "last_seen": self.last_seen.isoformat(), "automated": self.automated > 0,
                "automated_count": self.automated, "redirected": self.actions["redirect"],
                "suppressed": self.actions["suppress"], "refused": self.actions["reject"],
                "tickets": self.actions["ticket"] + self.actions["followup"],
                "addresses": sorted(self.addresses)}
        if kind == "domain":
            data["senders"] = len(self.senders)
        return data


def _sender(row) -> str:
    detail = json.loads(row.detail) if row.detail else {}
    found = detail.get("reply_to") or row.from_addr or row.envelope_sender or "(unknown)"
    return found.strip().lower()


def _automated(row) -> bool:
    return bool(json.loads(row.detail).get("automated")) if row.detail else False


def iso_week(at: datetime, zone: ZoneInfo) -> str:
    year, week, _ = at.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def _rows(engine: Engine, since: datetime | None, until: datetime | None):
    query = select(INBOUND.c.received_at, INBOUND.c.rcpt, INBOUND.c.action, INBOUND.c.reason,
                   INBOUND.c.phase, INBOUND.c.envelope_sender, INBOUND.c.from_addr,
                   INBOUND.c.detail).where(INBOUND.c.status == InboundStatus.DONE,
                                           INBOUND.c.action.is_not(None))
    if since is not None:
        query = query.where(INBOUND.c.received_at >= since)
    if until is not None:
        query = query.where(INBOUND.c.received_at < until)
    with read_only(engine).begin() as conn:
        yield from conn.execute(query.order_by(INBOUND.c.received_at))


def _refusals(engine: Engine, since: datetime | None, until: datetime | None):
    """The mails refused at the door (reject phase): never stored, recorded by their envelope
    (store/refusals.py) until the retention deletes them."""
    query = select(REFUSALS.c.at, REFUSALS.c.rcpt, REFUSALS.c.reason, REFUSALS.c.sender)
    if since is not None:
        query = query.where(REFUSALS.c.at >= since)
    if until is not None:
        query = query.where(REFUSALS.c.at < until)
    with read_only(engine).begin() as conn:
        yield from conn.execute(query.order_by(REFUSALS.c.at))


@dataclass
class Tally:
    """The report's counts, added up one decision (or refusal) at a time."""

    zone: ZoneInfo
    weekly: dict[tuple[str, str], Counter] = field(default_factory=dict)
    reasons: dict[tuple[str, str], Counter] = field(default_factory=dict)
    senders: dict[str, Writer] = field(default_factory=dict)
    domains: dict[str, Writer] = field(default_factory=dict)
    totals: Counter = field(default_factory=Counter)

    def add(self, at: datetime, rcpt: str, action: str, reason: str, sender: str | None,
            automated: bool = False) -> None:
        """One decision; with a sender: one after the cutover, for the lists."""
        key = (rcpt, iso_week(at, self.zone))
        self.weekly.setdefault(key, Counter())[action] += 1
        self.reasons.setdefault(key, Counter())[f"{action}/{reason}"] += 1
        self.totals[action] += 1
        if sender is not None:
            domain = sender.rsplit("@", 1)[-1] if "@" in sender else sender
            for table, name in ((self.senders, sender), (self.domains, domain)):
                table.setdefault(name, Writer(name)).add(at, action, automated, rcpt, sender)


def report_from_rows(engine: Engine, zone: ZoneInfo, since: datetime | None = None,
                     until: datetime | None = None) -> dict:
    """The report counted from the stored rows, one by one: for a part of an hour, and as
    the recount the running totals (report_data.py) are checked against. Refusals (reject
    phase) count as action reject, their senders as still writing."""
    tally = Tally(zone)
    for row in _rows(engine, since, until):
        after = row.phase in AFTER_CUTOVER
        tally.add(row.received_at, row.rcpt, row.action, row.reason,
                  _sender(row) if after else None, after and _automated(row))
    for row in _refusals(engine, since, until):
        tally.add(row.at, row.rcpt, "reject", row.reason, (row.sender or "<>").lower(),
                  not row.sender)  # the null return path: a machine (store/refusals.py)
    weekly, reasons = tally.weekly, tally.reasons
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None, "by_action": dict(tally.totals),
        "weeks": [{"address": a, "week": w, "total": sum(weekly[(a, w)].values()),
                   "by_action": dict(weekly[(a, w)]), "by_reason": dict(reasons[(a, w)])}
                  for a, w in sorted(weekly, key=lambda k: (k[1], k[0]))],
        "senders_after_cutover": _ranked(tally.senders, "sender"),
        "domains_after_cutover": _ranked(tally.domains, "domain"),
    }


def _ranked(found: dict[str, Writer], kind: str) -> list[dict]:
    ordered = sorted(found.values(), key=lambda w: (-w.count, w.key))
    return [w.as_json(kind) for w in ordered]


def as_csv(data: dict) -> str:
    """One flat table: a `table` column says which part a line belongs to."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n", restval="")
    writer.writeheader()
    for week in data["weeks"]:
        for key, count in sorted(week["by_reason"].items()):
            action, _, reason = key.partition("/")
            writer.writerow(csv_row({"table": "week", "address": week["address"],
                                     "week": week["week"], "action": action, "reason": reason,
                                     "count": count}))
    for kind in ("sender", "domain"):
        for item in data[f"{kind}s_after_cutover"]:
            writer.writerow(csv_row({"table": kind, kind: item[kind], "address": " ".join(
                item["addresses"]), **{k: item[k] for k in (
                    "count", "first_seen", "last_seen", "automated", "redirected", "suppressed",
                    "tickets", "refused")}}))
    return out.getvalue()


def as_text(data: dict) -> str:
    lines = ["week      address                      total  by action"]
    lines += [f"{w['week']}  {w['address']:<28} {w['total']:>5}  " + ", ".join(
        f"{k} {v}" for k, v in sorted(w["by_action"].items())) for w in data["weeks"]]
    lines += ["", "still writing after the cutover (sender, count, first, last, automated, "
              "redirected, suppressed, refused):"]
    lines += [f"  {s['sender']:<40} {s['count']:>5}  {s['first_seen'][:10]}  "
              f"{s['last_seen'][:10]}  {'automated' if s['automated'] else 'person':<9} "
              f"{s['redirected']:>5} {s['suppressed']:>5} {s.get('refused', 0):>5}"
              for s in data["senders_after_cutover"]]
    return "\n".join(lines)
