"""Benchmark (not a test): the storage side of issue 18 as the history grows (points 4-6):
worker decisions per second, database bytes per stored mail, and a purge of everything older
than 30 days, dated a month after the newest row (its time, the longest a concurrent writer
waited for the lock meanwhile, the bytes per stored mail after it, without a manual VACUUM).
Each size is a history of its own (bench/history.py's import and replication), so a purge
never eats into the next one.

    python bench/storage.py [--sizes 10000,100000] [--base-mails 2000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench import history  # noqa: E402
from gateway.store.db import make_engine  # noqa: E402

PURGE = """
import os
from datetime import timedelta
from sqlalchemy import func, select
from gateway.store.db import make_engine
from gateway.store.models import INBOUND, REPLIES
from gateway.store.retention import purge
engine = make_engine(os.environ["URL"])
with engine.connect() as conn:
    last = max(conn.execute(select(func.max(INBOUND.c.received_at))).scalar(),
               conn.execute(select(func.max(REPLIES.c.created_at))).scalar())
print(purge(engine, last + timedelta(days=31), 30).as_json())
"""


def probe(path: Path | None, url: str, stop: threading.Event, waits: list[float]) -> None:
    """A tiny write transaction every 10 ms: how long each waited for the lock."""
    engine = None if path else make_engine(url)
    conn = sqlite3.connect(path, timeout=60, isolation_level=None) if path else None
    while not stop.is_set():
        started = time.perf_counter()
        if conn is not None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE alembic_version SET version_num = version_num")
            conn.execute("COMMIT")
        else:
            with engine.begin() as pg:
                pg.execute(text("UPDATE alembic_version SET version_num = version_num"))
        waits.append(time.perf_counter() - started)
        time.sleep(0.01)
    if conn is not None:
        conn.close()


def one_size(url: str | None, size: int, base_mails: int, workdir: Path) -> dict:
    env, url, engine, path = history.fresh_database(url, workdir)
    tops = history.build(env, engine, workdir, base_mails)
    history.grow(engine, tops, 0, size, history.YEAR_SECONDS // max(
        history.copies_for(tops, size), 1))
    count = history.stored(engine)
    figures = {"stored mails": count,
               "bytes per stored mail": history.database_bytes(engine, path) / count,
               "worker decisions/s": history.worker_rate(env, engine, workdir, "s")}
    stop, waits = threading.Event(), []
    prober = threading.Thread(target=probe, args=(path, url, stop, waits))
    prober.start()
    started = time.perf_counter()
    # as `gateway purge --older-than 30` would on a day when all of it is older than 30 days
    # (replies are dated when made, the copies spread over the year after the import)
    subprocess.run([sys.executable, "-c", PURGE], env={**env, "URL": url}, check=True,
                   cwd=workdir, timeout=3600)
    figures["purge s"] = time.perf_counter() - started
    stop.set()
    prober.join()
    figures["longest writer wait during purge s"] = max(waits)
    count = history.stored(engine)
    figures["bytes per stored mail after purge"] = history.database_bytes(engine, path) / count
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--base-mails", type=int, default=2000)
    parser.add_argument("--postgres", default=None, help="also on this (emptied!) database")
    args = parser.parse_args()
    backends = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    for name, url in backends:
        results = []
        for size in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory(prefix="gw-storage-") as scratch:
                results.append(one_size(url, size, args.base_mails, Path(scratch)))
                print(f"  {results[-1]}", flush=True)
        print(history.table(name, results), flush=True)


if __name__ == "__main__":
    main()
