"""`gateway serve`: the SMTP/LMTP listeners and scheduled jobs in one asyncio process, the worker
and the outbox sender in a second process at a lower priority (both cores: reception stays fast
while mail is processed). SIGTERM/SIGINT stop it gracefully: no new connections, open sessions
may finish, whatever is stored but unprocessed is picked up at the next start."""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from datetime import UTC, datetime
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event as EventType

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config import GatewaySettings, HostPort
from gateway.db import make_engine, transaction
from gateway.errors import ConfigError
from gateway.ingest.imap_idle import ImapWatchers
from gateway.ingest.smtp import BatchWriter, ConnectionGate, protocol_factory
from gateway.models import HEARTBEAT_SECONDS, ServiceState
from gateway.outbox import Outbox
from gateway.policy import Policies
from gateway.process import Pipeline
from gateway.retention import purge

log = logging.getLogger("gateway.service")
SHUTDOWN_GRACE_SECONDS = 30


WORKER_BATCH = 25  # small: the worker holds the SQLite write lock for one batch at a time
WORKER_NICE = 5
# Reception first: while mail keeps arriving, the worker waits for a quiet moment, but never
# longer than MAX_DEFER, so processing cannot starve under a sustained load.
QUIET_SECONDS = 0.05
MAX_DEFER_SECONDS = 1.0


