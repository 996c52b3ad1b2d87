"""Injected time: every decision takes its 'now' from a Clock, never from the OS directly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock for tests: stands still until advanced."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta

    def set(self, at: datetime) -> None:
        self._at = at.astimezone(UTC)


# Moments an admin may name (--since, --until, --at, /report?since=): far outside these a
# conversion to UTC or a week later overflows (`0001-01-01` in Berlin is year 0 in UTC).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def parse_moment(value: str, zone) -> datetime:
    """ISO-8601; without an offset, local time in `zone`. ValueError if unreadable or out of
    range (years 1900 to 9998)."""
    moment = datetime.fromisoformat(value)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        in_utc = None
    # the years as written (1900-01-01 in Berlin is 1899 in UTC, and was refused although
    # the message names 1900)
    if in_utc is None or not EARLIEST.year <= moment.year < LATEST.year:
        raise ValueError(f"'{value}' is out of range (years 1900 to 9998)")
    return moment
