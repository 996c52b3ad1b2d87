"""OAuth2 for IMAP against the real Dovecot: its oauth2 passdb asks a token-introspection
endpoint that the test serves, next to a token endpoint that the test serves too. XOAUTH2 and
OAUTHBEARER logins, tokens that expire, a refresh that fails (status says so), then works."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.admin.queries import status
from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.imap import MailboxPoller, poll_all, token_source
from gateway.service.health import Level, check
from gateway.service.observe import observe
from tests.certs import make_ca
from tests.conftest import AFTER, make_mail
from tests.imap_fixtures import fresh_session, login, running_dovecot, wait_for
from tests.oauth2_server import OAuth2Server

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "technik@centron.de", "geheim"
ARRIVED = datetime(2025, 10, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def provider():
    server = OAuth2Server(USER, "rt-0").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dovecot(provider):
    yield from running_dovecot({USER: PASSWORD}, introspection_url=f"{provider.url}/introspect")


@pytest.fixture
def imap(dovecot, provider):
    provider.failing, provider.refresh_token = False, "rt-0"
    yield from fresh_session(dovecot, USER, PASSWORD)  # the test's own access: by password


def oauth_box(dovecot, provider, auth="xoauth2", **oauth2) -> dict:
    return {"host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": USER,
            "rcpt": USER, "auth": auth, "reconnect_backoff_seconds": 0.2,
            "oauth2": {"token_url": f"{provider.url}/token", "client_id": "gateway-test",
                       "scope": "imap", **oauth2}}


def settings_for(box: dict, tmp_path):
    return settings_from_dict({"database_url": f"sqlite:///{tmp_path}/o.db",
                               "outbox_dir": str(tmp_path / "out"), "imap": [box]})


@pytest.mark.parametrize("auth", ["xoauth2", "oauthbearer"])
def test_login_with_a_refreshed_token(imap, dovecot, provider, engine, tmp_path, monkeypatch,
                                      auth):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")
    monkeypatch.setenv("GATEWAY_IMAP_CLIENT_SECRET", "s3cret")
    imap.append("INBOX", make_mail(message_id=f"<{auth}@kunde.example>"), msg_time=ARRIVED)
    box = settings_for(oauth_box(dovecot, provider, auth,
                                 client_secret_env="GATEWAY_IMAP_CLIENT_SECRET"), tmp_path).imap[0]
    clock = FixedClock(AFTER)
    report = MailboxPoller(box, engine, clock, token_source(box, clock)).poll()
    assert report.stored == 1
    assert provider.requests[-1] == {"grant_type": "refresh_token", "refresh_token": "rt-0",
                                     "client_id": "gateway-test", "client_secret": "s3cret",
                                     "scope": "imap"}
    assert f"method={auth.upper()}" in dovecot.log


def test_a_refused_token_is_an_auth_failure(imap, dovecot, provider, engine, tmp_path):
    box = settings_for(oauth_box(dovecot, provider, token_file=str(tmp_path / "token")),
                       tmp_path)
    (tmp_path / "token").write_text("not-a-token\n")
    reports, errors = poll_all(box, engine, FixedClock(AFTER))
    assert reports == [] and "login (xoauth2) refused" in errors[0]


def test_token_from_a_command_and_from_a_file(imap, dovecot, provider, engine, tmp_path):
    provider.alive.add("site-token")
    command = f"{sys.executable} -c \"print('site-token')\""
    imap.append("INBOX", make_mail(message_id="<cmd@kunde.example>"), msg_time=ARRIVED)
    reports, errors = poll_all(settings_for(oauth_box(dovecot, provider, token_command=command),
                                            tmp_path), engine, FixedClock(AFTER))
    assert errors == [] and reports[0].stored == 1
    (tmp_path / "token").write_text("site-token\n")
    imap.append("INBOX", make_mail(message_id="<file@kunde.example>"), msg_time=ARRIVED)
    reports, errors = poll_all(settings_for(oauth_box(
        dovecot, provider, token_file=str(tmp_path / "token")), tmp_path), engine,
        FixedClock(AFTER))
    assert errors == [] and reports[0].stored == 1
    failing = f"{sys.executable} -c \"import sys; sys.exit('vault sealed')\""
    _, errors = poll_all(settings_for(oauth_box(dovecot, provider, token_command=failing),
                                      tmp_path), engine, FixedClock(AFTER))
    assert "token_command exited 1 without a token vault sealed" in errors[0]


def test_a_rotated_refresh_token_is_kept_in_its_file(provider, tmp_path):
    (tmp_path / "rt").write_text("rt-0\n")
    provider.refresh_token, provider.rotate = "rt-0", True
    try:
        box = settings_for({"host": "x", "username": USER, "rcpt": USER, "auth": "xoauth2",
                            "oauth2": {"token_url": f"{provider.url}/token", "client_id": "c",
                                       "refresh_token_file": str(tmp_path / "rt")}},
                           tmp_path).imap[0]
        token = token_source(box, FixedClock(AFTER)).token()
    finally:
        provider.rotate = False
    assert token.startswith("at-")
    assert (tmp_path / "rt").read_text().strip() == provider.refresh_token != "rt-0"


PRESETS = [  # the provider's settings, and the request the real provider would get
    ({"provider": "microsoft", "tenant": "contoso.onmicrosoft.com", "client_id": "5f3c-app"},
     "login.microsoftonline.com", "/contoso.onmicrosoft.com/oauth2/v2.0/token",
     {"client_id": "5f3c-app",
      "scope": "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access"}),
    ({"provider": "microsoft", "client_id": "5f3c-app",
      "client_secret_env": "GATEWAY_IMAP_CLIENT_SECRET"},
     "login.microsoftonline.com", "/common/oauth2/v2.0/token",
     {"client_id": "5f3c-app", "client_secret": "s3cret",
      "scope": "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access"}),
    ({"provider": "google", "client_id": "123.apps.googleusercontent.com",
      "client_secret_env": "GATEWAY_IMAP_CLIENT_SECRET"},
     "oauth2.googleapis.com", "/token",
     {"client_id": "123.apps.googleusercontent.com", "client_secret": "s3cret",
      "scope": "https://mail.google.com/"}),
]


@pytest.fixture(scope="module")
def providers(tmp_path_factory):
    """The test's token endpoint, reached as the real providers' hosts: through an HTTPS
    proxy (https_proxy) that is the endpoint itself, with a certificate for those hosts from
    the test's CA (SSL_CERT_FILE)."""
    pki = make_ca(tmp_path_factory.mktemp("providers"), name="Provider Test CA",
                  hosts="DNS:login.microsoftonline.com,DNS:oauth2.googleapis.com")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki.cert, pki.key)
    server = OAuth2Server(USER, "rt-preset", tls=context).start()
    server.ca = pki.ca
    yield server
    server.stop()


