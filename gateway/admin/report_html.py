"""The report as one HTML page: a weekly chart by action as inline SVG (no JavaScript), the
weekly table per address, and who still writes after the cutover. For `gateway report --html`
and `/report` on the metrics listener.

The chart is drawn at its own size in pixels, never stretched to the page: its height is
fixed, a week's slot narrows with the number of weeks (104 weeks still fit a desktop page) and
only every n-th week is labelled where the labels would overlap; on a phone a long chart
scrolls sideways inside its card (tests/test_report_chart.py measures it in Chromium)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from math import ceil

from gateway.pipeline.render import make_environment

ACTIONS = ("ticket", "followup", "redirect", "suppress", "reject")
COLORS = {"ticket": "#2b6cb0", "followup": "#2f855a", "redirect": "#c05621",
          "suppress": "#718096", "reject": "#c53030"}
CHART_HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 220, 44, 48, 12, 8
PLOT_WIDTH = 960          # px the bars share, up to MAX_SLOT each (a desktop card is ~1060 px)
MIN_SLOT, MAX_SLOT = 8, 48
LABEL_SPACING = 18        # px between two slanted week labels


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
    """Geometry of the stacked bars and the axis, in pixels."""
    weeks = weekly_totals(data)
    peak = max((sum(c.values()) for _, c in weeks), default=0) or 1
    slot = max(MIN_SLOT, min(MAX_SLOT, PLOT_WIDTH / max(len(weeks), 1)))
    gap = max(1.0, slot / 8)
    every = max(1, ceil(LABEL_SPACING / slot))  # a label on every n-th week only
    width = LEFT + slot * len(weeks) + RIGHT
    scale = CHART_HEIGHT / peak
    bars, labels = [], []
    for i, (week, counts) in enumerate(weeks):
        x, base = LEFT + i * slot + gap / 2, TOP + CHART_HEIGHT
        for action in ACTIONS:
            if counts[action]:
                height = counts[action] * scale
                base -= height
                bars.append(Bar(x, base, slot - gap, height, COLORS[action],
                                f"{week}: {counts[action]} {action}"))
        if i % every == 0:
            labels.append((x + (slot - gap) / 2, week[2:]))  # 25-W41: short enough to stand
    ticks = [(TOP + CHART_HEIGHT - t * scale, t) for t in _ticks(peak)]
    return {"bars": bars, "labels": labels, "ticks": ticks, "width": max(width, 240),
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
