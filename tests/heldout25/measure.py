"""Twenty-fifth held-out figures (a blind set): each mail of tests/heldout25/{machines,people}
through the real pipeline, measured as tests.heldout.measure does (same start date, two days
apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
Beside the machines and people it counts the 10 bounces and DSNs among the machines on their
own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout25.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces and a delay DSN.
BOUNCES = frozenset({
    "bounce-cosmote-gr-adynati-paradosi", "bounce-domainfactory-postfach-voll",
    "bounce-hushmail-user-unknown-en", "bounce-inbox-lv-pastkaste-pilna",
    "bounce-mnet-online-unbekannter-empfaenger", "bounce-netcabo-pt-nao-entregue",
    "bounce-neti-ee-kiri-tagastati", "bounce-tele2-se-kunde-inte-levereras",
    "bounce-upcmail-nl-onbestelbaar", "dsn-versatel-verzoegert",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
