"""SMTP and LMTP reception (aiosmtpd). The receiver only validates, stores and answers:
`250` only after the mail is committed, `451` when it cannot be, processing happens later."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.codes import Reason
from gateway.config.settings import GatewaySettings
from gateway.errors import TemporaryFailure
from gateway.ingest.envelope import address_problem
from gateway.ingest.refusals import RefusalLog
from gateway.ingest.session_limits import ConnectionGate, SessionLimits
from gateway.ingest.smtp_addr import FastAddress
from gateway.ingest.smtp_big import BigLane
from gateway.ingest.smtp_data import BulkData
from gateway.ingest.smtp_tls import tls_context
from gateway.ingest.store import Incoming, Stored, insert_uncommitted, prepare, store_batch
from gateway.rules.door import Door, at_data, at_rcpt, reject_line
from gateway.rules.policy import Policies
from gateway.store.db import make_engine

log = logging.getLogger("gateway.smtp")
ROWS_PER_SESSION = 10  # refusals recorded with their envelope per session; the rest counted


class Status:
    """Protocol answers with their enhanced codes (RFC 3463)."""

    SENDER_OK = "250 2.1.0 Sender ok"
    BAD_SENDER = "553 5.1.7 Sender address rejected: {why}"
    RCPT_OK = "250 2.1.5 Recipient ok"
    BAD_RCPT = "553 5.1.3 Recipient address rejected: {why}"
    UNKNOWN_RCPT = "550 5.1.1 <{rcpt}>: not a mailbox of this gateway (no relaying)"
    # the reject phase's 550: rules.door.reject_line (per address: sales to the contact form)
    ONE_AT_A_TIME = ("452 4.5.3 <{rcpt}>: decided by its From header: please send it in a "
                     "transaction of its own")
    TOO_BIG = "552 5.3.4 Message too big for system"
    STORAGE_DOWN = "451 4.3.0 Temporary storage failure, please try again later"
    TOO_MANY_RCPTS = "452 4.5.3 Too many recipients"
    QUEUED = "250 2.0.0 Ok: queued as {ref}"


# aiosmtpd's own refusals of oversize mail carry no enhanced code; ours must (552 5.3.4).
_REWRITES = ("552 Error: Too much mail data", "552 Error: message size exceeds")


class BatchWriter:
    """Stores the mail of all concurrent sessions together: one commit (one fsync) per batch.

    While one batch is being committed, new mail queues up and forms the next batch, so the
    batch size grows with the load by itself. The commit runs in a thread, so the event loop
    reads the next sessions' mail during its fsync (1.4x the mails/s of committing on the loop,
    bench/smtp_ingest.py); on SQLite a small batch is inserted on the loop and only its COMMIT
    goes to the thread (see _store). SQLite runs with a zero busy timeout: a lock held by the
    worker is waited for with asyncio sleeps, not in a thread that holds the batch.
    """

    RETRY_SECONDS = 0.002
    INLINE_BYTES = 256 * 1024  # a batch up to this size is inserted on the loop (see _store)

    def __init__(self, engine: Engine, max_batch: int = 256, busy_timeout: float = 30) -> None:
        self.engine = engine
        self.inline = engine.dialect.name == "sqlite"
        # the writer's own engine, failing at once on a lock (the retry loop does the waiting)
        self.nowait = make_engine(str(engine.url), busy_timeout_ms=0) if self.inline else engine
        self.busy_timeout = busy_timeout
        self.max_batch = max_batch
        self._queue: asyncio.Queue[tuple[list[Incoming], asyncio.Future]] = asyncio.Queue()
        self._task: asyncio.Task | None = None
        self.on_stored: Callable[[], None] = lambda: None
        self.refusals = RefusalLog(engine)  # the reject phase's 550s, written in the background
        self.big = BigLane(engine, self.nowait, busy_timeout, lambda: self.on_stored())

    def start(self) -> None:
        # one thread of its own (batches are committed one after the other): cheaper per batch
        # than asyncio.to_thread, which copies the context and goes through the shared pool
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="batch-writer")
        self._task = asyncio.create_task(self._run(), name="batch-writer")
        self.refusals.start()

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._thread.shutdown(wait=False)  # a commit under way finishes in it
            self.big.close()
        while not self._queue.empty():  # nobody will store these now: 451, the MTA retries
            _, future = self._queue.get_nowait()
            if not future.done():
                future.set_exception(TemporaryFailure("shutting down"))
        await self.refusals.stop()

    async def store(self, items: list[Incoming]) -> list[Stored]:
        if sum(len(item.raw) for item in items) > self.INLINE_BYTES:
            return await self.big.store(items)  # beside the batches (smtp_big.py)
        future = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((items, future))
        return await future

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while not self._queue.empty() and len(batch) < self.max_batch:
                batch.append(self._queue.get_nowait())
            flat = [item for items, _ in batch for item in items]
            try:
                results = await self._store(flat)
            except asyncio.CancelledError:  # stopping mid-commit: these sessions get 451
                for _, future in batch:
                    if not future.done():
                        future.set_exception(TemporaryFailure("shutting down"))
                raise
            except TemporaryFailure as exc:  # database down or locked: every session gets 451
                log.error("storing %d message(s) failed: %s", len(flat), exc)
                self._fail(batch, exc)
                continue
            except Exception as exc:  # one mail that cannot be stored: find it, keep the others
                log.error("storing %d message(s) failed (%s); storing them one by one",
                          len(flat), exc)
                await self._one_by_one(batch)
                continue
            self._answer(batch, results)

    def _answer(self, batch: list, results: list[Stored]) -> None:
        offset = 0
        for items, future in batch:
            if not future.done():
                future.set_result(results[offset: offset + len(items)])
            offset += len(items)
        self.on_stored()

    @staticmethod
    def _fail(batch: list, exc: Exception) -> None:
        for _, future in batch:
            if not future.done():
                future.set_exception(TemporaryFailure(str(exc)))

    async def _one_by_one(self, batch: list) -> None:
        """Each session's mail in its own commit: a failing one gets its own 451 alone."""
        for entry in batch:
            try:
                self._answer([entry], await self._store(entry[0]))
            except asyncio.CancelledError:  # stopping: the ones not stored yet get 451
                self._fail(batch, TemporaryFailure("shutting down"))
                raise
            except Exception as exc:
                log.error("storing a message from %s failed: %s", entry[0][0].sender, exc)
                self._fail([entry], exc)

    async def _store(self, flat: list[Incoming]) -> list[Stored]:
        loop = asyncio.get_running_loop()
        if not self.inline:
            return await loop.run_in_executor(self._thread, store_batch, self.engine, flat)
        # A small batch is inserted right here and only its COMMIT (the fsync) goes to the
        # thread: a thread that inserts row by row waits for the loop's GIL at every row
        # (3.5 ms of a 5.5 ms commit under load). A big one is stored in the thread altogether.
        small = sum(len(item.raw) for item in flat) <= self.INLINE_BYTES
        prepared = prepare(flat) if small else []
        deadline = loop.time() + self.busy_timeout
        while True:
            try:
                if not small:
                    return await loop.run_in_executor(self._thread, store_batch, self.nowait,
                                                      flat)
                pending = insert_uncommitted(self.nowait, prepared)
                return await loop.run_in_executor(self._thread, pending.commit)
            except TemporaryFailure as exc:
                if "locked" not in str(exc) or loop.time() >= deadline:
                    raise
            await asyncio.sleep(self.RETRY_SECONDS)


