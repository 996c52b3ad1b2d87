"""`gateway serve`: listeners, the worker, the outbox sender and scheduled jobs in one asyncio
process. SIGTERM/SIGINT stop it gracefully: no new connections, open sessions may finish,
whatever is stored but unprocessed is picked up at the next start."""

from __future__ import annotations

import asyncio
import logging
import signal

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config import GatewaySettings
from gateway.ingest.smtp import BatchWriter, ConnectionGate, protocol_factory, split_hostport
from gateway.outbox import Outbox
from gateway.process import Pipeline, timeline_for

log = logging.getLogger("gateway.service")
SHUTDOWN_GRACE_SECONDS = 30


class Service:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.pipeline = Pipeline(settings, engine, clock)
        self.outbox = Outbox(settings, engine, clock)
        self.writer = BatchWriter(engine)
        self.servers: list[asyncio.Server] = []
        self.gates: list[ConnectionGate] = []
        self.listening: dict[str, tuple[str, int]] = {}
        self._work = asyncio.Event()
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self.scheduler = AsyncIOScheduler(timezone=settings.timezone)

    async def start(self) -> None:
        released = self.pipeline.release_claims() if self._single_instance() else 0
        recovered = self.outbox.recover() if self._single_instance() else 0
        if released or recovered:
            log.warning("after an unclean stop: %d message(s) requeued, %d reply(ies) "
                        "marked unconfirmed/requeued", released, recovered)
        self.writer.on_stored = self._work.set
        self.writer.start()
        for name, value, lmtp in (("smtp", self.settings.smtp.listen, False),
                                  ("lmtp", self.settings.smtp.lmtp_listen, True)):
            if value:
                await self._listen(name, value, lmtp)
        self._tasks.append(asyncio.create_task(self._worker(), name="worker"))
        interval = self.settings.worker_interval_seconds
        self.scheduler.add_job(self._work.set, "interval", seconds=interval, id="sweep")
        self.scheduler.add_job(self._send_outbox, "interval", seconds=interval, id="outbox",
                               max_instances=1, coalesce=True)
        self.scheduler.start()
        self._log_phases()
        self._work.set()  # anything left from before the start

    def _single_instance(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def _listen(self, name: str, value: str, lmtp: bool) -> None:
        host, port = split_hostport(value)
        factory = protocol_factory(self.settings, self.clock, self.writer, lmtp)
        server = await asyncio.get_running_loop().create_server(factory, host, port)
        self.servers.append(server)
        self.gates.append(factory.gate)
        bound = server.sockets[0].getsockname()
        self.listening[name] = (bound[0], bound[1])
        log.info("listening for %s on %s:%s", name.upper(), bound[0], bound[1])

    def _log_phases(self) -> None:
        now = self.clock.now()
        for address in self.settings.addresses:
            phase = timeline_for(self.settings, address).phase_at(now)
            log.info("%s (%s) is in phase %s", address.address, address.department, phase)
        target = self.settings.outbox_dir if self.settings.dry_run else (
            f"relay {self.settings.relay.host}:{self.settings.relay.port}")
        log.info("replies go to %s", target)

    async def _worker(self) -> None:
        while not self._stopping.is_set():
            await self._work.wait()
            self._work.clear()
            try:
                outcomes = await asyncio.to_thread(self.pipeline.process_pending)
            except Exception:  # database down: keep the daemon alive, try at the next sweep
                log.exception("worker: processing failed")
                continue
            if any(o.reply for o in outcomes):
                await self._send_outbox()

    async def _send_outbox(self) -> None:
        try:
            await asyncio.to_thread(self.outbox.send_due)
        except Exception:
            log.exception("outbox: sending failed")

    async def stop(self) -> None:
        log.info("stopping: no new connections")
        self._stopping.set()
        for server in self.servers:
            server.close()
        await self._drain_sessions()
        self.scheduler.shutdown(wait=False)
        self._work.set()
        for task in self._tasks:
            try:
                await asyncio.wait_for(task, SHUTDOWN_GRACE_SECONDS)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
        await self.writer.stop()
        log.info("stopped")

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
        await self.start()
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await self.stop()
