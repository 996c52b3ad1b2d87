"""The alarms of the ticket path and the reply path: a handoff event (to the agents) or a reply
(to the customer) that has waited for delivery too long, whether its attempts fail or nobody
tries. WARNING after `alarm_after_minutes`, CRITICAL after `critical_after_minutes` ([handoff]
for the handoff events, [relay] for the replies); gone as soon as the queue moves again. Read
by `status`, `status --check` (also the light one: standard library only), `/healthz` and
`/metrics` alike."""

from __future__ import annotations

DEFAULT_MINUTES = (15.0, 60.0)  # alarm_after_minutes, critical_after_minutes
SECTIONS = {"handoff": "handoff", "reply": "relay"}  # the path and its config table
WHAT = {"handoff": ("ticket events do not reach the agents", "gateway handoff list --status queued"),
        "reply": ("replies do not reach the customers", "gateway replies list --status queued")}


def delivery_alarms(ages: dict[str, float | None],
                    limits: dict[str, tuple[float, float]]) -> tuple[list[str], list[str]]:
    """(critical, warnings) from the ages (seconds) of the oldest waiting handoff event and
    reply; limits: per path (alarm_after_minutes, critical_after_minutes)."""
    critical, warnings = [], []
    for path, age in sorted(ages.items()):
        if age is None:
            continue
        warn, crit = limits.get(path, DEFAULT_MINUTES)
        meaning, command = WHAT[path]
        text = f"oldest queued {path} waits for {age / 60:.0f} min: {meaning} (see `{command}`)"
        if age >= crit * 60:
            critical.append(f"{text}; critical after {crit:g} min")
        elif age >= warn * 60:
            warnings.append(f"{text}; warning after {warn:g} min")
    return critical, warnings


def limits_of(settings) -> dict[str, tuple[float, float]]:
    """The limits from the validated settings (GatewaySettings)."""
    return {path: (getattr(settings, section).alarm_after_minutes,
                   getattr(settings, section).critical_after_minutes)
            for path, section in SECTIONS.items()}
