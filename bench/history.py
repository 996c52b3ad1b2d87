"""Benchmark (not a test): every view of issue 18 as the history grows, 10k stored mails against
a size given on the command line (default 300k), on SQLite and (with --postgres URL) PostgreSQL.

The history is made by the gateway itself: an mbox of realistic mails (tests/corpus: people and
machines, to the three addresses, around the cutover) goes through `gateway import`, and
`gateway outbox send` writes the replies (dry run). That set is then replicated in SQL up to
the size: every table that hangs off a stored mail (tickets, articles, attachments, replies,
delivery attempts, handoffs, ...) is copied with its ids and foreign keys offset, unique
values suffixed, times shifted forward (the copies spread over a year), and a sender's address varied, so the
rows stay consistent with each other; the running totals are then rebuilt from the rows as the
migration does. At each size it prints, median of --rounds:

  GET /metrics, /healthz and /report (a fresh query string each: no cached answer) from a
  running `serve`; `status --check` (also against `python -c pass`), `status`, `--json
  report` (time and peak RSS), `purge --dry-run`; worker decisions per second (the worker's
  own batches of 25 on 2,000 new mails); database bytes per stored mail; and the 451 check:
  --smtp-mails mails over SMTP to `serve` while `/report`, `/metrics`, `status` and `--json
  report` run in a loop (answers other than 250 are counted).

    python bench/history.py [--size 300000] [--postgres URL] [--rounds 3] [--smtp-mails 2000]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import smtplib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import DateTime, MetaData, String, func, insert, literal, select, text  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

from gateway.store.db import make_engine  # noqa: E402
from gateway.store.models import HOURS, INBOUND, TALLY, WRITERS  # noqa: E402
from tests.serve_process import Serve  # noqa: E402

ADDRESSES = ("technik@centron.de", "billing@centron.de", "vertrieb@centron.de")
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*/*.eml"))
YEAR_SECONDS = 365 * 86400  # the copies are spread over a year after the imported set
TIME = "/usr/bin/time"


def mbox(path: Path, count: int, tag: str, start: float = 1756720800.0,
         people: str = "kunde") -> None:
    """`count` mails from the corpus, 2025-09-01 on, one every 53 minutes (across the cutover),
    with their own Message-ID, a customer's From (people) and one of our addresses in To."""
    with open(path, "wb") as out:
        for n in range(count):
            raw = CORPUS[n % len(CORPUS)].read_bytes().replace(b"\r\n", b"\n")
            head, _, body = raw.partition(b"\n\n")
            lines = [line for line in head.split(b"\n") if not line.lower().startswith(
                (b"message-id:", b"to:"))]
            if b"/people/" in str(CORPUS[n % len(CORPUS)]).encode():
                lines = [line for line in lines if not line.lower().startswith(b"from:")]
                lines.append(f"From: Kunde {n % 400} <k{n % 400}@{people}{n % 60}.example>"
                             .encode())
            lines += [f"Message-ID: <{tag}{n}@bench.example>".encode(),
                      f"To: {ADDRESSES[n % 3]}".encode()]
            when = time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(start + n * 53 * 60))
            body = body.replace(b"\nFrom ", b"\n>From ")
            out.write(f"From bench@example {when}\n".encode() + b"\n".join(lines) + b"\n\n"
                      + body + b"\n\n")


def gateway(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "gateway", *args], env=env, cwd=env["_CWD"],
                          capture_output=True, timeout=3600)
    if check and done.returncode not in (0, 1, 2):
        raise SystemExit(f"gateway {' '.join(args)}: {done.returncode} {done.stderr[-2000:]}")
    return done


# -- replication -------------------------------------------------------------------------------
def _replicated_tables() -> list:
    """inbound_message, ticket and every table hanging off them, parents first."""
    chosen: list = []
    for table in SQLModel.metadata.sorted_tables:
        parents = {fk.column.table.name for fk in table.foreign_keys}
        if table.name in ("inbound_message", "ticket") or parents & {t.name for t in chosen}:
            chosen.append(table)
    return chosen


def _key(table):
    """The id a copy is offset by: `id`, or for inbound_raw (keyed by inbound_id and seq) its
    mail's id."""
    return table.c.id if "id" in table.c else next(c for c in table.primary_key.columns
                                                    if c.foreign_keys)


