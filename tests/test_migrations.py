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


def _old_rows(engine) -> list[bytes]:
    """Three mails stored at the revision before: two with their bytes, one emptied by retention."""
    import hashlib

    from sqlalchemy import text

    raws = [b"Subject: eins\r\n\r\nA\r\n", b"Subject: zwei\r\n\r\n" + bytes(range(256)), b""]
    with engine.begin() as conn:
        for n, raw in enumerate(raws):
            conn.execute(text(
                "INSERT INTO inbound_message (dedup_key, message_id, sha256, size, raw, rcpt, "
                "source, received_at, status, attempts) VALUES (:key, NULL, :sha, :size, :raw, "
                "'technik@centron.de', 'smtp', '2025-10-01 08:00:00.000000', 'done', 1)"),
                {"key": f"k{n}", "sha": hashlib.sha256(raw).hexdigest(), "size": len(raw) or 9,
                 "raw": raw})
    return raws


def check_raw_moved_apart(engine) -> None:
    from alembic import command
    from sqlalchemy import inspect, text

    from gateway.store.db import alembic_config, ensure_schema
    from gateway.store.queue import raw_of

    command.upgrade(alembic_config(engine), "0008")
    raws = _old_rows(engine)
    ensure_schema(engine)
    assert "raw" not in {c["name"] for c in inspect(engine).get_columns("inbound_message")}
    assert [raw_of(engine, n) for n in (1, 2, 3)] == [raws[0], raws[1], None]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM inbound_message")).scalar() == 3
        assert conn.execute(text("SELECT count(*) FROM inbound_raw")).scalar() == 2


def test_upgrade_moves_the_raw_bytes_into_their_own_table(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/old.db")
    check_raw_moved_apart(engine)
    with engine.connect() as conn:  # the foreign keys of the other tables still hold
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_a_new_database_gives_freed_pages_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/new.db")
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2  # incremental
