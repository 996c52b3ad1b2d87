"""Benchmark (not a test): the cost of one `gateway ingest` (the Postfix pipe) against a bare
`python -c pass`, both started the way Postfix starts them (a fresh process each).

In alternating rounds it runs
  1. `python -c pass` (the floor: the interpreter alone),
  2. `gateway ingest --rcpt technik@centron.de --sender ...` with one small mail on SQLite
     (every mail a new Message-ID, the database already migrated, as in production),
  3. `python -c "import gateway.cli"` (what every other command pays before it starts),
and prints the median wall time and the median peak RSS (the child's own ru_maxrss) of each,
and the ratios (targets: ingest <= 5x the bare interpreter and <= 40 MB).

    python bench/pipe.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIME = "/usr/bin/time"  # GNU time: peak RSS of a child forked from a tiny process
MAIL = ("From: Max Kunde <max@kunde.example>\r\nTo: technik@centron.de\r\n"
        "Subject: Server antwortet nicht\r\nMessage-ID: <pipe{n}@kunde.example>\r\n"
        "Date: Wed, 01 Oct 2025 10:00:00 +0200\r\n\r\nsrv-web-01 antwortet nicht.\r\n")


def gateway_command() -> list[str]:
    """The console script Postfix would call, else `python -m gateway`."""
    script = Path(sys.executable).parent / "gateway"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gateway"]


def run(argv: list[str], env: dict, stdin: bytes = b"") -> tuple[float, float]:
    """Wall seconds of one child process, and its peak RSS in MB from a second run under GNU
    time: a child forked from this (bigger) process would count our pages as its own."""
    elapsed = _run(argv, env, stdin)
    with tempfile.NamedTemporaryFile("r") as report:
        _run([TIME, "-f", "%M", "-o", report.name, *argv], env, stdin)
        return elapsed, int(report.read().split()[-1]) / 1024


def _run(argv: list[str], env: dict, stdin: bytes) -> float:
    with tempfile.TemporaryFile() as feed:
        feed.write(stdin)
        feed.seek(0)
        start = time.perf_counter()
        result = subprocess.run(argv, env=env, stdin=feed, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{argv} exited {result.returncode}: {result.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "ingest": [], "import": []}
    with tempfile.TemporaryDirectory() as workdir:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
        env.update(GATEWAY_DATABASE_URL=f"sqlite:///{workdir}/gateway.db",
                   GATEWAY_OUTBOX_DIR=f"{workdir}/outbox")
        gateway = gateway_command()
        _run([*gateway, "db", "upgrade"], env, b"")  # first use migrates; the pipe's steady state doesn't
        ingest = [*gateway, "ingest", "--rcpt", "technik@centron.de", "--sender",
                  "max@kunde.example"]
        for n in range(args.rounds):
            results["bare"].append(run([sys.executable, "-c", "pass"], env))
            results["ingest"].append(run(ingest, env, MAIL.format(n=n).encode()))
            results["import"].append(run([sys.executable, "-c", "import gateway.cli"], env))
    wall = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
    rss = {k: statistics.median(m for _, m in v) for k, v in results.items()}
    print(f"{args.rounds} alternating rounds, medians; {' '.join(gateway)}")
    print(f"{'':34} {'wall ms':>8} {'x bare':>7} {'peak RSS MB':>12}")
    for key, label in (("bare", "python -c pass"), ("ingest", "gateway ingest (small mail)"),
                       ("import", "python -c 'import gateway.cli'")):
        print(f"{label:34} {wall[key] * 1000:8.1f} {wall[key] / wall['bare']:7.2f} {rss[key]:12.1f}")
    print(f"ingest: {wall['ingest'] / wall['bare']:.2f}x bare (target <= 5), "
          f"{rss['ingest']:.1f} MB (target <= 40)")


if __name__ == "__main__":
    main()
