"""Held-out figures (issue 21.5): each mail of tests/heldout/{machines,people} (and, with their
own `python -m tests.heldout2.measure` / `tests.heldout3.measure`, of the later sets) through the
real pipeline after the cutover (2026-01-15 onwards, two days apart so no rate limit hides a
wrong classification), addressed to technik@centron.de, with two envelopes:

- return-path: the realistic envelope sender, the file's Return-Path (<> for most bounces);
- from: the From address as envelope sender, so that only classification can stop the mail.

The files were written from real-world formats before the classifier was read, except those
listed in each set's README.md as written after. A tool, not a test. Run:
`python -m tests.heldout.measure [return-path|from] [--show]` (--show prints every decision)."""

from __future__ import annotations

import sys
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from gateway.rules.parse import parse_mail
from tests.corpus_figures import run

HERE = Path(__file__).parent
START = datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def sender_of(raw: bytes, mode: str) -> str:
    mail = parse_mail(raw)
    if mode == "from":
        return mail.from_addr or ""
    return parseaddr(mail.header("return-path") or "")[1]


def decisions(base: Path, mode: str) -> list[tuple[str, str, bool, str]]:
    """(kind, stem, answered, action/reason) for each .eml under base/{machines,people}."""
    paths = [p for kind in ("machines", "people") for p in sorted((base / kind).glob("*.eml"))]
    found = []
    for path in paths:
        raw = path.read_bytes()
        found.append((f"{path.parent.name}/{path.stem}", path.parent.name == "machines", raw,
                      sender_of(raw, mode), "technik@centron.de"))
    return [(name.split("/")[0], name.split("/", 1)[1], outcome.reply is not None,
             f"{outcome.action}/{outcome.reason}") for name, _, outcome in run(found, START)]


def report(base: Path, mode: str, show: bool, bounces: frozenset[str] = frozenset()) -> str:
    """Print the wrong files (all with show) of one envelope; return its figures' line. With
    `bounces` (the stems of the mail systems' own reports among machines/), those are counted on
    their own as well."""
    rows = decisions(base, mode)
    for kind, stem, answered, decision in rows:
        wrong = answered == (kind == "machines")
        if wrong or show:
            print(f"  [{mode}] {'wrong' if wrong else 'ok   '}: {kind}/{stem} -> {decision}")
    machines = [r for r in rows if r[0] == "machines"]
    people = [r for r in rows if r[0] == "people"]
    p_ans = sum(r[2] for r in people)
    line = f"[{mode}] machines answered: {sum(r[2] for r in machines)} of {len(machines)}"
    if bounces:
        reports = [r for r in machines if r[1] in bounces]
        line += f" (bounces/DSNs/reports: {sum(r[2] for r in reports)} of {len(reports)})"
    share = 100.0 * p_ans / max(len(people), 1)
    return f"{line}; people answered: {p_ans} of {len(people)} ({share:.1f} %)"


def main(base: Path = HERE, bounces: frozenset[str] = frozenset()) -> None:
    show = "--show" in sys.argv
    for mode in [a for a in sys.argv[1:] if a != "--show"] or ["return-path", "from"]:
        print(report(base, mode, show, bounces))


if __name__ == "__main__":
    main()
