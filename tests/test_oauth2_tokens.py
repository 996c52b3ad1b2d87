"""The refresh token's life at the test's own token endpoint: rotations kept (or an alarm when
they cannot be), the file read anew, short-lived and malformed tokens, and errors that keep
the token command's arguments to themselves."""

from __future__ import annotations

import stat
import sys
from datetime import timedelta

import pytest

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.imap import token_source
from gateway.ingest.imap_idle import ImapWatchers
from gateway.ingest.oauth2 import TokenError
from tests.conftest import AFTER
from tests.oauth2_server import OAuth2Server

USER = "technik@centron.de"


@pytest.fixture
def provider():
    server = OAuth2Server(USER, "rt-0").start()
    yield server
    server.stop()


def settings(provider, tmp_path, **oauth2):
    return settings_from_dict({
        "database_url": f"sqlite:///{tmp_path}/t.db", "outbox_dir": str(tmp_path / "out"),
        "imap": [{"host": "imap.example.net", "username": USER, "rcpt": USER, "auth": "xoauth2",
                  "oauth2": {"token_url": f"{provider.url}/token", "client_id": "c", **oauth2}}]})


def watchers_state(provider, tmp_path, clock, **oauth2) -> tuple[dict, object]:
    """The IMAP part of serve's status report, with its token source, without connecting."""
    watchers = ImapWatchers(settings(provider, tmp_path, **oauth2), None, clock, lambda: None)
    return watchers, watchers.tokens[0][1]


def test_a_rotation_that_cannot_be_written_is_an_alarm_until_it_can(provider, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")  # the first token, not yet in a file
    (tmp_path / "state").write_text("a file where the folder should be\n")
    clock = FixedClock(AFTER)
    watchers, tokens = watchers_state(provider, tmp_path, clock,
                                      refresh_token_file=str(tmp_path / "state" / "rt"))
    provider.rotate = True
    assert tokens.token().startswith("at-")  # the login still works ...
    alarms = watchers.state()["alarms"]  # ... but a restart would send the old token
    assert len(alarms) == 1 and "could not be written to oauth2.refresh_token_file" in alarms[0]
    assert "StateDirectory" in alarms[0] and provider.refresh_token not in alarms[0]

    (tmp_path / "state").unlink()
    (tmp_path / "state").mkdir()
    clock.advance(timedelta(seconds=3400))  # the next refresh sends the rotated token ...
    tokens.refresh_if_due()
    assert provider.requests[-1]["refresh_token"] == "rt-1"
    kept = tmp_path / "state" / "rt"  # ... and keeps the newest, owner-only
    assert kept.read_text().strip() == provider.refresh_token == "rt-2"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert watchers.state()["alarms"] == [] and watchers.state()["errors"] == []


def test_a_rotation_from_the_variable_alone_is_a_warning(provider, tmp_path, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")
    provider.rotate = True
    watchers, tokens = watchers_state(provider, tmp_path, FixedClock(AFTER))
    tokens.token()
    state = watchers.state()
    assert state["alarms"] == []
    assert any("kept in memory only" in e and "oauth2.refresh_token_file" in e
               for e in state["errors"])


def test_the_file_wins_over_a_stale_variable_and_is_read_anew(provider, tmp_path, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-stale")
    (tmp_path / "rt").write_text("rt-0\n")
    clock = FixedClock(AFTER)
    tokens = token_source(settings(provider, tmp_path, refresh_token_file=str(tmp_path / "rt"))
                          .imap[0], clock)
    tokens.token()
    assert provider.requests[-1]["refresh_token"] == "rt-0"
    # The provider revokes it; the admin consents anew and puts the new token into the file.
    provider.refresh_token = "rt-consented"
    clock.advance(timedelta(seconds=3400))
    tokens.refresh_if_due()
    assert not tokens.state.ok
    (tmp_path / "rt").write_text("rt-consented\n")
    clock.advance(timedelta(seconds=61))  # after the pause between failed tries
    tokens.refresh_if_due()
    assert tokens.state.ok and provider.requests[-1]["refresh_token"] == "rt-consented"


@pytest.mark.parametrize("lifetime", [300, 10, 0, -5])
def test_short_lived_tokens_are_refreshed_at_half_life_not_every_second(provider, tmp_path,
                                                                       monkeypatch, lifetime):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")
    provider.lifetime = lifetime  # 300: Keycloak's default, the same as the refresh margin
    clock = FixedClock(AFTER)
    tokens = token_source(settings(provider, tmp_path).imap[0], clock)
    tokens.token()
    for _ in range(5):  # a watcher looks every second
        clock.advance(timedelta(seconds=1))
        tokens.refresh_if_due()
    assert len(provider.requests) == 1
    half = max(lifetime, 30) / 2  # a lifetime under 30 s counts as 30 s
    clock.advance(timedelta(seconds=half))
    tokens.refresh_if_due()
    assert len(provider.requests) == 2 and tokens.state.ok


def test_a_malformed_lifetime_is_a_failed_refresh(provider, tmp_path, monkeypatch):
    monkeypatch.setenv("GATEWAY_IMAP_REFRESH_TOKEN", "rt-0")
    provider.lifetime = "3600s"
    tokens = token_source(settings(provider, tmp_path).imap[0], FixedClock(AFTER))
    with pytest.raises(TokenError, match="expires_in '3600s' is not a number"):
        tokens.token()
    assert not tokens.state.ok and "expires_in" in tokens.state.error


def test_token_command_errors_name_the_program_not_its_arguments(provider, tmp_path):
    slow = f"{sys.executable} -c 'import time; time.sleep(5)' --client-secret=hunter2"
    tokens = token_source(settings(provider, tmp_path, token_command=slow,
                                   timeout_seconds=0.3).imap[0], FixedClock(AFTER))
    with pytest.raises(TokenError) as failed:
        tokens.token()
    assert sys.executable in str(failed.value) and "within 0.3 s" in str(failed.value)
    assert "hunter2" not in str(failed.value) and "hunter2" not in tokens.state.error
    missing = token_source(settings(provider, tmp_path, token_command="/nonexistent/vault "
                                    "--password=hunter2").imap[0], FixedClock(AFTER))
    with pytest.raises(TokenError, match="could not start") as failed:
        missing.token()
    assert "hunter2" not in str(failed.value)
