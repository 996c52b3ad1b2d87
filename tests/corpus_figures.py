"""The figures of issue 21 on the whole corpus: how many machines get an answer (target 0) and
what share of people's mail does (target at least 97 %).

Every mail of tests/corpus (automated/, people/) and of tests/automated_corpus.py runs through the
real pipeline after the cutover, each a few days after the one before so that no rate limit
hides a wrong classification. Run it alone: `python -m tests.corpus_figures`."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store
from gateway.pipeline.process import Pipeline
from gateway.rules.parse import parse_mail
from gateway.store.db import ensure_schema, make_engine
from tests.automated_corpus import CORPUS as GENERATED

CORPUS = Path(__file__).parent / "corpus"
START = datetime(2025, 10, 20, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@dataclass
class Figures:
    machines: int = 0
    machines_answered: list[str] = field(default_factory=list)
    people: int = 0
    people_unanswered: list[str] = field(default_factory=list)

    @property
    def people_answered_percent(self) -> float:
        return 100.0 * (self.people - len(self.people_unanswered)) / max(self.people, 1)

    def line(self) -> str:
        return (f"corpus: {self.machines} machine mails, {len(self.machines_answered)} answered; "
                f"{self.people} people's mails, {self.people_answered_percent:.1f} % answered")


def envelope(raw: bytes) -> tuple[str | None, str]:
    """Return-Path and Delivered-To, as a local delivery writes them."""
    mail = parse_mail(raw)
    sender = mail.header("return-path")
    return (sender.strip().strip("<>") if sender is not None else None,
            mail.header("delivered-to") or "technik@centron.de")


def samples() -> list[tuple[str, bool, bytes, str | None, str]]:
    """(name, is a machine, raw, envelope sender, recipient) for every mail of the corpus."""
    found = []
    for kind in ("automated", "people"):
        for path in sorted((CORPUS / kind).glob("*.eml")):
            raw = path.read_bytes()
            found.append((f"{kind}/{path.stem}", kind == "automated", raw, *envelope(raw)))
    for name, (sender, raw) in sorted(GENERATED.items()):
        found.append((f"automated_corpus/{name}", True, raw, sender, "technik@centron.de"))
    return found


def measure() -> Figures:
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="corpus-figures-") as scratch:
        settings = settings_from_dict({"database_url": f"sqlite:///{scratch}/g.db",
                                       "outbox_dir": f"{scratch}/out"})
        engine = make_engine(settings.database_url)
        try:
            ensure_schema(engine)
            for n, (name, machine, raw, sender, rcpt) in enumerate(samples()):
                at = START + timedelta(days=2 * n)
                pipeline = Pipeline(settings, engine, FixedClock(at))
                stored = store(engine, Incoming(raw, rcpt, sender, "pipe", at))
                answered = pipeline.process_one(stored.inbound_id).reply is not None
                figures.machines += machine
                figures.people += not machine
                if machine and answered:
                    figures.machines_answered.append(name)
                elif not machine and not answered:
                    figures.people_unanswered.append(name)
        finally:
            engine.dispose()
    return figures


if __name__ == "__main__":
    result = measure()
    print(result.line())
    for name in result.machines_answered + result.people_unanswered:
        print("  wrong:", name)
