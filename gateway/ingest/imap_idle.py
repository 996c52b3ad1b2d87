"""The IMAP watchers of `serve`: one thread per folder keeps a connection open and waits with
IDLE (RFC 2177) where the server offers it, else polls every `imap_interval_seconds`.

New mail is fetched by UID as soon as the server announces it (EXISTS); IDLE is renewed every
`idle_renew_seconds` (servers may end it after 30 minutes) with a full pass over the folder; a
dropped connection is reopened after a backoff that doubles up to a limit, and each new session
catches up by UID on what arrived meanwhile (above the highest UID handled, while UIDVALIDITY
stays), with a full pass when none ran for the renewal or poll interval. Each watcher's state
(and its OAuth2 token's) goes into `serve`'s status report, so `gateway status` shows what is
wrong.
"""

from __future__ import annotations

import logging
import select
import threading
import time
from collections.abc import Callable

from imapclient import IMAPClient
from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.codes import WatchMode
from gateway.config.settings import GatewaySettings, ImapConfig
from gateway.errors import TemporaryFailure
from gateway.ingest.imap import MAX_SIZE, FolderIntake, PollReport
from gateway.ingest.imap_session import AuthFailure, close, connect, token_source
from gateway.ingest.oauth2 import TokenSource

log = logging.getLogger("gateway.imap")
CHECK_SECONDS = 1.0  # how often an idle watcher looks at its stop flag and its token


class ConnectionLost(TemporaryFailure):
    pass


class FolderWatcher:
    def __init__(self, box: ImapConfig, folder: str, engine: Engine, clock: Clock,
                 tokens: TokenSource | None, interval: float,
                 on_stored: Callable[[], None], stop: threading.Event,
                 max_size: int = MAX_SIZE) -> None:
        self.box, self.clock, self.tokens, self.interval = box, clock, tokens, interval
        self.intake = FolderIntake(box, folder, engine, clock, max_size)
        self.on_stored, self.stop = on_stored, stop
        self.backoff = box.reconnect_backoff_seconds
        self._last_full: float | None = None  # monotonic time of the last full pass
        self.state: dict = {"mailbox": self.intake.name, "mode": WatchMode.CONNECTING, "error": None,
                            "error_since": None, "auth_failed": False, "stored": 0,
                            "duplicates": 0, "last_pass_at": None,
                            "sessions": 0, "renewals": 0, "too_big": []}

    def run(self) -> None:
        """The thread: sessions until stopped, with a growing pause after each failure."""
        while not self.stop.is_set():
            try:
                self._session()
            except TemporaryFailure as exc:
                self._failed(str(exc), isinstance(exc, AuthFailure))
            except (OSError, IMAPClient.Error) as exc:
                self._failed(f"IMAP {self.intake.name}: {exc}", False)
            except Exception as exc:  # a bug must not end the watching for good
                log.exception("IMAP %s: unexpected error", self.intake.name)
                self._failed(f"IMAP {self.intake.name}: {exc!r}", False)
            if self.stop.wait(self.backoff):
                return
            self.backoff = min(self.backoff * 2, self.box.reconnect_backoff_max_seconds)

    def _failed(self, error: str, auth: bool) -> None:
        log.warning("%s (next try in %.1f s)", error, self.backoff,
                    extra={"event": "imap_error", "mailbox": self.intake.name})
        if self.state["error"] is None:
            self.state["error_since"] = self.clock.now().isoformat()
        self.state.update(mode=WatchMode.RECONNECTING, error=error, auth_failed=auth)

    def _session(self) -> None:
        client = connect(self.box, self.tokens)
        try:
            self.state["sessions"] += 1
            self.intake.open(client)
            idle = self.box.idle and client.has_capability("IDLE")
            self._catch_up(client, self.box.idle_renew_seconds if idle else self.interval)
            self.state.update(mode=WatchMode.IDLE if idle else WatchMode.POLL, error=None, error_since=None,
                              auth_failed=False)
            self.backoff = self.box.reconnect_backoff_seconds
            log.info("IMAP %s: watching (%s)", self.intake.name, "IDLE" if idle else
                     f"polling every {self.interval:g} s")
            (self._idle_loop if idle else self._poll_loop)(client)
        finally:
            close(client)

    def _catch_up(self, client: IMAPClient, period: float) -> None:
        """A new session: what arrived meanwhile, by UID above the last one handled (so the
        newest mail is stored at once, however much a failed move left behind); then a full
        pass if none ran for `period` (reconnects must not put off the full passes for good).
        The first session, or a changed UIDVALIDITY, has no UID to start from: a full pass."""
        self._look_again(client, only_new=self.intake.last_uid > 0)
        if self._last_full is None or time.monotonic() - self._last_full >= period:
            self._look_again(client, only_new=False)

    def _look_again(self, client: IMAPClient, only_new: bool) -> None:
        """Passes until one finds nothing and hears of nothing new. EXISTS sent while we
        fetch and move are not repeated by the server: they come with a command's answer,
        where imaplib keeps them aside and imapclient does not look."""
        while self._pass(client, only_new) and not self.stop.is_set():
            only_new = True

    def _pass(self, client: IMAPClient, only_new: bool) -> bool:
        """One fetch-store-move round; True when it found mail or the server announced some."""
        if not only_new or not self.intake.last_uid:
            self._last_full = time.monotonic()
        _announced_meanwhile(client)  # what was announced before this pass, this pass sees
        report = PollReport(self.intake.name)
        self.intake.take(client, report, only_new=only_new)
        self.state["stored"] += report.stored
        self.state["duplicates"] += report.duplicates
        self.state["last_pass_at"] = self.clock.now().isoformat()
        known = [] if not only_new else [m for m in self.state["too_big"]
                                         if m not in report.too_big]
        self.state["too_big"] = known + report.too_big  # a full pass sees all that is left
        if report.fetched:
            self.on_stored()
        return bool(report.fetched) or _announced_meanwhile(client)

    def _poll_loop(self, client: IMAPClient) -> None:
        while not self.stop.wait(self.interval):
            self._refresh_token()
            client.noop()
            self._pass(client, only_new=False)

    def _idle_loop(self, client: IMAPClient) -> None:
        while not self.stop.is_set():
            client.idle()
            news = self._wait(client)  # on a lost connection no DONE: its error is the news
            news = _announces(client.idle_done()[1]) or news
            if self.stop.is_set():
                return
            if not news:
                self.state["renewals"] += 1
            self._look_again(client, only_new=news)  # on renewal a full pass

    def _wait(self, client: IMAPClient) -> bool:
        """Until new mail (True), or time to renew the IDLE or to stop (False)."""
        renew_at = time.monotonic() + self.box.idle_renew_seconds
        sock = client.socket()
        while not self.stop.is_set() and time.monotonic() < renew_at:
            self._refresh_token()
            # TLS may hold decrypted bytes that select() cannot see
            buffered = hasattr(sock, "pending") and sock.pending() > 0
            if not buffered and not select.select([sock], [], [], CHECK_SECONDS)[0]:
                continue
            responses = client.idle_check(timeout=0)
            if not responses:  # readable, yet not a line: the server closed the connection
                raise ConnectionLost(f"IMAP {self.intake.name}: connection closed by the server")
            if _announces(responses):
                return True
        return False

    def _refresh_token(self) -> None:
        if self.tokens is not None:
            self.tokens.refresh_if_due()


