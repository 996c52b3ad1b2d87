"""The HTTP listener of `serve` (/metrics, /healthz, /report) under attack (issue 19, findings
4 and 6): a bearer token for /report and /metrics, a non-loopback address refused without one,
a connection cap and time limits against idle and half-sent requests. Real `serve` processes."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from gateway.config.load import settings_from_dict
from gateway.service.connect_check import exposed_listener
from tests.private_server import free_port
from tests.serve_process import Serve

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "metrics-token-4711"


def env_without_gateway(**extra: str) -> dict:
    found = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    return {**found, "PYTHONPATH": str(ROOT), **extra}


def get(port: int, path: str, token: str | None = None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_config_check_and_serve_refuse_a_public_listener_without_token(tmp_path):
    env = env_without_gateway(GATEWAY_DATABASE_URL=f"sqlite:///{tmp_path}/gw.db",
                              GATEWAY_METRICS_LISTEN="0.0.0.0:8026",
                              GATEWAY_SMTP_LISTEN=f"127.0.0.1:{free_port()}")
    for args in (["config", "check"], ["serve"]):
        result = subprocess.run([sys.executable, "-m", "gateway", *args], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 78, (args, result.stdout, result.stderr)
        assert "not a loopback address" in result.stdout + result.stderr


@pytest.mark.parametrize("listen,refused", [
    ("0.0.0.0:8026", True), ("[::]:8026", True), ("gw.example:8026", True),
    ("192.0.2.7:8026", True), ("127.0.0.1:8026", False), ("127.3.4.5:8026", False),
    ("[::1]:8026", False), ("localhost:8026", False), ("", False)])
def test_which_addresses_need_a_token(monkeypatch, listen, refused):
    monkeypatch.delenv("GATEWAY_METRICS_TOKEN", raising=False)
    settings = settings_from_dict({"metrics": {"listen": listen}})
    assert bool(exposed_listener(settings)) is refused
    monkeypatch.setenv("GATEWAY_METRICS_TOKEN", TOKEN)
    assert exposed_listener(settings) == []


@pytest.mark.parametrize("extra", [{"GATEWAY_METRICS_TOKEN": TOKEN},
                                   {"GATEWAY_METRICS_ALLOW_UNAUTHENTICATED": "1"}])
def test_config_check_accepts_a_public_listener_with_token_or_consent(tmp_path, extra):
    env = env_without_gateway(GATEWAY_DATABASE_URL=f"sqlite:///{tmp_path}/gw.db",
                              GATEWAY_METRICS_LISTEN="0.0.0.0:8026", **extra)
    result = subprocess.run([sys.executable, "-m", "gateway", "config", "check"], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def serve(tmp_path):
    token_file = tmp_path / "metrics.token"
    token_file.write_text(TOKEN + "\n")
    config = tmp_path / "gateway.toml"
    config.write_text(f'[metrics]\ntoken_file = "{token_file}"\n')
    found = Serve(tmp_path, {"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                             "GATEWAY_OUTBOX_DIR": str(tmp_path / "outbox")}, config=str(config))
    yield found
    found.finish()


def test_report_and_metrics_need_the_token_healthz_does_not(serve):
    port = serve.metrics_port
    assert get(port, "/report") == 401 and get(port, "/metrics") == 401
    assert get(port, "/report", "wrong") == 401
    assert get(port, "/report", TOKEN) == 200 and get(port, "/metrics", TOKEN) == 200
    assert get(port, "/healthz") == 200


def test_idle_and_half_sent_connections_neither_pile_up_nor_block_health(serve):
    """60 idle connections and 10 half-sent requests: the listener keeps at most its cap of
    threads, answers the rest at once, and cuts the half-sent within seconds (was 75 s+)."""
    port = serve.metrics_port
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(60)]
    half = []
    for _ in range(10):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and then nothing
        half.append(sock)
    try:
        time.sleep(1)  # past the cap: a 503 at once, not a thread each
        readable, _, _ = select.select(idle, [], [], 2)
        busy = sum(sock.recv(100).startswith(b"HTTP/1.0 503") for sock in readable)
        assert busy >= 60 - 32 - 5, busy  # the half-sent take slots too
        started = time.monotonic()
        for sock in half:  # cut by the read timeout, not kept for minutes
            sock.settimeout(20)
            while sock.recv(4096):
                pass
        assert time.monotonic() - started < 12
        deadline = time.monotonic() + 15
        while get(port, "/healthz") != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert get(port, "/healthz") == 200
        threads = len(os.listdir(f"/proc/{serve.proc.pid}/task"))
        assert threads < 60, threads
    finally:
        for sock in idle + half:
            sock.close()
