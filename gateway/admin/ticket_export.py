"""Every ticket with its articles, for `gateway tickets export` (JSON or CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import Engine, select

from gateway.redact import csv_row
from gateway.store.models import ARTICLES, TICKETS

CSV_FIELDS = ("number", "status", "address", "department", "customer", "subject", "automated",
              "created_at", "updated_at", "closed_at", "articles")


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def export_tickets(engine: Engine) -> Iterator[dict]:
    """Oldest first; articles in order, with their text."""
    with engine.connect() as conn:
        articles: dict[int, list[dict]] = {}
        for a in conn.execute(select(ARTICLES).order_by(ARTICLES.c.id)):
            articles.setdefault(a.ticket_id, []).append({
                "kind": a.kind, "sender": a.sender, "subject": a.subject,
                "created_at": _iso(a.created_at), "inbound_id": a.inbound_id,
                "text": a.body_text})
        for t in conn.execute(select(TICKETS).order_by(TICKETS.c.id)):
            yield {"number": t.number, "status": t.status, "address": t.address,
                   "department": t.department, "customer": t.customer, "subject": t.subject,
                   "automated": t.automated.split(",") if t.automated else [],
                   "created_at": _iso(t.created_at), "updated_at": _iso(t.updated_at),
                   "closed_at": _iso(t.closed_at), "articles": articles.get(t.id, [])}


def as_csv(tickets: Iterator[dict]) -> str:
    """One line per ticket (the articles as their count; their texts are in the JSON export)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for ticket in tickets:
        writer.writerow(csv_row({**{k: ticket[k] for k in CSV_FIELDS},
                                 "automated": ",".join(ticket["automated"]),
                                 "articles": len(ticket["articles"])}))
    return out.getvalue()
