"""When the oldest reply and the oldest handoff event still waiting for delivery (queued, or
being sent) were made: one indexed MIN per status on (status, created_at), whatever the
history; and how long ago that is."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, func, select

from gateway.store.models import HANDOFFS, REPLIES

WAITING_DELIVERY = ("queued", "sending")


def oldest_waiting(conn, table: Table) -> datetime | None:
    """created_at of the oldest waiting row; None when none waits."""
    found = [conn.execute(select(func.min(table.c.created_at)).where(
        table.c.status == status)).scalar() for status in WAITING_DELIVERY]
    found = [at for at in found if at is not None]
    return min(found) if found else None


def delivery_since(conn) -> dict[str, datetime | None]:
    """{"handoff": made at or None, "reply": made at or None}"""
    return {"handoff": oldest_waiting(conn, HANDOFFS), "reply": oldest_waiting(conn, REPLIES)}


def ages(since: dict[str, datetime | None], now: datetime) -> dict[str, float | None]:
    return {path: None if at is None else max((now - at).total_seconds(), 0.0)
            for path, at in since.items()}


def delivery_ages(conn, now: datetime) -> dict[str, float | None]:
    """{"handoff": seconds or None, "reply": seconds or None}"""
    return ages(delivery_since(conn), now)
