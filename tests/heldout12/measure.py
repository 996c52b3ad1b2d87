"""Twelfth held-out figures: each mail of tests/heldout12/{machines,people} through the real
pipeline, measured as tests.heldout.measure does (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address). Beside the
machines and people it counts the 15 bounces, DSNs and feedback/abuse reports among the
machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout12.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

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


if __name__ == "__main__":
    main(HERE, BOUNCES)
