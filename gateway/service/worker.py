"""The worker of `serve`: processes stored mail whenever woken, one batch at a time after a quiet
moment for reception, and delivers replies from a thread of its own. The same loop runs in the
worker process (production) and, with worker_process=False, in a thread of the daemon."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Protocol

from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config.settings import GatewaySettings
from gateway.delivery.outbox import Outbox
from gateway.pipeline.process import Pipeline
from gateway.rules.policy import Policies
from gateway.service import logs
from gateway.service.logs import LogOptions
from gateway.service.memory import FreeMemory
from gateway.store.db import make_engine

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
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}  # serve's; the worker ignores them


class Flag(Protocol):
    """threading.Event or multiprocessing.Event: the worker runs with either."""

    def set(self) -> None: ...
    def clear(self) -> None: ...
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...


class Stamp(Protocol):
    value: float  # time.monotonic() of the last mail stored (a multiprocessing.Value)


class SharedFlag:
    """An Event between processes whose set() never blocks. multiprocessing.Event.set() waits
    for every sleeper to wake, and a worker killed in wait() never does: the daemon's next
    wake-up hung for good (no revive, no reception, no stop)."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self._value = context.Value("b", 0, lock=False)
        self._bell = context.Semaphore(0)  # a release never waits

    def set(self) -> None:
        self._value.value = 1
        self._bell.release()

    def clear(self) -> None:
        self._value.value = 0
        while self._bell.acquire(False):  # old rings would only wake the waiter for nothing
            pass

    def is_set(self) -> bool:
        return bool(self._value.value)

    def wait(self, timeout: float | None = None) -> bool:
        if not self._value.value:
            self._bell.acquire(timeout=timeout)
        return bool(self._value.value)


@dataclass
class Signals:
    """How the daemon steers its worker: wake it, stop it, tell it when reception last stored."""

    wake: Flag
    stop: Flag
    last_stored: Stamp
    beat: Stamp  # time.monotonic() of the worker loop's last turn (liveness, the watchdog)
    parent: int = 0  # the daemon's pid; the worker exits when it is gone (0: a thread)
    reloading: Stamp | None = None  # 1 while the daemon hands a reloaded config over


def process_once(pipeline: Pipeline, max_batches: int | None = None) -> int:
    """Process stored mail; returns how many mails were processed."""
    try:
        return len(pipeline.process_pending(batch=WORKER_BATCH, max_batches=max_batches))
    except Exception:  # database down: stay alive, try again when woken
        log.exception("worker: processing failed")
        return 0


def send_once(outbox: Outbox, handoffs: bool = False) -> None:
    """Replies (handoffs=False) or the handoff events: each has a thread of its own."""
    try:
        if handoffs:
            outbox.handoffs.send_due()
        else:
            outbox.send_due(handoffs=False)
    except Exception:  # database down: stay alive, try again at the next round
        log.exception("outbox: sending failed")


def _ring(kicks: dict[bool, threading.Event]) -> None:
    for kick in kicks.values():
        kick.set()


class Worker:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 signals: Signals, policies: Policies | None = None) -> None:
        self.settings = settings
        self.signals = signals
        self.pipeline = Pipeline(settings, engine, clock, policies=policies)
        self.outbox = Outbox(settings, engine, clock)
        self._done = threading.Event()  # this Worker's end (a reload starts another one)
        self.free_memory = FreeMemory()

    def run(self) -> None:
        """Until stopped: wait to be woken (or for the interval), then work the queue empty."""
        stop, wake = self.signals.stop, self.signals.wake
        kicks = {False: threading.Event(), True: threading.Event()}  # replies, handoffs
        # The outbox has a thread of its own: a slow relay never holds up processing; and the
        # handoff events another, so a slow or dead helpdesk never holds up a reply.
        senders = [threading.Thread(target=self._outbox_loop, args=(kick, handoffs), daemon=True,
                                    name="handoff" if handoffs else "outbox")
                   for handoffs, kick in kicks.items()]
        for sender in senders:
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
                _ring(kicks)
            self.free_memory.release()  # the queue is worked empty: what a burst used goes back
        self._done.set()
        _ring(kicks)
        for sender in senders:
            sender.join(timeout=WORKER_STOP_SECONDS)

    def _orphaned(self) -> bool:
        """The daemon died (SIGKILL, the OOM killer): do not work on alone."""
        parent = self.signals.parent
        if parent and os.getppid() != parent:
            log.error("worker: parent process %s is gone; exiting", parent)
            self.signals.stop.set()
            return True
        return False

    def _outbox_loop(self, kick: threading.Event, handoffs: bool) -> None:
        while not self.signals.stop.is_set() and not self._done.is_set():
            kick.wait(min(self.settings.worker_interval_seconds, ORPHAN_CHECK_SECONDS))
            kick.clear()
            send_once(self.outbox, handoffs)

    def _wait_for_quiet(self) -> None:
        stop, last_stored = self.signals.stop, self.signals.last_stored
        deferred_since = time.monotonic()
        while not stop.is_set() and time.monotonic() - deferred_since < MAX_DEFER_SECONDS:
            if time.monotonic() - last_stored.value >= QUIET_SECONDS:
                return
            time.sleep(QUIET_SECONDS / 2)


def worker_main(settings: GatewaySettings, clock: Clock, signals: Signals,
                log_options: LogOptions, reloads: Connection | None = None) -> None:
    """The worker process: its own engine, a lower priority, stopped only by its daemon."""
    os.nice(WORKER_NICE)
    # The parent decides when we stop (it sets `stop`). A handler here must not touch the
    # Events: it would run while this thread waits on them, holding their lock (a deadlock
    # that kept `systemctl stop` hanging). systemd's SIGTERM to the whole group reaches the
    # parent too, which then stops us; SIGHUP is the parent's reload.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    # forked while serve held them back (commands/service.py): ignored now, so no longer held
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    logs.setup(log_options, "worker")
    engine = make_engine(settings.database_url, settings.busy_timeout_ms)
    try:
        while True:
            Worker(settings, engine, clock, signals).run()
            renewed = next_settings(reloads, signals)
            if renewed is None:
                break
            settings = renewed
            log.info("worker: reloaded the config in place (policy %s)", settings.fingerprint)
    finally:
        engine.dispose()


def next_settings(reloads: Connection | None, signals: Signals) -> GatewaySettings | None:
    """After a stop: the reloaded config if the daemon is handing one over, else None (a stop
    for good). The handshake is by messages, in order: the config, our "ready", its "go"."""
    if reloads is None or signals.reloading is None or not signals.reloading.value:
        return None
    data = _receive(reloads, signals)
    if not isinstance(data, bytes):
        return None
    reloads.send("ready")
    return pickle.loads(data) if _receive(reloads, signals) == "go" else None


def _receive(reloads: Connection, signals: Signals) -> object:
    while not reloads.poll(ORPHAN_CHECK_SECONDS):
        if signals.parent and os.getppid() != signals.parent:
            return None
    try:
        return reloads.recv()
    except (EOFError, OSError):  # the daemon gave up on us (it kills us next)
        return None
