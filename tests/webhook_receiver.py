"""A real HTTP server on loopback for the handoff tests: answers from a script of status codes
(then 200), records every request, and drops repeats by Idempotency-Key like a real receiver."""

from __future__ import annotations

import re
import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    key: str
    signature: str | None
    body: bytes
    status: int


@dataclass
class Receiver:
    script: list[int] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)
    accepted: dict[str, bytes] = field(default_factory=dict)  # key → body, first one wins
    url: str = ""
    reply: bytes = b""  # the body of each 2xx answer, as a helpdesk names its ticket

    def answer(self, key: str, signature: str | None, body: bytes) -> int:
        status = self.script.pop(0) if self.script else 200
        self.requests.append(Received(key, signature, body, status))
        if status < 300:
            self.accepted.setdefault(key, body)
        return status


def start_receiver(script: list[int] | None = None, reply: bytes = b"", port: int = 0,
                   receiver: Receiver | None = None) -> tuple[Receiver, ThreadingHTTPServer]:
    """A receiver on a free port (or on `port`: the same one again after a stop, with the
    same `receiver` record)."""
    receiver = receiver or Receiver(list(script or []), reply=reply)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = receiver.answer(self.headers.get("Idempotency-Key", ""),
                                     self.headers.get("X-Gateway-Signature"), body)
            body = receiver.reply if status < 300 else b""
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            if body:
                self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/tickets"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server


@dataclass
class RawReceiver:
    """A hostile receiver on a raw socket: reads each request whole, then behaves as told."""

    behaviour: str
    location: str = ""
    interval: float = 0.5
    requests: list[bytes] = field(default_factory=list)
    url: str = ""
    server: _Server | None = None

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True  # a dripping handler must not hold the test's end


def _read_request(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _behave(receiver: RawReceiver, sock: socket.socket) -> None:
    kind = receiver.behaviour
    if kind == "redirect":
        sock.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + receiver.location.encode()
                     + b"\r\nContent-Length: 0\r\n\r\n")
    elif kind == "redirect301":
        sock.sendall(b"HTTP/1.1 301 Moved\r\nLocation: " + receiver.location.encode()
                     + b"\r\nContent-Length: 0\r\n\r\n")
    elif kind.startswith("garbage:"):
        sock.sendall(kind.split(":", 1)[1].encode("latin-1"))
    elif kind == "drip":  # a header line every `interval` seconds, for ever (until closed)
        sock.sendall(b"HTTP/1.1 200 OK\r\n")
        for n in range(10_000):
            time.sleep(receiver.interval)
            sock.sendall(b"X-Drip-%d: x\r\n" % n)
    elif kind == "late":  # takes the event, answers only after `interval` seconds
        time.sleep(receiver.interval)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    else:
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


def start_raw_receiver(behaviour: str, location: str = "",
                       interval: float = 0.5) -> RawReceiver:
    """`redirect`/`redirect301` (to `location`), `garbage:<bytes>`, `drip`, `late`, `ok`,
    `tls-drip` (answers a TLS ClientHello with a record that never ends)."""
    receiver = RawReceiver(behaviour, location, interval)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            if receiver.behaviour == "tls-drip":  # a TLS record that never ends, byte by byte
                receiver.requests.append(self.request.recv(4096))  # the ClientHello
                try:
                    self.request.sendall(b"\x16\x03\x03\x40\x00")
                    for _ in range(10_000):
                        time.sleep(receiver.interval)
                        self.request.sendall(b"\x02")
                except OSError:
                    pass
                return
            receiver.requests.append(_read_request(self.request))
            try:
                _behave(receiver, self.request)
            except OSError:  # the gateway hung up (its deadline): fine
                pass

    server = _Server(("127.0.0.1", 0), Handler)
    receiver.server = server
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/tickets"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver
