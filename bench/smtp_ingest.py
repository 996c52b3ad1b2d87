"""Benchmark (not a test): SMTP reception of `gateway serve` against a bare aiosmtpd server.

Sends the same load (default 2,000 mails of 2-20 KB over 8 connections) to
  1. a bare aiosmtpd server that accepts and discards (its own process), and
  2. `gateway serve` on its default SQLite store (its own process), where every mail is
     durably committed before its 250;
and prints messages/s of each and the ratio (target: gateway/bare >= 0.5).

    python bench/smtp_ingest.py [--mails 2000] [--connections 8]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE_SERVER = """
import asyncio, sys
from aiosmtpd.controller import Controller
class Discard:
    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 Ok"
controller = Controller(Discard(), hostname="127.0.0.1", port=int(sys.argv[1]),
                        data_size_limit=26214400)
controller.start()
import signal; signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("server exited early") from None
            time.sleep(0.05)
    raise SystemExit("server did not start")


def make_mails(count: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    mails = []
    for i in range(count):
        size = rng.randint(2_000, 20_000)
        line = "Der Server antwortet seit heute morgen nicht mehr, bitte pruefen.\r\n"
        body = line * (size // len(line))
        mails.append((f"From: kunde{i % 300}@firma.example\r\nTo: technik@centron.de\r\n"
                      f"Subject: Anfrage {i}\r\nMessage-ID: <s{i}-{seed}@bench>\r\n\r\n"
                      + body).encode())
    return mails


def send_all(port: int, mails: list[bytes], connections: int) -> float:
    chunks = [mails[i::connections] for i in range(connections)]

    def send(chunk: list[bytes]) -> int:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            for raw in chunk:
                client.sendmail("kunde@firma.example", ["technik@centron.de"], raw)
        return len(chunk)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        sent = sum(pool.map(send, chunks))
    elapsed = time.perf_counter() - start
    assert sent == len(mails)
    return sent / elapsed


def run_server(argv: list[str], port: int, env: dict, cwd: Path, mails, connections) -> float:
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_listening(port, proc)
        send_all(port, make_mails(50, seed=99), connections)  # warm-up
        return send_all(port, mails, connections)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    mails = make_mails(args.mails)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env["PYTHONPATH"] = str(ROOT)
    with tempfile.TemporaryDirectory() as workdir:
        bare_port = free_port()
        bare = run_server([sys.executable, "-c", BARE_SERVER, str(bare_port)], bare_port, env,
                          Path(workdir), mails, args.connections)
        port = free_port()
        gateway_env = {**env, "GATEWAY_SMTP_LISTEN": f"127.0.0.1:{port}"}
        gateway = run_server([sys.executable, "-m", "gateway", "serve"], port, gateway_env,
                             Path(workdir), mails, args.connections)
    print(f"{args.mails} mails of 2-20 KB over {args.connections} connections")
    print(f"bare aiosmtpd (accept and discard): {bare:8.0f} messages/s")
    print(f"gateway serve (SQLite, commit before 250): {gateway:8.0f} messages/s")
    print(f"ratio gateway/bare: {gateway / bare:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
