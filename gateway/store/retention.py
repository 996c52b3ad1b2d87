"""Retention: after `retention_days`, the raw bytes of handled mail and sent replies are
emptied. Decisions, reasons, hashes, sizes and tickets stay, so the record an admin reads back
is kept; what goes is the full message content (data protection)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select, update

from gateway.codes import InboundStatus, ReplyStatus
from gateway.store.db import read_only, transaction
from gateway.store.models import INBOUND, REFUSALS, REPLIES

log = logging.getLogger("gateway.retention")


@dataclass
class PurgeReport:
    before: str
    inbound: int = 0
    replies: int = 0
    refusals: int = 0

    def as_json(self) -> dict:
        return {"before": self.before, "inbound_emptied": self.inbound,
                "replies_emptied": self.replies, "refusals_deleted": self.refusals}


def purge(engine: Engine, now: datetime, days: float, dry_run: bool = False) -> PurgeReport:
    """Empty the raw bytes of done mail received, and of replies sent, more than `days` ago;
    delete the refusals recorded before then."""
    cutoff = now - timedelta(days=days)
    old_inbound = (INBOUND.c.status == InboundStatus.DONE) & (INBOUND.c.received_at < cutoff) & (
        func.length(INBOUND.c.raw) > 0)
    old_replies = REPLIES.c.status.in_([ReplyStatus.SENT, ReplyStatus.WRITTEN]) & (
        REPLIES.c.created_at < cutoff) & (func.length(REPLIES.c.raw) > 0)
    old_refusals = REFUSALS.c.at < cutoff
    report = PurgeReport(cutoff.isoformat())
    if dry_run:  # a snapshot: no write lock for counting
        with read_only(engine).begin() as conn:
            report.inbound = conn.execute(select(func.count()).where(old_inbound)).scalar()
            report.replies = conn.execute(select(func.count()).where(old_replies)).scalar()
            report.refusals = conn.execute(select(func.count()).where(old_refusals)).scalar()
        return report
    with transaction(engine) as session:
        report.inbound = session.execute(update(INBOUND).where(old_inbound).values(raw=b"")
                                         ).rowcount
        report.replies = session.execute(update(REPLIES).where(old_replies).values(raw=b"")
                                         ).rowcount
        # a refusal is only its envelope: the row goes; refusal_count keeps the totals
        report.refusals = session.execute(delete(REFUSALS).where(old_refusals)).rowcount
    log.info("retention: emptied %d inbound and %d replies, deleted %d refusals older than %s",
             report.inbound, report.replies, report.refusals, report.before)
    return report
