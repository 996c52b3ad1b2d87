"""Postfix's SMTP access policy delegation (`check_policy_service`): the reject phase inside
Postfix's own SMTP session.

Behind Postfix, a `550` from the gateway comes too late: Postfix has accepted the mail already
and would bounce it to a possibly forged sender (backscatter). Asked at RCPT time instead,
the gateway answers `action=550 5.7.1 <pointer>` for a recipient of ours in its reject phase,
and `action=DUNNO` (no opinion: Postfix goes on with its other rules) for everything else,
including a sender an exception rule names by the envelope address (rules/door.py: the same
answer as the gateway's own listener at RCPT; a rule that could only match the From header
cannot be asked here, so behind Postfix a partner is named by its envelope sender).

The protocol: name=value lines, an empty line ends a request, the answer is `action=...` and an
empty line; Postfix keeps the connection open for further requests.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from gateway.clock import Clock
from gateway.codes import Reason
from gateway.config.settings import GatewaySettings
from gateway.errors import ConfigError
from gateway.ingest.refusals import RefusalLog
from gateway.rules.door import Door, at_rcpt, reject_line
from gateway.rules.policy import Policies

log = logging.getLogger("gateway.policy")

MAX_LINE = 8192  # Postfix's attributes are short; anything longer is not Postfix talking
MAX_ATTRIBUTES = 100
IDLE_SECONDS = 300  # Postfix closes idle policy connections itself after max_idle (100 s)
FIRST_REQUEST_SECONDS = 30  # Postfix asks as soon as it connects
REQUEST_SECONDS = 10  # one request, from its first line to its empty line (and our answer)
SLOW_REQUEST = 1.0  # at the cap, a request unfinished this long makes room for a new connection
DUNNO = "DUNNO"


class PolicyDecider:
    """Attributes of one request → the action Postfix should take."""

    def __init__(self, settings: GatewaySettings, clock: Clock,
                 refusals: RefusalLog | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.policies = Policies(settings)
        self.refusals = refusals

    def action(self, attributes: dict[str, str]) -> str:
        recipient = attributes.get("recipient", "")
        if attributes.get("request") != "smtpd_access_policy" or not recipient:
            return DUNNO
        policy = self.policies.get(recipient)  # subaddresses too
        if policy is None:
            return DUNNO
        door = at_rcpt(self.settings, policy.config, policy.phase_at(self.clock.now()),
                       attributes.get("sender"))
        if door is Door.ACCEPT:  # not in the reject phase, or an exception names the sender
            return DUNNO
        # refused, and also where only the From header could name an exception: Postfix asks
        # before any header, and a 550 after DATA would make Postfix bounce (backscatter)
        if self.refusals is not None:
            self.refusals.add(self.clock.now(), "policy", attributes.get("client_address", ""),
                              attributes.get("sender"), policy.address, Reason.REJECT_PHASE)
        return reject_line(self.settings, policy.config, None)


class Connections:
    """The open connections, at most `cap`: a new one beyond it closes the one idle longest
    (Postfix reconnects when it needs to), else one stuck mid-request longer than SLOW_REQUEST
    (Postfix writes a request at once: 260 connections that each sent one line and stopped kept
    Postfix out for their 10 s), or is closed itself. 1,030 idle connections once took every
    file descriptor of the daemon and SMTP closed at once."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.idle_since: dict[asyncio.StreamWriter, float | None] = {}  # None: mid-request
        self.busy_since: dict[asyncio.StreamWriter, float] = {}

    def admit(self, writer: asyncio.StreamWriter) -> bool:
        if len(self.idle_since) >= self.cap:
            victim = self._victim()
            if victim is None:
                return False
            self.idle_since.pop(victim, None)
            self.busy_since.pop(victim, None)
            victim.close()
        self.idle_since[writer] = time.monotonic()
        return True

    def _victim(self) -> asyncio.StreamWriter | None:
        idle = [(since, id(w), w) for w, since in self.idle_since.items() if since is not None]
        if idle:
            return min(idle)[2]
        late = time.monotonic() - SLOW_REQUEST
        stuck = [(since, id(w), w) for w, since in self.busy_since.items() if since < late]
        return min(stuck)[2] if stuck else None

    def busy(self, writer: asyncio.StreamWriter) -> None:
        self.idle_since[writer] = None
        self.busy_since[writer] = time.monotonic()

    def idle(self, writer: asyncio.StreamWriter) -> None:
        self.busy_since.pop(writer, None)
        self.idle_since[writer] = time.monotonic()

    def gone(self, writer: asyncio.StreamWriter) -> None:
        self.busy_since.pop(writer, None)
        self.idle_since.pop(writer, None)


async def _read_request(reader: asyncio.StreamReader, wait: float,
                        busy: Callable[[], None]) -> dict[str, str] | None:
    """One request's attributes, or None when the client went away, spoke nonsense, sent
    nothing for `wait` seconds, or took longer than REQUEST_SECONDS for one request."""
    attributes: dict[str, str] = {}
    deadline = None
    while True:
        left = wait if deadline is None else deadline - time.monotonic()
        try:
            line = await asyncio.wait_for(reader.readline(), max(left, 0.001))
        except (TimeoutError, ValueError, ConnectionError):  # idle, line too long, reset
            return None
        if not line.endswith(b"\n"):
            return None  # end of stream
        if deadline is None:
            deadline = time.monotonic() + REQUEST_SECONDS
            busy()
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if not text:
            return attributes
        name, sep, value = text.partition("=")
        if not sep or len(attributes) >= MAX_ATTRIBUTES:
            return None
        attributes[name.strip().lower()] = value.strip()


def connection_handler(decider: PolicyDecider, connections: Connections):
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not connections.admit(writer):
            writer.close()
            return
        wait = FIRST_REQUEST_SECONDS
        try:
            while (attributes := await _read_request(
                    reader, wait, lambda: connections.busy(writer))) is not None:
                action = decider.action(attributes)
                if action != DUNNO:
                    log.info("policy: %s for %s from %s (queue %s)", " ".join(action.split()[:2]),
                             attributes.get("recipient"), attributes.get("sender") or "<>",
                             attributes.get("queue_id") or "-")
                writer.write(f"action={action}\n\n".encode())
                await asyncio.wait_for(writer.drain(), REQUEST_SECONDS)
                connections.idle(writer)
                wait = IDLE_SECONDS
        except (ConnectionError, TimeoutError):
            pass
        finally:
            connections.gone(writer)
            writer.close()

    return handle


async def listen(settings: GatewaySettings, clock: Clock, host: str, port: int,
                 refusals: RefusalLog | None = None) -> asyncio.Server:
    """Start the policy service on host:port (settings.postfix.policy_listen); its refusals
    go to the refusal log."""
    connections = Connections(settings.postfix.policy_max_connections)
    handler = connection_handler(PolicyDecider(settings, clock, refusals), connections)
    try:
        return await asyncio.start_server(handler, host, port, limit=MAX_LINE)
    except OSError as exc:
        raise ConfigError("postfix.policy_listen (GATEWAY_POLICY_LISTEN)",
                          f"cannot listen on {host}:{port}: {exc.strerror}",
                          "choose a free address:port, or stop what holds it") from None