class ReceptionHandler:
    """aiosmtpd handler: RCPT checks, then store-before-250 through the BatchWriter."""

    def __init__(self, settings: GatewaySettings, clock: Clock, writer: BatchWriter,
                 source: str, policies: Policies) -> None:
        self.settings = settings
        self.clock = clock
        self.writer = writer
        self.source = source
        self.policies = policies

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, mail_options: list[str]) -> str:
        problem = address_problem(address)
        if problem:
            return Status.BAD_SENDER.format(why=problem)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return Status.SENDER_OK

    def reconfigure(self, settings: GatewaySettings, policies: Policies) -> None:
        """A reloaded config: the next RCPT sees the new addresses and phases."""
        self.settings, self.policies = settings, policies

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        problem = address_problem(address)
        if problem:
            return Status.BAD_RCPT.format(why=problem)
        if len(envelope.rcpt_tos) >= self.settings.smtp.max_recipients:
            return Status.TOO_MANY_RCPTS
        policy = self.policies.get(address)
        if policy is None:
            return self._refused(session, envelope, address, "unknown",
                                 Status.UNKNOWN_RCPT.format(rcpt=address))
        door = at_rcpt(self.settings, policy.config, policy.phase_at(self.clock.now()),
                       envelope.mail_from)
        if door is Door.REFUSE:
            return self._refused(session, envelope, address, Reason.REJECT_PHASE,
                                 reject_line(self.settings, policy.config, address), policy.address)
        if getattr(envelope, "from_check", None) or (door is Door.AT_DATA and envelope.rcpt_tos):
            return Status.ONE_AT_A_TIME.format(rcpt=address)  # its DATA answer is its own
        if door is Door.AT_DATA:
            envelope.from_check = policy.config  # the From header decides at the end of DATA
        envelope.rcpt_tos.append(policy.address)  # technik+tag@ is stored for technik@
        return Status.RCPT_OK

    def _refused(self, session: Session, envelope: Envelope, rcpt: str, reason: str,
                 answer: str, ours: str | None = None) -> str:
        """Log the refusal; one of ours (the reject phase) is recorded too, strangers are not."""
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer)
        if ours is not None:  # a row for a session's first few, then counted only
            session.refused = getattr(session, "refused", 0) + 1
            self.writer.refusals.add(self.clock.now(), self.source, peer, envelope.mail_from,
                                     ours, reason, row=session.refused <= ROWS_PER_SESSION)
        log.info("refused RCPT %s from %s (%s): %s", rcpt, envelope.mail_from, peer, answer[:13],
                 extra={"event": "rcpt_refused", "rcpt": rcpt, "sender": envelope.mail_from,
                        "peer": peer, "reason": reason})
        return answer

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        check = getattr(envelope, "from_check", None)
        if check is not None and not at_data(self.settings, check, envelope.mail_from, raw):
            return self._refused(session, envelope, check.address, Reason.REJECT_PHASE,
                                 reject_line(self.settings, check, check.address), check.address)
        now = self.clock.now()
        sender = "" if envelope.mail_from in (None, "", "<>") else envelope.mail_from
        items = [Incoming(raw, rcpt, sender, self.source, now)
                 for rcpt in envelope.rcpt_tos]
        try:
            stored = await self.writer.store(items)
        except TemporaryFailure:
            return "\r\n".join([Status.STORAGE_DOWN] * len(items)) if (
                self.source == "lmtp") else Status.STORAGE_DOWN
        refs = [str(s.inbound_id) for s in stored]
        for item, saved in zip(items, stored, strict=True):
            log.info("accepted %d byte(s) from %s for %s as inbound %s via %s%s", len(raw),
                     envelope.mail_from, item.rcpt, saved.inbound_id, self.source,
                     " (duplicate)" if saved.duplicate else "",
                     extra={"event": "accepted", "inbound_id": saved.inbound_id,
                            "rcpt": item.rcpt, "sender": envelope.mail_from,
                            "source": self.source})
        if self.source == "lmtp":  # LMTP: one answer per accepted recipient
            return "\r\n".join(Status.QUEUED.format(ref=ref) for ref in refs)
        # SMTP: one answer for the whole transaction; all its rows were committed together
        return Status.QUEUED.format(ref=",".join(dict.fromkeys(refs)))  # each stored row once


