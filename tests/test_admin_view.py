"""Issue 20, findings 5, 7 and 8: what `status`, `status --check`, `/healthz` and the log tell an
admin agrees with what the running `gateway serve` does."""

from __future__ import annotations

import re
import time

import pytest

from tests.serve_process import Serve


@pytest.fixture
def serve(tmp_path):
    started: list[Serve] = []

    def start(**kwargs) -> Serve:
        started.append(Serve(tmp_path, **kwargs))
        return started[-1]

    yield start
    for one in started:
        one.finish()


def test_serve_logs_the_watchdog_interval_it_really_pings_at(serve):
    gw = serve(env={"WATCHDOG_USEC": "30000000"})  # WatchdogSec=30: every 10 s, not 15
    ready = time.monotonic()
    gw.wait_notify("WATCHDOG=1", timeout=20)
    measured = time.monotonic() - ready
    logged = float(re.search(r"pinging every ([0-9.]+) s", gw.log).group(1))
    assert logged == 10.0 and abs(measured - logged) < 2, (logged, measured)
