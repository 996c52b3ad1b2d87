"""Issue 20, finding 6: the report's chart fits, from 1 to 104 weeks of data, on a desktop
(1366 px) and a phone (390 px), as measured in a real browser: headless Chromium lays out every
case at once (each report in an iframe of that width) and a script writes what it measured
into the DOM, which `--dump-dom` prints. Chromium comes from Debian (scripts/test-deps.sh)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

from gateway.admin.report_html import CHART_HEIGHT, render_report

WEEKS = (1, 2, 13, 52, 104)
WIDTHS = (1366, 390)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync")
MEASURE = """
window.addEventListener("load", () => {
  const found = [...document.querySelectorAll("iframe")].map(frame => {
    const doc = frame.contentDocument, svg = doc.querySelector("svg");
    const chart = svg.getBoundingClientRect(), box = svg.parentElement;
    const labels = [...svg.querySelectorAll("text[transform]")].map(t => t.getBoundingClientRect());
    return {weeks: +frame.dataset.weeks, width: +frame.dataset.width,
            chart_top: chart.top, chart_height: chart.height, chart_width: chart.width,
            table_top: doc.querySelector("table").getBoundingClientRect().top,
            card_scrolls: box.scrollWidth > box.clientWidth,
            page_overflow: doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
            label_height: Math.max(0, ...labels.map(r => r.height)), labels: labels.length};
  });
  document.body.insertAdjacentHTML("beforeend",
    "<pre id='measured'>" + JSON.stringify(found) + "</pre>");
});
"""


def report_data(weeks: int) -> dict:
    """`weeks` ISO weeks of three addresses, the counts growing and shrinking."""
    rows, first = [], date(2025, 9, 1)
    for i in range(weeks):
        year, week, _ = (first + timedelta(weeks=i)).isocalendar()
        for n, address in enumerate(("technik@centron.de", "billing@centron.de",
                                     "vertrieb@centron.de")):
            counts = {"ticket": 40 - i % 40, "redirect": (i * 7 + n) % 90, "suppress": i % 5,
                      "reject": 3 if i > weeks // 2 else 0}
            counts = {k: v for k, v in counts.items() if v}
            rows.append({"address": address, "week": f"{year}-W{week:02d}",
                         "total": sum(counts.values()), "by_action": counts,
                         "by_reason": {f"{k}/x": v for k, v in counts.items()}})
    return {"since": None, "until": None, "by_action": {}, "weeks": rows,
            "senders_after_cutover": [], "domains_after_cutover": []}


def measure(tmp_path) -> list[dict]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "no chromium: run scripts/test-deps.sh (as root) or apt-get install chromium"
    frames = []
    for weeks in WEEKS:
        page = render_report(report_data(weeks), "centron", datetime(2026, 1, 5, tzinfo=UTC))
        for width in WIDTHS:
            frames.append(f'<iframe data-weeks="{weeks}" data-width="{width}" style="width: '
                          f'{width}px; height: 900px; border: 0; display: block" srcdoc="'
                          f'{html.escape(page.decode(), quote=True)}"></iframe>')
    outer = tmp_path / "charts.html"
    outer.write_text(f"<!DOCTYPE html><html><body style='margin:0'>{''.join(frames)}"
                     f"<script>{MEASURE}</script></body></html>", encoding="utf-8")
    done = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           "--window-size=1400,900", "--dump-dom", outer.as_uri()],
                          capture_output=True, timeout=120)
    found = re.search(rb"<pre id=\"measured\">(.*?)</pre>", done.stdout, re.S)
    assert found, done.stderr.decode()[-2000:]
    return json.loads(html.unescape(found.group(1).decode()))


def test_the_chart_fits_from_one_to_104_weeks_on_desktop_and_phone(tmp_path):
    measured = measure(tmp_path)
    assert {(m["weeks"], m["width"]) for m in measured} == {(w, x) for w in WEEKS for x in WIDTHS}
    for m in measured:
        case = f"{m['weeks']} week(s) at {m['width']} px: {m}"
        # its own height, whatever the width (was: stretched to the page, 2,600 px for 1 week)
        assert CHART_HEIGHT < m["chart_height"] <= CHART_HEIGHT + 80, case
        assert m["chart_top"] < 400, case
        # the first table right below the chart and its legend
        assert 0 < m["table_top"] - (m["chart_top"] + m["chart_height"]) < 200, case
        assert m["label_height"] < 40 and m["labels"] >= min(m["weeks"], 20), case
        assert m["page_overflow"] <= 0, case  # only the chart's card scrolls, never the page
        if m["width"] == 1366:  # a desktop shows up to two years without scrolling
            assert not m["card_scrolls"], case
