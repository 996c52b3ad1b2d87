"""One webhook POST over a plain socket, bounded by one deadline from connect to the answer's
status line. urllib bounded each read, not the request (a receiver dripping a header line every
2 s held the sender for minutes), followed redirects as a GET without the body (the event then
counted as sent), and let `BadStatusLine` escape. Here no redirect is followed, anything that
is not an HTTP answer is a failed attempt, and of the body only a 2xx answer's first 8 KB are
read, within the same deadline."""

from __future__ import annotations

import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, replace

from gateway.config.handoff import WebhookTarget
from gateway.delivery.relay import DeliveryError
from gateway.redact import clean, mask_url

HEAD_LIMIT = 16_384  # bytes of status line and headers read at most
BODY_LIMIT = 8_192   # bytes of a 2xx answer's body read at most
_STATUS = re.compile(rb"HTTP/1\.[01] (\d{3})(?: ([^\r\n]*))?\r?\n")


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    location: str | None
    length: int | None = None  # Content-Length
    body: bytes = b""          # a 2xx answer's body (at most BODY_LIMIT bytes), else empty


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
            # a receiver this slow takes no more events this round (unreachable)
            raise DeliveryError(f"{what} after the request was sent: may have been delivered",
                                temporary=True, ambiguous=True, unreachable=True) from exc
        raise DeliveryError(what, temporary=True, unreachable=True) from exc


def _connect(target: WebhookTarget, deadline: _Deadline) -> socket.socket:
    """Each of the host's addresses in turn, all within the one deadline (create_connection
    gave each address the whole timeout: three unanswering addresses took three times it)."""
    failure: OSError = OSError(f"no address for {target.host}")
    for family, kind, proto, _, address in _resolve(target.host, target.port, deadline):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(deadline.left())
            sock.connect(address)
            if target.tls:
                sock.settimeout(deadline.left())
                return ssl.create_default_context().wrap_socket(sock,
                                                                server_hostname=target.host)
            return sock
        except OSError as exc:  # also TimeoutError: the next address, if time is left
            sock.close()
            failure = exc
            if isinstance(exc, ssl.SSLError):
                raise
        except BaseException:
            sock.close()
            raise
    raise failure


def _resolve(host: str, port: int, deadline: _Deadline) -> list:
    """getaddrinfo within the deadline (a resolver that does not answer held the sender for
    its own timeouts and retries, unbounded by ours): a name is looked up in a thread of its
    own, left to finish on its own if the deadline comes first."""
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    except socket.gaierror:
        pass  # a name, not an address
    found: dict = {}

    def look() -> None:
        try:
            found["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except Exception as exc:  # noqa: BLE001  (gaierror, UnicodeError: raised below)
            found["error"] = exc

    lookup = threading.Thread(target=look, name="webhook-dns", daemon=True)
    lookup.start()
    lookup.join(deadline.left())
    if lookup.is_alive():
        raise TimeoutError(f"{host} not resolved within {deadline.seconds:g} s")
    if "error" in found:
        raise found["error"]
    return found["addresses"]


def _answer(sock: socket.socket, deadline: _Deadline) -> Answer:
    """Read status lines and headers (skipping 1xx interim answers), never the body."""
    buffer = b""
    while True:
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            end = buffer.find(b"\n\n")
        if end >= 0:
            answer, buffer = _parse(buffer[:end + 2]), buffer[end + 2:].lstrip(b"\r\n")
            if 200 <= answer.status < 300 and answer.status != 204:
                return replace(answer, body=_body(sock, deadline, buffer, answer.length))
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


def _body(sock: socket.socket, deadline: _Deadline, start: bytes, length: int | None) -> bytes:
    """What of the body comes within the deadline: the answer counts already, whatever this is
    (the request said Connection: close, so the receiver's close ends a body of unknown length)."""
    wanted = min(BODY_LIMIT, BODY_LIMIT if length is None else length)
    body = start
    try:  # a chunked body's last chunk ends it too (a receiver that keeps the connection)
        while len(body) < wanted and not body.endswith(b"\r\n0\r\n\r\n"):
            sock.settimeout(deadline.left())
            chunk = sock.recv(4096)
            if not chunk:
                break
            body += chunk
    except (OSError, ValueError):  # also TimeoutError: the event was delivered all the same
        pass
    return body[:wanted]


def _garbage(data: bytes) -> DeliveryError:
    shown = clean(data[:60].decode("latin-1"))
    return DeliveryError(f"not an HTTP answer: {shown!r}", temporary=True)


def _parse(head: bytes) -> Answer:
    match = _STATUS.match(head)
    if match is None:
        raise _garbage(head)
    location, length = None, None
    for line in head[match.end():].splitlines():
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"location":
            location = mask_url(str(clean(value.strip().decode("latin-1"))))
        elif name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip()[:12])
    reason = str(clean((match.group(2) or b"").decode("latin-1")))[:100]
    return Answer(int(match.group(1)), reason, location, length)
