"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from gateway.db import SCHEMA_HEAD, current_revision, head_revision, make_engine, upgrade


def test_upgrade_from_empty_matches_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/m.db")
    assert current_revision(engine) is None
    assert upgrade(engine) == head_revision(engine) == SCHEMA_HEAD
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_wal_mode_and_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/w.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
