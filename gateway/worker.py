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

from gateway import logs
from gateway.clock import Clock
from gateway.config import GatewaySettings
from gateway.db import make_engine
from gateway.logs import LogOptions
from gateway.outbox import Outbox
from gateway.policy import Policies
from gateway.process import Pipeline

log = logging.getLogger("gateway.worker")
WORKER_BATCH = 25  # small: the worker holds the SQLite write lock for one batch at a time
WORKER_NICE = 5
# A stop must be over within systemd's TimeoutStopSec (and the 10 s an admin waits): open
# sessions get SHUTDOWN_GRACE_SECONDS to finish, then 421; the worker WORKER_STOP_SECONDS.
SHUTDOWN_GRACE_SECONDS = 4
WORKER_STOP_SECONDS = 3
# How often the worker looks whether its parent still lives (it exits when orphaned).
ORPHAN_CHECK_SECONDS = 1.0
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
    beat: Stamp  # time.monotonic() of the worker loop's last turn (liveness, the watchdog)
    parent: int = 0  # the daemon's pid; the worker exits when it is gone (0: a thread)


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
        swept = 0.0
        while not stop.is_set() and not self._orphaned():
            self.signals.beat.value = time.monotonic()
            woken = wake.wait(ORPHAN_CHECK_SECONDS)
            if not woken and time.monotonic() - swept < self.settings.worker_interval_seconds:
                continue
            wake.clear()
            swept = time.monotonic()
            while not stop.is_set():  # one batch at a time, each after a quiet moment
                self._wait_for_quiet()
                self.signals.beat.value = time.monotonic()
                if not process_once(self.pipeline, max_batches=1):
                    break
                kick.set()
        kick.set()
        sender.join(timeout=WORKER_STOP_SECONDS)

    def _orphaned(self) -> bool:
        """The daemon died (SIGKILL, the OOM killer): do not work on alone."""
        parent = self.signals.parent
        if parent and os.getppid() != parent:
            log.error("worker: parent process %s is gone; exiting", parent)
            self.signals.stop.set()
            return True
        return False

    def _outbox_loop(self, kick: threading.Event) -> None:
        while not self.signals.stop.is_set():
            kick.wait(min(self.settings.worker_interval_seconds, ORPHAN_CHECK_SECONDS))
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
                log_options: LogOptions) -> None:
    """The worker process: its own engine, a lower priority, stopped only by its daemon."""
    os.nice(WORKER_NICE)
    # The parent decides when we stop (it sets `stop`). A handler here must not touch the
    # Events: it would run while this thread waits on them, holding their lock (a deadlock
    # that kept `systemctl stop` hanging). systemd's SIGTERM to the whole group reaches the
    # parent too, which then stops us; SIGHUP is the parent's reload.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    logs.setup(log_options, "worker")
    engine = make_engine(settings.database_url, settings.busy_timeout_ms)
    try:
        Worker(settings, engine, clock, signals).run()
    finally:
        engine.dispose()


class _Stamp:
    value = 0.0