def _unique_strings(table) -> set[str]:
    names = {c.name for c in table.columns if c.unique}
    for constraint in table.constraints:
        names |= {c.name for c in getattr(constraint, "columns", []) if
                  len(constraint.columns) and constraint.__class__.__name__ == "UniqueConstraint"}
    names |= {c.name for index in table.indexes if index.unique for c in index.columns}
    return {n for n in names if isinstance(_base_type(table.c[n]), String)}


def _base_type(column):
    return getattr(column.type, "impl", column.type)  # AutoString, UTCDateTime: decorators


def _shifted(column, seconds: int, dialect: str):
    if dialect == "postgresql":
        return column + text(f"interval '{seconds} seconds'")
    return func.strftime("%Y-%m-%d %H:%M:%f", column, f"+{seconds} seconds").concat("000")


def replicate(engine, copies: range, tops: dict[str, int], shift: int) -> None:
    """Copies `copies` of the rows with ids up to tops[table] (the imported set); each copy's
    ids start after the table's highest id (mails stored meanwhile included)."""
    dialect = engine.dialect.name
    tables = _replicated_tables()
    for k in copies:
        with engine.begin() as conn:
            offset = {t.name: conn.execute(select(func.max(_key(t)))).scalar() or 0
                      for t in tables}
            for table in tables:
                conn.execute(insert(table).from_select(
                    [c.name for c in table.columns],
                    select(*_copied(table, k, offset, dialect, k * shift))
                    .where(_key(table) <= tops[table.name])))
        if dialect == "postgresql":
            with engine.begin() as conn:
                for table in (t for t in tables if "id" in t.c):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                                      f"'id'), (SELECT max(id) FROM {table.name}))"))


def _copied(table, k: int, offset: dict[str, int], dialect: str, seconds: int) -> list:
    exprs = []
    unique = _unique_strings(table)
    for column in table.columns:
        fks = list(column.foreign_keys)
        if column.primary_key and column.name == "id":
            exprs.append(column + offset[table.name])
        elif fks and fks[0].column.table.name in offset:
            exprs.append(column + offset[fks[0].column.table.name])
        elif column.name in unique:  # within the column's length (PostgreSQL checks it)
            suffix, length = f"~{k}", getattr(_base_type(column), "length", None) or 10_000
            exprs.append(func.substr(column, 1, length - len(suffix)).concat(literal(suffix)))
        elif isinstance(_base_type(column), DateTime):
            exprs.append(_shifted(column, seconds, dialect))
        elif table.name == "inbound_message" and column.name in (
                "from_addr", "envelope_sender", "detail"):
            exprs.append(func.replace(column, "@", f".r{k % 20}@"))
        else:
            exprs.append(column)
    return exprs


def rebuild_totals(engine) -> None:
    """The running totals from the rows, with the migration's own code."""
    path = next((ROOT / "gateway/store/migrations/versions").glob("*_running_totals.py"))
    spec = importlib.util.spec_from_file_location("running_totals", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plain = MetaData()  # reflected: naive UTC times, as the migration writes them
    plain.reflect(engine, only=[TALLY.name, HOURS.name, WRITERS.name])
    tally, hours, writers = (plain.tables[t.name] for t in (TALLY, HOURS, WRITERS))
    with engine.begin() as conn:
        for table in (tally, hours, writers):
            conn.execute(table.delete())
        module._totals(conn, tally)
        module._history(conn, hours, writers)


# -- measurements --------------------------------------------------------------------------
def timed(argv: list[str], env: dict, rounds: int) -> tuple[float, float]:
    """Median wall seconds and median peak RSS (MB, GNU time) of a command."""
    times, rss = [], []
    for _ in range(rounds):
        with tempfile.NamedTemporaryFile("r") as report:
            start = time.perf_counter()
            subprocess.run([TIME, "-f", "%M", "-o", report.name, *argv], env=env,
                           cwd=env["_CWD"], capture_output=True, timeout=3600)
            times.append(time.perf_counter() - start)
            rss.append(int(report.read().split()[-1]) / 1024)
    return statistics.median(times), statistics.median(rss)


def http_time(serve: Serve, path: str, rounds: int) -> tuple[float, int]:
    times, size = [], 0
    for n in range(rounds):
        url = f"http://127.0.0.1:{serve.metrics_port}{path}"
        url += f"{'&' if '?' in path else '?'}fresh={time.monotonic_ns()}-{n}" if (
            path.startswith("/report")) else ""
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=300) as answer:
                size = len(answer.read())
        except urllib.error.HTTPError as exc:  # /healthz 503 (no relay in a bench) still counts
            size = len(exc.read())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def stored(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(INBOUND)).scalar()


