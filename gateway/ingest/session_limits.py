"""Limits of one SMTP/LMTP session that aiosmtpd does not have: idle time counted as silence
(a steady upload of a big mail is not idle), a total lifetime (a NOOP now and then does not
hold a slot forever), and a cap on connections in all and per client address."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

TOO_MANY = b"421 4.7.0 Too many connections, try again later\r\n"
TOO_MANY_FROM_YOU = b"421 4.7.0 Too many connections from your address, try again later\r\n"
TOO_LONG = b"421 4.4.2 Session too long, closing; please reconnect\r\n"


@dataclass
class ConnectionGate:
    """Counts open sessions, in all and per client address."""

    limit: int
    per_client: int = 0  # 0: no per-client cap
    active: int = 0
    clients: Counter = field(default_factory=Counter)
    sessions: set = field(default_factory=set)  # open transports, for close_all at a stop

    def close_all(self) -> None:
        """At the end of a stop: whoever is still connected gets 421 and is disconnected (a
        session waiting for its commit has had its 451 already)."""
        for transport in list(self.sessions):
            if not transport.is_closing():
                transport.write(b"421 4.3.2 Service shutting down, try again later\r\n")
                transport.close()

    def admit(self, host: str) -> bool:
        if self.per_client and self.clients[host] >= self.per_client:
            return False
        self.clients[host] += 1
        self.active += 1
        return True

    def leave(self, host: str) -> None:
        self.active -= 1
        self.clients[host] -= 1
        if self.clients[host] <= 0:
            del self.clients[host]


class SessionLimits:
    """Mixed in before aiosmtpd's SMTP (or LMTP) class; `gate` and `max_session_seconds` are
    set on the class the factory builds."""

    gate: ConnectionGate
    max_session_seconds: float
    _refused = False
    _host: str | None = None
    _lifetime: asyncio.TimerHandle | None = None
    _heard = 0.0
    _gate_transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self._original_transport is None and self.transport is None:  # not STARTTLS again
            peer = transport.get_extra_info("peername")
            host = str(peer[0]) if peer else ""
            if not self.gate.admit(host):
                self._refused = True
                transport.write(TOO_MANY_FROM_YOU)  # type: ignore[attr-defined]
                transport.close()
                return
            self._host = host
            self.gate.sessions.add(transport)
            self._gate_transport = transport
            self._lifetime = asyncio.get_running_loop().call_later(
                self.max_session_seconds, self._expire)
        super().connection_made(transport)  # type: ignore[misc]
        self._heard = self.loop.time()

    def connection_lost(self, error: Exception | None) -> None:
        if self._refused:
            return
        if self._lifetime is not None:
            self._lifetime.cancel()
        if self._host is not None:
            self.gate.leave(self._host)
            self.gate.sessions.discard(self._gate_transport)
            self._host = None
        super().connection_lost(error)  # type: ignore[misc]

    def data_received(self, data: bytes) -> None:
        if not self._refused:
            self._heard = self.loop.time()
            super().data_received(data)  # type: ignore[misc]

    def eof_received(self) -> bool | None:
        return False if self._refused else super().eof_received()  # type: ignore[misc]

    def _timeout_cb(self) -> None:
        """aiosmtpd's timer runs from the last command; we count from the last byte heard."""
        silent = self.loop.time() - self._heard
        if silent < self._timeout_duration:
            self._reset_timeout(self._timeout_duration - silent)
            return
        super()._timeout_cb()  # type: ignore[misc]

    def _expire(self) -> None:
        if self.transport is not None:
            self.transport.write(TOO_LONG)
            self.transport.close()
