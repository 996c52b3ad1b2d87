"""Fifteenth held-out figures: each customer's mail of tests/heldout15/people through the real
pipeline, measured as tests.heldout.measure does (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address). The set holds
people only (no machines/ folder), so "machines answered" reads 0 of 0; what counts is
"people answered".

A tool, not a test. Run: `python -m tests.heldout15.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

if __name__ == "__main__":
    main(HERE)