def database_bytes(engine, path: Path | None) -> int:
    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar()


def worker_rate(env: dict, engine, workdir: Path, tag: str) -> float:
    """Decisions per second of the worker's batches on 2,000 newly stored mails from senders
    not seen before (older than the backfill reply window: decided, not answered)."""
    from gateway.clock import SystemClock
    from gateway.config.load import settings_from_dict
    from gateway.pipeline.process import Pipeline
    from gateway.service.worker import WORKER_BATCH

    box = workdir / f"new-{tag}.mbox"
    mbox(box, 2000, f"new{tag}-", start=1767225600.0, people=f"neu{tag}-")  # new senders
    gateway(env, "import", "--no-process", str(box))
    settings = settings_from_dict({"database_url": env["GATEWAY_DATABASE_URL"],
                                   "outbox_dir": env["GATEWAY_OUTBOX_DIR"]})
    pipeline = Pipeline(settings, engine, SystemClock())
    start = time.perf_counter()
    done = len(pipeline.process_pending(batch=WORKER_BATCH))
    return done / (time.perf_counter() - start)


def smtp_under_views(serve: Serve, env: dict, mails: int) -> tuple[int, int, dict]:
    """Mails over SMTP while the views run in a loop: (refused, accepted, answers seen)."""
    stop, views = threading.Event(), {"report": 0, "metrics": 0, "status": 0, "json": 0}

    def loop() -> None:
        n = 0
        while not stop.is_set():
            http_time(serve, f"/report?loop={n}", 1)
            views["report"] += 1
            http_time(serve, "/metrics", 1)
            views["metrics"] += 1
            gateway(env, "status", check=False)
            views["status"] += 1
            gateway(env, "--json", "report", check=False)
            views["json"] += 1
            n += 1

    looper = threading.Thread(target=loop, daemon=True)
    looper.start()
    refused, accepted, lock = [], [0], threading.Lock()

    def sender(part: range) -> None:
        with smtplib.SMTP("127.0.0.1", serve.smtp_port, timeout=120) as client:
            for n in part:
                mail = (f"From: k{n}@smtp.example\r\nTo: technik@centron.de\r\nSubject: live "
                        f"{n}\r\nMessage-ID: <live{n}.{time.time_ns()}@smtp.example>\r\n\r\n"
                        f"body {n}\r\n").encode()
                try:
                    client.sendmail(f"k{n}@smtp.example", ["technik@centron.de"], mail)
                    with lock:
                        accepted[0] += 1
                except smtplib.SMTPException as exc:
                    with lock:
                        refused.append(str(exc)[:200])

    senders = [threading.Thread(target=sender, args=(range(i, mails, 4),)) for i in range(4)]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    stop.set()
    looper.join(timeout=600)
    return len(refused), accepted[0], views


def measure(env: dict, engine, path: Path | None, workdir: Path, rounds: int, smtp_mails: int,
            tag: str) -> dict:
    bare = timed([sys.executable, "-c", "pass"], env, rounds)[0]
    count = stored(engine)
    figures = {"stored mails": count, "bare python s": bare}
    cmd = [sys.executable, "-m", "gateway"]
    figures["status --check s"] = timed(cmd + ["status", "--check"], env, rounds)[0]
    figures["status --check / bare"] = figures["status --check s"] / bare
    figures["status s"] = timed(cmd + ["status"], env, rounds)[0]
    figures["import gateway.cli s (floor of status)"] = timed(
        [sys.executable, "-c", "import gateway.cli"], env, rounds)[0]
    figures["--json report s"], figures["--json report MB RSS"] = timed(
        cmd + ["--json", "report"], env, rounds)
    figures["purge --dry-run s"] = timed(cmd + ["purge", "--dry-run", "--older-than", "30"],
                                         env, rounds)[0]
    figures["bytes per stored mail"] = database_bytes(engine, path) / count
    serve = Serve(workdir, env={k: v for k, v in env.items() if k.startswith("GATEWAY_") and
                                k not in ("GATEWAY_SMTP_LISTEN", "GATEWAY_METRICS_LISTEN")})
    try:
        for route in ("/metrics", "/healthz", "/report"):
            figures[f"GET {route} s"], size = http_time(serve, route, rounds)
            if route == "/report":
                figures["GET /report KB"] = size / 1024
        refused, accepted, views = smtp_under_views(serve, env, smtp_mails)
        figures["SMTP refused (451 etc.)"] = refused
        figures["SMTP accepted"] = accepted
        figures["views during SMTP"] = sum(views.values())
    finally:
        serve.signal_group(15)
        serve.proc.wait(timeout=120)
        serve.finish()
    figures["worker decisions/s"] = worker_rate(env, engine, workdir, tag)
    return figures


