"""The worker: claim → parse → classify → decide → act. A failure marks the row failed with its
error; one poison mail never blocks the others."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import Engine, bindparam, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from gateway.act import Evaluation, Outcome, Row, apply, reply_request
from gateway.classify import Context, Envelope, classify
from gateway.clock import Clock
from gateway.config import AddressConfig, GatewaySettings
from gateway.db import transaction
from gateway.decide import Facts, Limits, decide
from gateway.ingest.store import Incoming
from gateway.models import InboundMessage, InboundStatus, Ticket
from gateway.parse import ParsedMail, parse_mail
from gateway.phases import Timeline
from gateway.render import Renderer
from gateway.responder import Ledger, read_ledger
from gateway.tickets import find_thread, ticket_number

log = logging.getLogger("gateway.process")
STALE_CLAIM = timedelta(minutes=10)
INBOUND = InboundMessage.__table__
ROW_SELECT = select(INBOUND.c.id, INBOUND.c.raw, INBOUND.c.rcpt, INBOUND.c.envelope_sender,
                    INBOUND.c.source, INBOUND.c.received_at, INBOUND.c.status).where(
    INBOUND.c.id == bindparam("row_id"))


def timeline_for(settings: GatewaySettings, address: AddressConfig) -> Timeline:
    cutover = settings.to_aware(address.cutover)
    assert cutover is not None
    return Timeline(cutover=cutover, announce_from=settings.to_aware(address.announce_from),
                    reject_from=settings.to_aware(address.reject_from))


def reply_address(mail: ParsedMail, envelope_sender: str | None) -> str | None:
    """RFC 3834 section 4: answer the envelope return path; without one known, the From.

    Reply-To is not used: it is where a *person* wants answers, and a forged Reply-To would
    turn us into a backscatter source for third parties.
    """
    if envelope_sender is not None:
        return envelope_sender.lower() or None
    return_path = (mail.header("return-path") or "").strip().strip("<>").lower()
    return return_path or mail.from_addr or None


class Pipeline:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.renderer = Renderer(settings)
        self.timelines = {a.address: timeline_for(settings, a) for a in settings.addresses}
        responder = settings.responder
        self.context = Context(
            own_addresses=frozenset(settings.own_addresses()),
            loop_token=self.renderer.loop_token(), max_received=responder.max_received_headers,
            backscatter_guard=responder.backscatter_guard,
            trusted_authserv_ids=frozenset(a.lower() for a in responder.trusted_authserv_ids))
        self.limits = Limits(redirect_interval=timedelta(hours=responder.redirect_interval_hours),
                             ack_per_sender_per_hour=responder.ack_per_sender_per_hour,
                             global_replies_per_hour=responder.global_replies_per_hour)

    # -- evaluation (reads only) --------------------------------------------------------------
    def evaluate(self, session: Session, row: Row) -> Evaluation:
        address = self.settings.address_config(row.rcpt)
        if address is None:
            raise ValueError(f"{row.rcpt} is not a configured address")
        mail = parse_mail(row.raw)
        envelope = Envelope(row.envelope_sender, row.rcpt, row.source)
        found = classify(mail, envelope, self.context)
        reply_to = reply_address(mail, row.envelope_sender)
        timeline = self.timelines[address.address]
        ledger = Ledger()
        if reply_to and not found.automated:
            ledger = read_ledger(session, sender=reply_to, address=address.address,
                                 message_id=mail.message_id, inbound_id=row.id)
        facts = Facts(
            phase=timeline.phase_at(row.received_at), received_at=row.received_at,
            source=row.source, classification=found, cutover=timeline.cutover,
            followup_grace=timedelta(days=address.followup_grace_days), reply_to=reply_to,
            empty=not mail.has_content and mail.error is not None,
            thread=find_thread(session, mail, self.settings.ticket_prefix),
            rates=ledger.rate_facts(row.received_at), limits=self.limits)
        return Evaluation(address, mail, decide(facts), reply_to, found.reasons, ledger)

    # -- processing -----------------------------------------------------------------------------
    def process_one(self, inbound_id: int) -> Outcome | None:
        """Process one row in its own transaction; on failure the row is marked failed."""
        outcomes = self.process_batch([inbound_id])
        return outcomes[0] if outcomes else None

    def process_batch(self, ids: list[int]) -> list[Outcome]:
        """Process rows in one transaction (one commit). Should any mail fail, the batch is
        rolled back and redone with a savepoint per mail: the failing one is marked failed
        alone, the others go on."""
        if len(ids) > 1:
            try:
                return self._logged(self._run(ids, isolate=False)[0])
            except Exception:
                log.warning("a batch of %d failed; redoing it mail by mail", len(ids))
        try:
            outcomes, failures = self._run(ids, isolate=True)
        except SQLAlchemyError:  # the commit itself failed: nothing of it happened
            log.exception("committing a batch of %d failed; they are released", len(ids))
            self._release(ids)
            raise
        for inbound_id, exc in failures:
            self._mark_failed(inbound_id, exc)
        return self._logged(outcomes)

    def _run(self, ids: list[int], isolate: bool) -> tuple[list[Outcome], list[tuple]]:
        outcomes, failures = [], []
        with transaction(self.engine) as session:
            for inbound_id in ids:
                if not isolate:
                    outcome = self._process_row(session, inbound_id)
                else:
                    try:
                        with session.begin_nested():
                            outcome = self._process_row(session, inbound_id)
                    except Exception as exc:
                        log.exception("inbound %s: processing failed", inbound_id)
                        failures.append((inbound_id, exc))
                        continue
                if outcome is not None:
                    outcomes.append(outcome)
        return outcomes, failures

    @staticmethod
    def _logged(outcomes: list[Outcome]) -> list[Outcome]:
        for outcome in outcomes:
            log.info("inbound %s: %s (%s) for %s%s", outcome.inbound_id, outcome.action,
                     outcome.reason, outcome.rcpt,
                     f" ticket {outcome.ticket}" if outcome.ticket else "")
        return outcomes

    def _process_row(self, session: Session, inbound_id: int) -> Outcome | None:
        found = session.execute(ROW_SELECT, {"row_id": inbound_id}).first()
        if found is None or found.status == InboundStatus.DONE:
            return None
        row = Row(*found[:-1])
        evaluation = self.evaluate(session, row)
        return apply(session, self.settings, self.renderer, row, evaluation, self.clock.now())

    def _release(self, ids: list[int]) -> None:
        table = InboundMessage.__table__
        with transaction(self.engine) as session:
            session.execute(update(table).where(table.c.id.in_(ids), table.c.status ==
                                                InboundStatus.PROCESSING)
                            .values(status=InboundStatus.RECEIVED, claimed_at=None))

    def _mark_failed(self, inbound_id: int, exc: Exception) -> None:
        with transaction(self.engine) as session:
            row = session.get(InboundMessage, inbound_id)
            if row is not None:
                row.status, row.error = InboundStatus.FAILED, f"{exc.__class__.__name__}: {exc}"
                row.claimed_at = None

    def claim(self, limit: int, retry_failed: bool = False) -> list[int]:
        """Take rows to work on; stale claims of a crashed worker are taken over."""
        now = self.clock.now()
        states = [InboundStatus.RECEIVED] + ([InboundStatus.FAILED] if retry_failed else [])
        table = InboundMessage.__table__
        with transaction(self.engine) as session:
            ids = session.execute(
                select(INBOUND.c.id).where(or_(
                    INBOUND.c.status.in_(states),
                    (INBOUND.c.status == InboundStatus.PROCESSING)
                    & (INBOUND.c.claimed_at < now - STALE_CLAIM)))
                .order_by(INBOUND.c.id).limit(limit)).scalars().all()
            if ids:
                session.execute(update(table).where(table.c.id.in_(ids)).values(
                    status=InboundStatus.PROCESSING, claimed_at=now,
                    attempts=table.c.attempts + 1))
        return list(ids)

    def process_pending(self, retry_failed: bool = False, batch: int = 200) -> list[Outcome]:
        outcomes: list[Outcome] = []
        while True:
            ids = self.claim(batch, retry_failed=retry_failed)
            if not ids:
                return outcomes
            retry_failed = False  # failed rows get one more try per call, not an endless loop
            outcomes.extend(self.process_batch(ids))

    def release_claims(self) -> int:
        """At start-up of a single instance: whatever a crash left 'processing' goes back."""
        table = InboundMessage.__table__
        with transaction(self.engine) as session:
            result = session.execute(update(table).where(
                table.c.status == InboundStatus.PROCESSING).values(
                status=InboundStatus.RECEIVED, claimed_at=None))
            return result.rowcount or 0

    def preview(self, item: Incoming) -> Outcome:
        """What would happen to this mail: rendered reply included; nothing is stored or sent."""
        with Session(self.engine) as session:
            row = Row(0, item.raw, item.rcpt.lower(), item.sender, item.source, item.received_at)
            ev = self.evaluate(session, row)
            decision = ev.decision
            outcome = Outcome(str(decision.action), decision.reason, row.rcpt,
                              str(decision.phase), notes=list(decision.notes))
            if decision.thread is not None:
                outcome.ticket = decision.thread.number
            elif decision.action == "ticket":
                next_id = (session.execute(select(func.max(Ticket.id))).scalar() or 0) + 1
                outcome.ticket = ticket_number(self.settings.ticket_prefix, next_id)
                outcome.notes.append("ticket number is provisional")
            if decision.reply is not None and ev.reply_to:
                outcome.reply = self.renderer.render(
                    reply_request(ev, decision.reply, outcome.ticket), self.clock.now())
            session.rollback()
        return outcome
