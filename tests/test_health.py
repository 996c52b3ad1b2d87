"""The pure verdicts of /healthz and `status --check`, case by case."""

from __future__ import annotations

from gateway.config.settings import MetricsConfig
from gateway.service.health import Level, check, healthz, plugin_line
from gateway.service.observe import Daemon, Snapshot

LIMITS = MetricsConfig(max_queue_age_seconds=600, max_relay_failing_seconds=900)
ALIVE = Daemon("host:1", 5, {})


def test_healthy():
    assert healthz(Snapshot(daemons=[ALIVE]), None, True, LIMITS, dry_run=False) == []
    assert check(Snapshot(daemons=[ALIVE]), None, LIMITS, dry_run=False).level is Level.OK


def test_each_reason_for_503():
    snap = Snapshot(oldest_waiting_seconds=601, relay_failing_seconds=901)
    reasons = healthz(snap, None, worker_alive=False, limits=LIMITS, dry_run=False)
    assert reasons == ["worker process is not running", "mail waits for 601 s (limit 600 s)",
                       "relay failing for 901 s (limit 900 s)"]
    assert healthz(None, "database file var/gateway.db is gone", True, LIMITS, False) == [
        "database file var/gateway.db is gone"]
    # a relay failing for a short while, or a dry run, is no reason for 503
    assert healthz(Snapshot(relay_failing_seconds=100), None, True, LIMITS, False) == []
    assert healthz(Snapshot(relay_failing_seconds=5000), None, True, LIMITS, True) == []


def test_check_levels():
    warn = check(Snapshot(daemons=[ALIVE], replies_failed=2, ceiling_hit=True,
                          relay_failing_seconds=30), None, LIMITS, dry_run=False)
    assert warn.level is Level.WARNING and len(warn.warnings) == 3
    stale = check(Snapshot(daemons=[Daemon("h:1", 120, {})]), None, LIMITS, dry_run=False)
    assert stale.level is Level.CRITICAL and "heartbeat stale (120 s)" in stale.critical[0]
    gone = check(None, "no database", LIMITS, dry_run=False)
    assert gone.level is Level.CRITICAL
    assert plugin_line(gone, None, LIMITS) == "GATEWAY CRITICAL - no database"
    line = plugin_line(warn, Snapshot(waiting=3, oldest_waiting_seconds=12.4), LIMITS)
    assert line.startswith("GATEWAY WARNING - 2 reply(ies) failed or unconfirmed; ")
    assert line.endswith("| queue=3;;;0 oldest_unprocessed=12s;;600;0 outbox=0;;;0 "
                         "replies_failed=0;1;;0 inbound_failed=0;1;;0")
