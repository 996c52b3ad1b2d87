"""Sixteenth held-out figures (a blind set of session 9): each mail of
tests/heldout16/{machines,people} through the real pipeline, measured as tests.heldout.measure
does (same start date, two days apart, To technik@centron.de, two envelopes: the file's
Return-Path, then the From address). Beside the machines and people it counts the 15 bounces,
DSNs and feedback/abuse reports among the machines on their own (issue 21 asks for 0 of them
answered).

A tool, not a test. Run: `python -m tests.heldout16.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "abuse-fraudwatch-phishing-takedown-en", "abuse-spam-complaint-es-original-attached",
    "arf-signal-spam-fbl-fr", "bounce-bbox-non-distribue-fr", "bounce-dinahosting-no-entregado-es",
    "bounce-earthlink-mail-administrator-returned", "bounce-homepl-niedostarczona-pl",
    "bounce-hostpoint-exim-zugriff-verweigert-ch", "bounce-maildotde-nicht-zugestellt-de",
    "bounce-mailfence-account-closed-be", "bounce-rackspace-mailbox-disabled-en",
    "bounce-register-it-mancata-consegna", "bounce-retarus-inhaltsrichtlinie-de",
    "bounce-ziggo-onbestelbaar-nl", "dsn-sendmail-warning-4h-it",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
