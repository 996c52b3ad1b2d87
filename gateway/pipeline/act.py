"""Apply a Decision: ticket, article, attachments, outbox reply, ledger and the inbound row, in the
caller's transaction. SQLAlchemy Core here: this runs for every mail."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, insert, update
from sqlmodel import Session

from gateway.codes import ArticleKind, InboundStatus, Reason, ReplyStatus
from gateway.config.settings import AddressConfig, GatewaySettings
from gateway.delivery.handoff import event_payload, handoff_rows
from gateway.pipeline.render import RenderedReply, Renderer, ReplyRequest, request_for
from gateway.pipeline.responder import Ledger, LedgerView
from gateway.rules.decide import Action, Decision, ReplyKind, ThreadMatch
from gateway.rules.door import reject_line
from gateway.rules.language import Detected
from gateway.rules.parse import ParsedMail
from gateway.rules.phases import Phase
from gateway.rules.prepare import Row
from gateway.store.attachments import store_attachments
from gateway.store.models import HANDOFFS, INBOUND, REPLIES
from gateway.store.tally import Decided, record_decisions
from gateway.store.tickets import append_article, open_ticket

REPLY_INSERT = insert(REPLIES)
HANDOFF_INSERT = insert(HANDOFFS)
INBOUND_DONE = update(INBOUND).where(INBOUND.c.id == bindparam("_id"))


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
    message_id: str | None = None  # for the log line, not part of the --json object
    refusal: str | None = None  # reject: the exact SMTP answer the sender gets
    language: Detected | None = None  # the customer's, where a reply was due

    def as_json(self) -> dict:
        return {"action": self.action, "reason": self.reason, "rcpt": self.rcpt,
                "phase": self.phase, "ticket": self.ticket,
                "reply": self.reply.as_json() if self.reply else None,
                "refusal": self.refusal,
                "language": self.language.as_json() if self.language else None,
                "inbound_id": self.inbound_id, "duplicate": self.duplicate, "notes": self.notes}


@dataclass(frozen=True)
class Evaluation:
    """Everything the worker found out about one inbound row before acting."""

    address: AddressConfig
    mail: ParsedMail
    decision: Decision
    reply_to: str | None
    classification_reasons: tuple[str, ...] = ()
    ledger_view: LedgerView = field(default_factory=LedgerView)
    prerendered: RenderedReply | None = None
    trusted: bool = False  # the backscatter guard authenticated the sender
    language: Detected | None = None  # detected where a reply is due


def reply_request(ev: Evaluation, kind: ReplyKind, ticket_number: str | None) -> ReplyRequest:
    assert ev.reply_to is not None
    thread = ev.decision.thread
    if kind is ReplyKind.TICKET_LINK and thread is not None:
        ticket_number = ticket_number or thread.number  # named where the helpdesk gave no id
    return request_for(kind, ev.reply_to, ev.address, ev.mail, ticket_number,
                       announce=ev.decision.phase is Phase.ANNOUNCE, trusted=ev.trusted,
                       helpdesk=(thread.helpdesk_id, thread.helpdesk_url) if thread else (None, None),
                       languages=ev.language.order if ev.language else ())


def _rendered(renderer: Renderer, ev: Evaluation, kind: ReplyKind, ticket_number: str | None,
              now: datetime) -> RenderedReply:
    if kind is ReplyKind.REDIRECT and ev.prerendered is not None:
        return ev.prerendered  # rendered ahead in the parse pool, with the same inputs
    return renderer.render(reply_request(ev, kind, ticket_number), now)


def _ticket_for(session: Session, settings: GatewaySettings, row: Row,
                ev: Evaluation) -> tuple[int, str]:
    customer = ev.reply_to or ev.mail.from_addr or row.envelope_sender or "(unknown)"
    if ev.decision.action is Action.FOLLOWUP:
        thread = ev.decision.thread
        assert thread is not None
        ticket_id, number, kind = thread.ticket_id, thread.number, ArticleKind.FOLLOWUP
    else:
        ticket_id, number = open_ticket(
            session, prefix=settings.ticket_prefix, address=ev.address.address,
            department=ev.address.department_name, subject=ev.mail.subject, customer=customer,
            at=row.received_at, automated=",".join(ev.classification_reasons)[:200] or None)
        kind = ArticleKind.INITIAL
    article_id = append_article(session, ticket_id, inbound_id=row.id, kind=kind, sender=customer,
                                subject=ev.mail.subject, body=ev.mail.text, at=row.received_at)
    store_attachments(session, article_id, ev.mail.attachments, row.raw)
    return ticket_id, number


class WorkBatch:
    """What one batch writes, gathered and written together before its commit (executemany):
    replies and finished inbound rows are not read back inside the batch, and the ledger is
    kept in memory by its Ledger."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ledger = Ledger(session)
        self.replies: list[dict] = []
        self.finished: list[dict] = []
        self.handoffs: list[dict] = []
        self.decided: list[Decided] = []  # for the running totals, in the same transaction
        # message-id → ticket of this batch's mails and replies: a later mail of the same batch
        # answering one of them finds its ticket, as it would after the commit
        self.threads: dict[str, ThreadMatch] = {}

    def flush(self) -> None:
        if self.replies:
            self.session.execute(REPLY_INSERT, self.replies)
        if self.handoffs:  # to the agents: in the same transaction as the ticket
            self.session.execute(HANDOFF_INSERT, self.handoffs)
        if self.finished:
            self.session.execute(INBOUND_DONE, self.finished)
            record_decisions(self.session, self.decided)
        self.ledger.flush()
        self.replies, self.finished, self.handoffs, self.decided = [], [], [], []


