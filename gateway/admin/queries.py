"""Read-only views for admins: status, lists and details, as plain dicts (JSON-ready)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from gateway.codes import LEDGER_GLOBAL as GLOBAL
from gateway.codes import LEDGER_WINDOW_SECONDS, ReplyStatus
from gateway.config.alarms import delivery_alarms, limits_of
from gateway.config.load import read_secret
from gateway.config.settings import GatewaySettings
from gateway.redact import mask_url
from gateway.rules.phases import Phase
from gateway.rules.policy import Policies
from gateway.store.ages import ages, delivery_since
from gateway.store.db import read_only
from gateway.store.models import (
    HEARTBEAT_SECONDS,
    Attachment,
    DeliveryAttempt,
    Handoff,
    HandoffAttempt,
    InboundMessage,
    LedgerRow,
    Reply,
    ServiceState,
    Ticket,
    TicketArticle,
)
from gateway.store.refusals import totals as refusal_totals
from gateway.store.tally import decision_totals, outcome_totals, unfinished

OPEN_STATES = ("queued", "sending", "failed", "unconfirmed")  # few, found by index

WINDOW = timedelta(seconds=LEDGER_WINDOW_SECONDS)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def address_timelines(policies: Policies, now: datetime) -> list[dict]:
    return [policy.as_json(now) for policy in policies]


def _counts(session: Session, *columns) -> dict[str, int]:
    rows = session.exec(select(*columns, func.count()).group_by(*columns)).all()
    return {"/".join(str(c) for c in row[:-1]): row[-1] for row in rows}


def status(engine: Engine, settings: GatewaySettings, now: datetime,
           policies: Policies | None = None) -> dict:
    policies = policies or Policies(settings)
    with Session(read_only(engine)) as session:
        inbound, by_action, by_reason = _decision_counts(session.connection())
        replies = _counts(session, Reply.status)
        overall = session.exec(select(LedgerRow).where(
            LedgerRow.sender == GLOBAL, LedgerRow.address == GLOBAL)).first()
        tickets = _counts(session, Ticket.status)
        handoffs = _counts(session, Handoff.status)
        daemons = [_daemon(row, now) for row in session.exec(select(ServiceState)).all()]
        since = delivery_since(session.connection())
    warnings = _warnings(settings, now, daemons, overall, inbound, replies)
    warnings += handoff_warnings(settings, policies, now, handoffs)
    critical, early = delivery_alarms(ages(since, now), limits_of(settings))
    return {
        "now": now.isoformat(), "policy": settings.fingerprint, "dry_run": settings.dry_run,
        "addresses": address_timelines(policies, now), "daemons": daemons,
        "queues": {"inbound": inbound, "outbox": replies, "handoff": handoffs},
        "counts": {"by_action": by_action, "by_reason": by_reason, "tickets": tickets},
        "imap": imap_state(daemons), "warnings": warnings + early,
        "alarms": {"oldest_waiting_since": {k: _iso(v) for k, v in since.items()},
                   "critical": critical, "warnings": early},
        "refusals": [{"address": a, "reason": r, "count": n, "last_at": _iso(last)}
                     for a, r, n, last in refusal_totals(engine)],
    }


def _warnings(settings: GatewaySettings, now: datetime, daemons: list[dict], overall,
              inbound: dict, replies: dict) -> list[str]:
    warnings = [f"gateway serve {d['name']} last reported {d['silent_seconds']} s ago: is it "
                "still running? (`systemctl status support-mail-gateway`)"
                for d in daemons if d["stale"]]
    warnings += [f"IMAP: {error}" for d in daemons for error in
                 ((d["detail"].get("imap") or {}).get("errors") or [])]
    limit = settings.responder.global_replies_per_hour
    if overall and now - overall.window_start < WINDOW and overall.window_count >= limit:
        warnings.append(f"global reply ceiling reached: {overall.window_count} replies in the "
                        f"hour since {overall.window_start.isoformat()} (limit {limit}); further "
                        "replies are suppressed as rate-limited")
    if inbound.get("failed"):
        warnings.append(f"{inbound['failed']} inbound message(s) failed: "
                        "see `gateway messages list --status failed`, then "
                        "`gateway process --retry-failed`")
    if replies.get("failed") or replies.get("unconfirmed"):
        warnings.append("some replies failed or are unconfirmed: see `gateway replies list`")
    return warnings


def _decision_counts(conn) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Inbound by status, decisions by action and by action/reason: from the running totals
    and the few mails not decided yet ("None" for those, as a plain GROUP BY would say)."""
    inbound: Counter = Counter()
    by_action: Counter = Counter()
    by_reason: Counter = Counter()
    for _address, _source, action, reason, n in decision_totals(conn):
        inbound["done"] += n
        by_action[action] += n
        by_reason[f"{action}/{reason}"] += n
    for _rcpt, _source, state, n in unfinished(conn):
        inbound[state] += n
        by_action["None"] += n
        by_reason["None/None"] += n
    return dict(inbound), dict(by_action), dict(by_reason)


