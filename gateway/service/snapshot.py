"""What monitoring observed, as plain data (standard library only): filled from the database
by observe.py (SQLAlchemy) or by the light `status --check` (lightpipe/check.py, sqlite3), and
judged by health.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.codes import HEARTBEAT_SECONDS


@dataclass
class Daemon:
    name: str
    silent_seconds: float
    detail: dict

    @property
    def stale(self) -> bool:
        return self.silent_seconds > 3 * HEARTBEAT_SECONDS


@dataclass
class Snapshot:
    received: list[tuple[str, str, int]] = field(default_factory=list)  # rcpt, source, n
    decisions: list[tuple[str, str, str, int]] = field(default_factory=list)  # rcpt, action, reason
    attempts: dict[str, int] = field(default_factory=dict)  # outcome -> n
    waiting: int = 0
    failed_inbound: int = 0
    outbox_queued: int = 0
    replies_failed: int = 0
    oldest_waiting_seconds: float = 0.0
    relay_failing_seconds: float | None = None  # None: the last attempt succeeded (or none)
    ceiling_hit: bool = False
    daemons: list[Daemon] = field(default_factory=list)
    refusals: list[tuple[str, str, int]] = field(default_factory=list)  # address, reason, n
    # the oldest handoff event / reply waiting for delivery (seconds; None: none waits) ...
    oldest: dict[str, float | None] = field(default_factory=dict)
    alarms: tuple[list[str], list[str]] = ([], [])  # ... and what they mean: critical, warnings

    @property
    def imap_errors(self) -> list[str]:
        return self._imap("errors")

    @property
    def imap_alarms(self) -> list[str]:
        """IMAP failures that stop mail until an admin acts (a token refresh failing, a login
        refused), as opposed to errors that mend themselves (a dropped connection)."""
        return self._imap("alarms")

    def _imap(self, key: str) -> list[str]:
        return [e for d in self.daemons if not d.stale
                for e in ((d.detail.get("imap") or {}).get(key) or [])]
