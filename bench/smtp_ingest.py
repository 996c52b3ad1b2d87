"""Benchmark (not a test): SMTP reception of `gateway serve` against a bare aiosmtpd server.

Sends the same load (default 2,000 mails of 2-20 KB over 8 connections) to
  1. a bare aiosmtpd server that accepts and discards (its own process), and
  2. `gateway serve` on its default SQLite store (its own process), where every mail is
     durably committed before its 250;
and prints messages/s of each and the ratio (target: gateway/bare >= 1.0), and the peak memory
of `serve` (every process of it: reception, worker, any other): the sum of their peak RSS (VmHWM, which counts
shared library pages once per process) and the sum of their PSS (proportional set size: shared
pages split between the processes that share them; sampled during the load and until the
worker has worked it off), target < 100 MB. Both servers run side by side and are measured in
alternating rounds (the gateway's queue drained before each bare round), and the medians are
compared, since these machines are noisy.

Each mail comes from one of 300 customers (envelope sender = From), so the worker renders and
writes a reply to each of them (then the rate limit holds the rest back), as in production.
--languages: German, English, French and, every fourth, a mail without function words, so that
the language model (lingua) loads in the worker. --worker-mode: serve's `worker_mode`.

    python bench/smtp_ingest.py [--mails 2000] [--connections 8] [--rounds 3] [--languages]
                                [--worker-mode process|thread]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import smtplib
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


LINES = {  # --languages: every fourth mail has no function word, so the language model decides
    "de": "Der Server antwortet seit heute morgen nicht mehr, bitte pruefen.\r\n",
    "en": "The server has not answered since this morning, please check it.\r\n",
    "fr": "Le serveur ne repond plus depuis ce matin, merci de verifier.\r\n",
    "model": "Webserver Fehlermeldung Zertifikat abgelaufen Datenbank Timeout\r\n",
}


def make_mails(count: int, seed: int = 7, languages: bool = False) -> list[bytes]:
    rng = random.Random(seed)
    mails = []
    for i in range(count):
        size = rng.randint(2_000, 20_000)
        line = LINES[list(LINES)[i % 4] if languages else "de"]
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
                sender = raw[6:raw.index(b"\r\n")].decode()  # the From address: a reply each
                client.sendmail(sender, ["technik@centron.de"], raw)
        return len(chunk)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        sent = sum(pool.map(send, chunks))
    elapsed = time.perf_counter() - start
    assert sent == len(mails)
    return sent / elapsed


def start_server(argv: list[str], port: int, env: dict, cwd: Path) -> subprocess.Popen:
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_listening(port, proc)
    return proc


def serve_pids(proc: subprocess.Popen) -> list[int]:
    """serve's processes: the main one and every descendant (the worker, any helper)."""
    pids, index = [proc.pid], 0
    while index < len(pids):
        for children in Path(f"/proc/{pids[index]}/task").glob("*/children"):
            try:
                pids += [int(p) for p in children.read_text().split()]
            except (FileNotFoundError, ProcessLookupError):
                continue
        index += 1
    return pids


def _field_mb(path: str, name: str) -> float:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def peak_memory_mb(proc: subprocess.Popen) -> float:
    """The peak resident memory (VmHWM) of serve's processes, summed: a page shared by two
    processes is counted twice."""
    return sum(_field_mb(f"/proc/{pid}/status", "VmHWM:") for pid in serve_pids(proc))


def pss_by_process(proc: subprocess.Popen) -> dict[int, float]:
    """Each process's proportional set size now (a page shared by n processes counts 1/n)."""
    return {pid: _field_mb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in serve_pids(proc)}


class PssSampler:
    """Samples serve's PSS every 0.2 s in a thread while the load runs; keeps the peak of the
    sum (and each process's share at that moment)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc, self.peak, self.parts = proc, 0.0, {}

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            parts = pss_by_process(self.proc)
            if sum(parts.values()) > self.peak:
                self.peak, self.parts = sum(parts.values()), parts

    def __enter__(self) -> PssSampler:  # once per round
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_drained(db: Path, timeout: float = 120) -> None:
    """Let the gateway's worker finish, so that it does not disturb the next round."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(db, timeout=30) as conn:
            left = conn.execute("SELECT COUNT(*) FROM inbound_message WHERE status != 'done'"
                                ).fetchone()[0]
        if not left:
            return
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker-mode", choices=("process", "thread"), default="process",
                        help="serve's worker_mode (the config key)")
    parser.add_argument("--languages", action="store_true",
                        help="de, en, fr and model-decided mails (lingua loads in the worker)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env["PYTHONPATH"] = str(ROOT)
    metrics_port = free_port()  # on, as shipped, and scraped once a round as monitoring does
    env["GATEWAY_METRICS_LISTEN"] = f"127.0.0.1:{metrics_port}"
    bare_rates, gateway_rates = [], []
    with tempfile.TemporaryDirectory() as workdir:
        bare_port, port = free_port(), free_port()
        bare = start_server([sys.executable, "-c", BARE_SERVER, str(bare_port)], bare_port,
                            {k: v for k, v in env.items() if k != "GATEWAY_METRICS_LISTEN"},
                            Path(workdir))
        config = Path(workdir) / "gateway.toml"
        config.write_text(f'worker_mode = "{args.worker_mode}"\n')
        gateway = start_server([sys.executable, "-m", "gateway", "--config", str(config), "serve"],
                               port,
                               {**env, "GATEWAY_SMTP_LISTEN": f"127.0.0.1:{port}"},
                               Path(workdir))
        try:
            sampler = PssSampler(gateway)
            for target in (bare_port, port):  # warm-up
                send_all(target, make_mails(50, seed=99, languages=args.languages),
                         args.connections)
            for number in range(args.rounds):
                mails = make_mails(args.mails, seed=number, languages=args.languages)
                wait_drained(Path(workdir) / "var/gateway.db")
                bare_rates.append(send_all(bare_port, mails, args.connections))
                with sampler:  # until the worker has worked the load off: its peak counts too
                    gateway_rates.append(send_all(port, mails, args.connections))
                    urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics",
                                           timeout=30).read()
                    wait_drained(Path(workdir) / "var/gateway.db")
            memory = (peak_memory_mb(bare), peak_memory_mb(gateway), sampler.peak,
                      len(serve_pids(gateway)), sampler.parts)
        finally:
            stop_server(gateway)
            stop_server(bare)
    bare_rate, gateway_rate = statistics.median(bare_rates), statistics.median(gateway_rates)
    print(f"{args.mails} mails of 2-20 KB over {args.connections} connections, "
          f"{args.rounds} alternating rounds (medians)")
    print(f"bare aiosmtpd (accept and discard): {bare_rate:8.0f} messages/s  "
          f"{[round(r) for r in bare_rates]}")
    print(f"gateway serve (SQLite, commit before 250): {gateway_rate:8.0f} messages/s  "
          f"{[round(r) for r in gateway_rates]}")
    print(f"ratio gateway/bare: {gateway_rate / bare_rate:.2f} (target >= 1.0)")
    print(f"peak memory: bare {memory[0]:.0f} MB RSS; gateway serve ({memory[3]} processes, "
          f"the first the reception) {memory[1]:.0f} MB RSS summed, {memory[2]:.1f} MB PSS summed "
          f"(target < 100; PSS by process: "
          f"{', '.join(f'{mb:.0f}' for mb in memory[4].values())})")


if __name__ == "__main__":
    main()
