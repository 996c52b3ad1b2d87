"""Ninth held-out figures: each mail of tests/heldout9/{machines,people} through the real pipeline,
measured by tests.heldout.measure (same start date, two days apart, To
technik@centron.de, two envelopes: the file's Return-Path, then the From address).

A tool, not a test. Run: `python -m tests.heldout9.measure [return-path|from] [--show]`
(--show also prints each file's decision)."""

from __future__ import annotations

from pathlib import Path

from tests.heldout.measure import main

HERE = Path(__file__).parent

if __name__ == "__main__":
    main(HERE)
