"""The worker of `serve`: processes stored mail whenever woken, one batch at a time after a quiet
moment for reception, and delivers replies from a thread of its own. The same loop runs in the
worker process (production) and, with worker_process=False, in a thread of the daemon."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config import GatewaySettings
from gateway.db import make_engine
from gateway.outbox import Outbox
from gateway.policy import Policies
from gateway.process import Pipeline

log = logging.getLogger("gateway.worker")
WORKER_BATCH = 25  # small: the worker holds the SQLite write lock for one batch at a time
WORKER_NICE = 5
SHUTDOWN_GRACE_SECONDS = 30
# Reception first: while mail keeps arriving, the worker waits for a quiet moment, but never
# longer than MAX_DEFER, so processing cannot starve under a sustained load.
QUIET_SECONDS = 0.05
MAX_DEFER_SECONDS = 1.0


class Flag(Protocol):
    """threading.Event or multiprocessing.Event: the worker runs with either."""

    def set(self) -> None: ...
    def clear(self) -> None: ...
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...


class Stamp(Protocol):
    value: float  # time.monotonic() of the last mail stored (a multiprocessing.Value)


@dataclass
class Signals:
    """How the daemon steers its worker: wake it, stop it, tell it when reception last stored."""

    wake: Flag
    stop: Flag
    last_stored: Stamp


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


class Worker:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 signals: Signals, policies: Policies | None = None) -> None:
        self.settings = settings
        self.signals = signals
        self.pipeline = Pipeline(settings, engine, clock, policies=policies)
        self.outbox = Outbox(settings, engine, clock)

    def run(self) -> None:
        """Until stopped: wait to be woken (or for the interval), then work the queue empty."""
        stop, wake, kick = self.signals.stop, self.signals.wake, threading.Event()
        # The outbox has a thread of its own: a slow relay never holds up processing.
        sender = threading.Thread(target=self._outbox_loop, args=(kick,), name="outbox",
                                  daemon=True)
        sender.start()
        while not stop.is_set():
            wake.wait(self.settings.worker_interval_seconds)
            wake.clear()
            while not stop.is_set():  # one batch at a time, each after a quiet moment
                self._wait_for_quiet()
                if not process_once(self.pipeline, max_batches=1):
                    break
                kick.set()
        kick.set()
        sender.join(timeout=SHUTDOWN_GRACE_SECONDS)

    def _outbox_loop(self, kick: threading.Event) -> None:
        while not self.signals.stop.is_set():
            kick.wait(self.settings.worker_interval_seconds)
            kick.clear()
            send_once(self.outbox)

    def _wait_for_quiet(self) -> None:
        stop, last_stored = self.signals.stop, self.signals.last_stored
        deferred_since = time.monotonic()
        while not stop.is_set() and time.monotonic() - deferred_since < MAX_DEFER_SECONDS:
            if time.monotonic() - last_stored.value >= QUIET_SECONDS:
                return
            time.sleep(QUIET_SECONDS / 2)


def worker_main(settings: GatewaySettings, clock: Clock, signals: Signals,
                log_level: int) -> None:
    """The worker process: its own engine, a lower priority, stopped only by its daemon."""
    os.nice(WORKER_NICE)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    signal.signal(signal.SIGTERM, lambda *_: (signals.stop.set(), signals.wake.set()))
    logging.basicConfig(level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s[worker]: %(message)s")
    logging.getLogger("gateway").setLevel(log_level)
    engine = make_engine(settings.database_url, settings.busy_timeout_ms)
    try:
        Worker(settings, engine, clock, signals).run()
    finally:
        engine.dispose()


class _Stamp:
    value = 0.0


class WorkerHandle:
    """The daemon's side of its worker: a process of its own at a lower priority (production:
    both cores), or a thread (worker_process=False). Either runs Worker.run."""

    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 policies: Policies, separate_process: bool) -> None:
        self.settings, self.engine, self.clock, self.policies = settings, engine, clock, policies
        self.separate_process = separate_process
        self._mp = multiprocessing.get_context("spawn")
        if separate_process:
            self.signals = Signals(self._mp.Event(), self._mp.Event(),
                                   self._mp.Value("d", 0.0, lock=False))
        else:
            self.signals = Signals(threading.Event(), threading.Event(), _Stamp())
        self._runner: multiprocessing.process.BaseProcess | threading.Thread | None = None

    def start(self) -> None:
        if self.separate_process:
            level = logging.getLogger("gateway").getEffectiveLevel()
            self._runner = self._mp.Process(target=worker_main, name="gateway-worker",
                                            args=(self.settings, self.clock, self.signals, level))
        else:
            worker = Worker(self.settings, self.engine, self.clock, self.signals, self.policies)
            self._runner = threading.Thread(target=worker.run, name="worker", daemon=True)
        self._runner.start()
        log.info("worker %s started", self.pid or "thread")

    @property
    def pid(self) -> int | None:
        """The worker process's id while it lives (None for a thread)."""
        runner = self._runner
        alive = isinstance(runner, multiprocessing.process.BaseProcess) and runner.is_alive()
        return runner.pid if alive else None

    def alive(self) -> bool:
        return self._runner is not None and self._runner.is_alive()

    def exitcode(self) -> int | None:
        return getattr(self._runner, "exitcode", None)

    def stored(self) -> None:
        """Reception stored mail: wake the worker (it waits for a quiet moment itself)."""
        self.signals.last_stored.value = time.monotonic()
        self.signals.wake.set()

    def wake(self) -> None:
        self.signals.wake.set()

    def stop(self) -> None:
        """Let the worker finish its batch and stop (blocking: call it from a thread)."""
        if self._runner is None:
            return
        self.signals.stop.set()
        self.signals.wake.set()
        self._runner.join(SHUTDOWN_GRACE_SECONDS)
        if isinstance(self._runner, multiprocessing.process.BaseProcess) and self.alive():
            log.warning("worker process did not stop in time; terminating it")
            self._runner.terminate()
            self._runner.join(5)
