"""Second held-out figures: each mail of tests/heldout2/{machines,people} through the real pipeline
after the cutover, exactly as tests/heldout/measure.py does for the first set (same start date, two
days apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).

A tool, not a test. Run: `python -m tests.heldout2.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store
from gateway.pipeline.process import Pipeline
from gateway.store.db import ensure_schema, make_engine
from tests.heldout.measure import START, sender_of

HERE = Path(__file__).parent


def decisions(base: Path, mode: str) -> list[tuple[str, str, bool, str]]:
    """(kind, stem, answered, action/reason) for each .eml under base/{machines,people}."""
    paths = [p for kind in ("machines", "people") for p in sorted((base / kind).glob("*.eml"))]
    rows = []
    with tempfile.TemporaryDirectory(prefix="heldout2-") as scratch:
        settings = settings_from_dict({"database_url": f"sqlite:///{scratch}/g.db",
                                       "outbox_dir": f"{scratch}/out"})
        engine = make_engine(settings.database_url)
        try:
            ensure_schema(engine)
            for n, path in enumerate(paths):
                raw, at = path.read_bytes(), START + timedelta(days=2 * n)
                stored = store(engine, Incoming(raw, "technik@centron.de", sender_of(raw, mode),
                                                "pipe", at))
                done = Pipeline(settings, engine, FixedClock(at)).process_one(stored.inbound_id)
                rows.append((path.parent.name, path.stem, done.reply is not None,
                             f"{done.action}/{done.reason}"))
        finally:
            engine.dispose()
    return rows


def main() -> None:
    show = "--show" in sys.argv
    modes = [a for a in sys.argv[1:] if a != "--show"] or ["return-path", "from"]
    for mode in modes:
        rows = decisions(HERE, mode)
        machines = [r for r in rows if r[0] == "machines"]
        people = [r for r in rows if r[0] == "people"]
        for kind, stem, answered, decision in rows:
            wrong = answered == (kind == "machines")
            if wrong or show:
                print(f"  [{mode}] {'wrong' if wrong else 'ok   '}: {kind}/{stem} -> {decision}")
        m_ans = sum(r[2] for r in machines)
        p_ans = sum(r[2] for r in people)
        share = 100.0 * p_ans / max(len(people), 1)
        print(f"[{mode}] machines answered: {m_ans} of {len(machines)}; "
              f"people answered: {p_ans} of {len(people)} ({share:.1f} %)")


if __name__ == "__main__":
    main()
