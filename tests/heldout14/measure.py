"""Fourteenth held-out figures (the session's final blind set): each mail of
tests/heldout14/{machines,people} through the real pipeline, measured as tests.heldout.measure
does (same start date, two days apart, To technik@centron.de, two envelopes: the file's
Return-Path, then the From address). Beside the machines and people it counts the 20 bounces,
DSNs and feedback/abuse reports among the machines on their own (issue 21 asks for 0 of them
answered).

A tool, not a test. Run: `python -m tests.heldout14.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "abuse-beschwerdestelle-formular-de", "abuse-dmca-notice-acns-xml",
    "abuse-fail2ban-complain-ssh", "abuse-sbl-listing-notification",
    "arf-spamtrap-report-phishing", "bounce-amavis-banned-contents",
    "bounce-axigen-quota-exceeded", "bounce-exchange2019-unzustellbar-de",
    "bounce-exim-cpanel-no-such-user", "bounce-gmail-adresse-nicht-gefunden-de",
    "bounce-gmx-speicher-voll", "bounce-mailenable-mailbox-suspended",
    "bounce-outlookcom-mailbox-unavailable", "bounce-own-postfix-outlook-blocklist",
    "bounce-tonline-failed-addresses", "bounce-vodafone-arcor-quota-timeout",
    "bounce-webde-unzustellbar-de", "bounce-yahoo-failure-notice", "dsn-exchange-online-delayed",
    "dsn-postfix-successful-delivery",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
