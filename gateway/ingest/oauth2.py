"""OAuth2 access tokens for IMAP (Microsoft 365, Google, or any RFC 6749 token endpoint).

A `TokenSource` hands out a valid access token: refreshed at the token endpoint before it
expires (refresh token grant), or read from a command or a file that a site's own tooling
keeps fresh. It remembers whether the last refresh failed, so that `status` can say so.
"""

from __future__ import annotations

import json
import logging
import os
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
from gateway.config.imap import OAuth2Config
from gateway.config.load import read_secret
from gateway.errors import TemporaryFailure

log = logging.getLogger("gateway.oauth2")
DEFAULT_LIFETIME = timedelta(hours=1)  # when the endpoint does not say (expires_in)
RETRY_AFTER = timedelta(seconds=60)  # a failed refresh ahead of time is tried again after this
# Endpoints that grant tokens for seconds (or say nonsense) must not make us ask every second.
MIN_LIFETIME = timedelta(seconds=30)


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
    problem: str = ""  # the refresh works, but the next restart would fail: an alarm
    warning: str = ""  # worth an admin's look, mail still flows

    def as_json(self) -> dict:
        return {"ok": self.ok, "error": self.error, "failing_since": _iso(self.failing_since),
                "expires_at": _iso(self.expires_at), "refreshed_at": _iso(self.refreshed_at),
                "problem": self.problem, "warning": self.warning}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class TokenSource:
    """One per mailbox account; thread-safe (several folder watchers share it)."""

    def __init__(self, config: OAuth2Config, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self.state = TokenState()
        self._token = ""
        self._refresh_token = ""  # the provider's latest rotation, once there was one
        self._unsaved = False  # rotated, but not yet written to oauth2.refresh_token_file
        self._kept = ("", "")  # (problem, warning) about keeping the rotated refresh token
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
        if self.state.refreshed_at is not None:  # short-lived tokens: refresh at half-life
            margin = min(margin, (self.state.expires_at - self.state.refreshed_at) / 2)
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
        self.state = TokenState(expires_at=now + lifetime, refreshed_at=now,
                                problem=self._kept[0], warning=self._kept[1])

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
        refresh = self._current_refresh_token()
        form = {"grant_type": "refresh_token", "refresh_token": refresh,
                "client_id": config.client_id}
        secret = _read(config.client_secret_env, config.client_secret_file) if (
            config.client_secret_env or config.client_secret_file) else ""
        if secret:
            form["client_secret"] = secret
        if config.effective_scope:
            form["scope"] = config.effective_scope
        answer = _post_form(config.endpoint, form, config.timeout_seconds)
        rotated = answer.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh:
            self._refresh_token, self._unsaved = rotated, True
        if self._unsaved:  # also retried at each refresh until the file takes it
            self._keep_rotated()
        return answer["access_token"], _lifetime(answer, config.endpoint)

    def _current_refresh_token(self) -> str:
        """The rotated one until it is safely in the file; else the file, read anew each time
        (an admin may have put a newly consented token there); else the variable."""
        config = self.config
        if self._unsaved:
            return self._refresh_token
        if config.refresh_token_file and Path(config.refresh_token_file).exists():
            # read anew each time; the variable may hold the first one, before any rotation
            refresh = _read("", config.refresh_token_file) or _read(config.refresh_token_env, "")
        else:
            refresh = self._refresh_token or _read(config.refresh_token_env, "")
        if not refresh:
            raise TokenError(f"OAuth2: no refresh token (set {config.refresh_token_env} "
                             "or oauth2.refresh_token_file)")
        return refresh

    def _keep_rotated(self) -> None:
        """Microsoft rotates refresh tokens: keep the new one in the file, so that a restart
        does not send the old one; where that cannot be, say so (status, alarm)."""
        path = self.config.refresh_token_file
        if not path:
            self._kept = ("", "OAuth2: the provider rotated the refresh token; it is kept in "
                              "memory only, a restart sends the old one from "
                              f"{self.config.refresh_token_env}: set oauth2.refresh_token_file "
                              "to a file the service may write")
            return
        try:
            _write_private(Path(path), self._refresh_token)
        except OSError as exc:
            self._kept = (f"OAuth2: the rotated refresh token could not be written to "
                          f"oauth2.refresh_token_file {path} ({exc.strerror}); a restart would "
                          "send the old one: make that file writable for the service (e.g. "
                          "under its StateDirectory, /var/lib/support-mail-gateway)", "")
            log.error("%s", self._kept[0])
            return
        self._unsaved, self._kept = False, ("", "")


def _write_private(path: Path, text: str) -> None:
    """Owner-only from the first byte, on disk before it replaces the old file."""
    temporary = path.with_name(path.name + ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (text + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)


def _read(env_var: str, file_path: str) -> str:
    try:
        return read_secret(env_var, file_path)
    except OSError as exc:
        raise TokenError(f"OAuth2: cannot read {file_path}: {exc.strerror}") from None


def _lifetime(answer: dict, url: str) -> timedelta:
    value = answer.get("expires_in")
    if value is None or value == "":  # the endpoint does not say
        return DEFAULT_LIFETIME
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise TokenError(f"OAuth2 refresh at {url} failed: expires_in {str(value)[:40]!r} is "
                         "not a number of seconds") from None
    return max(timedelta(seconds=seconds), MIN_LIFETIME)


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
    if not isinstance(answer, dict) or not isinstance(answer.get("access_token"), str) \
            or not answer["access_token"]:
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
    # Errors name only the program: its arguments may carry a secret.
    try:
        argv = shlex.split(config.token_command) or [""]
        done = subprocess.run(argv, capture_output=True, timeout=config.timeout_seconds,
                              check=False)
    except ValueError as exc:
        raise TokenError(f"OAuth2 token_command cannot be split into words: {exc}") from None
    except OSError as exc:
        raise TokenError(f"OAuth2 token_command {argv[0]} could not start: "
                         f"{exc.strerror}") from None
    except subprocess.TimeoutExpired:
        raise TokenError(f"OAuth2 token_command {argv[0]} gave no token within "
                         f"{config.timeout_seconds:g} s") from None
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
