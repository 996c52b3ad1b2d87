"""`gateway serve` as a real process: demo defaults, SIGTERM, and SIGKILL in the middle of a burst."""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import make_mail
from tests.private_server import free_port

ROOT = Path(__file__).resolve().parents[1]


def start_serve(workdir: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"GATEWAY_SMTP_LISTEN": f"127.0.0.1:{port}", "PYTHONPATH": str(ROOT),
                "GATEWAY_METRICS_LISTEN": ""})
    log = open(workdir / "serve.log", "ab")
    proc = subprocess.Popen([sys.executable, "-m", "gateway", "serve"], cwd=workdir, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            assert proc.poll() is None, (workdir / "serve.log").read_text()
            time.sleep(0.1)
    raise AssertionError("gateway serve did not start listening")


def db_rows(workdir: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(workdir / "var/gateway.db", timeout=30) as conn:
        return conn.execute("SELECT message_id, status FROM inbound_message").fetchall()


def wait_all_done(workdir: Path, timeout: float = 60) -> list[tuple[str, str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = db_rows(workdir)
        if rows and all(status == "done" for _, status in rows):
            return rows
        time.sleep(0.2)
    raise AssertionError(f"not all processed: {rows[:5]}")


def wait_service_state(workdir: Path, timeout: float = 30) -> list[str]:
    """The daemons' rows once just one is left and its process runs (or what is there at the
    timeout): the restarted serve writes its row at its first heartbeat."""
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(workdir / "var/gateway.db", timeout=30) as conn:
            names = [name for (name,) in conn.execute("SELECT name FROM service_state")]
        if (len(names) == 1 and os.path.exists(f"/proc/{names[0].rpartition(':')[2]}")
                or time.monotonic() > deadline):
            return names
        time.sleep(0.2)


def test_defaults_demo_and_graceful_sigterm(tmp_path):
    port = free_port()
    proc = start_serve(tmp_path, port)
    try:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail("max@kunde.example", ["technik@centron.de"], make_mail())
        wait_all_done(tmp_path)
        deadline = time.monotonic() + 20
        while not list((tmp_path / "var/outbox").glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(list((tmp_path / "var/outbox").glob("*.eml"))) == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=40) == 0
    log = (tmp_path / "serve.log").read_text()
    assert f"listening for SMTP on 127.0.0.1:{port}" in log
    assert "technik@centron.de (Technischer Support) is in phase cutover" in log


def test_sigkill_mid_burst_loses_nothing_and_duplicates_nothing(tmp_path):
    port = free_port()
    proc = start_serve(tmp_path, port)
    acked: list[str] = []
    lock = threading.Lock()

    def sender(worker: int) -> None:
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                for i in range(100_000):
                    mid = f"<k{worker}-{i}@kunde.example>"
                    client.sendmail("max@kunde.example", ["technik@centron.de"],
                                    make_mail(message_id=mid))
                    with lock:
                        acked.append(mid)  # only after the server's 250
        except (OSError, smtplib.SMTPException):
            return  # the server died under us: this mail got no 250

    threads = [threading.Thread(target=sender, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acked) < 300 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.kill()
    proc.wait(timeout=10)
    for thread in threads:
        thread.join(timeout=30)
    assert len(acked) >= 300
    restarted = start_serve(tmp_path, port)
    try:
        rows = wait_all_done(tmp_path, timeout=120)
        # the killed serve's row is gone (its process is dead), so status warns of no ghost
        names = wait_service_state(tmp_path)
        assert len(names) == 1 and os.path.exists(f"/proc/{names[0].rpartition(':')[2]}"), names
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=40)
    stored = [mid for mid, _ in rows]
    assert len(stored) == len(set(stored)), "a mail was stored twice"
    missing = set(acked) - set(stored)
    assert not missing, f"{len(missing)} mails got 250 but were not stored"
    # processed exactly once: one decision per row, and one reply row per redirect at most
    with sqlite3.connect(tmp_path / "var/gateway.db") as conn:
        per_inbound = conn.execute(
            "SELECT inbound_id, COUNT(*) FROM reply GROUP BY inbound_id HAVING COUNT(*) > 1"
        ).fetchall()
    assert per_inbound == []


def test_port_in_use_is_a_config_error_naming_the_key(tmp_path):
    port = free_port()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", port))
        holder.listen()
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
        env.update({"GATEWAY_SMTP_LISTEN": f"127.0.0.1:{port}", "PYTHONPATH": str(ROOT),
                    "GATEWAY_METRICS_LISTEN": ""})
        result = subprocess.run([sys.executable, "-m", "gateway", "serve"], cwd=tmp_path,
                                env=env, capture_output=True, timeout=60)
    assert result.returncode == 78
    assert b"GATEWAY_SMTP_LISTEN" in result.stderr and b"address already in use" in result.stderr
