"""Benchmark (not a test): the gateway's whole processing against bare stdlib parsing.

Makes N varied mails (2-20 KB, some with attachments, some automated), then in one run measures
  1. parse only: email.message_from_bytes(raw, policy=policy.default) for every mail;
  2. the gateway: store, parse, classify, decide, act, render the reply into the outbox (SQLite).
Prints messages/s of both and their ratio (target: gateway/parse >= 0.5). The two are measured
in alternating rounds and their medians compared, since these machines are noisy.

    python bench/pipeline.py [--count 5000] [--rounds 3] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.clock import FixedClock  # noqa: E402
from gateway.config.load import settings_from_dict  # noqa: E402
from gateway.ingest.store import Incoming, store_batch  # noqa: E402
from gateway.pipeline.backlog import Backlog  # noqa: E402
from gateway.pipeline.process import Pipeline  # noqa: E402
from gateway.store.db import ensure_schema, make_engine  # noqa: E402

WORDS = ("Server", "Rechnung", "Fehler", "Datenbank", "nicht", "erreichbar", "bitte", "prüfen",
         "Zertifikat", "Backup", "Kunde", "Vertrag", "Störung", "seit", "heute", "morgen")
STORE_BATCH = 50
PARSE_WORKERS = max((os.cpu_count() or 1) - 1, 0)  # what `gateway process` uses
AUTOMATED = ({"Auto-Submitted": "auto-replied"}, {"Precedence": "bulk"},
             {"List-Id": "<news.example.com>"}, {"X-Auto-Response-Suppress": "OOF"})


def make_mail(i: int, rng: random.Random) -> tuple[bytes, str]:
    size = rng.randint(2_000, 20_000)
    sender = f"kunde{rng.randint(1, 2000)}@firma{rng.randint(1, 50)}.example"
    headers = [f"From: Kunde {i} <{sender}>", "To: technik@centron.de",
               f"Subject: {' '.join(rng.choices(WORDS, k=5))} #{i}", f"Message-ID: <b{i}@bench>",
               "Date: Wed, 01 Oct 2025 10:00:00 +0200", "MIME-Version: 1.0"]
    if rng.random() < 0.15:
        headers += [f"{k}: {v}" for k, v in rng.choice(AUTOMATED).items()]
    text = ""
    while len(text) < size * 0.6:
        text += " ".join(rng.choices(WORDS, k=12)) + ".\r\n"
    if rng.random() < 0.25:
        blob = base64.encodebytes(rng.randbytes(int(size * 0.3))).decode()
        body = ("Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\n"
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                f"{text}\r\n--B\r\nContent-Type: application/pdf\r\n"
                "Content-Transfer-Encoding: base64\r\n"
                f"Content-Disposition: attachment; filename=\"log{i}.pdf\"\r\n\r\n{blob}--B--\r\n")
        raw = "\r\n".join(headers) + "\r\n" + body
    else:
        raw = ("\r\n".join(headers) + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: 8bit\r\n\r\n" + text)
    return raw.encode("utf-8"), sender


def bench_parse(mails: list[tuple[bytes, str]]) -> float:
    start = time.perf_counter()
    for raw, _ in mails:
        message_from_bytes(raw, policy=policy.default)
    return len(mails) / (time.perf_counter() - start)


def bench_gateway(mails: list[tuple[bytes, str]], db: Path) -> tuple[float, dict[str, int]]:
    # A new file each round: the gateway refuses a database file that vanished under a running
    # process (issue 8), which is what unlinking and recreating one path would look like.
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    settings = settings_from_dict({"database_url": f"sqlite:///{db}", "outbox_dir": "",
                                   "responder": {"global_replies_per_hour": 10**9}})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    base = datetime(2025, 10, 1, 8, tzinfo=UTC)
    clock = FixedClock(base)
    pipeline = Backlog(Pipeline(settings, engine, clock), parse_workers=PARSE_WORKERS)
    pipeline.warm_up()  # process start-up is not processing
    actions: dict[str, int] = {}
    items = [Incoming(raw, "technik@centron.de", sender, "bench",
                      base + timedelta(seconds=i) + (timedelta(days=14) if i % 2 else timedelta()))
             for i, (raw, sender) in enumerate(mails)]
    start = time.perf_counter()
    for offset in range(0, len(items), STORE_BATCH):  # as the SMTP receiver batches under load
        store_batch(engine, items[offset: offset + STORE_BATCH])
    for outcome in pipeline.process_pending():
        actions[outcome.action] = actions.get(outcome.action, 0) + 1
    rate = len(mails) / (time.perf_counter() - start)
    pipeline.close()
    engine.dispose()
    return rate, actions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "gw-bench.db")
    args = parser.parse_args()
    rng = random.Random(42)
    mails = [make_mail(i, rng) for i in range(args.count)]
    total = sum(len(raw) for raw, _ in mails)
    print(f"{len(mails)} mails, {total / len(mails) / 1024:.1f} KB average, "
          f"{args.rounds} alternating rounds (medians)")
    parse_rates, gateway_rates = [], []
    for round_no in range(args.rounds):
        parse_rates.append(bench_parse(mails))
        rate, actions = bench_gateway(mails, args.db.with_name(f"{args.db.stem}-{round_no}.db"))
        gateway_rates.append(rate)
    parse_rate, gateway_rate = statistics.median(parse_rates), statistics.median(gateway_rates)
    print(f"parse only (stdlib, policy.default): {parse_rate:8.0f} messages/s  "
          f"{[round(r) for r in parse_rates]}")
    print(f"gateway (store..render, SQLite, {PARSE_WORKERS} parse worker(s)): "
          f"{gateway_rate:8.0f} messages/s  {[round(r) for r in gateway_rates]}  {actions}")
    print(f"ratio gateway/parse: {gateway_rate / parse_rate:.2f} (target >= 0.5)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB (the {len(mails)} test mails included, "
          f"{total / 2**20:.0f} MB of them)")


if __name__ == "__main__":
    main()
