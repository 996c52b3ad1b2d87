"""OAuth2 access tokens for IMAP (Microsoft 365, Google, or any RFC 6749 token endpoint).

A `TokenSource` hands out a valid access token: refreshed at the token endpoint before it
expires (refresh token grant), or read from a command or a file that a site's own tooling
keeps fresh. It remembers whether the last refresh failed, so that `status` can say so.
"""

from __future__ import annotations

import json
import logging
import shlex
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from gateway.clock import Clock
from gateway.config_imap import OAuth2Config
from gateway.config_load import read_secret
from gateway.errors import TemporaryFailure

log = logging.getLogger("gateway.oauth2")
DEFAULT_LIFETIME = timedelta(hours=1)  # when the endpoint does not say (expires_in)
RETRY_AFTER = timedelta(seconds=60)  # a failed refresh ahead of time is tried again after this


class TokenError(TemporaryFailure):
    """No access token could be had: the refresh failed, the command or file gave none."""


@dataclass
class TokenState:
    """What `status` shows about a token source (JSON-ready via as_json)."""

    ok: bool = True
    error: str = ""
    failing_since: datetime | None = None
    expires_at: datetime | None = None
    refreshed_at: datetime | None = None

    def as_json(self) -> dict:
        return {"ok": self.ok, "error": self.error, "failing_since": _iso(self.failing_since),
                "expires_at": _iso(self.expires_at), "refreshed_at": _iso(self.refreshed_at)}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class TokenSource:
    """One per mailbox account; thread-safe (several folder watchers share it)."""

    def __init__(self, config: OAuth2Config, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self.state = TokenState()
        self._token = ""
        self._refresh_token = ""
        self._retry_at: datetime | None = None
        self._lock = threading.Lock()

    def token(self) -> str:
        """A valid access token, refreshed first if it expires within the margin."""
        with self._lock:
            if self.due():
                self._renew()
            return self._token

    def due(self) -> bool:
        """Time to get a new token (none yet, or it expires within the margin)?"""
        if not self._token or self.state.expires_at is None:
            return True
        margin = timedelta(seconds=self.config.refresh_margin_seconds)
        return self.clock.now() >= self.state.expires_at - margin

    def refresh_if_due(self) -> None:
        """Refresh ahead of time (the watchers call this while idle); failures are recorded.
        A command or file is only asked at login: the site's tooling keeps that one fresh."""
        if self.config.token_command or self.config.token_file or not self.due():
            return
        if self._retry_at is not None and self.clock.now() < self._retry_at:
            return
        try:
            self.token()
        except TokenError:
            pass  # recorded in self.state; the login that needs it reports it too
        self._retry_at = None if self.state.ok else self.clock.now() + RETRY_AFTER

    def invalidate(self) -> None:
        """The server refused the token: get a new one for the next login."""
        with self._lock:
            self._token = ""

    def _renew(self) -> None:
        try:
            token, lifetime = self._fetch()
        except TokenError as exc:
            now = self.clock.now()
            if self.state.ok:
                self.state.failing_since = now
            self.state.ok, self.state.error = False, str(exc)
            log.error("%s", exc)
            if self._token and self.state.expires_at and now < self.state.expires_at:
                return  # the old token still works for a while: use it, but say so
            raise
        now = self.clock.now()
        self._token = token
        self.state = TokenState(expires_at=now + lifetime, refreshed_at=now)

    def _fetch(self) -> tuple[str, timedelta]:
        config = self.config
        # A command or file is asked at every login (lifetime 0): it knows when its token ends.
        if config.token_command:
            return _from_command(config), timedelta(0)
        if config.token_file:
            return _from_file(config.token_file), timedelta(0)
        return self._from_endpoint()

    def _from_endpoint(self) -> tuple[str, timedelta]:
        config = self.config
        refresh = self._refresh_token or read_secret(config.refresh_token_env,
                                                     config.refresh_token_file)
        if not refresh:
            raise TokenError(f"OAuth2: no refresh token (set {config.refresh_token_env} "
                             "or oauth2.refresh_token_file)")
        form = {"grant_type": "refresh_token", "refresh_token": refresh,
                "client_id": config.client_id}
        secret = read_secret(config.client_secret_env, config.client_secret_file) if (
            config.client_secret_env or config.client_secret_file) else ""
        if secret:
            form["client_secret"] = secret
        if config.effective_scope:
            form["scope"] = config.effective_scope
        answer = _post_form(config.endpoint, form, config.timeout_seconds)
        if answer.get("refresh_token") and answer["refresh_token"] != refresh:
            self._keep_rotated(answer["refresh_token"])
        lifetime = timedelta(seconds=float(answer.get("expires_in") or
                                           DEFAULT_LIFETIME.total_seconds()))
        return answer["access_token"], lifetime


    def _keep_rotated(self, refresh: str) -> None:
        """Microsoft rotates refresh tokens: use the new one, and keep it in the file (if
        that is where it came from) so that a restart does not fall back to the old one."""
        self._refresh_token = refresh
        path = self.config.refresh_token_file
        if path:
            try:
                temporary = Path(path).with_suffix(".new")
                temporary.write_text(refresh + "\n", encoding="utf-8")
                temporary.chmod(0o600)
                temporary.replace(path)
            except OSError as exc:
                log.warning("OAuth2: could not keep the new refresh token in %s: %s", path,
                            exc.strerror)


def _post_form(url: str, form: dict[str, str], timeout: float) -> dict:
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    try:
        # an opener of its own each time: https_proxy / no_proxy are read now, not once for
        # the process (urlopen's shared opener keeps what it read first)
        with urllib.request.build_opener().open(request, timeout=timeout) as response:
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise TokenError(f"OAuth2 refresh at {url} failed: HTTP {exc.code} "
                         f"{_error_text(exc)}") from None
    except (OSError, ValueError) as exc:
        raise TokenError(f"OAuth2 refresh at {url} failed: {exc}") from None
    if not isinstance(answer, dict) or not answer.get("access_token"):
        raise TokenError(f"OAuth2 refresh at {url} failed: no access_token in the answer")
    return answer


def _error_text(exc: urllib.error.HTTPError) -> str:
    """The provider's error and description (RFC 6749 5.2), never the request's secrets."""
    try:
        body = json.loads(exc.read() or b"{}")
    except ValueError:
        return exc.reason or ""
    if not isinstance(body, dict):
        return exc.reason or ""
    text = str(body.get("error") or exc.reason or "")
    if body.get("error_description"):
        text += f": {str(body['error_description']).splitlines()[0][:200]}"
    return text


def _from_command(config: OAuth2Config) -> str:
    try:
        done = subprocess.run(shlex.split(config.token_command), capture_output=True,
                              timeout=config.timeout_seconds, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TokenError(f"OAuth2 token_command failed: {exc}") from None
    token = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not token:
        error = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise TokenError(f"OAuth2 token_command exited {done.returncode} without a token "
                         f"{error[0][:200]}".rstrip())
    return token


def _from_file(path: str) -> str:
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise TokenError(f"OAuth2 token_file {path}: {exc.strerror}") from None
    if not token:
        raise TokenError(f"OAuth2 token_file {path} is empty")
    return token
