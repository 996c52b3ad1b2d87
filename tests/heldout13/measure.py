"""Thirteenth held-out figures: each mail of tests/heldout13/{machines,people} through the real
pipeline, measured as tests.heldout.measure does (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address). Beside the
machines and people it counts the 15 bounces, DSNs and feedback/abuse reports among the
machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout13.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, abuse reports.
BOUNCES = frozenset({
    "bounce-domino-relatorio-pt", "bounce-kerio-nedorucitelna-cs", "bounce-mdaemon-zustellung-de",
    "bounce-zimbra-es-no-entregado", "bounce-att-yahoo-failure-notice",
    "bounce-exchange2019-nem-kezbesitheto-hu", "bounce-vodafone-arcor-de",
    "bounce-bluewin-unzustellbar-ch", "bounce-sfr-non-delivre-fr", "bounce-fastweb-it",
    "bounce-otenet-greek-freetext", "bounce-trendmicro-hes-en", "arf-validity-ufbl",
    "abuse-letter-spam-attached-dk", "redpoints-trademark-notice",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
