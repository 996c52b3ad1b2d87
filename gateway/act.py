"""Apply a Decision: ticket, article, attachments, outbox reply, ledger and the inbound row, in the
caller's transaction (one per message)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from gateway.config import AddressConfig, GatewaySettings
from gateway.decide import Action, Decision, ReplyKind
from gateway.models import Attachment, InboundMessage, InboundStatus, Reply, ReplyStatus, Ticket
from gateway.parse import ParsedMail
from gateway.phases import Phase
from gateway.render import RenderedReply, Renderer, ReplyRequest
from gateway.responder import record_reply, record_suppressed
from gateway.tickets import append_article, open_ticket


@dataclass
class Outcome:
    """What became of one (message, recipient): the decision object of the CLI's --json."""

    action: str
    reason: str
    rcpt: str
    phase: str
    ticket: str | None = None
    reply: RenderedReply | None = None
    inbound_id: int | None = None
    duplicate: bool = False
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"action": self.action, "reason": self.reason, "rcpt": self.rcpt,
                "phase": self.phase, "ticket": self.ticket,
                "reply": self.reply.as_json() if self.reply else None,
                "inbound_id": self.inbound_id, "duplicate": self.duplicate, "notes": self.notes}


@dataclass(frozen=True)
class Evaluation:
    """Everything the worker found out about one inbound row before acting."""

    address: AddressConfig
    mail: ParsedMail
    decision: Decision
    reply_to: str | None
    classification_reasons: tuple[str, ...] = ()


def reply_request(ev: Evaluation, kind: ReplyKind, ticket_number: str | None) -> ReplyRequest:
    assert ev.reply_to is not None
    return ReplyRequest(
        kind=kind, to=ev.reply_to, address=ev.address, original_subject=ev.mail.subject,
        original_message_id=ev.mail.message_id, original_references=tuple(ev.mail.references),
        customer_name=ev.mail.from_name, ticket_number=ticket_number,
        announce=ev.decision.phase is Phase.ANNOUNCE,
    )


def _store_attachments(session: Session, article_id: int, mail: ParsedMail) -> None:
    for item in mail.attachments:
        session.add(Attachment(article_id=article_id, filename=item.filename,
                               content_type=item.content_type[:255], size=len(item.data),
                               sha256=item.sha256, content=item.data))


def _ticket_for(session: Session, settings: GatewaySettings, row: InboundMessage,
                ev: Evaluation) -> Ticket:
    customer = ev.reply_to or ev.mail.from_addr or row.envelope_sender or "(unknown)"
    if ev.decision.action is Action.FOLLOWUP:
        assert ev.decision.thread is not None
        ticket = session.get(Ticket, ev.decision.thread.ticket_id)
        assert ticket is not None
        kind = "followup"
    else:
        ticket = open_ticket(session, prefix=settings.ticket_prefix, address=ev.address.address,
                             department=ev.address.department, subject=ev.mail.subject,
                             customer=customer, at=row.received_at)
        kind = "initial"
    article = append_article(session, ticket, inbound_id=row.id, kind=kind, sender=customer,
                             subject=ev.mail.subject, body=ev.mail.text, at=row.received_at)
    _store_attachments(session, article.id, ev.mail)
    row.ticket_id = ticket.id
    return ticket


def queue_reply(session: Session, settings: GatewaySettings, rendered: RenderedReply, *,
                row: InboundMessage, kind: ReplyKind, ticket_id: int | None,
                now: datetime) -> Reply:
    reply = Reply(inbound_id=row.id, ticket_id=ticket_id, kind=str(kind), rcpt=rendered.to,
                  envelope_sender=settings.relay.envelope_sender, subject=rendered.subject,
                  message_id=rendered.message_id, raw=rendered.raw, status=ReplyStatus.QUEUED,
                  next_attempt_at=now, created_at=now)
    session.add(reply)
    return reply


def apply(session: Session, settings: GatewaySettings, renderer: Renderer, row: InboundMessage,
          ev: Evaluation, now: datetime) -> Outcome:
    decision = ev.decision
    outcome = Outcome(str(decision.action), decision.reason, row.rcpt, str(decision.phase),
                      inbound_id=row.id, notes=list(decision.notes))
    ticket = None
    if decision.action in (Action.TICKET, Action.FOLLOWUP):
        ticket = _ticket_for(session, settings, row, ev)
        outcome.ticket = ticket.number
    if decision.reply is not None and ev.reply_to:
        req = reply_request(ev, decision.reply, ticket.number if ticket else None)
        outcome.reply = renderer.render(req, now)
        queue_reply(session, settings, outcome.reply, row=row, kind=decision.reply,
                    ticket_id=ticket.id if ticket else None, now=now)
        record_reply(session, sender=ev.reply_to, address=ev.address.address,
                     kind=str(decision.reply), at=row.received_at)
    elif decision.reason == "rate-limited" and ev.reply_to:
        record_suppressed(session, sender=ev.reply_to, address=ev.address.address,
                          kind="redirect", at=row.received_at)
    _finish_row(row, settings, ev, now)
    return outcome


def _finish_row(row: InboundMessage, settings: GatewaySettings, ev: Evaluation,
                now: datetime) -> None:
    decision = ev.decision
    row.subject, row.from_addr = ev.mail.subject[:2000], ev.mail.from_addr[:998] or None
    row.action, row.reason, row.phase = str(decision.action), decision.reason, str(decision.phase)
    row.policy = settings.fingerprint
    row.parse_error = ev.mail.error
    row.detail = json.dumps({"reply_to": ev.reply_to, "notes": list(decision.notes),
                             "automated": list(ev.classification_reasons),
                             "thread": decision.thread.via if decision.thread else None,
                             "defects": ev.mail.defects[:20]})
    row.status, row.processed_at, row.error = InboundStatus.DONE, now, None
