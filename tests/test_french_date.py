"""French writes the first of a month as an ordinal: « à partir du 1er décembre 2026 »."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

from gateway.pipeline.wording import spoken_date

LANG = Path(__file__).resolve().parents[1] / "templates" / "lang"


def strings(lang: str) -> dict:
    return tomllib.loads((LANG / f"{lang}.toml").read_text())


def test_the_first_of_the_month_in_french_is_1er_and_other_days_and_languages_stay():
    assert spoken_date(datetime(2026, 12, 1), strings("fr")) == "1er décembre 2026"
    assert spoken_date(datetime(2026, 12, 2), strings("fr")) == "2 décembre 2026"
    assert spoken_date(datetime(2026, 12, 1), strings("en")) == "1 December 2026"
    assert spoken_date(datetime(2026, 12, 1), strings("de")) == "01.12.2026"
