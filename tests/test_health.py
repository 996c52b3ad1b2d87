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


def test_the_reply_and_ticket_paths_warn_then_go_critical_and_clear():
    from gateway.config.alarms import delivery_alarms, limits_of
    from gateway.config.load import settings_from_dict

    settings = settings_from_dict({"relay": {"alarm_after_minutes": 10,
                                             "critical_after_minutes": 30}})

    def verdict(ages):
        return check(Snapshot(daemons=[ALIVE], oldest=ages,
                              alarms=delivery_alarms(ages, limits_of(settings))), None, LIMITS, False)

    assert verdict({"reply": 599, "handoff": None}).level is Level.OK
    warned = verdict({"reply": 600, "handoff": None})
    assert warned.level is Level.WARNING and warned.warnings == [
        "oldest queued reply waits for 10 min: replies do not reach the customers (see "
        "`gateway replies list --status queued`); warning after 10 min"]
    assert verdict({"reply": 1800, "handoff": None}).level is Level.CRITICAL
    # the handoff's own limits (default 15 and 60 min)
    assert verdict({"reply": None, "handoff": 899}).level is Level.OK
    assert verdict({"reply": None, "handoff": 900}).level is Level.WARNING
    assert verdict({"reply": None, "handoff": 3600}).level is Level.CRITICAL
    assert verdict({"reply": None, "handoff": None}).level is Level.OK  # the queue moved again
