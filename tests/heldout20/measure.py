"""Twentieth held-out figures (a blind set): each mail of tests/heldout20/{machines,people}
through the real pipeline, measured as tests.heldout.measure does (same start date, two days
apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
Beside the machines and people it counts the 6 bounces, DSNs and feedback/abuse reports among
the machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout20.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "abuse-xarf-smtp-bruteforce-report", "bounce-halon-mailbox-quota-exceeded",
    "bounce-proximus-be-non-remis-niet-afgeleverd",
    "bounce-seppmail-verschluesselung-erforderlich-ch", "bounce-wp-pl-wiadomosc-niedostarczona",
    "dsn-virgilio-consegna-ritardata",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
