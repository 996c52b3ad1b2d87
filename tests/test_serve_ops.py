"""`gateway serve` in production conditions: systemd's signals to the whole process group,
a crash of the main process, Type=notify with the watchdog, SIGHUP reload, a database deleted
under it, metrics and health over real HTTP."""

from __future__ import annotations

import json
import os
import shutil
import signal
import smtplib
import socket
import time

import pytest

from tests.conftest import make_mail
from tests.imap_fixtures import wait_for
from tests.serve_process import group_members, wait_gone


def outbox_files(tmp_path) -> list:
    return sorted((tmp_path / "var/outbox").glob("*.eml"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_to_the_whole_group_stops_everything_within_10_s(serve_starter, tmp_path, sig):
    gw = serve_starter(env={"WATCHDOG_USEC": "2000000"})
    gw.send(make_mail())
    wait_for(lambda: outbox_files(tmp_path), what="the reply")
    gw.wait_notify("WATCHDOG=1", timeout=30)
    idle = gw.smtp()  # a session that just sits there
    idle.ehlo()
    assert len(group_members(gw.pgid)) == 2  # main and worker (forked: no multiprocessing tracker)
    started = time.monotonic()
    gw.signal_group(sig)
    assert gw.proc.wait(timeout=10) == 0, gw.log[-3000:]
    assert wait_gone(gw.pgid, 10 - (time.monotonic() - started)) == []
    assert time.monotonic() - started < 10
    gw.wait_notify("STOPPING=1", timeout=1)
    assert idle.noop()[0] == 421  # told so and closed, not left hanging
    idle.close()


def test_sigterm_to_the_main_process_only(serve_starter, tmp_path):
    gw = serve_starter()
    gw.send(make_mail())
    started = time.monotonic()
    gw.proc.send_signal(signal.SIGTERM)
    assert gw.proc.wait(timeout=10) == 0
    assert wait_gone(gw.pgid, 10 - (time.monotonic() - started)) == []
    assert "stopped" in gw.log


@pytest.mark.parametrize("at_work", [True, False], ids=["at-work", "still-starting"])
def test_worker_exits_when_the_main_process_is_killed(serve_starter, tmp_path, at_work):
    gw = serve_starter()
    if at_work:
        gw.send(make_mail())
        wait_for(lambda: outbox_files(tmp_path), what="the reply")
    # right after READY the worker may still be importing: it must notice all the same
    others = [pid for pid in group_members(gw.pgid) if pid != gw.proc.pid]
    assert others, "no worker process?"
    gw.proc.kill()  # the OOM killer, a crash
    gw.proc.wait(timeout=10)
    assert wait_gone(gw.pgid, 15) == [], f"orphans left: {group_members(gw.pgid)}"
    assert "parent process" in gw.log and "is gone; exiting" in gw.log


def test_a_killed_worker_is_replaced_and_mail_flows_on(serve_starter, tmp_path):
    """The first worker is forked (it shares the daemon's memory); one started after a crash,
    with the event loop's threads running, is spawned."""
    gw = serve_starter()
    assert "started (fork)" in gw.log
    workers = [pid for pid in group_members(gw.pgid) if pid != gw.proc.pid]
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGKILL)
    wait_for(lambda: "started (spawn)" in gw.log, what="a new worker")
    assert "worker exited with -9; starting a new one" in gw.log
    gw.send(make_mail())
    wait_for(lambda: outbox_files(tmp_path), what="the reply from the new worker")
    started = time.monotonic()
    gw.signal_group(signal.SIGTERM)
    assert gw.proc.wait(timeout=10) == 0, gw.log[-3000:]
    assert wait_gone(gw.pgid, 10 - (time.monotonic() - started)) == []


def test_ready_status_and_metrics(serve_starter, tmp_path):
    gw = serve_starter()
    ready = gw.messages[-1]
    assert f"MAINPID={gw.proc.pid}" in ready
    assert f"SMTP 127.0.0.1:{gw.smtp_port}" in ready and "worker up" in ready
    gw.send(make_mail())
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        gw.send(make_mail(message_id="<x@y>"), rcpt="nobody@centron.de")
    wait_for(lambda: outbox_files(tmp_path), what="the reply")
    assert gw.http("/healthz") == (200, json.dumps({"status": "ok"}))
    # the .eml is written a moment before its delivery is recorded: wait for the record
    def recorded() -> str | None:
        page = gw.http("/metrics")[1]
        return page if 'gateway_replies_total{status="written"}' in page else None

    text = wait_for(recorded, what="the delivery in /metrics")
    for line in ('gateway_mails_received_total{address="technik@centron.de",source="smtp"} 1.0',
                 'gateway_decisions_total{action="redirect",address="technik@centron.de",'
                 'reason="after-cutover"} 1.0',
                 'gateway_replies_total{status="written"} 1.0', "gateway_queue_depth 0.0",
                 'gateway_address_phase{address="technik@centron.de",phase="cutover"} 1.0',
                 'gateway_address_phase{address="technik@centron.de",phase="before"} 0.0',
                 "gateway_worker_up 1.0", "gateway_database_ok 1.0",
                 "gateway_oldest_unprocessed_seconds 0.0"):
        assert line in text.replace('address="technik@centron.de",action="redirect"',
                                    'action="redirect",address="technik@centron.de"'), line
    assert gw.http("/nothing")[0] == 404
    report_status, page = gw.http("/report")
    assert report_status == 200 and "technik@centron.de" in page
    gw.signal_group(signal.SIGTERM)
    assert gw.proc.wait(timeout=10) == 0
    again = serve_starter()  # the totals come from the database: they survive the restart
    assert 'gateway_mails_received_total{address="technik@centron.de",source="smtp"} 1.0' in (
        again.http("/metrics")[1])


def test_log_lines_for_every_event(serve_starter, tmp_path):
    gw = serve_starter(env={"GATEWAY_LOG_FORMAT": "json"})
    gw.send(make_mail())
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        gw.send(make_mail(message_id="<x@y>"), rcpt="nobody@centron.de")
    wait_for(lambda: outbox_files(tmp_path), what="the reply")
    wait_for(lambda: "reply_delivered" in gw.log, what="the delivery log line")
    gw.signal_group(signal.SIGTERM)
    gw.proc.wait(timeout=10)
    events = [json.loads(line) for line in gw.log.splitlines() if line.startswith("{")]
    assert len(events) == len(gw.log.splitlines()), "a line that is not JSON"
    by_event = {e["event"]: e for e in events}
    assert by_event["accepted"]["inbound_id"] == 1 and by_event["accepted"]["source"] == "smtp"
    assert by_event["rcpt_refused"]["rcpt"] == "nobody@centron.de"
    assert by_event["rcpt_refused"]["reason"] == "unknown"
    assert by_event["decision"]["action"] == "redirect"
    assert by_event["decision"]["message_id"] == "<m1@kunde.example>"
    assert by_event["reply_delivered"]["inbound_id"] == 1


def test_database_deleted_or_replaced_gets_451_and_critical_health(serve_starter, tmp_path):
    gw = serve_starter()
    gw.send(make_mail())
    wait_for(lambda: outbox_files(tmp_path), what="the reply")
    db = tmp_path / "var/gateway.db"
    shutil.copy(db, tmp_path / "copy.db")
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"var/gateway.db{suffix}").unlink(missing_ok=True)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        gw.send(make_mail(message_id="<lost@x>"))
    assert refused.value.smtp_code == 451
    status, body = gw.http("/healthz")
    assert status == 503 and "is gone" in json.loads(body)["reasons"][0]
    assert not db.exists()  # nothing recreated it behind the admin's back
    os.replace(tmp_path / "copy.db", db)  # a restore copied over it: another file
    with pytest.raises(smtplib.SMTPDataError) as refused:
        gw.send(make_mail(message_id="<lost@x>"))
    assert refused.value.smtp_code == 451
    assert "replaced" in json.loads(gw.http("/healthz")[1])["reasons"][0]
    gw.signal_group(signal.SIGTERM)
    assert gw.proc.wait(timeout=10) == 0


