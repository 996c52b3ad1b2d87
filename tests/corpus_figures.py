"""The figures of issue 21 on the whole corpus: how many machines get an answer (target 0) and
what share of people's mail does (target at least 97 %).

Every mail of tests/corpus (automated/, people/) and of tests/automated_corpus.py runs through the
real pipeline after the cutover, each a few days after the one before so that no rate limit
hides a wrong classification. Run it alone: `python -m tests.corpus_figures`; with directories
(`python -m tests.corpus_figures DIR ...`) it measures every file in them as a machine's mail,
for external corpora that may not be kept in the repository.

The real corpora of tests/corpus/real (flufl.bounce's bounces, talon's people's replies, both
Apache-2.0, unchanged; sisimai's bounces and feedback reports, BSD-2-Clause; the MIT-licensed
email-reply-parser projects' replies of people, wrapped in a client's headers; the bounces,
auto-replies and people's mails shipped in the MIT-licensed registry packages baunsu, bounced and
django-mailbox; the vacation answers, bounces and feedback reports in the test fixtures of
PHP-Bounce-Handler (BSD), MimeKit (MIT), parsedmarc and flanker (Apache-2.0); see their README.md)
are measured as issue 21's held-out corpora are: each mail's To: rewritten to technik@centron.de,
so that only classification can stop it, and two envelopes, the file's Return-Path (unknown when
it has none) and its From address."""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
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
REAL = CORPUS / "real"
# (folder of tests/corpus/real, its mails are a machine's)
REAL_KINDS = (("flufl_bounce/bounces", True), ("flufl_bounce/people", False),
              ("talon_people", False), ("sisimai/bounces", True), ("sisimai/people", False),
              ("reply_parsers", False), ("registry_packages/machines", True),
              ("registry_packages/people", False), ("project_fixtures/machines", True))
RCPT = "technik@centron.de"
START = datetime(2025, 10, 20, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
_HEAD_END_RE = re.compile(rb"\r?\n\r?\n")
_TO_RE = re.compile(rb"(?mi)^To:.*(?:\r?\n[ \t].*)*")


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


def addressed_to_us(raw: bytes) -> bytes:
    """The mail with its To: header rewritten to technik@ (added where it has none)."""
    end = _HEAD_END_RE.search(raw)
    head, rest = (raw[:end.start()], raw[end.start():]) if end else (raw, b"")
    line = b"To: " + RCPT.encode()
    if _TO_RE.search(head):
        return _TO_RE.sub(lambda _: line, head, count=1) + rest
    return line + (b"\r\n" if b"\r\n" in head else b"\n") + head + rest


def real_samples(mode: str) -> list[tuple[str, bool, bytes, str | None, str]]:
    """The real corpora, addressed to technik@; the envelope sender by `mode`: "return-path"
    (the file's; unknown, None, when it has none) or "from" (the From address)."""
    found = []
    for folder, machine in REAL_KINDS:
        paths = [p for p in sorted((REAL / folder).iterdir()) if p.suffix in (".txt", ".eml")]
        found += file_samples(paths, machine, mode, f"real/{folder}/")
    return found


def file_samples(paths: list[Path], machine: bool, mode: str,
                 prefix: str = "") -> list[tuple[str, bool, bytes, str | None, str]]:
    """Mail files as samples, each addressed to technik@, the envelope sender by `mode`."""
    found = []
    for path in paths:
        raw = addressed_to_us(path.read_bytes())
        sender = envelope(raw)[0] if mode == "return-path" else parse_mail(raw).from_addr
        found.append((f"{prefix}{path.name}", machine, raw, sender, RCPT))
    return found


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


def run(found: list, start: datetime = START, step: timedelta = timedelta(days=2)) -> Iterator:
    """(name, is a machine, outcome) of each sample through the real pipeline, one fresh
    database, each mail `step` after the one before (no rate limit hides a classification)."""
    with tempfile.TemporaryDirectory(prefix="corpus-figures-") as scratch:
        settings = settings_from_dict({"database_url": f"sqlite:///{scratch}/g.db",
                                       "outbox_dir": f"{scratch}/out"})
        engine = make_engine(settings.database_url)
        try:
            ensure_schema(engine)
            for n, (name, machine, raw, sender, rcpt) in enumerate(found):
                at = start + step * n
                pipeline = Pipeline(settings, engine, FixedClock(at))
                stored = store(engine, Incoming(raw, rcpt, sender, "pipe", at))
                yield name, machine, pipeline.process_one(stored.inbound_id)
        finally:
            engine.dispose()


def measure(found: list | None = None) -> Figures:
    """The figures after the cutover on `found` (default: tests/corpus and automated_corpus)."""
    figures = Figures()
    for name, machine, outcome in run(samples() if found is None else found):
        answered = outcome.reply is not None
        figures.machines += machine
        figures.people += not machine
        label = f"{name} -> {outcome.action}/{outcome.reason}"
        if machine and answered:
            figures.machines_answered.append(label)
        elif not machine and not answered:
            figures.people_unanswered.append(label)
    return figures


def main(argv: list[str]) -> None:
    """No arguments: tests/corpus and the real corpora. Directories: every file in them taken
    for a machine's mail (an external bounce corpus), both envelopes."""
    external = [p for d in argv for p in sorted(Path(d).iterdir()) if p.is_file()]
    runs = [(f"{' '.join(argv)}, envelope {mode}", file_samples(external, True, mode))
            for mode in ("return-path", "from")] if argv else [("tests/corpus", None), *[
                (f"real, envelope {mode}", real_samples(mode)) for mode in ("return-path", "from")]]
    for title, corpus in runs:
        result = measure(corpus)
        print(f"{title}: {result.line()}")
        for name in result.machines_answered + result.people_unanswered:
            print("  wrong:", name)


if __name__ == "__main__":
    main(sys.argv[1:])