def imap_state(daemons: list[dict]) -> dict:
    """What the daemons' IMAP watchers last reported: each folder, each OAuth2 token (also
    from a stale daemon: its last word is the latest there is)."""
    live = [(d["detail"].get("imap") or {}) for d in daemons]
    return {"mailboxes": [m for state in live for m in state.get("mailboxes") or []],
            "oauth": [o for state in live for o in state.get("oauth") or []],
            "alarms": [a for state in live for a in state.get("alarms") or []]}


def _webhook_secret(settings: GatewaySettings) -> str:
    try:
        return read_secret("GATEWAY_WEBHOOK_SECRET", settings.handoff.webhook_secret_file)
    except OSError:  # an unreadable file: as good as none, and status must not fail on it
        return ""


def handoff_warnings(settings: GatewaySettings, policies: Policies, now: datetime,
                     counts: dict[str, int]) -> list[str]:
    found = []
    ticket_phase = any(p.phase_at(now) in (Phase.BEFORE, Phase.ANNOUNCE) for p in policies)
    if (ticket_phase or settings.exceptions) and not settings.handoff.configured:
        found.append("tickets are made but no handoff is configured: no agent sees them "
                     "(set [handoff] webhook_url / GATEWAY_HANDOFF_WEBHOOK or forward_to)")
    if settings.handoff.webhook_url and not _webhook_secret(settings):
        found.append("handoff webhook without a secret: receivers cannot verify "
                     "X-Gateway-Signature (set GATEWAY_WEBHOOK_SECRET or webhook_secret_file)")
    if counts.get("failed"):
        found.append(f"{counts['failed']} handoff(s) to the agents failed: see "
                     "`gateway handoff list --status failed`, then `gateway handoff retry ID`")
    return found


def _daemon(row: ServiceState, now: datetime) -> dict:
    silent = int((now - row.seen_at).total_seconds())
    return {"name": row.name, "started_at": _iso(row.started_at), "seen_at": _iso(row.seen_at),
            "silent_seconds": silent, "stale": silent > 3 * HEARTBEAT_SECONDS,
            "detail": json.loads(row.detail)}


def message_summary(row: InboundMessage, ticket: str | None = None) -> dict:
    return {
        "id": row.id, "received_at": _iso(row.received_at), "source": row.source,
        "sender": row.envelope_sender, "rcpt": row.rcpt, "from": row.from_addr,
        "subject": row.subject, "status": row.status, "action": row.action,
        "reason": row.reason, "phase": row.phase, "ticket": ticket,
        "size": row.size, "message_id": row.message_id, "error": row.error,
    }


def list_messages(engine: Engine, status: str | None, action: str | None,
                  limit: int) -> list[dict]:
    with Session(read_only(engine)) as session:
        query = (select(InboundMessage, Ticket.number)
                 .outerjoin(Ticket, Ticket.id == InboundMessage.ticket_id)
                 .order_by(InboundMessage.id.desc()).limit(limit))
        if status:
            query = query.where(InboundMessage.status == status)
        if action:
            query = query.where(InboundMessage.action == action)
        return [message_summary(row, number) for row, number in session.exec(query).all()]


def show_message(engine: Engine, inbound_id: int) -> dict | None:
    with Session(read_only(engine)) as session:
        row = session.get(InboundMessage, inbound_id)
        if row is None:
            return None
        ticket = session.get(Ticket, row.ticket_id) if row.ticket_id else None
        data = message_summary(row, ticket.number if ticket else None)
        data.update({"sha256": row.sha256, "policy": row.policy, "parse_error": row.parse_error,
                     "processed_at": _iso(row.processed_at), "attempts": row.attempts,
                     "detail": json.loads(row.detail) if row.detail else None})
        data["replies"] = [reply_summary(r) for r in session.exec(
            select(Reply).where(Reply.inbound_id == inbound_id)).all()]
        return data


def ticket_summary(ticket: Ticket) -> dict:
    return {"number": ticket.number, "status": ticket.status, "department": ticket.department,
            "address": ticket.address, "customer": ticket.customer, "subject": ticket.subject,
            "created_at": _iso(ticket.created_at), "updated_at": _iso(ticket.updated_at),
            "closed_at": _iso(ticket.closed_at),
            "automated": ticket.automated.split(",") if ticket.automated else []}


def list_tickets(engine: Engine, status: str | None, limit: int) -> list[dict]:
    with Session(read_only(engine)) as session:
        query = select(Ticket).order_by(Ticket.id.desc()).limit(limit)
        if status:
            query = query.where(Ticket.status == status)
        return [ticket_summary(t) for t in session.exec(query).all()]