def queue_reply(batch: WorkBatch, settings: GatewaySettings, rendered: RenderedReply, *,
                inbound_id: int, kind: ReplyKind, ticket_id: int | None, now: datetime) -> None:
    batch.replies.append(dict(
        inbound_id=inbound_id, ticket_id=ticket_id, kind=str(kind), rcpt=rendered.to,
        envelope_sender=settings.relay.envelope_sender, subject=rendered.subject,
        message_id=rendered.message_id, raw=rendered.raw, status=ReplyStatus.QUEUED, attempts=0,
        next_attempt_at=now, created_at=now))


def queue_handoff(batch: WorkBatch, settings: GatewaySettings, row: Row, ev: Evaluation,
                  ticket_id: int, ticket: str, now: datetime) -> None:
    if not settings.handoff.configured:
        return
    payload = event_payload(
        action=str(ev.decision.action), ticket=ticket, inbound_id=row.id,
        address=ev.address.address, department=ev.address.department_name,
        sender=ev.reply_to or ev.mail.from_addr or row.envelope_sender, subject=ev.mail.subject,
        received_at=row.received_at, message_id=ev.mail.message_id,
        automated=ev.classification_reasons, text=ev.mail.text)
    batch.handoffs.extend(handoff_rows(settings.handoff, payload, ticket_id=ticket_id, now=now))


def apply(batch: WorkBatch, settings: GatewaySettings, renderer: Renderer, row: Row,
          ev: Evaluation, now: datetime) -> Outcome:
    decision = ev.decision
    outcome = Outcome(str(decision.action), str(decision.reason), row.rcpt, str(decision.phase),
                      inbound_id=row.id, notes=list(decision.notes),
                      message_id=ev.mail.message_id, language=ev.language)
    ticket_id = None
    if decision.action is Action.REJECT:
        outcome.refusal = reject_line(settings, ev.address, row.rcpt)
    if decision.action in (Action.TICKET, Action.FOLLOWUP):
        ticket_id, outcome.ticket = _ticket_for(batch.session, settings, row, ev)
        queue_handoff(batch, settings, row, ev, ticket_id, outcome.ticket, now)
    if decision.reply is not None and ev.reply_to:
        outcome.reply = _rendered(renderer, ev, decision.reply, outcome.ticket, now)
        queue_reply(batch, settings, outcome.reply, inbound_id=row.id, kind=decision.reply,
                    ticket_id=ticket_id, now=now)
        ledger_kind = ReplyKind.REDIRECT if decision.reply is ReplyKind.TICKET_LINK else decision.reply
        batch.ledger.record_reply(ev.ledger_view, kind=str(ledger_kind), at=row.received_at,
                                message_id=ev.mail.message_id, inbound_id=row.id)
    elif decision.held_back is not None and ev.reply_to:
        batch.ledger.record_suppressed(sender=ev.reply_to, address=ev.address.address,
                                       kind=decision.held_back)
    _finish_row(batch, row, settings, ev, ticket_id, now)
    if ticket_id is not None:
        _remember_thread(batch, ev, outcome, ticket_id, row.received_at)
    return outcome


def _remember_thread(batch: WorkBatch, ev: Evaluation, outcome: Outcome, ticket_id: int,
                     at: datetime) -> None:
    thread = ev.decision.thread or ThreadMatch(
        ticket_id, outcome.ticket or "", at, Reason.IN_REPLY_TO,
        customer=ev.reply_to or ev.mail.from_addr or "")
    ids = [ev.mail.message_id, outcome.reply.message_id if outcome.reply else None]
    for message_id in filter(None, ids):
        batch.threads.setdefault(message_id, thread)


def _finish_row(batch: WorkBatch, row: Row, settings: GatewaySettings, ev: Evaluation,
                ticket_id: int | None, now: datetime) -> None:
    decision = ev.decision
    detail = {"reply_to": ev.reply_to, "notes": list(decision.notes),
              "automated": list(ev.classification_reasons),
              "thread": decision.thread.via if decision.thread else None,
              "defects": ev.mail.defects[:20],
              "language": ev.language.as_json() if ev.language else None}
    batch.finished.append(dict(
        _id=row.id, message_id=ev.mail.message_id, subject=ev.mail.subject[:2000],
        from_addr=ev.mail.from_addr[:998] or None,
        action=str(decision.action), reason=str(decision.reason), phase=str(decision.phase),
        policy=settings.fingerprint, parse_error=ev.mail.error, detail=json.dumps(detail),
        status=InboundStatus.DONE, processed_at=now, error=None, ticket_id=ticket_id))
    sender = ev.reply_to or ev.mail.from_addr[:998] or row.envelope_sender or "(unknown)"
    batch.decided.append(Decided(
        row.rcpt, row.source, str(decision.action), str(decision.reason), str(decision.phase),
        row.received_at, sender.strip().lower(), bool(ev.classification_reasons)))
