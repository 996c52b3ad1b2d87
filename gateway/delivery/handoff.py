"""Handoff to the agents, the queue side: one event per ticket or follow-up and configured
channel (webhook, forward), written in the same transaction as the ticket (see act.py).
Delivery lives in handoff_send.py, driven by the outbox sender."""

from __future__ import annotations

import json
from datetime import datetime

from gateway.codes import ReplyStatus
from gateway.config.settings import HandoffConfig
from gateway.redact import mask_url

EVENTS = {"ticket": "ticket.created", "followup": "ticket.followup"}
WEBHOOK, FORWARD = "webhook", "forward"
TEXT_LIMIT = 100_000  # characters of the mail's text in one event


def idempotency_key(ticket: str, event: str, inbound_id: int) -> str:
    """Stable per event: a retry (or a second sender after a crash) repeats the same key."""
    return f"{ticket}/{event}/{inbound_id}"


def channels(config: HandoffConfig) -> list[tuple[str, str]]:
    """(channel, target) for every configured way to the agents."""
    found = []
    if config.webhook_url:  # stored and shown with its secrets masked (the config has them)
        found.append((WEBHOOK, mask_url(config.webhook_url)))
    if config.forward_to:
        found.append((FORWARD, config.forward_to))
    return found


def event_payload(*, action: str, ticket: str, inbound_id: int, address: str, department: str,
                  sender: str | None, subject: str, received_at: datetime,
                  message_id: str | None, automated: tuple[str, ...], text: str) -> dict:
    """The JSON object the webhook receives (and what a forwarded mail summarises)."""
    event = EVENTS[action]
    return {
        "event": event, "ticket": ticket, "address": address, "department": department,
        "sender": sender, "subject": subject, "received_at": received_at.isoformat(),
        "message_id": message_id, "automated": bool(automated),
        "automated_reasons": list(automated), "text": text[:TEXT_LIMIT],
        "inbound_id": inbound_id, "idempotency_key": idempotency_key(ticket, event, inbound_id),
    }


def handoff_rows(config: HandoffConfig, payload: dict, *, ticket_id: int,
                 now: datetime) -> list[dict]:
    """Rows for the handoff table, one per channel; empty when no handoff is configured."""
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return [dict(ticket_id=ticket_id, inbound_id=payload["inbound_id"], event=payload["event"],
                 channel=channel, target=target, idempotency_key=payload["idempotency_key"],
                 payload=body, status=ReplyStatus.QUEUED, attempts=0, next_attempt_at=now,
                 created_at=now) for channel, target in channels(config)]
