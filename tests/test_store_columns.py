"""The SQLite fast path of the store writes the row by hand: it must stay the table's row."""

from __future__ import annotations

from datetime import UTC, datetime

from gateway.ingest.store import _SQLITE_INSERT, STORED_COLUMNS, Incoming, _row
from gateway.store.models import INBOUND


def test_stored_columns_are_the_rows_keys_and_exist_in_the_table():
    row = _row(Incoming(b"Subject: x\r\n\r\nx", "technik@centron.de", "a@b.example", "pipe",
                        datetime(2025, 10, 14, tzinfo=UTC)), "key", None, "0" * 64)
    assert set(row) == set(STORED_COLUMNS)
    assert set(STORED_COLUMNS) <= set(INBOUND.c.keys())


def test_every_required_column_is_written():
    required = {c.name for c in INBOUND.columns
                if not c.nullable and c.default is None and not c.primary_key}
    assert required <= set(STORED_COLUMNS)


def test_the_sqlite_insert_names_exactly_the_stored_columns():
    listed = _SQLITE_INSERT.split("(", 1)[1].split(")", 1)[0].split(", ")
    assert listed == list(STORED_COLUMNS)
    assert _SQLITE_INSERT.count("?") == len(STORED_COLUMNS)


def test_the_light_pipe_writes_the_table_s_columns_and_every_required_one():
    from gateway.lightpipe import store as light

    required = {c.name for c in INBOUND.columns
                if not c.nullable and c.default is None and not c.primary_key}
    assert required <= set(light.STORED_COLUMNS) <= set(STORED_COLUMNS)
