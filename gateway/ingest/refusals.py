"""The refusals of reception and of the policy service, recorded off the SMTP answer's path:
the 550 goes out at once, the record is written by a background task within FLUSH_SECONDS, in
one transaction per batch (store/refusals.py). A crash loses at most the last FLUSH_SECONDS of
records; a database that cannot be written keeps them pending (up to MAX_PENDING) for the
next try. Beyond MAX_PENDING, beyond ROWS_PER_CLIENT_MINUTE for one client address (the
policy service's too) and for a session's refusals beyond its first few (reception caps them):
a refusal is only counted, so that no client can fill the disk."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import datetime

from sqlalchemy import Engine

from gateway.store.refusals import RefusalEvent, record

log = logging.getLogger("gateway.refusals")


class RefusalLog:
    FLUSH_SECONDS = 0.5
    MAX_PENDING = 10_000  # a flood of refusals while the database is down: the rest is counted
    ROWS_PER_CLIENT_MINUTE = 30  # rows with an envelope per client address and minute

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pending: list[RefusalEvent] = []
        self.overflow: Counter = Counter()  # (address, reason) → refusals only counted
        self._minute: tuple[int, Counter] = (-1, Counter())  # rows per client this minute
        self._task: asyncio.Task | None = None

    def add(self, at: datetime, source: str, client: str, sender: str | None, rcpt: str,
            reason: str, row: bool = True) -> None:
        """Note one refusal (no I/O here: called while the 550 is being answered); row=False:
        count it only."""
        minute = int(at.timestamp() // 60)
        if minute != self._minute[0]:
            self._minute = (minute, Counter())
        by_client = self._minute[1]
        by_client[client] += row
        if not row or by_client[client] > self.ROWS_PER_CLIENT_MINUTE or (
                len(self.pending) >= self.MAX_PENDING):
            self.overflow[(rcpt, reason)] += 1
            return
        self.pending.append(RefusalEvent(at, source, client, sender or "", rcpt, reason))

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="refusal-log")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.FLUSH_SECONDS)
            await self.flush()

    async def flush(self) -> None:
        batch, self.pending = self.pending, []
        counted, self.overflow = self.overflow, Counter()
        if not batch and not counted:
            return
        try:
            await asyncio.to_thread(record, self.engine, batch, counted)
        except Exception as exc:  # kept for the next try; the refusals themselves went out
            log.warning("recording %d refusal(s) failed, will retry: %s", len(batch), exc)
            self.pending = (batch + self.pending)[:self.MAX_PENDING]
            self.overflow.update(counted)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self.flush()
