"""The per-sender ledger of auto-replies: reads RateFacts for `decide`, records what was sent.
Windows and intervals are measured in reception time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, delete, insert, or_, select, update
from sqlmodel import Session

from gateway.decide import RateFacts
from gateway.models import InboundMessage, Reply, ResponderState

WINDOW = timedelta(hours=1)
GLOBAL = "*"  # sender and address of the gateway-wide counter row
STATE = ResponderState.__table__
REPLIES = Reply.__table__
INBOUND = InboundMessage.__table__
LEDGER_SELECT = select(STATE).where(or_(
    and_(STATE.c.sender == bindparam("sender"), STATE.c.address == bindparam("address")),
    and_(STATE.c.sender == GLOBAL, STATE.c.address == GLOBAL)))
ANSWERED_SELECT = select(REPLIES.c.id).join(INBOUND, REPLIES.c.inbound_id == INBOUND.c.id).where(
    INBOUND.c.message_id == bindparam("message_id"), INBOUND.c.id != bindparam("inbound_id"),
    REPLIES.c.rcpt == bindparam("sender")).limit(1)
STATE_UPDATE = update(STATE).where(STATE.c.id == bindparam("_id"))


def _in_window(window_start: datetime | None, count: int, at: datetime) -> int:
    if window_start is None or at - window_start >= WINDOW or at < window_start:
        return 0
    return count


@dataclass(frozen=True)
class Ledger:
    """The ledger rows of one (sender, address) and the global row, as read for one mail."""

    sender: str = ""
    address: str = ""
    windows: dict = field(default_factory=dict)  # kind ("ack", "redirect", "all") → row
    already_answered: bool = False

    def rate_facts(self, at: datetime) -> RateFacts:
        redirect, ack, overall = (self.windows.get(k) for k in ("redirect", "ack", "all"))
        return RateFacts(
            last_redirect_at=redirect.last_reply_at if redirect else None,
            acks_in_last_hour=_in_window(ack.window_start, ack.window_count, at) if ack else 0,
            replies_in_last_hour=_in_window(overall.window_start, overall.window_count, at)
            if overall else 0,
            already_answered_message=self.already_answered)


def read_ledger(session: Session, *, sender: str, address: str, message_id: str | None,
                inbound_id: int) -> Ledger:
    rows = session.execute(LEDGER_SELECT, {"sender": sender, "address": address}).all()
    windows = {("all" if r.sender == GLOBAL else r.kind): r for r in rows}
    return Ledger(sender, address, windows,
                  _already_answered(session, message_id, sender, inbound_id))


def _already_answered(session: Session, message_id: str | None, sender: str,
                      inbound_id: int) -> bool:
    """The same mail reached another of our addresses (To technik@, Cc billing@) and was answered."""
    if not message_id:
        return False
    found = session.execute(ANSWERED_SELECT, {"message_id": message_id, "inbound_id": inbound_id,
                                              "sender": sender}).first()
    return found is not None


def _bump(session: Session, row, key: dict, at: datetime) -> None:
    """Count one reply in a ledger row that the caller read in this transaction."""
    if row is None:
        session.execute(insert(STATE), {**key, "last_reply_at": at, "window_start": at,
                                        "window_count": 1, "total_count": 1,
                                        "suppressed_count": 0})
        return
    same_window = _in_window(row.window_start, row.window_count, at)
    session.execute(STATE_UPDATE, {
        "_id": row.id, "total_count": row.total_count + 1,
        "last_reply_at": max(row.last_reply_at, at),
        "window_start": row.window_start if same_window else at,
        "window_count": row.window_count + 1 if same_window else 1})


def record_reply(session: Session, ledger: Ledger, *, kind: str, at: datetime) -> None:
    _bump(session, ledger.windows.get(kind),
          {"sender": ledger.sender, "address": ledger.address, "kind": kind}, at)
    _bump(session, ledger.windows.get("all"), {"sender": GLOBAL, "address": GLOBAL, "kind": "all"},
          at)


def record_suppressed(session: Session, *, sender: str, address: str, kind: str) -> None:
    session.execute(update(STATE).where(
        STATE.c.sender == sender, STATE.c.address == address, STATE.c.kind == kind)
        .values(suppressed_count=STATE.c.suppressed_count + 1))


def reset_sender(session: Session, sender: str) -> int:
    return session.execute(delete(STATE).where(STATE.c.sender == sender.lower())).rowcount or 0
