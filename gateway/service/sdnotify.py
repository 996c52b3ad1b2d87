"""The systemd notify protocol (sd_notify(3)) by hand: datagrams to $NOTIFY_SOCKET.

Without $NOTIFY_SOCKET (a terminal, a test, no systemd) every call does nothing, so the daemon
never depends on a running systemd. The watchdog interval comes from $WATCHDOG_USEC (and
$WATCHDOG_PID, which must be ours if set)."""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger("gateway.sdnotify")


class Notifier:
    def __init__(self, env: dict[str, str] | None = None) -> None:
        env = dict(os.environ) if env is None else env
        self.address = _socket_address(env.get("NOTIFY_SOCKET", ""))
        self.watchdog_seconds = _watchdog_seconds(env)
        self._sock: socket.socket | None = None

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def notify(self, *fields: str) -> bool:
        """Send `KEY=value` lines as one datagram; False when there is nobody to tell."""
        if self.address is None:
            return False
        if self._sock is None:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        try:
            self._sock.sendto("\n".join(fields).encode("utf-8"), self.address)
            return True
        except OSError as exc:  # systemd gone or the socket full: never fatal for the daemon
            log.debug("sd_notify failed: %s", exc)
            return False

    def ready(self, status: str) -> bool:
        return self.notify("READY=1", f"MAINPID={os.getpid()}", f"STATUS={_one_line(status)}")

    def stopping(self, status: str = "stopping") -> bool:
        return self.notify("STOPPING=1", f"STATUS={_one_line(status)}")

    def reloading(self) -> bool:
        return self.notify("RELOADING=1")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={_one_line(text)}")

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _socket_address(value: str) -> str | bytes | None:
    if not value:
        return None
    if value.startswith("@"):  # abstract namespace: a leading NUL byte instead of '@'
        return b"\0" + value[1:].encode()
    return value


def _watchdog_seconds(env: dict[str, str]) -> float | None:
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and pid != str(os.getpid()):
        return None  # meant for another process (e.g. a wrapper that exec'd us)
    return int(usec) / 1_000_000


def _one_line(text: str) -> str:
    return " ".join(text.split())
