"""simulate and report through the real `gateway` command, on an mbox around the cutover; the
report's numbers are checked against the stored decisions."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.migration_mailbox import MAILS, PARTNER_CONFIG, write_mbox

ROOT = Path(__file__).resolve().parents[1]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def run(tmp_path):
    config = tmp_path / "gateway.toml"
    config.write_text(PARTNER_CONFIG)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update({"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/var/gateway.db",
                "GATEWAY_OUTBOX_DIR": str(tmp_path / "outbox"), "GATEWAY_CONFIG": str(config)})

    def call(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "gateway", *args], capture_output=True,
                                cwd=ROOT, env=env, timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout.decode()

    return call


def test_simulate_before_and_after_the_cutover_stores_nothing(run, tmp_path):
    mbox = write_mbox(tmp_path / "technik.mbox")
    before = json.loads(run("simulate", "--at", "2025-10-01T10:00", "--json", str(mbox)))
    assert before["messages"] == len(MAILS)
    # everything a ticket but the spam and the bounce; max's 4th receipt in the hour is capped
    assert before["by_action"] == {"ticket": 10, "suppress": 2}
    assert before["replies"] == 5  # max 3 (then the cap), anna, the partner; not erika's OOF
    assert before["by_address"]["billing@centron.de"] == {"ticket": 1}
    rows = {(r["action"], r["reason"]): r["count"] for r in before["by_address_action_reason"]}
    assert rows[("ticket", "auto-submitted")] == 2 and rows[("suppress", "spam")] == 1
    assert before["samples"]["spam"]["subject"] == "You won"
    after = json.loads(run("simulate", "--at", "2025-11-10T10:00", "--json", str(mbox)))
    # max: one redirection, then rate-limited within the run; the partner: the exception
    assert after["by_action"] == {"redirect": 2, "suppress": 9, "ticket": 1}
    reasons = Counter({(r["action"], r["reason"]): r["count"]
                       for r in after["by_address_action_reason"]})
    assert reasons[("suppress", "rate-limited")] == 3
    assert reasons[("ticket", "exception:partner")] == 1
    assert after["samples"]["exception:partner"]["from"] == "noc@partner.example"
    text = run("simulate", "--at", "2025-11-10T10:00", str(mbox))
    assert "rate-limited" in text and "exception:partner" in text
    # nothing sent, nothing stored: the real database is not even opened
    assert not (tmp_path / "outbox").exists() and not (tmp_path / "var").exists()


def stored(tmp_path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "var/gateway.db") as conn:
        return conn.execute("SELECT rcpt, received_at, action, reason, phase FROM "
                            "inbound_message").fetchall()


def week_of(text: str) -> str:
    moment = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("UTC")).astimezone(BERLIN)
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def test_import_then_report_matches_the_stored_decisions(run, tmp_path):
    mbox = write_mbox(tmp_path / "technik.mbox")
    assert json.loads(run("--json", "import", "--replies", "all", str(mbox)))["processed"] == 12
    rows = stored(tmp_path)
    report = json.loads(run("report", "--json", "--html", str(tmp_path / "report.html")))
    expected: dict[tuple[str, str], Counter] = {}
    for rcpt, received, action, _, _ in rows:
        expected.setdefault((rcpt, week_of(received)), Counter())[action] += 1
    assert {(w["address"], w["week"]): Counter(w["by_action"]) for w in report["weeks"]} == \
        expected
    assert report["by_action"] == dict(Counter(r[2] for r in rows))
    senders = {s["sender"]: s for s in report["senders_after_cutover"]}
    after = [r for r in rows if r[4] in ("cutover", "reject")]
    assert sum(s["count"] for s in senders.values()) == len(after)
    max_ = senders["max@kunde.example"]
    # 15.10. 08:00 redirected, 09:00 rate-limited, 16.10. 08:00 (24 h later) redirected again
    assert (max_["count"], max_["redirected"], max_["suppressed"], max_["automated"]) == (
        3, 2, 1, False)
    assert max_["first_seen"].startswith("2025-10-15T08:00") and \
        max_["last_seen"].startswith("2025-10-16T08:00")
    assert senders["status@statuspage.example"]["automated"] is True
    assert senders["noc@partner.example"]["tickets"] == 1
    domains = {d["domain"]: d for d in report["domains_after_cutover"]}
    assert (domains["srv.kunde.example"]["count"], domains["kunde.example"]["senders"]) == (1, 1)

    window = json.loads(run("report", "--json", "--since", "2025-10-13", "--until",
                            "2025-10-20"))
    assert sum(w["total"] for w in window["weeks"]) == sum(
        "2025-10-12T22:00" <= r[1] < "2025-10-19T22:00" for r in rows)
    lines = list(csv.DictReader(io.StringIO(run("report", "--csv"))))
    assert sum(int(line["count"]) for line in lines if line["table"] == "week") == len(rows)
    assert {line["sender"] for line in lines if line["table"] == "sender"} == set(senders)
    html = (tmp_path / "report.html").read_text()
    assert "<svg" in html and "<script" not in html.lower()
    assert "max@kunde.example" in html and "2025-W42" in html


def test_report_route_over_real_http(engine, clock, settings, tmp_path):
    """The /report route as the metrics listener mounts it, behind a real HTTP server."""
    import threading
    import urllib.error
    import urllib.request
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from gateway.pipeline.process import Pipeline
    from gateway.service.report_http import report_app
    from tests.conftest import AFTER, Gateway, make_mail

    gateway = Gateway(Pipeline(settings, engine, clock))
    gateway.receive(make_mail(subject="Bitte <b>fett</b>"), AFTER, sender="max@kunde.example")

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = make_server("127.0.0.1", 0, report_app(engine, settings, clock),
                         handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/report"
    try:
        with urllib.request.urlopen(base) as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            page = response.read().decode()
        with urllib.request.urlopen(base + "?since=2026-01-01") as response:
            empty = response.read().decode()
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(base + "?since=yesterday")
        assert bad.value.code == 400
    finally:
        server.shutdown()
        server.server_close()
    assert "<svg" in page and "<script" not in page.lower()
    assert "max@kunde.example" in page and "2025-W42" in page
    assert "keine Mails im Zeitraum" in empty and "max@kunde.example" not in empty