def worker_main(settings: GatewaySettings, clock: Clock, wake: EventType, stop: EventType,
                last_stored: Synchronized, log_level: int) -> None:
    """The worker process: process stored mail and deliver replies whenever woken."""
    os.nice(WORKER_NICE)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    signal.signal(signal.SIGTERM, lambda *_: (stop.set(), wake.set()))
    logging.basicConfig(level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s[worker]: %(message)s")
    logging.getLogger("gateway").setLevel(log_level)
    engine = make_engine(settings.database_url, settings.busy_timeout_ms)
    pipeline, outbox = Pipeline(settings, engine, clock), Outbox(settings, engine, clock)
    kick = threading.Event()
    # The outbox has a thread of its own: a slow relay never holds up processing.
    sender = threading.Thread(target=_outbox_loop, args=(outbox, settings, stop, kick),
                              name="outbox", daemon=True)
    sender.start()
    while not stop.is_set():
        wake.wait(settings.worker_interval_seconds)
        wake.clear()
        while not stop.is_set():  # one batch at a time, each after a quiet moment
            _wait_for_quiet(last_stored, stop)
            if not process_once(pipeline, max_batches=1):
                break
            kick.set()
    kick.set()
    sender.join(timeout=SHUTDOWN_GRACE_SECONDS)
    engine.dispose()


def _outbox_loop(outbox: Outbox, settings: GatewaySettings, stop: EventType,
                 kick: threading.Event) -> None:
    while not stop.is_set():
        kick.wait(settings.worker_interval_seconds)
        kick.clear()
        send_once(outbox)


def _wait_for_quiet(last_stored: Synchronized, stop: EventType) -> None:
    deferred_since = time.monotonic()
    while not stop.is_set() and time.monotonic() - deferred_since < MAX_DEFER_SECONDS:
        if time.monotonic() - last_stored.value >= QUIET_SECONDS:
            return
        time.sleep(QUIET_SECONDS / 2)


def process_once(pipeline: Pipeline, max_batches: int | None = None) -> int:
    """Process stored mail; returns how many mails were processed."""
    try:
        return len(pipeline.process_pending(batch=WORKER_BATCH, max_batches=max_batches))
    except Exception:  # database down: stay alive, try again when woken
        log.exception("worker: processing failed")
        return 0


def send_once(outbox: Outbox) -> None:
    try:
        outbox.send_due()
    except Exception:  # database down: stay alive, try again at the next round
        log.exception("outbox: sending failed")


def work_once(pipeline: Pipeline, outbox: Outbox) -> int:
    """Process stored mail, then deliver due replies (the in-process worker)."""
    processed = process_once(pipeline)
    send_once(outbox)
    return processed


def report_state(engine: Engine, name: str, started_at: datetime, now: datetime,
                 detail: dict | None) -> None:
    """Record that this daemon is alive (detail), or, with None, that it stopped cleanly."""
    with transaction(engine) as session:
        row = session.get(ServiceState, name)
        if detail is None:
            if row is not None:
                session.delete(row)
            return
        if row is None:
            row = ServiceState(name=name, started_at=started_at, seen_at=now)
            session.add(row)
        row.seen_at, row.detail = now, json.dumps(detail)


class Service:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 worker_process: bool = True) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.policies = Policies(settings)  # built once: reception, worker and log share it
        self.pipeline = Pipeline(settings, engine, clock, policies=self.policies)
        self.outbox = Outbox(settings, engine, clock)
        self.writer = BatchWriter(engine, busy_timeout=settings.database_busy_timeout_seconds)
        self.servers: list[asyncio.Server] = []
        self.gates: list[ConnectionGate] = []
        self.listening: dict[str, tuple[str, int]] = {}
        self._work = asyncio.Event()
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self.scheduler = AsyncIOScheduler(timezone=settings.timezone)
        self.worker_process = worker_process
        context = multiprocessing.get_context("spawn")
        self._mp = context
        self._wake_process = context.Event()
        self._stop_process = context.Event()
        self._last_stored = context.Value("d", 0.0, lock=False)  # time.monotonic() of the last store
        self._process: multiprocessing.process.BaseProcess | None = None
        self.imap: ImapWatchers | None = None
        self.state_name = f"{socket.gethostname()}:{os.getpid()}"
        self.started_at = clock.now()

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        released = self.pipeline.release_claims() if self._single_instance() else 0
        recovered = self.outbox.recover() if self._single_instance() else 0
        if released or recovered:
            log.warning("after an unclean stop: %d message(s) requeued, %d reply(ies) "
                        "marked unconfirmed/requeued", released, recovered)
        self.writer.start()
        for name, value, lmtp in (("smtp", self.settings.smtp.listen, False),
                                  ("lmtp", self.settings.smtp.lmtp_listen, True)):
            if value:
                await self._listen(name, value, lmtp)
        interval = self.settings.worker_interval_seconds
        if self.worker_process:
            self.writer.on_stored = self._stored
            self._start_process()
            self.scheduler.add_job(self._supervise, "interval", seconds=interval, id="supervise")
        else:
            self.writer.on_stored = self._work.set
            self._tasks.append(asyncio.create_task(self._worker(), name="worker"))
            self.scheduler.add_job(self._work.set, "interval", seconds=interval, id="sweep")
        if self.settings.imap:  # one watcher thread per folder (IDLE, else polling)
            self.imap = ImapWatchers(self.settings, self.engine, self.clock, self._imap_stored)
            self.imap.start()
        if self.settings.retention_days:
            self.scheduler.add_job(self._purge, "cron", hour=3, minute=17, id="retention")
        self.scheduler.add_job(self._heartbeat, "interval", seconds=HEARTBEAT_SECONDS,
                               id="heartbeat", next_run_time=datetime.now(UTC))
        self.scheduler.start()
        self._log_phases()
        self._work.set()  # anything left from before the start

    def _single_instance(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def _listen(self, name: str, value: str, lmtp: bool) -> None:
        host, port = HostPort.parse(value, any_port=True)
        factory = protocol_factory(self.settings, self.clock, self.writer, lmtp, self.policies)
        try:
            server = await asyncio.get_running_loop().create_server(factory, host, port)
        except OSError as exc:
            key = "smtp.listen (GATEWAY_SMTP_LISTEN)" if not lmtp else (
                "smtp.lmtp_listen (GATEWAY_LMTP_LISTEN)")
            raise ConfigError(key, f"cannot listen on {value}: {exc.strerror}",
                              "choose a free address:port, or stop what holds it") from None
        self.servers.append(server)
        self.gates.append(factory.gate)
        bound = server.sockets[0].getsockname()
        self.listening[name] = (bound[0], bound[1])
        log.info("listening for %s on %s:%s", name.upper(), bound[0], bound[1])

    def _log_phases(self) -> None:
        now = self.clock.now()
        for policy in self.policies:
            log.info("%s (%s) is in phase %s", policy.address, policy.config.department,
                     policy.phase_at(now))
        target = self.settings.outbox_dir if self.settings.dry_run else (
            f"relay {self.settings.relay.host}:{self.settings.relay.port}")
        log.info("replies go to %s", target)

    def _imap_stored(self) -> None:
        """Called from a watcher thread once its mail is committed: wake the worker."""
        if self.worker_process:
            self._wake_process.set()
        else:
            self._loop.call_soon_threadsafe(self._work.set)

    async def _purge(self) -> None:
        try:
            await asyncio.to_thread(purge, self.engine, self.clock.now(),
                                    self.settings.retention_days)
        except Exception:
            log.exception("retention: purge failed; next try tomorrow")

    async def _heartbeat(self) -> None:
        detail = {"pid": os.getpid(), "listening": {k: f"{h}:{p}" for k, (h, p) in
                                                    self.listening.items()},
                  "worker_process": (self._process.pid if self._process is not None
                                     and self._process.is_alive() else None),
                  "imap": self.imap.state() if self.imap is not None else None}
        try:
            await asyncio.to_thread(report_state, self.engine, self.state_name, self.started_at,
                                    self.clock.now(), detail)
        except Exception:  # a status report must never take the daemon down
            log.exception("heartbeat: could not record the service state")

    def _stored(self) -> None:
        self._last_stored.value = time.monotonic()
        self._wake_process.set()

    def _start_process(self) -> None:
        self._process = self._mp.Process(
            target=worker_main, name="gateway-worker", daemon=False,
            args=(self.settings, self.clock, self._wake_process, self._stop_process,
                  self._last_stored, logging.getLogger("gateway").getEffectiveLevel()))
        self._process.start()
        log.info("worker process %s started", self._process.pid)

    def _supervise(self) -> None:
        """The worker process must live: if it died, start a new one (and say so)."""
        self._wake_process.set()  # also the periodic sweep for retries and missed wake-ups
        if self._process is not None and not self._process.is_alive() and (
                not self._stopping.is_set()):
            log.error("worker process exited with %s; starting a new one",
                      self._process.exitcode)
            self._start_process()

    async def _worker(self) -> None:
        """In-process worker (tests, or `worker_process=False`): same work, one core."""
        while not self._stopping.is_set():
            await self._work.wait()
            self._work.clear()
            await asyncio.to_thread(work_once, self.pipeline, self.outbox)

    async def stop(self) -> None:
        log.info("stopping: no new connections")
        self._stopping.set()
        for server in self.servers:
            server.close()
        await self._drain_sessions()
        self.scheduler.shutdown(wait=False)
        if self.imap is not None:
            await asyncio.to_thread(self.imap.stop)
        self._work.set()
        await self._stop_worker_process()
        for task in self._tasks:
            try:
                await asyncio.wait_for(task, SHUTDOWN_GRACE_SECONDS)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
        await self.writer.stop()
        await asyncio.to_thread(report_state, self.engine, self.state_name, self.started_at,
                                self.clock.now(), None)
        log.info("stopped")

    async def _stop_worker_process(self) -> None:
        if self._process is None:
            return
        self._stop_process.set()
        self._wake_process.set()
        await asyncio.to_thread(self._process.join, SHUTDOWN_GRACE_SECONDS)
        if self._process.is_alive():
            log.warning("worker process did not stop in time; terminating it")
            self._process.terminate()
            await asyncio.to_thread(self._process.join, 5)

    async def _drain_sessions(self) -> None:
        """Let open sessions finish (their mail is stored before they get 250), for a while."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SHUTDOWN_GRACE_SECONDS
        while any(g.active for g in self.gates) and loop.time() < deadline:
            await asyncio.sleep(0.05)
        if any(g.active for g in self.gates):
            log.warning("sessions still open after %ss; they get no 250 and their MTAs retry",
                        SHUTDOWN_GRACE_SECONDS)

    async def run_until_signal(self) -> None:
        # The store thread and the event loop share the GIL: hand it over more often than the
        # default 5 ms, so that a finished commit turns into a 250 sooner.
        sys.setswitchinterval(0.001)
        await self.start()
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await self.stop()