def show_ticket(engine: Engine, number: str) -> dict | None:
    with Session(read_only(engine)) as session:
        ticket = session.exec(select(Ticket).where(Ticket.number == number.upper())).first()
        if ticket is None:
            return None
        data = ticket_summary(ticket)
        data["helpdesk"] = {"id": ticket.helpdesk_id, "url": ticket.helpdesk_url}
        articles = session.exec(select(TicketArticle).where(TicketArticle.ticket_id == ticket.id)
                                .order_by(TicketArticle.id)).all()
        data["articles"] = [{
            "kind": a.kind, "sender": a.sender, "subject": a.subject, "inbound_id": a.inbound_id,
            "created_at": _iso(a.created_at), "body": a.body_text,
            "attachments": [{"filename": f.filename, "content_type": f.content_type,
                             "size": f.size, "sha256": f.sha256} for f in session.exec(
                select(Attachment).where(Attachment.article_id == a.id)).all()],
        } for a in articles]
        return data


def reply_summary(reply: Reply) -> dict:
    return {"id": reply.id, "kind": reply.kind, "to": reply.rcpt, "subject": reply.subject,
            "status": reply.status, "attempts": reply.attempts,
            "next_attempt_at": _iso(reply.next_attempt_at), "last_error": reply.last_error,
            "created_at": _iso(reply.created_at), "sent_at": _iso(reply.sent_at),
            "message_id": reply.message_id, "inbound_id": reply.inbound_id}


def list_replies(engine: Engine, status: str | None, limit: int) -> list[dict]:
    with Session(read_only(engine)) as session:
        query = select(Reply).order_by(Reply.id.desc()).limit(limit)
        if status:
            query = query.where(Reply.status == status)
        result = []
        for reply in session.exec(query).all():
            data = reply_summary(reply)
            data["attempt_log"] = [{"at": _iso(a.at), "outcome": a.outcome, "detail": a.detail}
                                   for a in session.exec(select(DeliveryAttempt).where(
                                       DeliveryAttempt.reply_id == reply.id)).all()]
            result.append(data)
        return result


def list_senders(engine: Engine, settings: GatewaySettings, limit: int) -> list[dict]:
    interval = timedelta(hours=settings.responder.redirect_interval_hours)
    with Session(read_only(engine)) as session:
        rows = session.exec(select(LedgerRow).where(LedgerRow.sender != GLOBAL)
                            .order_by(LedgerRow.last_reply_at.desc()).limit(limit)).all()
        return [{"sender": r.sender, "address": r.address, "kind": r.kind,
                 "last_reply": _iso(r.last_reply_at),
                 "next_eligible": _iso(r.last_reply_at + (interval if r.kind == "redirect"
                                                          else WINDOW)),
                 "count": r.total_count, "suppressed": r.suppressed_count} for r in rows]


def list_handoffs(engine: Engine, status: str | None, limit: int) -> list[dict]:
    """Tickets and follow-ups handed to the agents, newest first, with every attempt.
    `maybe_delivered`: the last try ended without an answer after the request went out."""
    with Session(read_only(engine)) as session:
        query = (select(Handoff, Ticket.number).join(Ticket, Ticket.id == Handoff.ticket_id)
                 .order_by(Handoff.id.desc()).limit(limit))
        if status:
            query = query.where(Handoff.status == status)
        result = []
        for item, number in session.exec(query).all():
            attempts = [{"at": _iso(a.at), "outcome": a.outcome, "detail": a.detail}
                        for a in session.exec(select(HandoffAttempt).where(
                            HandoffAttempt.handoff_id == item.id).order_by(HandoffAttempt.id))]
            result.append({
                "id": item.id, "ticket": number, "event": item.event, "channel": item.channel,
                "target": mask_url(item.target), "idempotency_key": item.idempotency_key,
                "status": item.status, "attempts": item.attempts,
                "next_attempt_at": _iso(item.next_attempt_at), "last_error": item.last_error,
                "created_at": _iso(item.created_at), "sent_at": _iso(item.sent_at),
                "maybe_delivered": item.status not in (ReplyStatus.SENT, ReplyStatus.WRITTEN)
                and bool(attempts) and attempts[-1]["outcome"] == ReplyStatus.UNCONFIRMED,
                "attempt_log": attempts})
        return result


def handoff_counts(engine: Engine) -> dict[str, int]:
    """Handoff events by status, for the metrics (gateway_handoffs{status=...})."""
    with read_only(engine).connect() as conn:
        done = outcome_totals(conn, "handoff")  # sent and written: counted as they finish
        open_ = dict(conn.execute(select(Handoff.status, func.count()).where(
            Handoff.status.in_(OPEN_STATES)).group_by(Handoff.status)).all())
    return {**open_, **done}
