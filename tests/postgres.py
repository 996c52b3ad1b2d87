"""A real PostgreSQL server for the tests: initdb into a temp folder, started on a free loopback
port, stopped at the end. Installed by scripts/test-deps.sh (the README's test command)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.private_server import free_port


def _bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(
        f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} not found: run scripts/test-deps.sh "
                           "(apt-get install postgresql)")
    return found


class PostgresServer:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="gw-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0  # postgres refuses to run as root

    def _run(self, *argv: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *argv], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.dir, "postgres")
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "gateway",
                  "-E", "UTF8")
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c max_connections=50")
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
                  str(self.dir / "log"), "start")
        self._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "gateway",
                  "gateway")
        return f"postgresql+psycopg://gateway@127.0.0.1:{self.port}/gateway"

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def running_postgres() -> Iterator[str]:
    """A module's private PostgreSQL, its URL for a fixture to `yield from`."""
    server = PostgresServer()
    url = server.start()
    try:
        yield url
    finally:
        server.stop()
