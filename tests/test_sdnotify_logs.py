"""The notify protocol against a real datagram socket, and the log formats of a real process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from gateway.service.sdnotify import Notifier
from tests.conftest import make_mail

ROOT = Path(__file__).resolve().parents[1]


def test_notify_datagrams_reach_the_socket(tmp_path):
    path = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(path)
        server.settimeout(5)
        notifier = Notifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "4000000"})
        assert notifier.enabled and notifier.watchdog_seconds == 4
        assert notifier.ready("listening on 127.0.0.1:8025\nqueue 0")
        assert server.recv(4096).decode().split("\n") == [
            "READY=1", f"MAINPID={os.getpid()}", "STATUS=listening on 127.0.0.1:8025 queue 0"]
        notifier.watchdog()
        assert server.recv(4096) == b"WATCHDOG=1"
        notifier.stopping("stopping: draining 2 sessions")
        assert server.recv(4096) == b"STOPPING=1\nSTATUS=stopping: draining 2 sessions"
        notifier.close()


def test_abstract_socket_and_no_systemd():
    name = f"gateway-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(b"\0" + name.encode())
        server.settimeout(5)
        assert Notifier({"NOTIFY_SOCKET": "@" + name}).status("hello")
        assert server.recv(100) == b"STATUS=hello"
    quiet = Notifier({})
    assert not quiet.enabled and not quiet.ready("x") and quiet.watchdog_seconds is None
    assert Notifier({"WATCHDOG_USEC": "1000", "WATCHDOG_PID": "1"}).watchdog_seconds is None


def _ingest(tmp_path: Path, *options: str, env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("GATEWAY_") and k != "JOURNAL_STREAM"}
    base.update({"PYTHONPATH": str(ROOT), "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db"})
    return subprocess.run([sys.executable, "-m", "gateway", *options, "ingest", "--process", "--rcpt",
                           "technik@centron.de", "--sender", "max@kunde.example"],
                          input=make_mail(), cwd=tmp_path, env={**base, **env},
                          capture_output=True, timeout=120)


def test_json_logs_one_object_per_line(tmp_path):
    result = _ingest(tmp_path, "--log-format", "json", env={"GATEWAY_LOG_LEVEL": "info"})
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.decode().splitlines()]
    decision = next(line for line in lines if line["event"] == "decision")
    assert decision["level"] == "info" and decision["inbound_id"] == 1
    assert (decision["rcpt"], decision["action"], decision["reason"]) == (
        "technik@centron.de", "redirect", "after-cutover")
    assert decision["message_id"] == "<m1@kunde.example>" and decision["time"].endswith("+00:00")
    env_json = _ingest(tmp_path, env={"GATEWAY_LOG_FORMAT": "json", "GATEWAY_LOG_LEVEL": "info"})
    assert all(json.loads(line) for line in env_json.stderr.decode().splitlines())


def test_journal_lines_have_no_timestamp_and_bad_level_is_a_config_error(tmp_path):
    result = _ingest(tmp_path, "-v", env={"JOURNAL_STREAM": "8:1234"})
    assert result.returncode == 0, result.stderr
    lines = result.stderr.decode().splitlines()
    assert lines and all(line.startswith("<6>INFO gateway.") for line in lines), lines
    plain = _ingest(tmp_path, "-v", env={})
    assert plain.stderr.decode().splitlines()[0][:4].isdigit()  # the time stamp of a terminal
    wrong = _ingest(tmp_path, env={"GATEWAY_LOG_LEVEL": "loud"})
    assert wrong.returncode == 78 and b"GATEWAY_LOG_LEVEL" in wrong.stderr