def single_threaded() -> bool:
    """Only this thread in the process (native threads too, e.g. an event loop's pool): a fork
    is safe, no lock can be held by a thread that the child would not have."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: do not guess
        return False


def process_signals(context: multiprocessing.context.BaseContext, old: Signals | None) -> Signals:
    # `parent` is handed over, not read in the worker: os.getppid() there could give init's
    # pid already if the daemon died while the worker was still starting.
    signals = Signals(context.Event(), context.Event(), context.Value("d", 0.0, lock=False),
                      context.Value("d", 0.0, lock=False), os.getpid())
    if old is not None:
        signals.last_stored.value, signals.beat.value = old.last_stored.value, old.beat.value
        signals.wake.set()  # whatever was pending goes to the new worker
    return signals


class WorkerHandle:
    """The daemon's side of its worker: a process of its own at a lower priority (production:
    both cores), or a thread (worker_process=False). Either runs Worker.run.

    The process is forked when the daemon has no other thread yet (`serve` starts it before its
    event loop, after all imports and a gc.freeze()): the two processes then share the memory of
    their modules. A later start (after a crash, on reload) cannot fork safely and spawns a
    fresh interpreter instead (costs its own memory)."""

    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 policies: Policies, separate_process: bool) -> None:
        self.settings, self.engine, self.clock, self.policies = settings, engine, clock, policies
        self.separate_process = separate_process
        self._mp = multiprocessing.get_context("fork")  # events of a fork context: no tracker
        if separate_process:
            self.signals = process_signals(self._mp, None)
        else:
            self.signals = Signals(threading.Event(), threading.Event(), _Stamp(), _Stamp())
        self.log_options = LogOptions(level=logging.getLogger("gateway").getEffectiveLevel())
        self._runner: multiprocessing.process.BaseProcess | threading.Thread | None = None
        # start, stop, restart and revive come from different threads (the supervisor job,
        # a reload, the shutdown): one at a time, or two workers could run, one untracked.
        self._lock = threading.RLock()
        self._closed = False  # stopped for good: revive() starts nothing any more

    def start(self) -> None:
        with self._lock:
            self._start()

    def revive(self) -> bool:
        """Start a new worker if the last one died (never after stop()); True if it did."""
        with self._lock:
            if self._closed or self._runner is None or self.alive():
                return False
            log.error("worker exited with %s; starting a new one", self.exitcode())
            self._start()
            return True

    def _start(self) -> None:
        self.signals.beat.value = time.monotonic()  # counts from its start, not from 0
        if self.separate_process:
            # SIGHUP blocked while processes are made (inherited across exec): a reload's
            # SIGHUP to the whole group must not kill a spawned worker before it ignores the
            # signal, nor multiprocessing's resource tracker, which a spawn starts now.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
            try:
                self._start_process()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        else:
            worker = Worker(self.settings, self.engine, self.clock, self.signals, self.policies)
            self._runner = threading.Thread(target=worker.run, name="worker", daemon=True)
            self._runner.start()
        log.info("worker %s started%s", self.pid or "thread", f" ({self._mp.get_start_method()})"
                 if self.separate_process else "")

    def _start_process(self) -> None:
        if self._mp.get_start_method() == "fork" and not single_threaded():
            self._mp = multiprocessing.get_context("spawn")
            self.signals = process_signals(self._mp, self.signals)
        self._runner = self._mp.Process(target=worker_main, name="gateway-worker", args=(
            self.settings, self.clock, self.signals, self.log_options))
        self._runner.start()

    @property
    def pid(self) -> int | None:
        """The worker process's id while it lives (None for a thread)."""
        runner = self._runner
        alive = isinstance(runner, multiprocessing.process.BaseProcess) and runner.is_alive()
        return runner.pid if alive else None

    def alive(self) -> bool:
        return self._runner is not None and self._runner.is_alive()

    def alive_recently(self, silence: float) -> bool:
        """Alive, and its loop turned within `silence` seconds (not hung)."""
        return self.alive() and time.monotonic() - self.signals.beat.value < silence

    def begin_stop(self) -> None:
        """Tell the worker to finish (it winds down while the daemon drains its sessions)."""
        self.signals.stop.set()
        self.signals.wake.set()

    def restart(self, settings: GatewaySettings, policies: Policies) -> None:
        """A reloaded config: stop the worker, start one with the new settings (blocking)."""
        with self._lock:
            if self._closed:
                return
            self._stop()
            self.settings, self.policies = settings, policies
            self.signals.stop.clear()
            self._start()

    def exitcode(self) -> int | None:
        return getattr(self._runner, "exitcode", None)

    def stored(self) -> None:
        """Reception stored mail: wake the worker (it waits for a quiet moment itself)."""
        self.signals.last_stored.value = time.monotonic()
        self.signals.wake.set()

    def wake(self) -> None:
        self.signals.wake.set()

    def stop(self) -> None:
        """Let the worker finish its batch and stop for good (blocking: call from a thread)."""
        with self._lock:
            self._closed = True
            self._stop()

    def _stop(self) -> None:
        if self._runner is None:
            return
        self.begin_stop()
        self._runner.join(WORKER_STOP_SECONDS + 1)
        if isinstance(self._runner, multiprocessing.process.BaseProcess) and self.alive():
            # it ignores SIGTERM (see worker_main): SIGKILL; its batch is taken up again
            log.warning("worker process did not stop in time; killing it")
            self._runner.kill()
            self._runner.join(2)
