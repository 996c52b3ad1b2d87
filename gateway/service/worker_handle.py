"""The daemon's handle on its worker (gateway/worker.py): starts it (a fork that shares the
daemon's memory, else a spawn, or a thread), stops it, revives it after a crash, and hands it a
reloaded config (in place, where it is the forked process)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from multiprocessing.connection import Connection

from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config.settings import GatewaySettings
from gateway.rules.policy import Policies
from gateway.service.logs import LogOptions
from gateway.service.worker import WORKER_STOP_SECONDS, SharedFlag, Signals, Worker, worker_main

log = logging.getLogger("gateway.worker")
PIPE_BYTES = 32_768  # a reloaded config bigger than this (pickled) restarts the worker instead


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
    signals = Signals(SharedFlag(context), SharedFlag(context), context.Value("d", 0.0, lock=False),
                      context.Value("d", 0.0, lock=False), os.getpid(),
                      context.Value("b", 0, lock=False))
    if old is not None:
        signals.last_stored.value, signals.beat.value = old.last_stored.value, old.beat.value
        signals.wake.set()  # whatever was pending goes to the new worker
    return signals


class WorkerHandle:
    """The daemon's side of its worker: a process of its own at a lower priority (production:
    both cores), or a thread (worker_process=False). Either runs Worker.run.

    The process is forked when the daemon has no other thread yet (`serve` starts it before its
    event loop, after all imports and a gc.freeze()): the two processes then share the memory of
    their modules. A reload is handed to that process in place (it stays shared); a start after
    a crash cannot fork safely and spawns a fresh interpreter (costs its own memory)."""

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
        # A reload goes to the forked worker through this pipe, so that it keeps the memory it
        # shares with the daemon (a restart would have to spawn). None: no forked worker.
        self._reloads: Connection | None = None
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
        theirs = None
        if self._mp.get_start_method() == "fork":
            self._reloads, theirs = self._mp.Pipe()
        else:
            self._reloads = None
        self._runner = self._mp.Process(target=worker_main, name="gateway-worker", args=(
            self.settings, self.clock, self.signals, self.log_options, theirs))
        self._runner.start()
        if theirs is not None:
            theirs.close()  # the worker's end: only the worker holds it now

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
        """Tell the worker to finish for good (it winds down while the daemon drains its
        sessions); a reload or revive after this starts nothing."""
        self._closed = True
        self._signal_stop()

    def _signal_stop(self) -> None:
        self.signals.stop.set()
        self.signals.wake.set()

    def restart(self, settings: GatewaySettings, policies: Policies) -> None:
        """A reloaded config: stop the worker, start one with the new settings (blocking)."""
        with self._lock:
            if self._closed:
                return
            if self._reload_in_place(settings, policies):
                return
            self._stop()
            self.settings, self.policies = settings, policies
            self.signals.stop.clear()
            self._start()

    def _reload_in_place(self, settings: GatewaySettings, policies: Policies) -> bool:
        """The forked worker takes the new config itself, between two batches; False when it
        cannot (no forked worker, a config too big for the pipe's buffer, or no answer in
        time: then it is stopped and started)."""
        reloads, reloading = self._reloads, self.signals.reloading
        if reloads is None or reloading is None or not self.alive():
            return False
        data = pickle.dumps(settings)
        if len(data) > PIPE_BYTES:
            return False
        reloading.value = 1  # before the stop: the worker must not take it as the last one
        self._signal_stop()
        try:
            reloads.send(data)  # fits the pipe's buffer: never waits for the worker
            answered = reloads.poll(WORKER_STOP_SECONDS + 2) and reloads.recv() == "ready"
            if answered:
                self.signals.stop.clear()
                reloads.send("go")
        except (OSError, EOFError):  # it died meanwhile
            answered = False
        reloading.value = 0
        if not answered:
            self._reloads = None  # it gets stopped (or killed) and a new one spawned
            return False
        self.settings, self.policies = settings, policies
        self.signals.wake.set()
        log.info("worker %s: config handed over", self.pid)
        return True

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
        self._signal_stop()
        self._runner.join(WORKER_STOP_SECONDS + 1)
        if isinstance(self._runner, multiprocessing.process.BaseProcess) and self.alive():
            # it ignores SIGTERM (see worker_main): SIGKILL; its batch is taken up again
            log.warning("worker process did not stop in time; killing it")
            self._runner.kill()
            self._runner.join(2)
