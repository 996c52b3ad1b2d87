"""The pipeline: stored rows → parse, classify (prepare) → decide → act, a batch per transaction.
A failure marks the row failed with its error; one poison mail never blocks the others. The
queue (queue.py) says which rows; the worker and the backlog commands drive it."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from gateway.clock import Clock
from gateway.codes import Action
from gateway.config.settings import GatewaySettings
from gateway.ingest.store import Incoming
from gateway.pipeline.act import Evaluation, Outcome, WorkBatch, apply, reply_request
from gateway.pipeline.render import RenderedReply, Renderer
from gateway.pipeline.responder import Ledger, LedgerView
from gateway.rules.decide import decide
from gateway.rules.door import reject_line
from gateway.rules.language import detect
from gateway.rules.policy import Policies
from gateway.rules.prepare import Prepared, Preparer, Row
from gateway.store.db import transaction
from gateway.store.models import Ticket
from gateway.store.queue import InboundQueue
from gateway.store.tickets import find_thread, ticket_number

log = logging.getLogger("gateway.process")


def _ledger_keys(batch: list[Prepared]) -> tuple[set[tuple[str, str]], set[str]]:
    """The ledger rows and Message-IDs a batch will look at, to read them in one go."""
    people = [p for p in batch if p.reply_to and not p.classification.automated]
    return ({(p.reply_to, p.address.address) for p in people},
            {p.mail.message_id for p in people if p.mail.message_id})


class Pipeline:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 policies: Policies | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.queue = InboundQueue(engine, clock)
        self.policies = policies or Policies(settings)
        self.renderer = Renderer(settings, self.policies)
        self.preparer = Preparer(settings, policies=self.policies)

    # -- evaluation (reads only) --------------------------------------------------------------
    def evaluate(self, session: Session, prepared: Prepared, ledger: Ledger | None = None,
                 prerendered: RenderedReply | None = None,
                 pending: dict | None = None) -> Evaluation:
        """The decision for one prepared mail, with what the database knows (thread, ledger)."""
        row, mail, found, reply_to = (prepared.row, prepared.mail, prepared.classification,
                                      prepared.reply_to)
        view = LedgerView()
        if reply_to and not found.automated:
            view = (ledger or Ledger(session)).view(
                sender=reply_to, address=prepared.address.address, message_id=mail.message_id,
                inbound_id=row.id)
        facts = self.preparer.facts(prepared, self.clock.now(),
                                    find_thread(session, mail, self.settings.ticket_prefix, pending),
                                    view.rate_facts(row.received_at))
        decision = decide(facts)
        language = None
        if decision.reply is not None and reply_to:  # only a reply needs the language
            language = (prerendered.detected if prerendered is not None and prerendered.detected
                        else detect(mail, tuple(self.settings.responder.languages),
                                    self.settings.responder.language_model))
        return Evaluation(prepared.address, mail, decision, reply_to, found.reasons, view,
                          prerendered, trusted=found.authenticated, language=language)

    # -- processing -----------------------------------------------------------------------------
    def process_one(self, inbound_id: int) -> Outcome | None:
        """Process one row in its own transaction; on failure the row is marked failed."""
        outcomes = self.process_batch([inbound_id])
        return outcomes[0] if outcomes else None

    def process_batch(self, ids: list[int]) -> list[Outcome]:
        """Process rows in one transaction (one commit). Parsing happens before the write lock
        is taken."""
        return self.process_prepared(ids, *self.preparer.prepare_many(self.queue.load(ids)))

    def process_prepared(self, ids: list[int], prepared: list[Prepared], failures: list[tuple],
                         prerendered: dict[int, RenderedReply] | None = None) -> list[Outcome]:
        """Decide and act on mails prepared already (here or in a backlog's pool). Should any
        fail, the batch is rolled back and redone with a savepoint per mail: the failing one is
        marked failed alone, the others go on."""
        ahead = prerendered or {}
        if len(prepared) > 1:
            try:
                return self._logged(self._run(prepared, ahead, isolate=False)[0], failures)
            except Exception:
                log.warning("a batch of %d failed; redoing it mail by mail", len(prepared))
        try:
            outcomes, more = self._run(prepared, ahead, isolate=True)
        except SQLAlchemyError:  # the commit itself failed: nothing of it happened
            log.exception("committing a batch of %d failed; they are released", len(ids))
            self.queue.release(ids)
            raise
        return self._logged(outcomes, failures + more)

    def _run(self, batch: list[Prepared], ahead: dict[int, RenderedReply],
             isolate: bool) -> tuple[list[Outcome], list[tuple]]:
        outcomes, failures = [], []
        with transaction(self.engine) as session:
            if not isolate:
                work = WorkBatch(session)
                work.ledger.prefetch(*_ledger_keys(batch))
                outcomes = [self._act(work, item, ahead.get(item.row.id)) for item in batch]
                work.flush()
                return outcomes, failures
            for item in batch:  # each mail alone: its own savepoint and its own writes
                try:
                    with session.begin_nested():
                        work = WorkBatch(session)
                        outcomes.append(self._act(work, item, ahead.get(item.row.id)))
                        work.flush()
                except OperationalError:
                    raise  # the database, not this mail: release the batch, try again later
                except Exception as exc:
                    log.exception("inbound %s: processing failed", item.row.id)
                    failures.append((item.row.id, exc))
        return outcomes, failures

    def _act(self, work: WorkBatch, item: Prepared, prerendered: RenderedReply | None) -> Outcome:
        evaluation = self.evaluate(work.session, item, work.ledger, prerendered, work.threads)
        return apply(work, self.settings, self.renderer, item.row, evaluation, self.clock.now())

    def _logged(self, outcomes: list[Outcome], failures: list[tuple]) -> list[Outcome]:
        for inbound_id, exc in failures:
            self.queue.mark_failed(inbound_id, exc)
        for outcome in outcomes:
            log.info("inbound %s: %s (%s) for %s%s", outcome.inbound_id, outcome.action,
                     outcome.reason, outcome.rcpt,
                     f" ticket {outcome.ticket}" if outcome.ticket else "",
                     extra={"event": "decision", "inbound_id": outcome.inbound_id,
                            "message_id": outcome.message_id, "rcpt": outcome.rcpt,
                            "action": outcome.action, "reason": outcome.reason})
        return outcomes

    def process_pending(self, retry_failed: bool = False, batch: int = 200,
                        max_batches: int | None = None) -> list[Outcome]:
        """Drain the queue (or take at most max_batches batches of it), a batch at a time."""
        outcomes: list[Outcome] = []
        taken = 0
        while max_batches is None or taken < max_batches:
            ids = self.queue.claim(batch, retry_failed=retry_failed)
            retry_failed = False  # failed rows get one more try per call, not an endless loop
            if not ids:
                break
            taken += 1
            outcomes.extend(self.process_batch(ids))
        return outcomes

    def preview(self, item: Incoming) -> Outcome:
        """What would happen to this mail: rendered reply included; nothing is stored or sent."""
        with Session(self.engine) as session:
            row = Row(0, item.raw, item.rcpt.lower(), item.sender, item.source, item.received_at)
            ev = self.evaluate(session, self.preparer.prepare(row))
            decision = ev.decision
            outcome = Outcome(str(decision.action), str(decision.reason), row.rcpt,
                              str(decision.phase), notes=list(decision.notes),
                              language=ev.language)
            if decision.action is Action.REJECT:
                outcome.refusal = reject_line(self.settings, ev.address, row.rcpt)
            if decision.thread is not None:
                outcome.ticket = decision.thread.number
            elif decision.action is Action.TICKET:
                next_id = (session.execute(select(func.max(Ticket.id))).scalar() or 0) + 1
                outcome.ticket = ticket_number(self.settings.ticket_prefix, next_id)
                outcome.notes.append("ticket number is provisional")
            if decision.reply is not None and ev.reply_to:
                # dated at the moment previewed (--at), as the reply would be then
                outcome.reply = self.renderer.render(
                    reply_request(ev, decision.reply, outcome.ticket), row.received_at)
            session.rollback()
        return outcome