@pytest.mark.parametrize(("oauth2", "host", "path", "form"), PRESETS)
def test_a_preset_sends_the_providers_token_request(providers, tmp_path, monkeypatch,
                                                    oauth2, host, path, form):
    for name in ("no_proxy", "NO_PROXY", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("https_proxy", providers.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(providers.ca))  # trust only the test's CA
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-preset")
    monkeypatch.setenv("GATEWAY_IMAP_CLIENT_SECRET", "s3cret")
    box = settings_for({"host": "x", "username": USER, "rcpt": USER, "auth": "xoauth2",
                        "oauth2": oauth2}, tmp_path).imap[0]
    tokens = token_source(box, FixedClock(AFTER))
    assert tokens.token().startswith("at-") and tokens.state.ok
    assert providers.tunnelled[-1] == (host, "POST", path, "application/x-www-form-urlencoded")
    assert providers.requests[-1] == {"grant_type": "refresh_token",
                                      "refresh_token": "rt-preset", **form}


def test_the_token_is_refreshed_before_it_expires(provider, tmp_path, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")
    provider.failing, provider.refresh_token = False, "rt-0"
    box = settings_for({"host": "x", "username": USER, "rcpt": USER, "auth": "xoauth2",
                        "oauth2": {"token_url": f"{provider.url}/token", "client_id": "c"}},
                       tmp_path).imap[0]
    clock = FixedClock(AFTER)
    tokens = token_source(box, clock)
    first = tokens.token()
    clock.advance(timedelta(seconds=3200))  # 400 s left: outside the 300 s margin
    tokens.refresh_if_due()
    assert tokens.token() == first
    clock.advance(timedelta(seconds=150))  # 250 s left: renewed while still valid
    tokens.refresh_if_due()
    assert tokens._token != first and tokens.state.ok
    assert tokens.state.expires_at == clock.now() + timedelta(seconds=3600)


def test_expiry_failing_refresh_alarm_then_recovery(imap, dovecot, provider, start_service,
                                                    monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")
    clock = FixedClock(AFTER)
    running = start_service(clock=clock, imap=[oauth_box(dovecot, provider)],
                            imap_interval_seconds=600)
    watchers = running.service.imap
    watcher, tokens = watchers.watchers[0], watchers.tokens[0][1]
    wait_for(lambda: watcher.state["mode"] == "idle", 30, "the watcher to IDLE")
    first = tokens._token
    imap.append("INBOX", make_mail(message_id="<o1@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(1)

    # Within the refresh margin (5 minutes) before the token ends, the provider refuses:
    provider.failing = True
    clock.advance(timedelta(seconds=3400))
    wait_for(lambda: not tokens.state.ok, 30, "the refresh to fail")
    report = current_status(running, clock)
    assert any("token refresh failing since" in w and "invalid_grant" in w
               for w in report["warnings"])
    assert report["imap"]["oauth"][0]["ok"] is False
    assert len(report["imap"]["alarms"]) == 1 and "invalid_grant" in report["imap"]["alarms"][0]
    verdict = current_check(running, clock)  # what `status --check` and monitoring see
    assert verdict.level is Level.CRITICAL, verdict
    assert [c for c in verdict.critical if "token refresh failing" in c], verdict
    shown = gateway_status(running)
    assert "WARNING: IMAP: OAuth2 for technik@centron.de@127.0.0.1: token refresh failing" in shown
    assert f"imap {USER}@127.0.0.1/INBOX: idle" in shown
    imap.append("INBOX", make_mail(message_id="<o2@kunde.example>"), msg_time=ARRIVED)
    running.wait_processed(2)  # the session still works meanwhile

    # The token expires and the server ends the session: no new login without a new token.
    clock.advance(timedelta(seconds=300))
    provider.expire(first)
    kick(dovecot)
    wait_for(lambda: watcher.state["auth_failed"], 30, "the failed login")
    assert "invalid_grant" in watcher.state["error"]
    imap = login(dovecot, USER, PASSWORD)
    imap.append("INBOX", make_mail(message_id="<o3@kunde.example>"), msg_time=ARRIVED)

    # The provider works again: the next try gets a token, logs in and catches up.
    provider.failing = False
    running.wait_processed(3)
    wait_for(lambda: watcher.state["mode"] == "idle" and tokens.state.ok, 30, "recovery")
    report = current_status(running, clock)
    assert not [w for w in report["warnings"] if "IMAP" in w]
    assert report["imap"]["oauth"][0]["ok"] is True
    assert report["imap"]["alarms"] == []
    assert not [c for c in current_check(running, clock).critical if "IMAP" in c]
    imap.logout()


def current_status(running, clock) -> dict:
    running._call(running.service._heartbeat())
    return status(running.engine, running.service.settings, clock.now())


def current_check(running, clock):
    """The verdict of `gateway status --check`, at the test's clock (a subprocess would see the
    heartbeat of the fixed clock as stale)."""
    running._call(running.service._heartbeat())
    settings = running.service.settings
    return check(observe(running.engine, settings, clock.now()), None, settings.metrics,
                 dry_run=True)


def gateway_status(running, *options: str):
    """What an admin sees: `gateway status` in its own process, on serve's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(GATEWAY_DATABASE_URL=running.service.settings.database_url,
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "gateway", "status", *options], env=env,
                          capture_output=True, timeout=60, check=True)
    return done.stdout.decode()


def kick(dovecot) -> None:
    subprocess.run(["doveadm", "-c", str(dovecot.dir / "dovecot.conf"), "kick", USER],
                   check=True, capture_output=True)
