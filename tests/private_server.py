"""What the tests' private servers (Postfix, Dovecot) share: a temp folder, a free loopback
port, start-and-wait, stop-and-clean. Each server only writes its own config."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateServer:
    log_name = "server.log"

    def __init__(self, prefix: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=prefix))
        self.dir.chmod(0o755)  # the server's unprivileged processes must reach inside
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def log(self) -> str:
        path = self.dir / self.log_name
        return path.read_text(errors="replace") if path.exists() else ""

    def launch(self, argv: list[str], timeout: float = 20) -> None:
        """Start the server and wait until it accepts connections on self.port."""
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{argv[0]} exited: {self.proc.stderr.read().decode()}"
                                       f"{self.log[-2000:]}") from None
                time.sleep(0.1)
        raise RuntimeError(f"{argv[0]} did not start listening on {self.port}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
