"""Pure: the phase of an address at a moment, from its configured timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Phase(StrEnum):
    BEFORE = "before"      # plain acknowledgement
    ANNOUNCE = "announce"  # acknowledgement that announces the change
    CUTOVER = "cutover"    # no tickets: redirection to the Account Center / contact form
    REJECT = "reject"      # SMTP/LMTP refuse at RCPT time


@dataclass(frozen=True)
class Timeline:
    """Aware datetimes; each boundary belongs to the phase it starts."""

    cutover: datetime
    announce_from: datetime | None = None
    reject_from: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("cutover", "announce_from", "reject_from"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")

    def phase_at(self, moment: datetime) -> Phase:
        if moment.tzinfo is None:
            raise ValueError("phase_at needs an aware datetime")
        if self.reject_from is not None and moment >= self.reject_from:
            return Phase.REJECT
        if moment >= self.cutover:
            return Phase.CUTOVER
        if self.announce_from is not None and moment >= self.announce_from:
            return Phase.ANNOUNCE
        return Phase.BEFORE

    def problems(self) -> list[str]:
        """Orderings that make no sense, for `config check`."""
        found = []
        if self.announce_from is not None and self.announce_from > self.cutover:
            found.append("announce_from is after cutover")
        if self.reject_from is not None and self.reject_from < self.cutover:
            found.append("reject_from is before cutover")
        return found
