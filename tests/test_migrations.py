"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from gateway.store.db import SCHEMA_HEAD, current_revision, head_revision, make_engine, upgrade


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


def test_upgrade_keeps_the_data_of_an_older_schema(tmp_path):
    from alembic import command
    from sqlalchemy import text

    from gateway.store.db import SCHEMA_HEAD, alembic_config, ensure_schema

    engine = make_engine(f"sqlite:///{tmp_path}/old.db")
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (number, address, department, subject, customer, "
                          "status, created_at, updated_at) VALUES ('TK-000001', 'a@b.c', 'T', "
                          "'s', 'k@x.y', 'open', '2025-10-01 08:00:00.000000', "
                          "'2025-10-01 08:00:00.000000')"))
    ensure_schema(engine)  # what every command does on start
    assert current_revision(engine) == SCHEMA_HEAD
    with engine.connect() as conn:
        assert conn.execute(text("SELECT number FROM ticket")).scalar() == "TK-000001"


def test_upgrade_recognises_mail_stored_under_the_old_message_id_keys(tmp_path):
    """A mail stored before duplicates went by content: its MTA's retry is still a duplicate."""
    import hashlib
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import text

    from gateway.ingest.store import Incoming, store
    from gateway.store.db import alembic_config, ensure_schema
    from tests.conftest import make_mail

    engine = make_engine(f"sqlite:///{tmp_path}/old.db")
    command.upgrade(alembic_config(engine), "0003")
    raw = make_mail(message_id="<old@kunde.example>")
    old_key = hashlib.sha256(b"mid\0<old@kunde.example>\0technik@centron.de").hexdigest()
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO inbound_message (dedup_key, message_id, sha256, size, raw, rcpt, source, "
            "received_at, status, attempts) VALUES (:key, '<old@kunde.example>', :sha, :size, "
            ":raw, 'technik@centron.de', 'smtp', '2025-10-01 08:00:00.000000', 'done', 1)"),
            {"key": old_key, "sha": hashlib.sha256(raw).hexdigest(), "size": len(raw), "raw": raw})
    ensure_schema(engine)
    retry = store(engine, Incoming(raw, "technik@centron.de", "max@kunde.example", "smtp",
                                   datetime.now(UTC)))
    assert retry.duplicate and retry.inbound_id == 1


def test_upgrade_masks_the_secrets_of_stored_webhook_targets(tmp_path):
    """Rows written before issue 19 held user:password@ and ?token= in plain text."""
    from alembic import command
    from sqlalchemy import text

    from gateway.store.db import alembic_config, ensure_schema

    engine = make_engine(f"sqlite:///{tmp_path}/old.db")
    command.upgrade(alembic_config(engine), "0007")
    at = "'2025-10-01 08:00:00.000000'"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ticket (number, address, department, subject, customer, "
                          f"status, created_at, updated_at) VALUES ('TK-000001', 'a@b.c', 'T', "
                          f"'s', 'k@x.y', 'open', {at}, {at})"))
        conn.execute(text(
            "INSERT INTO inbound_message (dedup_key, sha256, size, raw, rcpt, source, "
            f"received_at, status, attempts) VALUES ('k', 's', 1, x'00', 'a@b.c', 'smtp', {at}, "
            "'done', 1)"))
        for n, (channel, target) in enumerate((
                ("webhook", "http://hookuser:hookpass@h.example/hook?token=SECRET&x=1"),
                ("forward", "agents@centron.de"))):
            conn.execute(text(
                "INSERT INTO handoff (ticket_id, inbound_id, event, channel, target, "
                "idempotency_key, payload, status, attempts, next_attempt_at, created_at) VALUES "
                f"(1, 1, 'ticket.created', :channel, :target, :key, x'7b7d', 'sent', 1, {at}, "
                f"{at})"), {"channel": channel, "target": target, "key": f"k{n}"})
    ensure_schema(engine)
    with engine.connect() as conn:
        targets = conn.execute(text("SELECT target FROM handoff ORDER BY id")).scalars().all()
    assert targets == ["http://hookuser:***@h.example/hook?token=***&x=1", "agents@centron.de"]