def build(env: dict, engine, workdir: Path, base_mails: int) -> dict[str, int]:
    box = workdir / "history.mbox"
    mbox(box, base_mails, "hist-")
    gateway(env, "import", "--replies", "all", str(box))
    gateway(env, "outbox", "send")
    tops = {}
    with engine.connect() as conn:
        for table in _replicated_tables():
            tops[table.name] = conn.execute(select(func.max(_key(table)))).scalar() or 0
    return tops


def copies_for(tops: dict[str, int], target: int) -> int:
    return max(-(-target // tops["inbound_message"]) - 1, 0)


def grow(engine, tops: dict[str, int], made: int, target: int, shift: int) -> int:
    """Copies until `target` stored mails; returns the copies made so far."""
    wanted = max(copies_for(tops, target), made)
    replicate(engine, range(made + 1, wanted + 1), tops, shift)
    rebuild_totals(engine)
    return wanted


def fresh_database(url: str | None, workdir: Path) -> tuple[dict, str, object, Path | None]:
    """An empty, migrated database (SQLite in workdir, or the PostgreSQL URL emptied) and the
    environment of the gateway commands run on it: (env, url, engine, SQLite file or None)."""
    path = workdir / "gw.db" if url is None else None
    url = url or f"sqlite:///{path}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(PYTHONPATH=str(ROOT), GATEWAY_DATABASE_URL=url, _CWD=str(workdir),
               GATEWAY_OUTBOX_DIR=str(workdir / "out"), GATEWAY_SMTP_LISTEN="",
               GATEWAY_METRICS_LISTEN="")
    if path is None:
        with make_engine(url).begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    gateway(env, "db", "upgrade")
    return env, url, make_engine(url), path


def run(url: str | None, sizes: list[int], args, workdir: Path) -> list[dict]:
    env, url, engine, path = fresh_database(url, workdir)
    tops = build(env, engine, workdir, args.base_mails)
    made, results = 0, []
    shift = YEAR_SECONDS // max(copies_for(tops, sizes[-1]), 1)
    for n, size in enumerate(sizes):
        started = time.perf_counter()
        made = grow(engine, tops, made, size, shift)
        print(f"  built {stored(engine)} mails in {time.perf_counter() - started:.0f} s",
              flush=True)
        results.append(measure(env, engine, path, workdir, args.rounds, args.smtp_mails,
                               f"{n}"))
        print(f"  {results[-1]}", flush=True)
    engine.dispose()
    return results


def table(name: str, results: list[dict]) -> str:
    base = results[0]
    lines = [f"{name}: " + " | ".join(f"{r['stored mails']:,} mails" for r in results),
             "| what | " + " | ".join(f"{r['stored mails']:,}" for r in results) + " | ratio |",
             "| --- | " + " | ".join("---" for _ in results) + " | --- |"]
    for key in base:
        if key == "stored mails":
            continue
        values = [r[key] for r in results]
        shown = [f"{v:.3f}" if isinstance(v, float) else f"{v}" for v in values]
        ratio = (f"{values[-1] / values[0]:.2f}x" if isinstance(values[0], int | float) and
                 values[0] else "")
        lines.append(f"| {key} | " + " | ".join(shown) + f" | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=300_000)
    parser.add_argument("--base-size", type=int, default=10_000)
    parser.add_argument("--base-mails", type=int, default=2000, help="imported, then copied")
    parser.add_argument("--postgres", default=None, help="also on this (emptied!) database")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smtp-mails", type=int, default=2000)
    args = parser.parse_args()
    sizes = [args.base_size, args.size]
    backends = ([] if args.no_sqlite else [("SQLite", None)]) + (
        [("PostgreSQL", args.postgres)] if args.postgres else [])
    for name, url in backends:
        with tempfile.TemporaryDirectory(prefix="gw-history-") as scratch:
            print(f"{name}:", flush=True)
            print(table(name, run(url, sizes, args, Path(scratch))), flush=True)


if __name__ == "__main__":
    main()
