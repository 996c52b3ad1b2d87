"""Twenty-third held-out figures (a blind set): each mail of tests/heldout23/{machines,people}
through the real pipeline, measured as tests.heldout.measure does (same start date, two days
apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
Beside the machines and people it counts the 12 bounces, DSNs and feedback reports among the
machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout23.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs and a feedback (ARF) report.
BOUNCES = frozenset({
    "arf-shaw-ca-fbl-complaint", "bounce-btinternet-undeliverable-en",
    "bounce-citromail-hu-kezbesithetetlen", "bounce-forthnet-gr-adynati-paradosi",
    "bounce-iskon-hr-neisporucena-poruka", "bounce-modoboa-postfix-fr-non-distribue",
    "bounce-netia-pl-adresat-nieznany", "bounce-rdslink-ro-mesaj-nelivrat",
    "bounce-spamhero-rejected-en", "bounce-telenor-no-kunne-ikke-leveres",
    "bounce-xs4all-onbestelbaar-nl", "dsn-optusnet-delayed-en",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
