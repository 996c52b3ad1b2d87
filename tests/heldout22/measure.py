"""Twenty-second held-out figures (a blind set): each mail of tests/heldout22/{machines,people}
through the real pipeline, measured as tests.heldout.measure does (same start date, two days
apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
Beside the machines and people it counts the 8 bounces and DSNs among the machines on their own
(issue 21 asks for 0 of them answered).

A tool, not a test. Run: `python -m tests.heldout22.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

# The mail systems' own reports among machines/: bounces and DSNs.
BOUNCES = frozenset({
    "bounce-loopia-se-kunde-inte-levereras", "bounce-maddy-permanent-failure-en",
    "bounce-meo-pt-mensagem-nao-entregue", "bounce-mercury32-undeliverable-en",
    "bounce-one-com-dk-kunne-ikke-leveres", "bounce-turknet-tr-ileti-teslim-edilemedi",
    "bounce-wildduck-zonemta-delivery-failed-en", "dsn-volny-cz-zpozdeni-doruceni",
})


if __name__ == "__main__":
    main(HERE, BOUNCES)
