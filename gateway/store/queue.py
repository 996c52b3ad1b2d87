"""The inbound queue: stored mail waiting to be processed. Rows are claimed before they are
worked on, released when the database (not the mail) failed, marked failed with their error when
the mail did. Several instances on one PostgreSQL share it without taking a row twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import Engine, bindparam, case, delete, func, literal, or_, select, update
from sqlalchemy.orm import Session

from gateway.clock import Clock
from gateway.codes import InboundStatus
from gateway.rules.prepare import Row
from gateway.store.db import read_only, transaction
from gateway.store.models import INBOUND, RAW
from gateway.store.raw import raw_chunks

log = logging.getLogger("gateway.queue")
STALE_CLAIM = timedelta(minutes=10)
BATCH_BYTES = 8 * 1024 * 1024  # raw bytes per worker batch (one write transaction)
MAX_ATTEMPTS = 5  # claims of a mail that never finished: then it is parked as failed
ROWS_SELECT = select(INBOUND.c.id, INBOUND.c.rcpt, INBOUND.c.envelope_sender, INBOUND.c.source,
                     INBOUND.c.received_at, INBOUND.c.replies).where(
    INBOUND.c.id.in_(bindparam("ids", expanding=True)), INBOUND.c.status != InboundStatus.DONE)
# One status at a time, in id order: the (status, id) index gives exactly these rows among a
# history of done ones (an OR of the conditions, or an IN with ORDER BY id, scanned the table).
_CLAIMABLE = select(INBOUND.c.id, INBOUND.c.attempts, INBOUND.c.status, INBOUND.c.size
                    ).order_by(INBOUND.c.status, INBOUND.c.id)


def _park_or_pick(session: Session, found: list) -> list[int]:
    """Of the claimable rows: park those tried MAX_ATTEMPTS times; a row tried before (not a
    failed one being retried) goes alone; otherwise all of them."""
    tried = [r for r in found if r.attempts and r.status != InboundStatus.FAILED]
    parked = [r for r in tried if r.attempts >= MAX_ATTEMPTS]
    for row in parked:
        session.execute(update(INBOUND).where(INBOUND.c.id == row.id).values(
            status=InboundStatus.FAILED, claimed_at=None,
            error=literal(f"gave up after {row.attempts} attempts; last: ").concat(
                func.coalesce(INBOUND.c.error, "processing never finished (the worker died?)"))))
        log.error("inbound %s: parked as failed after %d attempts", row.id, row.attempts)
    suspects = [r for r in tried if r.attempts < MAX_ATTEMPTS]
    if suspects:
        return [suspects[0].id]
    parked_ids = {r.id for r in parked}
    return _by_size([r for r in found if r.id not in parked_ids])


def _by_size(rows: list) -> list[int]:
    """As many as fit in BATCH_BYTES (at least one): a batch of big mails would hold the write
    lock for all of them at once (their attachments are written in it)."""
    picked, total = [], 0
    for row in rows:
        if picked and total + row.size > BATCH_BYTES:
            break
        picked.append(row.id)
        total += row.size
    return picked


class InboundQueue:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def claim(self, limit: int, retry_failed: bool = False) -> list[int]:
        """Take rows to work on; stale claims of a crashed worker are taken over. On PostgreSQL
        rows another instance is claiming are skipped (FOR UPDATE SKIP LOCKED), so no mail is
        processed twice. A row tried before without finishing is taken alone (if it killed the
        worker, it takes no others along), and after MAX_ATTEMPTS it is parked as failed."""
        now = self.clock.now()
        states = [InboundStatus.RECEIVED] + ([InboundStatus.FAILED] if retry_failed else [])
        stale = (INBOUND.c.status == InboundStatus.PROCESSING) & (
            INBOUND.c.claimed_at < now - STALE_CLAIM)
        claimable = or_(INBOUND.c.status.in_(states), stale)
        with transaction(self.engine) as session:
            found = sorted((row for condition in [*(INBOUND.c.status == s for s in states), stale]
                            for row in session.execute(_CLAIMABLE.where(condition).limit(limit)
                                                       .with_for_update(skip_locked=True))),
                           key=lambda row: row.id)[:limit]
            ids = _park_or_pick(session, found)
            if ids:
                session.execute(update(INBOUND).where(INBOUND.c.id.in_(ids), claimable).values(
                    status=InboundStatus.PROCESSING, claimed_at=now,
                    attempts=case((INBOUND.c.status == InboundStatus.FAILED, 1),
                                  else_=INBOUND.c.attempts + 1)))
        return ids

    def load(self, ids: list[int]) -> list[Row]:
        """The envelope and raw bytes of rows not done yet (read in a snapshot: no write lock
        while a big mail's bytes are read)."""
        with read_only(self.engine).begin() as conn:
            rows = conn.execute(ROWS_SELECT, {"ids": ids}).all()
            raws = raw_chunks(conn, [row.id for row in rows])
        return [Row(row.id, raws.get(row.id, b""), *row[1:]) for row in rows]

    def release(self, ids: list[int]) -> None:
        """Back to the queue, untouched: the database failed, not these mails."""
        with transaction(self.engine) as session:
            session.execute(update(INBOUND).where(INBOUND.c.id.in_(ids), INBOUND.c.status ==
                                                  InboundStatus.PROCESSING)
                            .values(status=InboundStatus.RECEIVED, claimed_at=None))

    def mark_failed(self, inbound_id: int, exc: Exception) -> None:
        """The mail itself failed: it keeps its row and the error until --retry-failed."""
        with transaction(self.engine) as session:
            session.execute(update(INBOUND).where(INBOUND.c.id == inbound_id).values(
                status=InboundStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}",
                claimed_at=None))

    def release_claims(self) -> int:
        """At start-up of a single instance: whatever a crash left 'processing' goes back; a
        big mail a crash left half written ('receiving': never answered 250) goes."""
        with transaction(self.engine) as session:
            half = select(INBOUND.c.id).where(INBOUND.c.status == InboundStatus.RECEIVING)
            session.execute(delete(RAW).where(RAW.c.inbound_id.in_(half)))
            session.execute(delete(INBOUND).where(INBOUND.c.status == InboundStatus.RECEIVING))
            result = session.execute(update(INBOUND).where(
                INBOUND.c.status == InboundStatus.PROCESSING).values(
                status=InboundStatus.RECEIVED, claimed_at=None))
            return result.rowcount or 0


def raw_of(engine: Engine, inbound_id: int) -> bytes | None:
    """The raw bytes of one stored mail; None once retention emptied them (or no such mail)."""
    with read_only(engine).begin() as conn:
        return raw_chunks(conn, [inbound_id]).get(inbound_id)
