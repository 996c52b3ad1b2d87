"""serve migrates a new database in a process of its own (Alembic stays out of the daemon)."""

from __future__ import annotations

import os
import signal

import pytest
from sqlalchemy import inspect

from gateway.store import db
from gateway.store.db import SCHEMA_HEAD, current_revision, ensure_schema, make_engine


def test_a_migration_apart_makes_the_schema(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/a.db", busy_timeout_ms=1234)
    ensure_schema(engine, apart=True, busy_timeout_ms=1234)
    assert current_revision(engine) == SCHEMA_HEAD
    assert "inbound_message" in inspect(engine).get_table_names()


def test_a_migration_process_that_dies_is_a_database_error_naming_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "upgrade", lambda engine: os.kill(os.getpid(), signal.SIGKILL))
    engine = make_engine(f"sqlite:///{tmp_path}/b.db")
    with pytest.raises(OSError, match="migration process died.*run `gateway db upgrade`"):
        ensure_schema(engine, apart=True)
