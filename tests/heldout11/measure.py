"""Eleventh held-out figures: each mail of tests/heldout11/{machines,people} through the real
pipeline, measured as tests.heldout.measure does (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address). Beside the
machines and people it counts the 20 bounces, DSNs and feedback/abuse reports among the
machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout11.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback and abuse reports.
BOUNCES = frozenset({
    "bounce-kpn-onbestelbaar-nl", "bounce-infomaniak-quota-fr", "bounce-laposte-fr-noreport",
    "bounce-tim-alice-inesistente-it", "bounce-onet-user-unknown-pl", "bounce-rambler-mailbox-full-ru",
    "bounce-sina-mailbox-not-found-zh", "bounce-telstra-account-closed-en",
    "bounce-exchange-online-niedostarczalne-pl", "bounce-exchange-onprem-nedorucitelne-cs",
    "bounce-godaddy-exim-relay", "dsn-a1-delayed-de-at", "bounce-spamexperts-url-listed",
    "bounce-runbox-over-quota", "arf-yandex-fbl-complaint", "dmarc-aggregate-mailru",
    "cert-at-memcached-report-de", "cloudflare-phishing-report-to-host", "bitninja-abuse-report",
    "switch-cert-compromised-site",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
