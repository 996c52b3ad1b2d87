"""Pure: from what monitoring observed to a verdict, for `/healthz` (ok or 503 with reasons)
and `gateway status --check` (the monitoring-plugin convention of Nagios, Icinga, Checkmk:
one line, perfdata after `|`, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

from gateway.service.snapshot import Snapshot

if TYPE_CHECKING:  # the light `status --check` runs without pydantic
    from gateway.config.settings import MetricsConfig


class Level(IntEnum):
    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


@dataclass
class Verdict:
    level: Level = Level.OK
    critical: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.level = Level.CRITICAL if self.critical else (
            Level.WARNING if self.warnings else Level.OK)


def _queue_too_old(snap: Snapshot, limits: MetricsConfig) -> list[str]:
    if snap.oldest_waiting_seconds > limits.max_queue_age_seconds:
        return [f"mail waits for {snap.oldest_waiting_seconds:.0f} s (limit "
                f"{limits.max_queue_age_seconds:.0f} s)"]
    return []


def healthz(snap: Snapshot | None, db_problem: str | None, worker_alive: bool,
            limits: MetricsConfig, dry_run: bool) -> list[str]:
    """Reasons the running daemon is unhealthy; empty when it is healthy."""
    reasons = [db_problem] if db_problem else []
    if snap is None:
        return reasons or ["database unusable"]
    if not worker_alive:
        reasons.append("worker process is not running")
    reasons += _queue_too_old(snap, limits)
    failing = snap.relay_failing_seconds
    if not dry_run and failing is not None and failing > limits.max_relay_failing_seconds:
        reasons.append(f"relay failing for {failing:.0f} s (limit "
                       f"{limits.max_relay_failing_seconds:.0f} s)")
    return reasons + snap.alarms[0]  # a handoff event or reply waiting past its critical age


def check(snap: Snapshot | None, db_problem: str | None, limits: MetricsConfig,
          dry_run: bool) -> Verdict:
    """The verdict of `status --check`, from the database alone (run from any process)."""
    if snap is None:
        return Verdict(critical=[db_problem or "database unusable"])
    critical = [db_problem] if db_problem else []
    live = [d for d in snap.daemons if not d.stale]
    if not live:
        critical.append("serve: not running" if not snap.daemons else
                        f"serve: heartbeat stale ({min(d.silent_seconds for d in snap.daemons):.0f}"
                        " s)")
    critical += _queue_too_old(snap, limits)
    critical += [f"IMAP: {a}" for a in snap.imap_alarms]  # mail piles up unseen until fixed
    critical += snap.alarms[0]  # the ticket path and the reply path (admin/alarms.py)
    warnings = []
    if snap.replies_failed:
        warnings.append(f"{snap.replies_failed} reply(ies) failed or unconfirmed")
    if not dry_run and snap.relay_failing_seconds is not None:
        warnings.append(f"relay failing for {snap.relay_failing_seconds:.0f} s")
    if snap.ceiling_hit:
        warnings.append("global reply ceiling reached")
    warnings += [f"IMAP: {e}" for e in snap.imap_errors if e not in snap.imap_alarms]
    if snap.failed_inbound:
        warnings.append(f"{snap.failed_inbound} inbound message(s) failed")
    warnings += snap.alarms[1]
    return Verdict(critical=critical, warnings=warnings)


def plugin_line(verdict: Verdict, snap: Snapshot | None, limits: MetricsConfig) -> str:
    """`GATEWAY CRITICAL - serve: not running; ... | queue=3;;;0 oldest_unprocessed=12s;;900;0 ...`"""
    problems = verdict.critical + verdict.warnings
    summary = "; ".join(problems) if problems else (
        f"serve running, {snap.waiting if snap else 0} mail(s) waiting")
    line = f"GATEWAY {verdict.level.name} - {' '.join(summary.split())}"
    if snap is None:
        return line
    perf = [f"queue={snap.waiting};;;0",
            f"oldest_unprocessed={snap.oldest_waiting_seconds:.0f}s;;"
            f"{limits.max_queue_age_seconds:.0f};0",
            f"outbox={snap.outbox_queued};;;0", f"replies_failed={snap.replies_failed};1;;0",
            f"inbound_failed={snap.failed_inbound};1;;0"]
    return f"{line} | {' '.join(perf)}"
