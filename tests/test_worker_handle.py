"""The daemon's handle on its worker, called from several threads (the supervisor job, a
reload, the shutdown): never two workers, none started after the stop."""

from __future__ import annotations

import threading

from gateway.rules.policy import Policies
from gateway.service.worker_handle import WorkerHandle


def handle(settings, engine, clock) -> WorkerHandle:
    return WorkerHandle(settings, engine, clock, Policies(settings), separate_process=False)


def test_a_dead_worker_is_revived_but_not_after_the_stop(settings, engine, clock):
    worker = handle(settings, engine, clock)
    assert worker.revive() is False  # never started: nothing to revive
    worker.start()
    first = worker._runner
    assert worker.revive() is False  # alive
    worker.signals.stop.set()  # it ends, as a crash would end it
    worker.signals.wake.set()
    first.join(10)
    worker.signals.stop.clear()
    assert worker.revive() is True and worker.alive() and worker._runner is not first
    worker.stop()
    assert worker.revive() is False and not worker.alive()
    worker.restart(settings, Policies(settings))  # a reload racing the shutdown: too late
    assert not worker.alive()


def test_revivals_racing_a_reload_leave_one_worker(settings, engine, clock):
    worker = handle(settings, engine, clock)
    worker.start()
    started: list[threading.Thread] = []
    real_start = worker._start

    def counting_start() -> None:
        real_start()
        started.append(worker._runner)

    worker._start = counting_start
    reload = threading.Thread(target=worker.restart, args=(settings, Policies(settings)))
    supervisors = [threading.Thread(target=worker.revive) for _ in range(8)]
    reload.start()
    for one in supervisors:
        one.start()
    for one in [reload, *supervisors]:
        one.join(30)
    alive = [runner for runner in started if runner.is_alive()]
    assert len(alive) == 1 and alive[0] is worker._runner
    worker.stop()
    assert not any(runner.is_alive() for runner in started)
