"""Issue 20, findings 5, 7 and 8: what `status`, `status --check`, `/healthz` and the log tell an
admin agrees with what the running `gateway serve` does."""

from __future__ import annotations

import re
import time

from tests.serve_process import Serve


def test_serve_logs_the_watchdog_interval_it_really_pings_at(serve_starter):
    gw = serve_starter(env={"WATCHDOG_USEC": "30000000"})  # WatchdogSec=30: every 10 s, not 15
    ready = time.monotonic()
    gw.wait_notify("WATCHDOG=1", timeout=20)
    measured = time.monotonic() - ready
    logged = float(re.search(r"pinging every ([0-9.]+) s", gw.log).group(1))
    assert logged == 10.0 and abs(measured - logged) < 3, (logged, measured)  # loaded CI


def test_a_helpdesk_outage_warns_then_goes_critical_and_clears_on_recovery(serve_starter, tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import make_mail
    from tests.imap_fixtures import wait_for
    from tests.serve_process import ROOT
    from tests.webhook_receiver import start_receiver

    hook, server = start_receiver()
    port = server.server_address[1]
    server.shutdown()  # the helpdesk is down: connections refused
    server.server_close()
    config = tmp_path / "gw.toml"
    config.write_text(
        '[[address]]\naddress = "technik@centron.de"\ndepartment = "T"\ncutover = 2099-01-01\n'
        f'[handoff]\nwebhook_url = "{hook.url}"\nbackoff_seconds = 0.3\nbackoff_max_seconds = 0.5\n'
        'alarm_after_minutes = 0.02\ncritical_after_minutes = 0.12\n')  # 1.2 s and 7.2 s
    gw = serve_starter(config=str(config), env={"GATEWAY_WEBHOOK_SECRET": "s3cret"})

    def check() -> tuple[int, str]:
        done = subprocess.run([sys.executable, "-m", "gateway", "--config", str(config), "status",
                               "--check"], capture_output=True, cwd=tmp_path, timeout=60,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        return done.returncode, done.stdout.decode()

    wait_for(lambda: check()[0] == 0, what="OK after the start (its first heartbeat)", timeout=20)
    gw.send(make_mail())
    warning = wait_for(lambda: (r := check())[0] == 1 and r, what="WARNING", timeout=20)
    assert "oldest queued handoff waits for" in warning[1], warning
    assert json.loads(gw.http("/healthz")[1])["status"] in ("warning", "critical")
    critical = wait_for(lambda: (r := check())[0] == 2 and r, what="CRITICAL", timeout=20)
    assert "ticket events do not reach the agents" in critical[1], critical
    code, body = gw.http("/healthz")
    assert code == 503 and "oldest queued handoff" in body
    metric = re.search(r"^gateway_handoff_oldest_queued_seconds (\S+)$", gw.http("/metrics")[1],
                       re.M)
    assert float(metric.group(1)) >= 7.2
    status = json.loads(subprocess.run(
        [sys.executable, "-m", "gateway", "--config", str(config), "--json", "status"],
        capture_output=True, cwd=tmp_path, timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout)
    assert status["alarms"]["critical"] and status["alarms"]["oldest_waiting_since"]["handoff"]
    start_receiver(port=port, receiver=hook)  # the helpdesk is back
    wait_for(lambda: hook.accepted, what="the event delivered", timeout=20)
    assert wait_for(lambda: (r := check())[0] == 0 and r, what="OK again", timeout=20)
    # /healthz shares one look for REUSE_SECONDS among scrapers: it may lag the check by that
    assert wait_for(lambda: gw.http("/healthz") == (200, json.dumps({"status": "ok"})),
                    what="/healthz ok again", timeout=5)
    assert "gateway_handoff_oldest_queued_seconds 0.0" in gw.http("/metrics")[1]


def test_the_oldest_waiting_reply_and_handoff_are_one_index_step_each(engine, clock, tmp_path):
    import sqlite3

    from gateway.config.load import settings_from_dict
    from gateway.store.ages import delivery_ages
    from tests.test_query_plans import _history, _traced

    settings = settings_from_dict({"database_url": f"sqlite:///{tmp_path}/gateway.db",
                                   "outbox_dir": str(tmp_path / "outbox"),
                                   "handoff": {"forward_to": "agents@helpdesk.example"}})
    _history(settings, engine, clock, 60)
    engine.dispose()
    statements: list[str] = []
    traced = _traced(settings.database_url, statements)
    with traced.connect() as conn:
        ages = delivery_ages(conn, clock.now())
    traced.dispose()
    assert set(ages) == {"handoff", "reply"}
    with sqlite3.connect(tmp_path / "gateway.db") as db:
        plans = [" ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
                 for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(plans) == 4
    for plan in plans:  # MIN(created_at) of one status: the first entry of (status, created_at)
        assert re.search(r"SEARCH (reply|handoff) USING COVERING INDEX "
                         r"ix_(reply|handoff)_status_created \(status=\?\)", plan), plan


def test_status_shows_each_addresss_whole_timeline_and_the_next_change(tmp_path):
    import json
    import subprocess
    import sys

    from tests.serve_process import ROOT

    config = tmp_path / "gw.toml"
    config.write_text(
        f'database_url = "sqlite:///{tmp_path}/gw.db"\n'
        '[[address]]\naddress = "technik@centron.de"\ndepartment = "T"\n'
        'announce_from = 2099-01-15\ncutover = 2099-03-01\nreject_from = 2099-06-01\n'
        '[[address]]\naddress = "billing@centron.de"\ndepartment = "B"\ncutover = 2025-10-13\n')

    def gateway(*args: str) -> str:
        return subprocess.run([sys.executable, "-m", "gateway", "--config", str(config), *args],
                              capture_output=True, cwd=tmp_path, timeout=60, check=True,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
                              ).stdout.decode()

    gateway("db", "upgrade")
    text = gateway("status").splitlines()
    at = text.index(next(line for line in text if line.startswith("technik@centron.de")))
    assert text[at].split() == ["technik@centron.de", "before", "announce", "2099-01-15T00:00",
                                "cutover", "2099-03-01T00:00", "grace", "end",
                                "2099-03-15T00:00", "reject", "2099-06-01T00:00"]
    assert text[at + 1].strip() == "next: announce at 2099-01-15T00:00"
    assert text[at + 3].strip() == "next: nothing (the timeline is complete)"  # billing@
    technik = json.loads(gateway("--json", "status"))["addresses"][0]
    assert technik["next_change"] == {"at": "2099-01-15T00:00:00+01:00", "what": "announce"}
    assert technik["grace_end"] == "2099-03-15T00:00:00+01:00"


def test_status_from_any_folder_sees_the_gateway_the_service_runs(serve_starter, tmp_path):
    """As under systemd: the unit's EnvironmentFile= is the file every command reads too (here
    at GATEWAY_ENV_FILE instead of /etc/support-mail-gateway/environment); `serve` runs in its
    state folder, the commands run from / with nothing else set."""
    import json
    import subprocess
    import sys

    from tests.serve_process import ROOT

    state = tmp_path / "state"
    state.mkdir()
    config = tmp_path / "gw.toml"
    config.write_text('[[address]]\naddress = "technik@centron.de"\ndepartment = "T"\n')
    envfile = tmp_path / "environment"
    envfile.write_text(f"# as systemd/environment\nGATEWAY_CONFIG={config}\n"
                       f"GATEWAY_DATABASE_URL=sqlite:///{state}/var/gateway.db\n"
                       'GATEWAY_RELAY="127.0.0.1:2525"\nPYTHONPATH=/nowhere\n')
    gw = Serve(state, env={"GATEWAY_ENV_FILE": str(envfile)})
    try:
        def command(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([sys.executable, "-m", "gateway", *args], capture_output=True,
                                  cwd="/", timeout=60, env={
                                      "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                      "GATEWAY_ENV_FILE": str(envfile)})

        from tests.imap_fixtures import wait_for

        wait_for(lambda: command("status", "--check").returncode == 0,  # its first heartbeat
                 what="status --check OK from /", timeout=20)
        status = json.loads(command("--json", "status").stdout)
        assert status["dry_run"] is False and status["replies_to"] == "relay 127.0.0.1:2525"
        assert status["database"] == str(state / "var/gateway.db")
        assert [d["stale"] for d in status["daemons"]] == [False]  # it sees the running serve
        check = command("status", "--check")
        assert check.returncode == 0 and check.stdout.startswith(b"GATEWAY OK - serve running")
        assert "sent via the relay" in command("status").stdout.decode()
    finally:
        gw.finish()


def test_the_environment_file_gives_only_gateway_settings_the_process_lacks(tmp_path,
                                                                           monkeypatch, capsys):
    from gateway.config import file as config_file
    from gateway.config.envfile import apply_env_file

    envfile = tmp_path / "environment"
    envfile.write_text("# comment\n; another\nGATEWAY_RELAY='relay.example:25'\n"
                       "GATEWAY_SMTP_LISTEN = 0.0.0.0:25\nPATH=/evil\nGATEWAY_ENV_FILE=/x\n"
                       "not a line\n")
    environ = {"GATEWAY_ENV_FILE": str(envfile), "GATEWAY_SMTP_LISTEN": "127.0.0.1:8025",
               "PATH": "/usr/bin"}
    assert apply_env_file(environ) == str(envfile)
    assert environ == {"GATEWAY_ENV_FILE": str(envfile), "GATEWAY_SMTP_LISTEN": "127.0.0.1:8025",
                       "PATH": "/usr/bin", "GATEWAY_RELAY": "relay.example:25"}
    assert apply_env_file({"GATEWAY_ENV_FILE": ""}) is None  # turned off
    unreadable = {"GATEWAY_ENV_FILE": str(tmp_path)}  # a folder: cannot be read as a file
    assert apply_env_file(unreadable) is None and unreadable == {"GATEWAY_ENV_FILE": str(tmp_path)}
    assert "cannot read" in capsys.readouterr().err  # a command: told on stderr
    assert apply_env_file({**unreadable, "INVOCATION_ID": "1"}) is None
    assert capsys.readouterr().err == ""  # a systemd unit: systemd read it (as root) already
    assert apply_env_file({"GATEWAY_ENV_FILE": str(tmp_path / "none")}) is None
    # no --config, no GATEWAY_CONFIG, no ./config/gateway.toml: the installed config
    installed = tmp_path / "etc-gateway.toml"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(config_file, "SYSTEM_CONFIG", str(installed))
    assert config_file.config_path(None, {}) is None
    installed.write_text("")
    assert config_file.config_path(None, {}) == installed
    assert config_file.config_path(None, {"GATEWAY_CONFIG": "/x.toml"}) == config_file.Path("/x.toml")
