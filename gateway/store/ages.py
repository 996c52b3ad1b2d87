"""How long the oldest reply and the oldest handoff event have been waiting for delivery (queued,
or being sent): one indexed MIN per status on (status, created_at), whatever the history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, func, select

from gateway.store.models import HANDOFFS, REPLIES

WAITING_DELIVERY = ("queued", "sending")


def oldest_age(conn, table: Table, now: datetime) -> float | None:
    """Seconds since the oldest waiting row was made; None when none waits."""
    found = [conn.execute(select(func.min(table.c.created_at)).where(
        table.c.status == status)).scalar() for status in WAITING_DELIVERY]
    found = [at for at in found if at is not None]
    return max((now - min(found)).total_seconds(), 0.0) if found else None


def delivery_ages(conn, now: datetime) -> dict[str, float | None]:
    """{"handoff": seconds or None, "reply": seconds or None}"""
    return {"handoff": oldest_age(conn, HANDOFFS, now), "reply": oldest_age(conn, REPLIES, now)}
