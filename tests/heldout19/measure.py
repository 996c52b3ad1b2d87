"""Nineteenth held-out figures (the final blind set of session 9): each mail of
tests/heldout19/{machines,people} through the real pipeline, measured as tests.heldout.measure
does (same start date, two days apart, To technik@centron.de, two envelopes: the file's
Return-Path, then the From address). Beside the machines and people it counts the 12 bounces,
DSNs and feedback/abuse reports among the machines on their own (issue 21 asks for 0 of them
answered).

A tool, not a test. Run: `python -m tests.heldout19.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "abuse-bacs-ch-offene-rdp-dienste", "abuse-google-safebrowsing-network-alert",
    "abuse-zerofox-phishing-takedown", "arf-terra-br-relatorio-fbl",
    "bounce-altibox-no-postkasse-full", "bounce-exchange2019-lt-nepristatyta",
    "bounce-mnet-de-postfach-gekuendigt", "bounce-o2-pl-skrzynka-nie-istnieje",
    "bounce-o365-tr-teslim-edilemedi", "bounce-securence-rejected-as-spam-en",
    "bounce-zoznam-sk-schranka-zablokovana", "dsn-proximus-be-vertraagd-retarde",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
