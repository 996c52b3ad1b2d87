"""Idle connections must not starve reception (issue 19, finding 4): `serve` under a low
descriptor limit (soft 200, hard 256, as `prlimit` sets it) takes a flood of 300 idle policy
connections, idle and half-sent HTTP connections, and still greets SMTP, answers 421 at its own
cap, takes a mail, answers policy requests and /healthz. A real serve, real sockets."""

from __future__ import annotations

import resource
import select
import smtplib
import socket
import time
from pathlib import Path

import pytest

from tests.conftest import make_mail
from tests.private_server import free_port
from tests.serve_process import Serve

SMTP_CAP = 40
REQUEST = (b"request=smtpd_access_policy\nprotocol_state=RCPT\nsender=max@kunde.example\n"
           b"recipient=someone@elsewhere.example\nclient_address=127.0.0.1\n\n")


def connect_many(port: int, count: int) -> list[socket.socket]:
    found = []
    for _ in range(count):
        try:
            found.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        except OSError:  # the old code: the backlog full, nobody accepting
            break
    return found


def greetings(sessions: list[socket.socket], seconds: float) -> list[bytes]:
    """The first answer of each session, as they come, for at most `seconds`."""
    deadline, waiting, found = time.monotonic() + seconds, list(sessions), []
    while waiting and time.monotonic() < deadline:
        readable, _, _ = select.select(waiting, [], [], 0.5)
        for sock in readable:
            found.append(sock.recv(200))
            waiting.remove(sock)
    return found


def banner(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.settimeout(5)
        try:
            return sock.recv(200)
        except (TimeoutError, ConnectionError):
            return b""


@pytest.fixture
def serve(tmp_path: Path):
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 1024:
        pytest.fail("the test process itself needs 1,024 descriptors")
    policy = free_port()
    config = tmp_path / "gateway.toml"
    config.write_text(f'[smtp]\nmax_connections = {SMTP_CAP}\nmax_connections_per_client = 100\n'
                      f'[postfix]\npolicy_listen = "127.0.0.1:{policy}"\n')
    found = Serve(tmp_path, {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                             "GATEWAY_OUTBOX_DIR": str(tmp_path / "outbox")},
                  config=str(config), nofile=(200, 256))
    found.policy_port = policy
    yield found
    found.finish()


def test_a_flood_of_idle_connections_leaves_smtp_its_421(serve):
    limits = Path(f"/proc/{serve.proc.pid}/limits").read_text()
    assert [line.split()[3:5] for line in limits.splitlines()
            if line.startswith("Max open files")] == [["256", "256"]]  # soft raised to hard
    assert "file descriptor limit 256 is too low" in serve.log
    stalled = socket.create_connection(("127.0.0.1", serve.policy_port))
    stalled.sendall(REQUEST[:40])  # half a request, then nothing
    flood = connect_many(serve.policy_port, 300)
    web = connect_many(serve.metrics_port, 60)
    try:
        assert len(flood) == 300
        assert banner(serve.smtp_port).startswith(b"220")
        sessions = connect_many(serve.smtp_port, SMTP_CAP)
        try:
            greeted = greetings(sessions, 10)
            assert len(greeted) == SMTP_CAP and all(g.startswith(b"220") for g in greeted)
            assert banner(serve.smtp_port).startswith(b"421")  # the cap, not a silent close
        finally:
            for sock in sessions:
                sock.close()
        time.sleep(0.5)
        with smtplib.SMTP("127.0.0.1", serve.smtp_port, timeout=10) as client:
            assert client.sendmail("max@kunde.example", ["technik@centron.de"],
                                   make_mail()) == {}
        with socket.create_connection(("127.0.0.1", serve.policy_port), timeout=5) as sock:
            sock.sendall(REQUEST)
            assert sock.recv(100).startswith(b"action=")
        flood[0].settimeout(5)
        assert flood[0].recv(10) == b""  # the longest idle was closed to make room
        deadline = time.monotonic() + 10  # the idle ones are cut (evicted, or after 5 s)
        while serve.http("/healthz")[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert serve.http("/healthz")[0] == 200, serve.http("/healthz")
        stalled.settimeout(15)
        assert stalled.recv(100) == b""  # a request must be whole within 10 s
    finally:
        for sock in flood + web + [stalled]:
            sock.close()