def _announces(responses: list) -> bool:
    """Parsed untagged responses (imapclient's) that announce new mail."""
    return any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)


def _announced_meanwhile(client: IMAPClient) -> bool:
    """Takes the EXISTS and RECENT that imaplib kept aside from commands' answers."""
    untagged = client._imap.untagged_responses
    return bool(untagged.pop("EXISTS", None)) | bool(untagged.pop("RECENT", None))


class ImapWatchers:
    """All watchers of `serve`: one per configured folder, one token source per mailbox."""

    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 on_stored: Callable[[], None]) -> None:
        self.clock = clock
        self._stop = threading.Event()
        self.tokens: list[tuple[ImapConfig, TokenSource]] = []
        self.watchers: list[FolderWatcher] = []
        for box in settings.imap:
            tokens = token_source(box, clock)
            if tokens is not None:
                self.tokens.append((box, tokens))
            self.watchers += [FolderWatcher(box, folder, engine, clock, tokens,
                                            settings.imap_interval_seconds, on_stored, self._stop,
                                            settings.smtp.max_message_size)
                              for folder in box.watched_folders]
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for watcher in self.watchers:
            thread = threading.Thread(target=watcher.run, name=f"imap {watcher.intake.name}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)

    def state(self) -> dict:
        """For serve's status report: `errors` (shown by `status`), per folder, per token;
        `alarms`: the errors that stop mail until an admin acts (a failing token refresh, a
        refused login), which monitoring treats as critical."""
        oauth = [{"mailbox": box.label, **tokens.state.as_json()} for box, tokens in self.tokens]
        alarms = [f"OAuth2 for {o['mailbox']}: token refresh failing since "
                  f"{o['failing_since']}: {o['error']}" for o in oauth if not o["ok"]]
        alarms += [f"OAuth2 for {o['mailbox']}: {o['problem']}" for o in oauth if o["problem"]]
        alarms += [w.state["error"] for w in self.watchers if w.state["auth_failed"]]
        errors = [w.state["error"] for w in self.watchers
                  if w.state["error"] and not w.state["auth_failed"]] + alarms
        errors += [f"OAuth2 for {o['mailbox']}: {o['warning']}" for o in oauth if o["warning"]]
        return {"at": self.clock.now().isoformat(), "errors": errors, "alarms": alarms,
                "mailboxes": [dict(w.state) for w in self.watchers], "oauth": oauth}
