"""A big mail over SMTP is written in chunks, each in a transaction of its own: the same bytes
read back, duplicates recognised as on the usual path, and nothing half written survives."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import text

from gateway.ingest import store_big
from gateway.ingest.smtp import BatchWriter
from gateway.ingest.store import Incoming, prepare, store
from gateway.store.models import INBOUND
from gateway.store.queue import InboundQueue, raw_of
from gateway.store.raw import CHUNK

AT = datetime(2025, 10, 14, 8, 0, tzinfo=UTC)
BIG = b"Subject: Dump\r\nMessage-ID: <big@x>\r\n\r\n" + bytes(range(256)) * (CHUNK // 100)


def _mail(rcpt: str) -> Incoming:
    return Incoming(BIG, rcpt, "max@kunde.example", "smtp", AT)


def test_chunks_read_back_and_duplicates_as_usual(engine):
    async def run():
        writer = BatchWriter(engine)
        writer.start()
        try:
            first = await writer.store([_mail("technik@centron.de"), _mail("billing@centron.de"),
                                        _mail("technik@centron.de")])
            again = await writer.store([_mail("technik@centron.de")])
        finally:
            await writer.stop()
        return first, again

    first, again = asyncio.run(run())
    assert [s.duplicate for s in first] == [False, False, True]
    assert first[2].inbound_id == first[0].inbound_id == again[0].inbound_id and again[0].duplicate
    assert raw_of(engine, first[0].inbound_id) == BIG == raw_of(engine, first[1].inbound_id)
    with engine.connect() as conn:
        chunks = conn.execute(text("SELECT count(*) FROM inbound_raw WHERE inbound_id = :i"),
                              {"i": first[0].inbound_id}).scalar()
        statuses = conn.execute(text("SELECT DISTINCT status FROM inbound_message")).scalars()
        assert chunks == -(-len(BIG) // CHUNK) > 1 and list(statuses) == ["received"]
    # the same mail through the usual path is a duplicate too
    assert store(engine, _mail("billing@centron.de")).duplicate


def test_what_a_crash_left_half_written_goes_at_the_next_start(engine, clock):
    as_db_time = INBOUND.c.received_at.type.bind_processor(engine.dialect)
    staged = store_big.in_transaction(engine, store_big.stage, prepare([_mail("technik@centron.de")]),
                                      as_db_time)
    store_big.in_transaction(engine, store_big.write_chunk, staged.ids[0], 0,
                             memoryview(BIG)[:CHUNK])
    assert InboundQueue(engine, clock).claim(10) == []  # never processed half written
    InboundQueue(engine, clock).release_claims()  # what serve does at its start
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM inbound_raw")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM inbound_message")).scalar() == 0
    # the MTA's retry is then stored, not taken for a duplicate
    assert not store(engine, _mail("technik@centron.de")).duplicate


def test_imap_batches_with_a_big_mail_are_written_in_chunks_too(engine):
    small = Incoming(b"Subject: klein\r\n\r\nx\r\n", "technik@centron.de", None, "imap", AT)
    stored = store_big.store_paced(engine, [_mail("technik@centron.de"), small])
    assert [s.duplicate for s in stored] == [False, False]
    assert raw_of(engine, stored[0].inbound_id) == BIG
    assert raw_of(engine, stored[1].inbound_id) == small.raw
    again = store_big.store_paced(engine, [_mail("technik@centron.de")])
    assert again[0].duplicate and again[0].inbound_id == stored[0].inbound_id


def test_a_staged_mail_removed_meanwhile_is_not_acknowledged(engine, clock):
    """A start's clean-up took the half-written rows of another process: its finish must
    fail (451 / no IMAP flag), not report a mail that is not there."""
    import pytest

    from gateway.errors import TemporaryFailure

    as_db_time = INBOUND.c.received_at.type.bind_processor(engine.dialect)
    staged = store_big.in_transaction(engine, store_big.stage, prepare([_mail("technik@centron.de")]),
                                      as_db_time)
    InboundQueue(engine, clock).release_claims()
    with pytest.raises(TemporaryFailure):
        store_big.in_transaction(engine, store_big.finish, staged)
