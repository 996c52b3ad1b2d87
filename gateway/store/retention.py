"""Retention: after `retention_days`, the full content of what was handled goes. The raw bytes
of done mail (their inbound_raw row), of sent replies, and of ticket content handed to the
agents (article bodies, attachment contents, the handoff payloads) are emptied; decisions,
reasons, hashes, sizes and ticket rows stay, so the record an admin reads back is kept
(data protection). `retention_keep_articles` keeps ticket content.

Nothing here holds the writer for long: candidates are read in a snapshot (no lock), then
emptied BATCH rows per write transaction; reception waits at most for one batch. The space
comes back afterwards (vacuum.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, delete, exists, func, select, update

from gateway.codes import InboundStatus, ReplyStatus
from gateway.store.db import read_only, transaction
from gateway.store.models import ARTICLES, ATTACHMENTS, HANDOFFS, INBOUND, RAW, REFUSALS, REPLIES
from gateway.store.vacuum import checkpoint_after, give_back, pause_after

log = logging.getLogger("gateway.retention")
BATCH = 100    # rows emptied per write transaction (a few ms each, also at 1M stored mails)
PAGE = 5_000   # candidate ids read per snapshot
DONE = (ReplyStatus.SENT, ReplyStatus.WRITTEN)


@dataclass
class PurgeReport:
    before: str
    inbound: int = 0
    replies: int = 0
    refusals: int = 0
    articles: int = 0
    handoffs: int = 0
    freed_bytes: int = 0

    def as_json(self) -> dict:
        return {"before": self.before, "inbound_emptied": self.inbound,
                "replies_emptied": self.replies, "refusals_deleted": self.refusals,
                "articles_emptied": self.articles, "handoffs_emptied": self.handoffs,
                "freed_bytes": self.freed_bytes}


def _handed(cutoff: datetime):
    """Articles older than the cutoff whose ticket event reached the agents."""
    return (ARTICLES.c.created_at < cutoff) & (func.length(ARTICLES.c.body_text) > 0) & exists(
        select(HANDOFFS.c.id).where(HANDOFFS.c.ticket_id == ARTICLES.c.ticket_id,
                                    HANDOFFS.c.inbound_id == ARTICLES.c.inbound_id,
                                    HANDOFFS.c.status.in_(DONE)))


def _kinds(cutoff: datetime, articles: bool) -> dict:
    """For each kind: (the id column, the condition of a row to empty)."""
    kinds = {
        "inbound": (RAW.c.inbound_id, exists(select(INBOUND.c.id).where(
            INBOUND.c.id == RAW.c.inbound_id, INBOUND.c.status == InboundStatus.DONE,
            INBOUND.c.received_at < cutoff))),
        "replies": (REPLIES.c.id, REPLIES.c.status.in_(DONE) & (REPLIES.c.created_at < cutoff)
                    & (func.length(REPLIES.c.raw) > 0)),
        # a refusal is only its envelope: the row goes; refusal_count keeps the totals
        "refusals": (REFUSALS.c.id, REFUSALS.c.at < cutoff),
    }
    if articles:
        kinds["articles"] = (ARTICLES.c.id, _handed(cutoff))
        kinds["handoffs"] = (HANDOFFS.c.id, HANDOFFS.c.status.in_(DONE) & (
            HANDOFFS.c.created_at < cutoff) & (func.length(HANDOFFS.c.payload) > 0))
    return kinds


def _candidates(engine: Engine, column, condition) -> Iterator[list[int]]:
    """The ids to empty, a page at a time, each page read in a snapshot of its own."""
    last = 0
    while True:
        with read_only(engine).begin() as conn:
            page = list(conn.execute(select(column).distinct().where(column > last, condition)
                                     .order_by(column).limit(PAGE)).scalars())
        if not page:
            return
        yield page
        last = page[-1]


def _empty(session, kind: str, ids: list[int], cutoff: datetime, articles: bool) -> int:
    """Empty one batch, the condition checked again inside the write transaction."""
    column, condition = _kinds(cutoff, articles)[kind]
    chosen = and_(column.in_(ids), condition)
    if kind == "inbound":  # a mail's chunks: one mail
        mails = session.execute(select(func.count(column.distinct())).where(chosen)).scalar()
        session.execute(delete(RAW).where(chosen))
        return mails or 0
    if kind == "replies":
        return session.execute(update(REPLIES).where(chosen).values(raw=b"")).rowcount or 0
    if kind == "refusals":
        return session.execute(delete(REFUSALS).where(chosen)).rowcount or 0
    if kind == "handoffs":
        return session.execute(update(HANDOFFS).where(chosen).values(payload=b"")).rowcount or 0
    emptied = list(session.execute(select(ARTICLES.c.id).where(chosen)).scalars())
    if emptied:
        session.execute(update(ARTICLES).where(ARTICLES.c.id.in_(emptied)).values(body_text=""))
        session.execute(update(ATTACHMENTS).where(
            ATTACHMENTS.c.article_id.in_(emptied), func.length(ATTACHMENTS.c.content) > 0)
            .values(content=b""))
    return len(emptied)


def purge(engine: Engine, now: datetime, days: float, dry_run: bool = False,
          articles: bool = True) -> PurgeReport:
    """Empty what was handled more than `days` ago (articles: also handed ticket content),
    in short transactions, then give the freed space back to the file system."""
    cutoff = now - timedelta(days=days)
    report = PurgeReport(cutoff.isoformat())
    for kind, (column, condition) in _kinds(cutoff, articles).items():
        count = 0
        for page in _candidates(engine, column, condition):
            if dry_run:
                count += len(page)
                continue
            for start in range(0, len(page), BATCH):
                begun = time.perf_counter()
                with transaction(engine) as session:
                    count += _empty(session, kind, page[start:start + BATCH], cutoff, articles)
                checkpoint_after(engine)
                pause_after(begun)
        setattr(report, kind, count)
    if not dry_run:
        report.freed_bytes = give_back(engine)
        log.info("retention: emptied %d inbound, %d replies, %d articles, %d handoffs, deleted "
                 "%d refusals older than %s; %d bytes given back", report.inbound,
                 report.replies, report.articles, report.handoffs, report.refusals,
                 report.before, report.freed_bytes)
    return report

