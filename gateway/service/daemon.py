"""`gateway serve`: the SMTP/LMTP listeners and the scheduled jobs in one asyncio process, the
worker (worker.py) in a second process at a lower priority, supervised from here (both cores:
reception stays fast while mail is processed). SIGTERM/SIGINT stop it gracefully: no new
connections, open sessions may finish, whatever is stored but unprocessed is picked up at the
next start."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config.settings import GatewaySettings, HostPort
from gateway.delivery.outbox import Outbox
from gateway.errors import ConfigError
from gateway.ingest import policy_service
from gateway.ingest.smtp import BatchWriter, ConnectionGate, protocol_factory
from gateway.rules.policy import Policies
from gateway.service.lifecycle import Lifecycle
from gateway.service.memory import FreeMemory
from gateway.service.service_state import report_state, state_name
from gateway.service.worker import SHUTDOWN_GRACE_SECONDS, STOP_SIGNALS, WORKER_STOP_SECONDS
from gateway.service.worker_handle import WorkerHandle
from gateway.store.models import HEARTBEAT_SECONDS
from gateway.store.queue import InboundQueue
from gateway.store.retention import purge

if TYPE_CHECKING:
    from gateway.ingest.imap_idle import ImapWatchers

log = logging.getLogger("gateway.daemon")


class Service:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 worker_process: bool = True) -> None:
        """worker_process=False: the same worker loop in a thread of this process (tests)."""
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.policies = Policies(settings)  # built once: reception, worker and log share it
        self.writer = BatchWriter(engine, busy_timeout=settings.database_busy_timeout_seconds)
        self.worker = WorkerHandle(settings, engine, clock, self.policies, worker_process)
        self.servers: list[asyncio.Server] = []
        self.gates: list[ConnectionGate] = []
        self.listening: dict[str, tuple[str, int]] = {}
        self._stopping = self._prepared = False
        self._reloading = self._reload_again = False
        self.scheduler = AsyncIOScheduler(timezone=settings.timezone)
        self.imap: ImapWatchers | None = None
        self.state_name = state_name()
        self.started_at = clock.now()
        self.config_path: str | None = None  # re-read on SIGHUP
        self.handlers: list = []
        self.lifecycle = Lifecycle(self)
        self.free_memory = FreeMemory()

    def prepare(self) -> None:
        """Before the event loop (no thread yet): recover the queue, then start the worker, a
        fork that shares this process's imported modules (gc.freeze: the collector of either
        process leaves their objects, so their pages stay shared)."""
        self._recover()
        if self.worker.separate_process:
            # The first state row before the fork: the ORM's one-time work of a first write
            # (mappers, lazy attributes of shared objects) stays shared; after it, 9 MB copied.
            try:
                report_state(self.engine, self.state_name, self.started_at, self.clock.now(),
                             {"pid": os.getpid(), "listening": {}})
            except Exception:  # as in the heartbeat: a status report never stops the daemon
                log.exception("could not record the service state before the worker's fork")
            self.engine.dispose()  # no open database connection goes into the fork
            gc.collect()
            gc.freeze()
        self.worker.start()
        self._prepared = True

    async def start(self) -> None:
        if not self._prepared:
            self.prepare()
        self.writer.start()
        try:
            await self._listen_all()
        except BaseException:  # e.g. the port is taken: the worker must not outlive us
            await asyncio.to_thread(self.worker.stop)
            raise
        self.writer.on_stored = self.worker.stored
        self._start_imap(self.settings)
        self._schedule()
        self.scheduler.start()
        self._log_phases()
        self.worker.wake()  # anything left from before the start
        self.lifecycle.started()

    def _start_imap(self, settings: GatewaySettings) -> None:
        """One watcher thread per folder (IDLE, else polling). imapclient is imported only
        where mailboxes are configured: 2 MB that a daemon without them does not hold."""
        if settings.imap:
            from gateway.ingest.imap_idle import ImapWatchers

            self.imap = ImapWatchers(settings, self.engine, self.clock, self.worker.wake)
            self.imap.start()

    async def _listen_all(self) -> None:
        for name, value, lmtp in (("smtp", self.settings.smtp.listen, False),
                                  ("lmtp", self.settings.smtp.lmtp_listen, True)):
            if value:
                await self._listen(name, value, lmtp)
        if self.settings.postfix.policy_listen:
            await self._listen_policy(self.settings.postfix.policy_listen)

    def _recover(self) -> None:
        """A single instance owns the queue: what a crash left in flight goes back (mail) or
        is marked unconfirmed (replies). Several instances leave it to the stale-claim rules."""
        if self.engine.dialect.name != "sqlite":
            return
        released = InboundQueue(self.engine, self.clock).release_claims()
        recovered = Outbox(self.settings, self.engine, self.clock).recover()
        if released or recovered:
            log.warning("after an unclean stop: %d message(s) requeued, %d reply(ies) "
                        "marked unconfirmed/requeued", released, recovered)

    def _schedule(self) -> None:
        self.scheduler.add_job(self._supervise, "interval", id="supervise",
                               seconds=self.settings.worker_interval_seconds)
        if self.settings.retention_days:
            self.scheduler.add_job(self._purge, "cron", hour=3, minute=17, id="retention")
        self.scheduler.add_job(self._heartbeat, "interval", seconds=HEARTBEAT_SECONDS,
                               id="heartbeat", next_run_time=datetime.now(UTC))
        self.scheduler.add_job(self.lifecycle.tick, "interval", id="watchdog",
                               seconds=self.lifecycle.ping_seconds)  # as it logs it

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
        self.handlers.append(factory.handler)
        bound = server.sockets[0].getsockname()
        self.listening[name] = (bound[0], bound[1])
        log.info("listening for %s on %s:%s", name.upper(), bound[0], bound[1])

    async def _listen_policy(self, value: str) -> None:
        """Postfix's check_policy_service: the reject phase inside Postfix's own session."""
        server = await policy_service.listen(self.settings, self.clock, *HostPort.parse(
            value, any_port=True), refusals=self.writer.refusals)
        self.servers.append(server)
        bound = server.sockets[0].getsockname()
        self.listening["policy"] = (bound[0], bound[1])
        log.info("policy service for Postfix on %s:%s", bound[0], bound[1])

    def _log_phases(self) -> None:
        now = self.clock.now()
        for policy in self.policies:
            log.info("%s (%s) is in phase %s", policy.address, policy.config.department_name,
                     policy.phase_at(now))
        target = self.settings.outbox_dir if self.settings.dry_run else (
            f"relay {self.settings.relay.host}:{self.settings.relay.port}")
        log.info("replies go to %s", target)

    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def imap_state(self) -> dict | None:
        return self.imap.state() if self.imap is not None else None

    def worker_alive(self, silence: float) -> bool:
        """The worker lives and its loop turned within `silence` seconds."""
        return self.worker.alive_recently(silence)

    def _supervise(self) -> None:
        """The worker must live: if it died, start a new one (and say so)."""
        if not self._stopping:
            self.worker.revive()
        self.worker.wake()  # also the periodic sweep for retries and missed wake-ups

    async def _purge(self) -> None:
        try:
            await asyncio.to_thread(purge, self.engine, self.clock.now(), self.settings.retention_days,
                                    articles=not self.settings.retention_keep_articles)
        except Exception:
            log.exception("retention: purge failed; next try tomorrow")

    async def _heartbeat(self) -> None:
        detail = {"pid": os.getpid(), "listening": {k: f"{h}:{p}" for k, (h, p) in
                                                    self.listening.items()},
                  "worker_process": self.worker.pid,
                  "imap": self.imap.state() if self.imap is not None else None}
        try:
            await asyncio.to_thread(report_state, self.engine, self.state_name, self.started_at,
                                    self.clock.now(), detail)
        except Exception:  # a status report must never take the daemon down
            log.exception("heartbeat: could not record the service state")
        self.free_memory.release()  # what the last burst of sessions used goes back

    async def stop(self) -> None:
        log.info("stopping: no new connections")
        self.lifecycle.stopping()
        self._stopping = True
        for server in self.servers:
            server.close()
        self.worker.begin_stop()  # the worker and IMAP wind down while the sessions drain
        imap_stopped = asyncio.create_task(asyncio.to_thread(
            self.imap.stop, WORKER_STOP_SECONDS) if self.imap is not None else asyncio.sleep(0))
        await self._drain_sessions()
        self.scheduler.shutdown(wait=False)
        await imap_stopped
        await asyncio.to_thread(self.worker.stop)
        await self.writer.stop()
        try:
            await asyncio.to_thread(report_state, self.engine, self.state_name,
                                    self.started_at, self.clock.now(), None)
        except Exception as exc:  # the database is gone: stopping must still succeed
            log.warning("could not record the stop: %s", exc)
        self.lifecycle.stopped()
        log.info("stopped")

    async def _drain_sessions(self) -> None:
        """Let open sessions finish (their mail is stored before they get 250), for a while."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SHUTDOWN_GRACE_SECONDS
        while any(g.active for g in self.gates) and loop.time() < deadline:
            await asyncio.sleep(0.05)
        if any(g.active for g in self.gates):
            log.warning("sessions still open after %ss: closed with 421; their MTAs retry",
                        SHUTDOWN_GRACE_SECONDS)
            for gate in self.gates:
                gate.close_all()

    async def run_until_signal(self) -> None:
        # The store thread and the loop share the GIL: hand it over more often than every 5 ms
        # (a commit turns into a 250 sooner). The handlers come before READY=1 (in start()).
        sys.setswitchinterval(0.001)
        loop, stop, started = asyncio.get_running_loop(), asyncio.Event(), asyncio.Event()
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, stop.set)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held since the fork (serve)
        reloads: list[asyncio.Task] = []
        loop.add_signal_handler(signal.SIGHUP, lambda: reloads.append(
            loop.create_task(self.reload(after=started), name="reload")))
        await self.start()
        started.set()
        await stop.wait()
        await self.stop()

    async def reload(self, after: asyncio.Event | None = None) -> None:
        """SIGHUP: config and templates again; open sessions stay, the worker takes them over.
        SIGHUPs while one reload runs make one more reload after it, not one each."""
        if after is not None:
            await after.wait()  # the start is finished
        if self._reloading:
            self._reload_again = True
            return
        self._reloading = True
        try:
            while True:
                self._reload_again = False
                await self._reload_once()
                if not self._reload_again or self._stopping:
                    break
        finally:
            self._reloading = False

    async def _reload_once(self) -> None:
        try:
            new = await asyncio.to_thread(self.lifecycle.reload, self.config_path)
            if new is None or self._stopping:
                return
            self.settings, self.policies = new, Policies(new)
            for handler in self.handlers:
                handler.reconfigure(new, self.policies)
            await asyncio.to_thread(self.worker.restart, new, self.policies)
            if self._stopping:  # a stop came meanwhile: no new watchers, no READY
                return
            if self.imap is not None:  # the mailboxes may have changed too
                await asyncio.to_thread(self.imap.stop, WORKER_STOP_SECONDS)
                self.imap = None
            self._start_imap(new)
            self._log_phases()
            self.lifecycle.reloaded()
        except Exception:  # whatever it is, the daemon keeps running on what it had
            log.exception("reload failed")
            self.lifecycle.reloaded()  # systemd waits for READY=1 after RELOADING=1
