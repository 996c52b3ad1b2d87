"""Twenty-fourth held-out figures (a blind set): each mail of tests/heldout24/{machines,people}
through the real pipeline, measured as tests.heldout.measure does (same start date, two days
apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
Beside the machines and people it counts the 10 bounces, DSNs and feedback reports among the
machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout24.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs and a feedback (ARF) report.
BOUNCES = frozenset({
    "arf-virginmedia-fbl-complaint", "bounce-1blu-postfach-voll", "bounce-amis-si-nedostavljeno",
    "bounce-azet-sk-nedorucitelna-sprava", "bounce-dna-fi-toimitus-epaonnistui",
    "bounce-euskaltel-es-no-entregado", "bounce-inbox-lt-laiskas-nepristatytas",
    "bounce-mailbg-ne-e-dostaveno", "bounce-pyur-de-unzustellbar",
    "dsn-htp-de-zustellung-verzoegert",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
