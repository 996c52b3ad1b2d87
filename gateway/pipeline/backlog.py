"""Speed for backlogs (`process`, `import`, `poll`): while one batch is decided on and written, the
next one is parsed and classified in a pool of processes on the other cores, which also render
the redirection of mail that will get one. It wraps the pipeline and changes no decision; the
daemon's worker does without it (it takes small batches between bursts of reception)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime

from gateway.codes import Action, ReplyKind
from gateway.config.settings import GatewaySettings
from gateway.pipeline.act import Outcome
from gateway.pipeline.process import Pipeline
from gateway.pipeline.render import RenderedReply, Renderer, request_for
from gateway.rules.decide import decide
from gateway.rules.language import detect
from gateway.rules.prepare import Prepared, Preparer, Row

Parsed = tuple[list[Prepared], list[tuple[int, Exception]], dict[int, RenderedReply]]


def likely_redirect(preparer: Preparer, p: Prepared, now: datetime) -> bool:
    """Whether `decide` will redirect this mail, as far as it can be known without the database:
    a mail that may answer a ticket (In-Reply-To, References, a ticket tag) is left out, and the
    ledger's rate limits may still suppress the reply (then the rendering is not used)."""
    if p.reply_to is None or p.mail.in_reply_to or p.mail.references:
        return False
    if f"[{preparer.settings.ticket_prefix}-" in p.mail.subject.upper():
        return False
    return decide(preparer.facts(p, now)).action is Action.REDIRECT


# -- in a pool process -------------------------------------------------------------------------
_POOL: tuple[Preparer, Renderer] | None = None


def pool_init(settings: GatewaySettings) -> None:
    global _POOL
    preparer = Preparer(settings)
    _POOL = (preparer, Renderer(settings, preparer.policies))


def pool_prepare(rows: list[Row], now: datetime) -> Parsed:
    """Parse, classify and render likely redirections; the raw bytes are not sent back (the
    parsed mail is what counts), unless big attachments are still to be read from them."""
    assert _POOL is not None
    preparer, renderer = _POOL
    prepared, failures = preparer.prepare_many(rows)
    ahead = {}
    for p in prepared:
        if likely_redirect(preparer, p, now):
            assert p.reply_to is not None
            responder = preparer.settings.responder
            found = detect(p.mail, tuple(responder.languages), responder.language_model)
            request = request_for(ReplyKind.REDIRECT, p.reply_to, p.address, p.mail,
                                  trusted=p.classification.authenticated, languages=found.order)
            ahead[p.row.id] = replace(renderer.render(request, now), detected=found)
    slim = [p if any(a.cut for a in p.mail.attachments) else replace(p, row=replace(p.row, raw=b""))
            for p in prepared]
    return slim, failures, ahead


class Backlog:
    """The pipeline, draining a backlog with parse_workers extra processes (none: the plain
    pipeline, a batch at a time)."""

    def __init__(self, pipeline: Pipeline, parse_workers: int = 0) -> None:
        self.pipeline = pipeline
        self.parse_workers = parse_workers
        self._parse_pool: ProcessPoolExecutor | None = None

    def process_pending(self, retry_failed: bool = False, batch: int = 200) -> list[Outcome]:
        """Drain the queue. A full batch is parsed in the pool while the one before it is
        decided on and written; a short one (the end of the backlog) is processed here."""
        pipeline, queue = self.pipeline, self.pipeline.queue
        outcomes: list[Outcome] = []
        waiting: tuple[list[int], Future[Parsed]] | None = None
        while ids := queue.claim(batch, retry_failed=retry_failed):
            retry_failed = False  # failed rows get one more try per call, not an endless loop
            ahead = self._submit(ids) if len(ids) == batch and self.parse_workers else None
            if waiting is not None:  # parsed meanwhile, while the pool takes the next one
                outcomes.extend(pipeline.process_prepared(waiting[0], *waiting[1].result()))
            waiting = ahead
            if ahead is None:
                outcomes.extend(pipeline.process_batch(ids))
        if waiting is not None:
            outcomes.extend(pipeline.process_prepared(waiting[0], *waiting[1].result()))
        return outcomes

    def _submit(self, ids: list[int]) -> tuple[list[int], Future[Parsed]]:
        rows = self.pipeline.queue.load(ids)
        return ids, self._pool().submit(pool_prepare, rows, self.pipeline.clock.now())

    def _pool(self) -> ProcessPoolExecutor:
        """Started on first need (a full batch waiting), so small runs pay nothing for it."""
        if self._parse_pool is None:
            self._parse_pool = ProcessPoolExecutor(
                self.parse_workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=pool_init, initargs=(self.pipeline.settings,))
        return self._parse_pool

    def warm_up(self) -> None:
        """Start the parse pool now (its processes take a moment to import the gateway)."""
        if self.parse_workers:
            self._pool().submit(pool_prepare, [], self.pipeline.clock.now()).result()

    def close(self) -> None:
        if self._parse_pool is not None:
            self._parse_pool.shutdown()
            self._parse_pool = None
