"""The per-sender ledger of auto-replies: reads RateFacts for `decide`, records what was sent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from gateway.decide import RateFacts
from gateway.models import InboundMessage, Reply, ResponderState

WINDOW = timedelta(hours=1)
GLOBAL = "*"  # sender/address of the gateway-wide counter row


def _state(session: Session, sender: str, address: str, kind: str) -> ResponderState | None:
    return session.exec(select(ResponderState).where(
        ResponderState.sender == sender, ResponderState.address == address,
        ResponderState.kind == kind)).first()


def _in_window(state: ResponderState | None, at: datetime) -> int:
    if state is None or at - state.window_start >= WINDOW or at < state.window_start:
        return 0
    return state.window_count


def read_rates(session: Session, *, sender: str, address: str, at: datetime,
               message_id: str | None, inbound_id: int) -> RateFacts:
    redirect = _state(session, sender, address, "redirect")
    ack = _state(session, sender, address, "ack")
    overall = _state(session, GLOBAL, GLOBAL, "all")
    return RateFacts(
        last_redirect_at=redirect.last_reply_at if redirect else None,
        acks_in_last_hour=_in_window(ack, at),
        replies_in_last_hour=_in_window(overall, at),
        already_answered_message=_already_answered(session, message_id, sender, inbound_id),
    )


def _already_answered(session: Session, message_id: str | None, sender: str,
                      inbound_id: int) -> bool:
    """The same mail reached another of our addresses (To technik@, Cc billing@) and was answered."""
    if not message_id:
        return False
    found = session.exec(select(Reply.id).join(InboundMessage, Reply.inbound_id == InboundMessage.id)
                         .where(InboundMessage.message_id == message_id,
                                InboundMessage.id != inbound_id, Reply.rcpt == sender)).first()
    return found is not None


def _bump(session: Session, sender: str, address: str, kind: str, at: datetime) -> ResponderState:
    state = _state(session, sender, address, kind)
    if state is None:
        state = ResponderState(sender=sender, address=address, kind=kind, last_reply_at=at,
                               window_start=at, window_count=0)
        session.add(state)
    if _in_window(state, at) == 0:
        state.window_start, state.window_count = at, 0
    state.window_count += 1
    state.total_count += 1
    state.last_reply_at = max(state.last_reply_at, at)
    return state


def record_reply(session: Session, *, sender: str, address: str, kind: str, at: datetime) -> None:
    _bump(session, sender, address, kind, at)
    _bump(session, GLOBAL, GLOBAL, "all", at)


def record_suppressed(session: Session, *, sender: str, address: str, kind: str,
                      at: datetime) -> None:
    state = _state(session, sender, address, kind)
    if state is not None:
        state.suppressed_count += 1


def reset_sender(session: Session, sender: str) -> int:
    rows = session.exec(select(ResponderState).where(ResponderState.sender == sender.lower())).all()
    for row in rows:
        session.delete(row)
    return len(rows)
