"""The pipeline: stored rows → parse, classify (prepare) → decide → act, a batch per transaction.
A failure marks the row failed with its error; one poison mail never blocks the others. The
queue (queue.py) says which rows; the worker and the backlog commands drive it."""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from gateway.act import Evaluation, Outcome, WorkBatch, apply, reply_request
from gateway.clock import Clock
from gateway.codes import Action
from gateway.config import GatewaySettings
from gateway.db import transaction
from gateway.decide import Facts, Limits, decide
from gateway.exceptions import matching_rule
from gateway.ingest.store import Incoming
from gateway.models import Ticket
from gateway.policy import Policies
from gateway.prepare import Prepared, Preparer, Row, pool_init, pool_prepare
from gateway.queue import InboundQueue
from gateway.render import Renderer
from gateway.responder import Ledger, LedgerView
from gateway.tickets import find_thread, ticket_number

log = logging.getLogger("gateway.process")


def _ledger_keys(batch: list[Prepared]) -> tuple[set[tuple[str, str]], set[str]]:
    """The ledger rows and Message-IDs a batch will look at, to read them in one go."""
    people = [p for p in batch if p.reply_to and not p.classification.automated]
    return ({(p.reply_to, p.address.address) for p in people},
            {p.mail.message_id for p in people if p.mail.message_id})


