"""Benchmark (not a test): the gateway's IMAP intake against a bare batched imapclient fetch.

A private Dovecot (the tests' own, tests/dovecot.py) holds the same mailbox (default 2,000
mails of 2-20 KB) for both:
  1. bare: SELECT, SEARCH, FETCH BODY.PEEK[] INTERNALDATE in batches with imapclient, mails
     thrown away; the target's reference. Once more with imaplib's trace off (imapclient sets
     it to level 5: repr() of every answer), as the gateway connects: a fairer reference;
  2. intake: what the gateway does with a mailbox, `MailboxPoller.poll()`: the same fetch,
     every batch committed to SQLite, then moved to `Processed` on the server.
Processing (parse, classify, decide, act) is measured apart, after the intake. Rounds
alternate (the mailbox is moved back between rounds, untimed) and the medians are compared.
Needs root, like the tests' Dovecot.

    python bench/imap_ingest.py [--mails 2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imapclient import IMAPClient  # noqa: E402

from gateway.clock import SystemClock  # noqa: E402
from gateway.config.load import settings_from_dict  # noqa: E402
from gateway.ingest.imap import MailboxPoller  # noqa: E402
from gateway.ingest.imap_fetch import BATCH_MAILS as FETCH_CHUNK  # noqa: E402
from gateway.ingest.imap_session import _untraced as untraced  # noqa: E402
from gateway.pipeline.process import Pipeline  # noqa: E402
from gateway.store.db import ensure_schema, make_engine  # noqa: E402
from tests.dovecot import Dovecot  # noqa: E402

USER, PASSWORD = "technik@centron.de", "bench"


def make_mails(count: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    mails = []
    for i in range(count):
        size = rng.randint(2_000, 20_000)
        line = "Der Server antwortet seit heute morgen nicht mehr, bitte pruefen.\r\n"
        mails.append((f"From: kunde{i % 300}@firma.example\r\nTo: {USER}\r\n"
                      f"Subject: Anfrage {i}\r\nMessage-ID: <i{i}-{seed}@bench>\r\n\r\n"
                      + line * (size // len(line))).encode())
    return mails


def client_for(server: Dovecot) -> IMAPClient:
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    client.login(USER, PASSWORD)
    return client


def fill(server: Dovecot, mails: list[bytes]) -> None:
    client = client_for(server)
    at = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)
    for raw in mails:
        client.append("INBOX", raw, msg_time=at)
    client.create_folder("Processed")
    client.logout()


def move_back(server: Dovecot) -> None:
    client = client_for(server)
    client.select_folder("Processed")
    uids = client.search("ALL")
    if uids:
        client.move(uids, "INBOX")
    client.logout()


def bare_fetch(server: Dovecot, traced: bool = True) -> tuple[int, float]:
    start = time.perf_counter()
    client = client_for(server)
    if not traced:
        untraced(client)
    client.select_folder("INBOX", readonly=True)
    uids = client.search("ALL")
    fetched = 0
    for first in range(0, len(uids), FETCH_CHUNK):
        fetched += len(client.fetch(uids[first: first + FETCH_CHUNK],
                                    ["BODY.PEEK[]", "INTERNALDATE"]))
    client.logout()
    return fetched, time.perf_counter() - start


def intake(server: Dovecot, workdir: Path, number: int) -> tuple[int, float, float]:
    """The gateway's intake on a fresh database; then its processing, timed apart."""
    settings = settings_from_dict({
        "database_url": f"sqlite:///{workdir}/round{number}.db",
        "outbox_dir": str(workdir / "outbox"),
        "imap": [{"host": "127.0.0.1", "port": server.port, "security": "none",
                  "username": USER, "rcpt": USER}]})
    engine = make_engine(settings.database_url, settings.busy_timeout_ms)
    ensure_schema(engine)
    clock = SystemClock()
    start = time.perf_counter()
    report = MailboxPoller(settings.imap[0], engine, clock).poll()
    taken = time.perf_counter() - start
    start = time.perf_counter()
    processed = len(Pipeline(settings, engine, clock).process_pending(batch=200))
    processing = time.perf_counter() - start
    engine.dispose()
    assert report.stored == processed, (report, processed)
    return report.stored, taken, processing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["GATEWAY_IMAP_PASSWORD"] = PASSWORD
    server = Dovecot({USER: PASSWORD})
    server.start()
    bare_rates, untraced_rates, intake_rates, processing_rates = [], [], [], []
    try:
        fill(server, make_mails(args.mails))
        with tempfile.TemporaryDirectory() as workdir:
            bare_fetch(server)  # warm-up: Dovecot's caches and indexes
            for number in range(args.rounds):
                count, elapsed = bare_fetch(server)
                bare_rates.append(count / elapsed)
                count, elapsed = bare_fetch(server, traced=False)
                untraced_rates.append(count / elapsed)
                stored, taken, processing = intake(server, Path(workdir), number)
                intake_rates.append(stored / taken)
                processing_rates.append(stored / processing)
                move_back(server)
    finally:
        server.stop()
    bare, gateway = statistics.median(bare_rates), statistics.median(intake_rates)
    print(f"{args.mails} mails of 2-20 KB in one Dovecot mailbox, {args.rounds} alternating "
          f"rounds (medians), batches of {FETCH_CHUNK}")
    print(f"bare imapclient fetch: {bare:8.0f} mails/s  {[round(r) for r in bare_rates]}")
    print(f"gateway intake (fetch, commit, move): {gateway:8.0f} mails/s  "
          f"{[round(r) for r in intake_rates]}")
    print(f"ratio intake/bare: {gateway / bare:.2f} (target >= 0.5)")
    plain = statistics.median(untraced_rates)
    print(f"bare fetch, imaplib's trace off (as the gateway): {plain:8.0f} mails/s  "
          f"{[round(r) for r in untraced_rates]}; ratio intake/that: {gateway / plain:.2f}")
    print(f"processing apart (parse ... act, SQLite): "
          f"{statistics.median(processing_rates):8.0f} mails/s")


if __name__ == "__main__":
    main()
