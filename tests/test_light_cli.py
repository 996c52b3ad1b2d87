"""Issue 18, point 7: `gateway --version` and a plain `status --check` import only what they
use (lightpipe/check.py: tomllib and sqlite3), say what the full command line says, and
`status --check` costs at most 5x a bare Python start."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from tests.conftest import make_mail
from tests.test_status_check import gateway, heartbeat

ROOT = Path(__file__).resolve().parents[1]
FULL = "import sys; from gateway.cli import main; sys.argv = ['gateway'] + sys.argv[1:]; main()"


def full_path(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"PYTHONPATH": str(ROOT), "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                "GATEWAY_OUTBOX_DIR": str(tmp_path / "out")})
    return subprocess.run([sys.executable, "-c", FULL, *args], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120)


def test_light_check_says_what_the_full_path_says(tmp_path):
    gateway(tmp_path, "ingest", "--process", "--rcpt", "technik@centron.de", stdin=make_mail())
    states = [None, {}, {"imap": {"errors": ["imap.example: login failed"],
                                  "alarms": ["imap.example: token refresh failing"]}}]
    for detail in states:
        if detail is not None:
            heartbeat(tmp_path, timedelta(seconds=2), detail)
        light, full = gateway(tmp_path, "status", "--check"), full_path(tmp_path, "status",
                                                                         "--check")
        assert (light.returncode, light.stdout) == (full.returncode, full.stdout)
        assert light.stdout.startswith(b"GATEWAY ")
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gateway", "status", "--check"],
        cwd=tmp_path, capture_output=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT),
             "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db"}).stderr.decode()
    for heavy in ("sqlalchemy", "pydantic", "click", "jinja2"):
        assert f" {heavy}\n" not in imported, heavy


def test_version_is_the_full_paths(tmp_path):
    light = subprocess.run([sys.executable, "-m", "gateway", "--version"], capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert light.stdout == full_path(tmp_path, "--version").stdout
    assert light.stdout.startswith(b"gateway (support-mail-gateway) ")


def _median_seconds(argv: list[str], cwd: Path, env: dict, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=60)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_check_costs_at_most_five_bare_python_starts(tmp_path):
    gateway(tmp_path, "ingest", "--process", "--rcpt", "technik@centron.de", stdin=make_mail())
    heartbeat(tmp_path, timedelta(seconds=1))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"PYTHONPATH": str(ROOT), "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db"})
    bare = _median_seconds([sys.executable, "-c", "pass"], tmp_path, env)
    check = _median_seconds([sys.executable, "-m", "gateway", "status", "--check"], tmp_path, env)
    assert check <= 5 * bare, (check, bare)


def test_light_check_reads_a_path_with_uri_characters(tmp_path):
    odd = tmp_path / "a #b"  # (no "?" or "%": a database URL decodes them)
    odd.mkdir()
    gateway(odd, "ingest", "--process", "--rcpt", "technik@centron.de", stdin=make_mail())
    light, full = gateway(odd, "status", "--check"), full_path(odd, "status", "--check")
    assert (light.returncode, light.stdout) == (full.returncode, full.stdout)
    assert b"serve: not running" in light.stdout  # read the database, not "unusable"
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gateway", "status", "--check"], cwd=odd,
        capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT),
                                              "GATEWAY_DATABASE_URL": f"sqlite:///{odd}/gw.db"})
    assert b" sqlalchemy\n" not in imported.stderr  # answered by the light path itself


def test_light_check_on_postgres_says_what_the_full_path_says(tmp_path):
    from tests.postgres import running_postgres

    servers = running_postgres()
    url = next(servers)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
        env.update({"PYTHONPATH": str(ROOT), "GATEWAY_DATABASE_URL": url,
                    "GATEWAY_OUTBOX_DIR": str(tmp_path / "out")})
        run = {"cwd": tmp_path, "env": env, "capture_output": True, "timeout": 120}
        stored = subprocess.run([sys.executable, "-m", "gateway", "ingest", "--process",
                                 "--rcpt", "technik@centron.de"], input=make_mail(), **run)
        assert stored.returncode == 0, stored.stderr
        light = subprocess.run([sys.executable, "-X", "importtime", "-m", "gateway", "status",
                                "--check"], **run)
        full = subprocess.run([sys.executable, "-c", FULL, "status", "--check"], **run)
        assert (light.returncode, light.stdout) == (full.returncode, full.stdout)
        assert b"serve: not running" in light.stdout
        assert b" sqlalchemy\n" not in light.stderr  # psycopg alone
    finally:
        next(servers, None)
