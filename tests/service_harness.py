"""The daemon's Service on its own event loop in a thread, and a fixture that starts it."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from sqlmodel import Session, func, select

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.service.daemon import Service
from gateway.store.db import ensure_schema, make_engine
from gateway.store.models import InboundMessage
from tests.conftest import AFTER


class Running:
    """A Service on its own event loop in a thread, as `gateway serve` runs it."""

    def __init__(self, settings, clock) -> None:
        self.engine = make_engine(settings.database_url, settings.busy_timeout_ms)
        ensure_schema(self.engine)
        # the test's own reads wait patiently, whatever short busy timeout the daemon has
        self.reader = make_engine(settings.database_url)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.service = Service(settings, self.engine, clock, worker_process=False)
        self._call(self.service.start())

    def _call(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=60)

    def port(self, name: str = "smtp") -> int:
        return self.service.listening[name][1]

    def stop(self) -> None:
        if not self.thread.is_alive():
            return  # stopped already (by the test itself)
        self._call(self.service.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.engine.dispose()
        self.reader.dispose()

    def rows(self) -> list[InboundMessage]:
        with Session(self.reader) as session:
            return list(session.exec(select(InboundMessage).order_by(InboundMessage.id)).all())

    def raw(self, inbound_id: int) -> bytes | None:
        from gateway.store.queue import raw_of

        return raw_of(self.reader, inbound_id)

    def wait_processed(self, expected: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with Session(self.reader) as session:
                done = session.exec(select(func.count()).select_from(InboundMessage).where(
                    InboundMessage.status == "done")).one()
            if done >= expected:
                return
            time.sleep(0.05)
        raise AssertionError(f"only {done} of {expected} processed")


@pytest.fixture
def start_service(tmp_path):
    started: list[Running] = []

    def start(clock=None, **overrides) -> Running:
        data = {"database_url": f"sqlite:///{tmp_path}/gw.db", "outbox_dir": str(tmp_path / "out"),
                "worker_interval_seconds": 0.2, "metrics": {"listen": ""},
                "smtp": {"listen": "127.0.0.1:0", "lmtp_listen": "127.0.0.1:0",
                         "max_message_size": 200_000, "timeout_seconds": 10}}
        for key, value in overrides.items():
            if isinstance(value, dict):
                data.setdefault(key, {}).update(value)
            else:
                data[key] = value
        running = Running(settings_from_dict(data), clock or FixedClock(AFTER))
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()
