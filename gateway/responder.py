"""The per-sender ledger of auto-replies: reads RateFacts for `decide`, records what was sent.
Windows and intervals are measured in reception time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, case, delete, insert, or_, select, update
from sqlmodel import Session

from gateway.decide import RateFacts
from gateway.models import InboundMessage, Reply, ResponderState

WINDOW = timedelta(hours=1)
GLOBAL = "*"  # sender and address of the gateway-wide counter row
STATE = ResponderState.__table__
REPLIES = Reply.__table__
INBOUND = InboundMessage.__table__


def _in_window(window_start: datetime | None, count: int, at: datetime) -> int:
    if window_start is None or at - window_start >= WINDOW or at < window_start:
        return 0
    return count


def read_rates(session: Session, *, sender: str, address: str, at: datetime,
               message_id: str | None, inbound_id: int) -> RateFacts:
    rows = session.execute(select(STATE).where(or_(
        and_(STATE.c.sender == sender, STATE.c.address == address),
        and_(STATE.c.sender == GLOBAL, STATE.c.address == GLOBAL)))).all()
    by_kind = {("all" if r.sender == GLOBAL else r.kind): r for r in rows}
    redirect, ack, overall = by_kind.get("redirect"), by_kind.get("ack"), by_kind.get("all")
    return RateFacts(
        last_redirect_at=redirect.last_reply_at if redirect else None,
        acks_in_last_hour=_in_window(ack.window_start, ack.window_count, at) if ack else 0,
        replies_in_last_hour=_in_window(overall.window_start, overall.window_count, at)
        if overall else 0,
        already_answered_message=_already_answered(session, message_id, sender, inbound_id),
    )


def _already_answered(session: Session, message_id: str | None, sender: str,
                      inbound_id: int) -> bool:
    """The same mail reached another of our addresses (To technik@, Cc billing@) and was answered."""
    if not message_id:
        return False
    found = session.execute(select(REPLIES.c.id).join(INBOUND, REPLIES.c.inbound_id == INBOUND.c.id)
                            .where(INBOUND.c.message_id == message_id, INBOUND.c.id != inbound_id,
                                   REPLIES.c.rcpt == sender).limit(1)).first()
    return found is not None


def _bump(session: Session, sender: str, address: str, kind: str, at: datetime) -> None:
    key = and_(STATE.c.sender == sender, STATE.c.address == address, STATE.c.kind == kind)
    row = session.execute(select(STATE.c.window_start, STATE.c.window_count).where(key)).first()
    if row is None:
        session.execute(insert(STATE).values(sender=sender, address=address, kind=kind,
                                             last_reply_at=at, window_start=at, window_count=1,
                                             total_count=1, suppressed_count=0))
        return
    if _in_window(row.window_start, row.window_count, at):
        window = {"window_count": STATE.c.window_count + 1}
    else:
        window = {"window_start": at, "window_count": 1}
    session.execute(update(STATE).where(key).values(
        total_count=STATE.c.total_count + 1, **window,
        last_reply_at=case((STATE.c.last_reply_at < at, at), else_=STATE.c.last_reply_at)))


def record_reply(session: Session, *, sender: str, address: str, kind: str, at: datetime) -> None:
    _bump(session, sender, address, kind, at)
    _bump(session, GLOBAL, GLOBAL, "all", at)


def record_suppressed(session: Session, *, sender: str, address: str, kind: str) -> None:
    session.execute(update(STATE).where(
        STATE.c.sender == sender, STATE.c.address == address, STATE.c.kind == kind)
        .values(suppressed_count=STATE.c.suppressed_count + 1))


def reset_sender(session: Session, sender: str) -> int:
    return session.execute(delete(STATE).where(STATE.c.sender == sender.lower())).rowcount or 0
