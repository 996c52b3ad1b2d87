"""Twenty-first held-out figures (a blind set): each mail of tests/heldout21/{machines,people}
through the real pipeline, measured as tests.heldout.measure does (same start date, two days
apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
Beside the machines and people it counts the 16 bounces, DSNs and feedback/abuse/DMARC/TLS
reports among the machines on their own (issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout21.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces, DSNs, feedback, abuse, DMARC and
# TLS reports.
BOUNCES = frozenset({
    "abuse-swedish-isp-honeypot-ssh-report", "bounce-amazon-workmail-mailbox-disabled-en",
    "bounce-exchange2019-nedorucitelne-cs", "bounce-kolabnow-expired-on-our-ack",
    "bounce-loopia-olevererat-meddelande-sv", "bounce-mailassure-attachment-rejected-en",
    "bounce-movistar-mensaje-no-entregado-es", "bounce-nazwapl-skrzynka-pelna-pl",
    "bounce-postfix-deutsch-postfach-voll", "bounce-sendmail-returned-mail-on-our-redirect",
    "bounce-tobit-david-empfaenger-unbekannt-de", "bounce-transip-onbestelbaar-nl",
    "dmarc-aggregate-seznam-cz", "dsn-turkish-gecikmeli-teslim-delay",
    "fbl-microsoft-jmrp-complaint-newsletter", "tlsrpt-microsoft-certificate-expired",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
