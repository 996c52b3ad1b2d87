"""Attack from the customers' side on session 10's rules (tests/attack10/people): each customer's
mail through the real pipeline, measured as tests.heldout.measure does (same start date, two
days apart, To technik@centron.de, two envelopes: the file's Return-Path, then the From address).
People only (no machines/ folder): "machines answered" reads 0 of 0; what counts is "people
answered". Written knowing the rules (see README.md): an adversarial set, not a blind one.

A tool, not a test. Run: `python -m tests.attack10.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

if __name__ == "__main__":
    main(HERE)