def test_sighup_reloads_config_and_templates_keeping_sessions(serve_starter, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "redirect_account_center.txt.j2").write_text("VERSION ONE {{ account_center_url }}")
    config = tmp_path / "gw.toml"
    address = '[[address]]\naddress = "{0}@centron.de"\ndepartment = "{0}"\ncutover = 2025-10-13\n'
    config.write_text(f'templates_dir = "{templates}"\n' + address.format("technik"))
    gw = serve_starter(config=str(config))
    session = gw.smtp()
    session.sendmail("max@kunde.example", ["technik@centron.de"], make_mail())
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        session.sendmail("max@kunde.example", ["neu@centron.de"], make_mail(message_id="<2@x>"))
    wait_for(lambda: outbox_files(tmp_path), what="the first reply")
    (templates / "redirect_account_center.txt.j2").write_text("VERSION TWO {{ account_center_url }}")
    config.write_text(config.read_text() + address.format("neu"))
    gw.signal_group(signal.SIGHUP)
    gw.wait_notify("RELOADING=1")
    gw.wait_notify("READY=1")
    # the same session, opened before the reload, goes on; the new address is known now
    session.sendmail("max@kunde.example", ["neu@centron.de"], make_mail(message_id="<3@x>"))
    wait_for(lambda: len(outbox_files(tmp_path)) == 2, what="the second reply")
    assert b"VERSION TWO" in outbox_files(tmp_path)[-1].read_bytes()
    config.write_text("timezone = 'Mars/Olympus'\n")  # broken: the old config must stay
    gw.signal_group(signal.SIGHUP)
    gw.wait_notify("RELOADING=1")
    assert "reload refused: config broken" in gw.wait_notify("READY=1")
    session.sendmail("max@kunde.example", ["neu@centron.de"], make_mail(message_id="<4@x>"))
    session.quit()
    assert gw.proc.poll() is None and "reload refused, keeping the running config" in gw.log
    gw.signal_group(signal.SIGTERM)
    assert gw.proc.wait(timeout=10) == 0


def test_metrics_port_taken_is_logged_and_mail_still_flows(serve_starter, tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        gw = serve_starter(env={"GATEWAY_METRICS_LISTEN": f"127.0.0.1:{taken}"})
        gw.send(make_mail())
        wait_for(lambda: outbox_files(tmp_path), what="the reply")
    assert "/metrics and /healthz are OFF" in gw.log
    gw.signal_group(signal.SIGTERM)
    assert gw.proc.wait(timeout=10) == 0
