"""The report as one HTML page: a weekly chart by action as inline SVG (no JavaScript), the
weekly table per address, and who still writes after the cutover. For `gateway report --html`
and `/report` on the metrics listener."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from gateway.pipeline.render import make_environment

ACTIONS = ("ticket", "followup", "redirect", "suppress", "reject")
COLORS = {"ticket": "#2b6cb0", "followup": "#2f855a", "redirect": "#c05621",
          "suppress": "#718096", "reject": "#c53030"}
CHART_HEIGHT, BAR_GAP, LEFT, BOTTOM, TOP = 220, 6, 44, 48, 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


def weekly_totals(data: dict) -> list[tuple[str, Counter]]:
    """All addresses together: week → count per action."""
    weeks: dict[str, Counter] = {}
    for row in data["weeks"]:
        weeks.setdefault(row["week"], Counter()).update(row["by_action"])
    return sorted(weeks.items())


def chart(data: dict) -> dict:
    """Geometry of the stacked bars and the axis, in SVG user units."""
    weeks = weekly_totals(data)
    peak = max((sum(c.values()) for _, c in weeks), default=0) or 1
    slot = max(24.0, min(64.0, 640 / max(len(weeks), 1)))
    width = LEFT + slot * len(weeks) + 8
    scale = CHART_HEIGHT / peak
    bars, labels = [], []
    for i, (week, counts) in enumerate(weeks):
        x, base = LEFT + i * slot + BAR_GAP / 2, TOP + CHART_HEIGHT
        for action in ACTIONS:
            if counts[action]:
                height = counts[action] * scale
                base -= height
                bars.append(Bar(x, base, slot - BAR_GAP, height, COLORS[action],
                                f"{week}: {counts[action]} {action}"))
        labels.append((x + (slot - BAR_GAP) / 2, week[2:]))  # 25-W41: short enough to stand
    ticks = [(TOP + CHART_HEIGHT - t * scale, t) for t in _ticks(peak)]
    return {"bars": bars, "labels": labels, "ticks": ticks, "width": width,
            "height": TOP + CHART_HEIGHT + BOTTOM, "base": TOP + CHART_HEIGHT, "left": LEFT,
            "peak": peak, "weeks": weeks}


def _ticks(peak: int) -> list[int]:
    step = 1
    while peak / step > 5:
        step *= 5 if str(step).startswith("2") else 2
    return list(range(0, peak + 1, step))


def render_report(data: dict, company: str, generated_at: datetime) -> bytes:
    template = make_environment().get_template("report.html.j2")
    return template.render(data=data, chart=chart(data), actions=ACTIONS, colors=COLORS,
                           company=company, generated_at=generated_at.isoformat(
                               timespec="seconds")).encode("utf-8")
