"""One webhook POST over a plain socket, bounded by one deadline from connect to the answer's
status line. urllib bounded each read, not the request (a receiver dripping a header line every
2 s held the sender for minutes), followed redirects as a GET without the body (the event then
counted as sent), and let `BadStatusLine` escape. Here no redirect is followed, anything that
is not an HTTP answer is a failed attempt, and the body of the answer is never read."""

from __future__ import annotations

import re
import socket
import ssl
import time
from dataclasses import dataclass

from gateway.config.handoff import WebhookTarget
from gateway.delivery.relay import DeliveryError
from gateway.redact import clean, mask_url

HEAD_LIMIT = 16_384  # bytes of status line and headers read at most
_STATUS = re.compile(rb"HTTP/1\.[01] (\d{3})(?: ([^\r\n]*))?\r?\n")


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    location: str | None


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no complete answer within {self.seconds:g} s")
        return left


def request_bytes(target: WebhookTarget, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [f"POST {target.path} HTTP/1.1", f"Host: {target.host_header}",
             f"Content-Length: {len(body)}", "Connection: close"]
    if target.authorization:
        lines.append(f"Authorization: {target.authorization}")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def post(target: WebhookTarget, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST and return the final answer's status; DeliveryError for every failure, `ambiguous`
    when the request was sent whole but no answer came (the receiver may have taken it)."""
    deadline, sent = _Deadline(timeout), False
    try:
        with _connect(target, deadline) as sock:
            sock.settimeout(deadline.left())
            sock.sendall(request_bytes(target, body, headers))
            sent = True
            return _answer(sock, deadline)
    except DeliveryError:
        raise
    except (OSError, ValueError, UnicodeError) as exc:  # also TimeoutError, ssl.SSLError
        what = f"{exc.__class__.__name__}: {exc}"
        if sent:
            raise DeliveryError(f"{what} after the request was sent: may have been delivered",
                                temporary=True, ambiguous=True) from exc
        raise DeliveryError(what, temporary=True, unreachable=True) from exc


def _connect(target: WebhookTarget, deadline: _Deadline) -> socket.socket:
    sock = socket.create_connection((target.host, target.port), timeout=deadline.left())
    if not target.tls:
        return sock
    try:
        sock.settimeout(deadline.left())
        return ssl.create_default_context().wrap_socket(sock, server_hostname=target.host)
    except BaseException:
        sock.close()
        raise


def _answer(sock: socket.socket, deadline: _Deadline) -> Answer:
    """Read status lines and headers (skipping 1xx interim answers), never the body."""
    buffer = b""
    while True:
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            end = buffer.find(b"\n\n")
        if end >= 0:
            answer, buffer = _parse(buffer[:end + 2]), buffer[end + 2:].lstrip(b"\r\n")
            if answer.status >= 200:
                return answer
            continue
        if len(buffer) >= 5 and not buffer.startswith(b"HTTP/"):
            raise _garbage(buffer)
        if len(buffer) > HEAD_LIMIT:
            raise DeliveryError(f"answer headers longer than {HEAD_LIMIT} bytes", temporary=True)
        sock.settimeout(deadline.left())
        chunk = sock.recv(4096)
        if not chunk:
            if buffer:
                raise _garbage(buffer)
            raise ConnectionResetError("the receiver closed the connection without an answer")
        buffer += chunk


def _garbage(data: bytes) -> DeliveryError:
    shown = clean(data[:60].decode("latin-1"))
    return DeliveryError(f"not an HTTP answer: {shown!r}", temporary=True)


def _parse(head: bytes) -> Answer:
    match = _STATUS.match(head)
    if match is None:
        raise _garbage(head)
    location = None
    for line in head[match.end():].splitlines():
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"location":
            location = mask_url(str(clean(value.strip().decode("latin-1"))))
    reason = str(clean((match.group(2) or b"").decode("latin-1")))[:100]
    return Answer(int(match.group(1)), reason, location)
