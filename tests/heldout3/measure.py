"""Third held-out figures: each mail of tests/heldout3/{machines,people} through the real pipeline,
measured by tests.heldout2.measure.decisions (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address).

A tool, not a test. Run: `python -m tests.heldout3.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.heldout2.measure import decisions

HERE = Path(__file__).parent


def report(base: Path, mode: str, show: bool) -> tuple[int, int, int, int]:
    """Print the wrong files (all with show) of one envelope; return the four counts."""
    rows = decisions(base, mode)
    for kind, stem, answered, decision in rows:
        wrong = answered == (kind == "machines")
        if wrong or show:
            print(f"  [{mode}] {'wrong' if wrong else 'ok   '}: {kind}/{stem} -> {decision}")
    machines = [r for r in rows if r[0] == "machines"]
    people = [r for r in rows if r[0] == "people"]
    return sum(r[2] for r in machines), len(machines), sum(r[2] for r in people), len(people)


def main(base: Path = HERE) -> None:
    show = "--show" in sys.argv
    modes = [a for a in sys.argv[1:] if a != "--show"] or ["return-path", "from"]
    for mode in modes:
        m_ans, m_all, p_ans, p_all = report(base, mode, show)
        share = 100.0 * p_ans / max(p_all, 1)
        print(f"[{mode}] machines answered: {m_ans} of {m_all}; "
              f"people answered: {p_ans} of {p_all} ({share:.1f} %)")


if __name__ == "__main__":
    main()