class Pipeline:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 parse_workers: int = 0, policies: Policies | None = None) -> None:
        """parse_workers > 0: parse big backlogs in that many extra processes (other cores)."""
        self.settings = settings
        self.parse_workers = parse_workers
        self._parse_pool: ProcessPoolExecutor | None = None
        self.engine = engine
        self.clock = clock
        self.queue = InboundQueue(engine, clock)
        self.policies = policies or Policies(settings)
        self.renderer = Renderer(settings, self.policies)
        self.preparer = Preparer(settings, policies=self.policies)
        responder = settings.responder
        self.limits = Limits(redirect_interval=timedelta(hours=responder.redirect_interval_hours),
                             ack_per_sender_per_hour=responder.ack_per_sender_per_hour,
                             global_replies_per_hour=responder.global_replies_per_hour)

    # -- evaluation (reads only) --------------------------------------------------------------
    def evaluate(self, session: Session, row: Row, prepared: Prepared | None = None,
                 ledger: Ledger | None = None) -> Evaluation:
        prepared = prepared or self.preparer.prepare(row)
        address, mail, found, reply_to = (prepared.address, prepared.mail,
                                          prepared.classification, prepared.reply_to)
        timeline = prepared.policy.timeline
        view = LedgerView()
        if reply_to and not found.automated:
            view = (ledger or Ledger(session)).view(
                sender=reply_to, address=address.address, message_id=mail.message_id,
                inbound_id=row.id)
        facts = Facts(
            phase=prepared.phase, received_at=row.received_at,
            source=row.source, classification=found, cutover=timeline.cutover,
            followup_grace=timedelta(days=address.followup_grace_days), reply_to=reply_to,
            empty=not mail.has_content and mail.error is not None,
            thread=find_thread(session, mail, self.settings.ticket_prefix),
            rates=view.rate_facts(row.received_at), limits=self.limits,
            automated_tickets=self.settings.automated_tickets,
            exception=matching_rule(self.settings.exceptions,
                                    (reply_to, row.envelope_sender, mail.from_addr), row.rcpt),
            replies_allowed=self._replies_allowed(row))
        return Evaluation(address, mail, decide(facts), reply_to, found.reasons, view,
                          prepared.redirect_reply)

    def _replies_allowed(self, row: Row) -> bool:
        """Backfill (import, an IMAP mailbox's first poll): no replies to old mail."""
        if row.replies == "none":
            return False
        if row.replies == "recent":
            window = timedelta(hours=self.settings.backfill_reply_window_hours)
            return row.received_at >= self.clock.now() - window
        return True

    # -- processing -----------------------------------------------------------------------------
    def process_one(self, inbound_id: int) -> Outcome | None:
        """Process one row in its own transaction; on failure the row is marked failed."""
        outcomes = self.process_batch([inbound_id])
        return outcomes[0] if outcomes else None

    def process_batch(self, ids: list[int]) -> list[Outcome]:
        """Process rows in one transaction (one commit). Parsing happens before the write lock
        is taken. Should any mail fail, the batch is rolled back and redone with a savepoint
        per mail: the failing one is marked failed alone, the others go on."""
        return self._decide_and_act(ids, *self._prepare_all(ids))

    def _decide_and_act(self, ids: list[int], prepared: list[Prepared],
                        failures: list[tuple]) -> list[Outcome]:
        if len(prepared) > 1:
            try:
                return self._logged(self._run(prepared, isolate=False)[0], failures)
            except Exception:
                log.warning("a batch of %d failed; redoing it mail by mail", len(prepared))
        try:
            outcomes, more = self._run(prepared, isolate=True)
        except SQLAlchemyError:  # the commit itself failed: nothing of it happened
            log.exception("committing a batch of %d failed; they are released", len(ids))
            self.queue.release(ids)
            raise
        return self._logged(outcomes, failures + more)

    def _prepare_all(self, ids: list[int]) -> tuple[list[Prepared], list[tuple]]:
        return self.preparer.prepare_many(self.queue.load(ids))

    def _run(self, batch: list[Prepared], isolate: bool) -> tuple[list[Outcome], list[tuple]]:
        outcomes, failures = [], []
        with transaction(self.engine) as session:
            if not isolate:
                work = WorkBatch(session)
                work.ledger.prefetch(*_ledger_keys(batch))
                outcomes = [self._act(work, item) for item in batch]
                work.flush()
                return outcomes, failures
            for item in batch:  # each mail alone: its own savepoint and its own writes
                try:
                    with session.begin_nested():
                        work = WorkBatch(session)
                        outcomes.append(self._act(work, item))
                        work.flush()
                except OperationalError:
                    raise  # the database, not this mail: release the batch, try again later
                except Exception as exc:
                    log.exception("inbound %s: processing failed", item.row.id)
                    failures.append((item.row.id, exc))
        return outcomes, failures

    def _act(self, work: WorkBatch, item: Prepared) -> Outcome:
        evaluation = self.evaluate(work.session, item.row, item, work.ledger)
        return apply(work, self.settings, self.renderer, item.row, evaluation, self.clock.now())

    def _logged(self, outcomes: list[Outcome], failures: list[tuple]) -> list[Outcome]:
        for inbound_id, exc in failures:
            self.queue.mark_failed(inbound_id, exc)
        for outcome in outcomes:
            log.info("inbound %s: %s (%s) for %s%s", outcome.inbound_id, outcome.action,
                     outcome.reason, outcome.rcpt,
                     f" ticket {outcome.ticket}" if outcome.ticket else "")
        return outcomes

    def process_pending(self, retry_failed: bool = False, batch: int = 200,
                        max_batches: int | None = None) -> list[Outcome]:
        """Drain the queue (or take at most max_batches batches of it). With a parse pool, the
        next batch is parsed in the pool while this one is decided on and written."""
        outcomes: list[Outcome] = []
        taken, waiting = 0, None
        while max_batches is None or taken < max_batches:
            ids = self.queue.claim(batch, retry_failed=retry_failed)
            retry_failed = False  # failed rows get one more try per call, not an endless loop
            if not ids:
                break
            taken += 1
            if len(ids) == batch and self.parse_workers and max_batches is None:
                ahead = (ids, self._pool().submit(pool_prepare, self.queue.load(ids), self.clock.now()))
                if waiting is not None:
                    outcomes.extend(self._decide_and_act(waiting[0], *waiting[1].result()))
                waiting = ahead
                continue
            if waiting is not None:
                outcomes.extend(self._decide_and_act(waiting[0], *waiting[1].result()))
                waiting = None
            outcomes.extend(self.process_batch(ids))
        if waiting is not None:
            outcomes.extend(self._decide_and_act(waiting[0], *waiting[1].result()))
        return outcomes

    def _pool(self) -> ProcessPoolExecutor:
        """Started on first need (a full batch waiting), so small runs pay nothing for it."""
        if self._parse_pool is None:
            self._parse_pool = ProcessPoolExecutor(
                self.parse_workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=pool_init, initargs=(self.settings,))
        return self._parse_pool

    def warm_up(self) -> None:
        """Start the parse pool now (its processes take a moment to import the gateway)."""
        if self.parse_workers:
            self._pool().submit(pool_prepare, [], self.clock.now()).result()

    def close(self) -> None:
        if self._parse_pool is not None:
            self._parse_pool.shutdown()
            self._parse_pool = None

    def preview(self, item: Incoming) -> Outcome:
        """What would happen to this mail: rendered reply included; nothing is stored or sent."""
        with Session(self.engine) as session:
            row = Row(0, item.raw, item.rcpt.lower(), item.sender, item.source, item.received_at)
            ev = self.evaluate(session, row)
            decision = ev.decision
            outcome = Outcome(str(decision.action), str(decision.reason), row.rcpt,
                              str(decision.phase), notes=list(decision.notes))
            if decision.thread is not None:
                outcome.ticket = decision.thread.number
            elif decision.action is Action.TICKET:
                next_id = (session.execute(select(func.max(Ticket.id))).scalar() or 0) + 1
                outcome.ticket = ticket_number(self.settings.ticket_prefix, next_id)
                outcome.notes.append("ticket number is provisional")
            if decision.reply is not None and ev.reply_to:
                outcome.reply = self.renderer.render(
                    reply_request(ev, decision.reply, outcome.ticket), self.clock.now())
            session.rollback()
        return outcome