def _protocol_class(base: type[SMTP]) -> type[SMTP]:
    class GatewayProtocol(SessionLimits, BulkData, FastAddress, base):  # type: ignore[valid-type, misc]
        async def push(self, status) -> None:
            if isinstance(status, str) and status.startswith(_REWRITES):
                status = Status.TOO_BIG
            await super().push(status)

    return GatewayProtocol


def protocol_factory(settings: GatewaySettings, clock: Clock, writer: BatchWriter, lmtp: bool,
                     policies: Policies) -> Callable[[], asyncio.Protocol]:
    """A factory for loop.create_server: SMTP or LMTP sessions behind a connection cap."""
    handler = ReceptionHandler(settings, clock, writer, "lmtp" if lmtp else "smtp", policies)
    gate = ConnectionGate(settings.smtp.max_connections, settings.smtp.max_connections_per_client)
    protocol = _protocol_class(LMTP if lmtp else SMTP)
    protocol.gate = gate
    protocol.max_session_seconds = settings.smtp.max_session_seconds
    context = tls_context(settings)

    def make() -> asyncio.Protocol:
        return protocol(handler, data_size_limit=settings.smtp.max_message_size,
                        enable_SMTPUTF8=True, hostname=settings.smtp.hostname,
                        timeout=settings.smtp.timeout_seconds, tls_context=context,
                        ident="support-mail-gateway")

    make.gate = gate  # type: ignore[attr-defined]  (the service waits for it to empty on stop)
    make.handler = handler  # type: ignore[attr-defined]  (reconfigured on reload)
    return make
