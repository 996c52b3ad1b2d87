"""Eighteenth held-out figures (session 9's final blind set): each mail of
tests/heldout18/{machines,people} through the real pipeline, measured as tests.heldout.measure
does (same start date, two days apart, To technik@centron.de, two envelopes: the file's
Return-Path, then the From address). Beside the machines and people it counts the 12 bounces,
DSNs and feedback/abuse reports among the machines on their own (issue 21 asks for 0 of them
answered).

A tool, not a test. Run: `python -m tests.heldout18.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "abuse-dshield-fightback-ssh-scan", "abuse-ncsc-fi-autoreporter-memcached",
    "arf-italiaonline-fbl-segnalazione", "bounce-abv-bg-nedostaveno-pismo",
    "bounce-elisa-fi-viestia-ei-voitu-toimittaa", "bounce-expurgate-spamverdacht-abgewiesen-de",
    "bounce-forcepoint-policy-blocked-en", "bounce-o365-hr-nije-moguce-isporuciti",
    "bounce-siol-si-nedostavljeno-sporocilo", "bounce-telia-se-meddelandet-kunde-inte-levereras",
    "dsn-exchange2016-zustellung-verzoegert-de", "dsn-postfix-alias-expanded",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
