"""The light pipe (`gateway ingest` without --json): the same settings, rows, duplicates and
exit codes as the full path, without importing SQLAlchemy, pydantic, jinja2 or click."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

from gateway.config.load import load_settings
from gateway.ingest.store import Incoming, store
from gateway.lightpipe import NeedsFullPath
from gateway.lightpipe.args import PipeRequest, parse_pipe_argv
from gateway.lightpipe.settings import load_pipe_settings
from gateway.lightpipe.store import open_database, schema_head, store_piped
from gateway.store.db import SCHEMA_HEAD, ensure_schema, make_engine
from gateway.store.models import InboundMessage, InboundRaw
from tests.conftest import make_mail

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "jinja2", "click", "alembic", "email.parser")


def test_the_argv_of_a_plain_pipe_call_and_what_goes_to_the_full_path():
    assert parse_pipe_argv(["ingest", "--rcpt", "technik@centron.de", "--sender", ""]) == \
        PipeRequest(rcpts=["technik@centron.de"], sender="")
    assert parse_pipe_argv(["--config", "g.toml", "-v", "ingest", "--rcpt=a@x", "--rcpt", "b@x",
                            "--at", "2025-10-01T10:00", "--source", "mta", "--no-process"]) == \
        PipeRequest(rcpts=["a@x", "b@x"], at="2025-10-01T10:00", source="mta", config="g.toml")
    for full in (["--json", "ingest", "--rcpt", "a@x"], ["ingest", "--rcpt", "a@x", "--json"],
                 ["ingest", "--rcpt", "a@x", "--process"], ["ingest", "--help"], ["ingest"],
                 ["ingest", "--rcpt"], ["status"], [], ["preview", "--rcpt", "a@x", "-"]):
        assert parse_pipe_argv(full) is None, full


CONFIGS = {
    "defaults": None,
    "example": str(ROOT / "config/gateway.toml"),
    "custom": ('database_url = "sqlite:///x/y.db"\ndatabase_busy_timeout_seconds = 2.5\n'
               'timezone = "UTC"\n[smtp]\nmax_message_size = 1000\n'
               '[[address]]\naddress = " Support@Example.COM "\ndepartment = "S"\n'),
}


@pytest.mark.parametrize("name", CONFIGS)
def test_settings_are_read_as_the_full_path_reads_them(name, tmp_path):
    config = CONFIGS[name]
    if config and not config.endswith(".toml"):
        (tmp_path / "c.toml").write_text(config)
        config = str(tmp_path / "c.toml")
    for env in ({}, {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/env.db"}):
        light, full = load_pipe_settings(config, env), load_settings(config, env)
        assert f"sqlite:///{light.database_path}" == full.database_url
        assert light.busy_timeout_seconds == full.database_busy_timeout_seconds
        assert light.timezone == full.timezone
        assert light.max_message_size == full.smtp.max_message_size
        assert set(light.addresses) == full.own_addresses()


@pytest.mark.parametrize("config", [
    'database_url = "postgresql+psycopg://gw@db/gw"\n', "this is = = not toml\n",
    '[[address]]\naddress = "no-at-sign"\ndepartment = "S"\n', "[smtp]\nmax_message_size = -1\n",
    '[[address]]\naddress = "a@x"\n'])
def test_what_the_light_reader_does_not_understand_goes_to_the_full_path(config, tmp_path):
    (tmp_path / "c.toml").write_text(config)
    with pytest.raises(NeedsFullPath):
        load_pipe_settings(str(tmp_path / "c.toml"), {})


def test_schema_head_from_the_migration_files_is_the_databases():
    assert schema_head() == SCHEMA_HEAD


def test_rows_are_the_full_paths_rows_and_duplicates_are_recognised_across(tmp_path):
    engines = [make_engine(f"sqlite:///{tmp_path}/{n}.db") for n in ("light", "full")]
    for engine in engines:
        ensure_schema(engine)
    at = datetime(2025, 10, 14, 8, 30, 15, 123456, tzinfo=UTC)
    raw = make_mail(message_id="<row@kunde.example>")
    with open_database(tmp_path / "light.db", 5) as conn:
        assert store_piped(conn, raw, ["Technik@centron.de"], "", "pipe", at) == [(1, False)]
    store(engines[1], Incoming(raw, "Technik@centron.de", "", "pipe", at))
    rows = []
    for engine in engines:
        with Session(engine) as session:
            rows.append(session.exec(select(InboundMessage)).one().model_dump(exclude={"id"}))
            rows[-1]["raw"] = session.exec(select(InboundRaw.raw)).one()  # the bytes apart
    assert rows[0] == rows[1] and rows[0]["received_at"] == at and rows[0]["raw"] == raw
    # the same mail through the full path into the light path's database is a duplicate
    assert store(engines[0], Incoming(raw, "technik@centron.de", None, "smtp", at)).duplicate
    for engine in engines:
        engine.dispose()


def test_a_database_not_yet_migrated_goes_to_the_full_path(tmp_path):
    with pytest.raises(NeedsFullPath):
        open_database(tmp_path / "none.db", 1)
    sqlite3.connect(tmp_path / "empty.db").close()
    with pytest.raises(NeedsFullPath):
        open_database(tmp_path / "empty.db", 1)


@pytest.fixture
def pipe(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(GATEWAY_DATABASE_URL=f"sqlite:///{tmp_path}/gateway.db",
               GATEWAY_OUTBOX_DIR=str(tmp_path / "outbox"))
    # report at exit which heavy modules the call imported
    probe = ("import atexit, sys\n"
             f"atexit.register(lambda: print('HEAVY', sorted(m for m in {HEAVY!r} "
             "if m in sys.modules), file=sys.stderr))\n"
             "sys.argv[0] = 'gateway'\nfrom gateway.launch import main\nmain()\n")

    def call(*args: str, stdin: bytes = b"", expect: int = 0) -> tuple[str, str]:
        result = subprocess.run([sys.executable, "-c", probe, *args], input=stdin, cwd=ROOT,
                                env=env, capture_output=True, timeout=60)
        assert result.returncode == expect, result.stderr.decode()
        return result.stdout.decode(), result.stderr.decode()

    call("db", "upgrade")
    return call


def test_plain_pipe_stores_without_heavy_imports_and_process_decides_later(pipe):
    mail = make_mail(message_id="<light@kunde.example>")
    args = ("ingest", "--rcpt", "technik@centron.de", "--sender", "max@kunde.example",
            "--at", "2025-10-01T10:00:00")
    out, err = pipe(*args, stdin=mail)
    assert "inbound 1" in out and "HEAVY []" in err
    out, err = pipe(*args, stdin=mail)  # the MTA retries the same mail
    assert "duplicate" in out and "HEAVY []" in err
    out, _ = pipe("--json", "messages", "show", "1")
    assert '"status": "received"' in out and '"received_at": "2025-10-01T08:00:00+00:00"' in out
    pipe("process")
    out, _ = pipe("--json", "messages", "show", "1")
    assert '"action": "ticket"' in out and '"phase": "announce"' in out


def test_plain_pipe_exit_codes(pipe, tmp_path):
    mail = make_mail()
    _, err = pipe("ingest", "--rcpt", "nobody@centron.de", stdin=mail, expect=67)
    assert "not a configured address" in err and "HEAVY []" in err
    (tmp_path / "small.toml").write_text("[smtp]\nmax_message_size = 100\n")
    _, err = pipe("--config", str(tmp_path / "small.toml"), "ingest", "--rcpt",
                  "technik@centron.de", stdin=mail, expect=65)
    assert "larger than smtp.max_message_size" in err and "HEAVY []" in err
    _, err = pipe("ingest", "--rcpt", "technik@centron.de", "--at", "yesterday", stdin=mail,
                  expect=64)  # a usage error (EX_USAGE); Postfix bounces it like 65
    assert "ISO-8601" in err  # explained by the full path


def test_plain_pipe_on_a_locked_database_is_a_temporary_failure(pipe, tmp_path):
    (tmp_path / "impatient.toml").write_text("database_busy_timeout_seconds = 0.2\n")
    holder = sqlite3.connect(tmp_path / "gateway.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for longer than we wait
    try:
        _, err = pipe("--config", str(tmp_path / "impatient.toml"), "ingest", "--rcpt",
                      "technik@centron.de", stdin=make_mail(), expect=75)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "try again later" in err and "HEAVY []" in err
    pipe("ingest", "--rcpt", "technik@centron.de", stdin=make_mail())  # and then it is taken
