"""Twelfth held-out figures: each mail of tests/heldout12/{machines,people} through the real
pipeline, measured as tests.heldout.measure does (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address). Beside the
machines and people it counts the 15 bounces, DSNs and feedback/abuse reports among the
machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout12.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.heldout.measure import decisions

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, abuse reports.
BOUNCES = frozenset({
    "bounce-telenet-onbestelbaar-be", "bounce-tiscali-non-recapitato-it", "bounce-daum-hanmail-ko",
    "bounce-biglobe-returned-mail-ja", "bounce-movistar-entrega-es",
    "bounce-netcologne-unzustellbar-de", "dsn-ewetel-delayed-en", "bounce-surgemail-failure-en",
    "bounce-sunrise-non-remis-ch-fr", "bounce-tuta-undelivered", "bounce-mweb-exim-za",
    "bounce-mailcom-not-delivered", "urlhaus-abuse-ch-malware-urls",
    "phishlabs-phishing-takedown-request", "dfn-cert-ssh-bruteforce-xarf-de",
})


def report(mode: str, show: bool) -> None:
    """Print the wrong files (all with --show) and the figures of one envelope."""
    rows = decisions(HERE, mode)
    for kind, stem, answered, decision in rows:
        wrong = answered == (kind == "machines")
        if wrong or show:
            print(f"  [{mode}] {'wrong' if wrong else 'ok   '}: {kind}/{stem} -> {decision}")
    machines = [r for r in rows if r[0] == "machines"]
    bounces = [r for r in machines if r[1] in BOUNCES]
    people = [r for r in rows if r[0] == "people"]
    p_ans = sum(r[2] for r in people)
    share = 100.0 * p_ans / max(len(people), 1)
    print(f"[{mode}] machines answered: {sum(r[2] for r in machines)} of {len(machines)} "
          f"(bounces/DSNs/reports: {sum(r[2] for r in bounces)} of {len(bounces)}); "
          f"people answered: {p_ans} of {len(people)} ({share:.1f} %)")


def main() -> None:
    show = "--show" in sys.argv
    for mode in [a for a in sys.argv[1:] if a != "--show"] or ["return-path", "from"]:
        report(mode, show)


if __name__ == "__main__":
    main()
