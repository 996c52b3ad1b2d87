"""What an admin's terminal and logs get: sysexits for usage errors, no secret ever printed,
no escape sequence from a mail, no database made by a read-only command, private files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_mail

ROOT = Path(__file__).resolve().parents[1]
EVIL_SUBJECT = "Hallo \x1b]0;pwned\x07 \x1b[2J\x1b[31mrot\u202e \x9b1m"


def gateway(cwd: Path, *args: str, stdin: bytes = b"", env: dict | None = None,
            umask: int | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("GATEWAY_") and k != "JOURNAL_STREAM"}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "gateway", *args], input=stdin, cwd=cwd,
                          env={**base, **(env or {})}, capture_output=True, timeout=120,
                          preexec_fn=None if umask is None else (lambda: os.umask(umask)))


def test_version_and_usage_errors_exit_64(tmp_path):
    version = gateway(tmp_path, "--version")
    assert version.returncode == 0 and b"support-mail-gateway" in version.stdout
    assert gateway(tmp_path, "no-such-command").returncode == 64
    assert gateway(tmp_path, "status", "--no-such-option").returncode == 64
    bad_choice = gateway(tmp_path, "messages", "list", "--action", "foo")
    assert bad_choice.returncode == 64 and b"'foo' is not one of" in bad_choice.stderr
    assert not (tmp_path / "var").exists()


def test_secret_in_the_config_is_named_never_echoed(tmp_path):
    (tmp_path / "gw.toml").write_text('[relay]\nhost = "relay.example"\npassword = "hunter2-geheim"\n')
    result = gateway(tmp_path, "--config", "gw.toml", "config", "check")
    assert result.returncode == 78
    assert b"relay.password" in result.stderr and b"password_file" in result.stderr
    assert b"hunter2" not in result.stderr + result.stdout


def test_database_password_is_masked_in_errors(tmp_path):
    url = "postgresql+psycopg://gw:s3cr3t-pw@127.0.0.1:1/gateway"
    result = gateway(tmp_path, "ingest", "--rcpt", "technik@centron.de", stdin=make_mail(),
                     env={"GATEWAY_DATABASE_URL": url})
    assert result.returncode == 75
    assert b"s3cr3t" not in result.stderr + result.stdout
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_missing_database_driver_is_one_line(tmp_path):
    result = gateway(tmp_path, "status", env={"GATEWAY_DATABASE_URL":
                                              "postgresql+pg8000://gw:pw@db.example/gateway"})
    assert result.returncode == 78
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "pip install" in lines[0] and "pg8000" in lines[0]


def test_read_only_commands_never_create_a_database(tmp_path):
    for args in (("status",), ("messages", "list"), ("tickets", "list"), ("replies", "list")):
        result = gateway(tmp_path, *args)
        assert result.returncode == 66, result.stderr
        assert b"no database" in result.stderr
    assert not (tmp_path / "var").exists()


def test_date_time_without_seconds_and_as_string(tmp_path):
    (tmp_path / "gw.toml").write_text(
        '[[address]]\naddress = "technik@centron.de"\ndepartment = "Technik"\n'
        'cutover = 2027-01-15T08:00   # TOML 1.0 wants seconds; accepted anyway\n'
        'announce_from = "2026-12-01"\nreject_from = "2027-06-01 12:30"\n')
    result = gateway(tmp_path, "--config", "gw.toml", "--json", "config", "check")
    assert result.returncode == 0, result.stderr
    timeline = json.loads(result.stdout)["addresses"][0]
    assert timeline["cutover"] == "2027-01-15T08:00:00+01:00"
    assert timeline["announce_from"] == "2026-12-01T00:00:00+01:00"
    assert timeline["reject_from"] == "2027-06-01T12:30:00+02:00"


def test_admin_output_strips_escape_sequences(tmp_path):
    env = {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db"}
    mail = make_mail(subject=EVIL_SUBJECT, body="Zeile 1\n\x1b[2JZeile 2", name="Evil \x1b[5mName")
    ingested = gateway(tmp_path, "--json", "ingest", "--rcpt", "technik@centron.de", "--at",
                       "2025-10-01T10:00:00", stdin=mail, env=env)
    assert ingested.returncode == 0, ingested.stderr
    ticket = json.loads(ingested.stdout)["ticket"]
    outputs = [gateway(tmp_path, *args, env=env) for args in (
        ("messages", "list"), ("messages", "show", "1"), ("tickets", "show", ticket),
        ("tickets", "list"), ("--json", "messages", "list"), ("--json", "tickets", "show", ticket))]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        for bad in (b"\x1b", b"\x07", "\u202e".encode(), "\x9b".encode()):
            assert bad not in result.stdout, (bad, result.stdout)
    assert b"rot" in outputs[0].stdout and b"Zeile 2" in outputs[2].stdout


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_files_are_private_whatever_the_umask(tmp_path, umask):
    mail = make_mail()
    ingested = gateway(tmp_path, "ingest", "--process", "--rcpt", "technik@centron.de",
                       stdin=mail, umask=umask)
    assert ingested.returncode == 0, ingested.stderr
    sent = gateway(tmp_path, "outbox", "send", umask=umask)
    assert sent.returncode == 0, sent.stderr
    modes = {path.relative_to(tmp_path).as_posix(): stat.S_IMODE(path.stat().st_mode)
             for path in (tmp_path / "var").rglob("*")}
    modes["var"] = stat.S_IMODE((tmp_path / "var").stat().st_mode)
    assert any(name.endswith(".eml") for name in modes) and "var/gateway.db" in modes
    for name, mode in modes.items():
        assert mode & 0o007 == 0, f"{name} is {oct(mode)}: readable by others"
        assert mode in (0o750, 0o700) if (tmp_path / name).is_dir() else mode in (0o640, 0o600)
