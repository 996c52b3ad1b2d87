"""Held-out figures (issue 21.5): each mail of tests/heldout/{machines,people} through the real
pipeline after the cutover (2026-01-15 onwards, two days apart so no rate limit hides a wrong
classification), addressed to technik@centron.de, with two envelopes:

- return-path: the realistic envelope sender, the file's Return-Path (<> for most bounces);
- from: the From address as envelope sender, so that only classification can stop the mail.

The files were written from real-world formats before the classifier was read, except those
listed in tests/heldout/README.md as written after. Run: `python -m tests.heldout.measure`."""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from email.utils import parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store
from gateway.pipeline.process import Pipeline
from gateway.rules.parse import parse_mail
from gateway.store.db import ensure_schema, make_engine

HERE = Path(__file__).parent
START = datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def sender_of(raw: bytes, mode: str) -> str:
    mail = parse_mail(raw)
    if mode == "from":
        return mail.from_addr or ""
    return parseaddr(mail.header("return-path") or "")[1]


def run(mode: str) -> tuple[list[str], int, list[str], int]:
    paths = [p for kind in ("machines", "people") for p in sorted((HERE / kind).glob("*.eml"))]
    machines_answered, people_unanswered, machines, people = [], [], 0, 0
    with tempfile.TemporaryDirectory(prefix="heldout-") as scratch:
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
                label = f"{path.parent.name}/{path.stem} -> {done.action}/{done.reason}"
                if path.parent.name == "machines":
                    machines += 1
                    if done.reply is not None:
                        machines_answered.append(label)
                else:
                    people += 1
                    if done.reply is None:
                        people_unanswered.append(label)
        finally:
            engine.dispose()
    return machines_answered, machines, people_unanswered, people


def main() -> None:
    for mode in sys.argv[1:] or ["return-path", "from"]:
        answered, machines, unanswered, people = run(mode)
        for label in answered + unanswered:
            print(f"  [{mode}] wrong: {label}")
        share = 100.0 * (people - len(unanswered)) / max(people, 1)
        print(f"[{mode}] machines answered: {len(answered)} of {machines}; "
              f"people answered: {people - len(unanswered)} of {people} ({share:.1f} %)")


if __name__ == "__main__":
    main()
