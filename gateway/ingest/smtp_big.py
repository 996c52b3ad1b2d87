"""Big mail (over BatchWriter.INLINE_BYTES) is stored beside the batches, not in one: the
small mail of other sessions goes on being batched and committed while a big one is hashed
and written. On SQLite its bytes go in chunks, each in a write transaction of its own
(store_big.py), so a small mail waits at most for one chunk's commit; a lock held by another
writer is waited for with asyncio sleeps. Its sha256 is taken once, before any lock."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine

from gateway.errors import TemporaryFailure
from gateway.ingest import store_big
from gateway.ingest.store import Incoming, Stored, prepare, store_batch
from gateway.store.models import INBOUND


class BigLane:
    RETRY_SECONDS = 0.005

    def __init__(self, engine: Engine, nowait: Engine, busy_timeout: float,
                 on_stored: Callable[[], None]) -> None:
        self.engine = engine  # PostgreSQL: the usual path (no lock keeps others waiting)
        self.nowait = nowait  # SQLite: fails at once on a lock (we wait here, not in it)
        self.busy_timeout = busy_timeout
        self.on_stored = on_stored  # the worker is woken for it
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="big-writer")
        self._one: asyncio.Lock | None = None  # one big mail at a time (their memory)

    async def store(self, items: list[Incoming]) -> list[Stored]:
        stored = await self._store(items)
        self.on_stored()
        return stored

    async def _store(self, items: list[Incoming]) -> list[Stored]:
        loop = asyncio.get_running_loop()
        self._one = self._one or asyncio.Lock()
        async with self._one:
            if self.engine.dialect.name != "sqlite":
                return await loop.run_in_executor(self._thread, store_batch, self.engine, items)
            prepared = await loop.run_in_executor(self._thread, prepare, items)
            as_db_time = INBOUND.c.received_at.type.bind_processor(self.nowait.dialect)
            staged = await self._step(store_big.stage, prepared, as_db_time)
            try:
                for inbound_id, (item, *_) in zip(staged.ids, prepared, strict=True):
                    for seq, chunk in store_big.chunks(inbound_id, item.raw):
                        await self._step(store_big.write_chunk, inbound_id, seq, chunk)
                return await self._step(store_big.finish, staged)
            except BaseException:
                with contextlib.suppress(Exception):
                    await self._step(store_big.abandon, staged)
                raise

    async def _step(self, work, *args):
        """One short write transaction, tried again while another writer holds the lock."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.busy_timeout
        while True:
            try:
                return await loop.run_in_executor(self._thread, store_big.in_transaction,
                                                  self.nowait, work, *args)
            except TemporaryFailure as exc:
                if "locked" not in str(exc) or loop.time() >= deadline:
                    raise
            await asyncio.sleep(self.RETRY_SECONDS)

    def close(self) -> None:
        self._thread.shutdown(wait=False)  # a commit under way finishes in it
