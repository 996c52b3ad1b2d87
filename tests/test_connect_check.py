"""`gateway config check --connect` against a real relay (aiosmtpd) and a real Dovecot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.dovecot import Dovecot
from tests.private_server import free_port

ROOT = Path(__file__).resolve().parents[1]


class Sink:
    async def handle_DATA(self, server, session, envelope) -> str:
        return "250 2.0.0 Ok"


@pytest.fixture
def relay_port():
    logins: list[bytes] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append(auth_data.login)
        return AuthResult(success=auth_data.password == b"s3cret")

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    yield port, logins
    controller.stop()


def check(tmp_path: Path, config: str, env: dict | None = None) -> subprocess.CompletedProcess:
    (tmp_path / "gw.toml").write_text(config)
    base = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    base.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run([sys.executable, "-m", "gateway", "--config", "gw.toml", "--json",
                           "config", "check", "--connect"], cwd=tmp_path, env=base,
                          capture_output=True, timeout=120)


def relay_config(port: int, **extra: str) -> str:
    lines = ['outbox_dir = ""', "[relay]", 'host = "127.0.0.1"', f"port = {port}",
             'username = "gateway"'] + [f"{k} = {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def test_relay_auth_in_clear_text_is_refused_then_allowed(tmp_path, relay_port):
    port, logins = relay_port
    refused = check(tmp_path, relay_config(port), {"GATEWAY_RELAY_PASSWORD": "s3cret"})
    assert refused.returncode == 78
    report = json.loads(refused.stdout)
    assert any("AUTH over an unencrypted connection refused" in p for p in report["problems"])
    assert logins == [] and b"s3cret" not in refused.stdout + refused.stderr
    allowed = check(tmp_path, relay_config(port, allow_plain_auth="true"),
                    {"GATEWAY_RELAY_PASSWORD": "s3cret"})
    assert allowed.returncode == 0, allowed.stdout
    assert any("AUTH as gateway ok" in line for line in json.loads(allowed.stdout)["connected"])
    assert logins == [b"gateway"]


def test_unset_secret_missing_templates_and_unreachable_relay(tmp_path):
    config = f'templates_dir = "{tmp_path}/no-such-folder"\n' + relay_config(free_port())
    result = check(tmp_path, config)
    assert result.returncode == 78
    problems = "\n".join(json.loads(result.stdout)["problems"])
    assert "templates_dir" in problems and "no-such-folder" in problems
    assert "relay.username is set but no password" in problems
    assert "ConnectionRefusedError" in problems


def test_imap_logins(tmp_path):
    server = Dovecot({"technik@centron.de": "geheim"})
    server.start()
    try:
        config = (f'[[imap]]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\n'
                  'username = "technik@centron.de"\nrcpt = "technik@centron.de"\n')
        good = check(tmp_path, config, {"GATEWAY_IMAP_PASSWORD": "geheim"})
        assert good.returncode == 0, good.stdout
        assert "imap technik@centron.de@127.0.0.1: login ok" in json.loads(good.stdout)["connected"]
        bad = check(tmp_path, config, {"GATEWAY_IMAP_PASSWORD": "falsch"})
        assert bad.returncode == 78 and "refused" in "".join(json.loads(bad.stdout)["problems"])
        assert b"falsch" not in bad.stdout + bad.stderr
    finally:
        server.stop()
