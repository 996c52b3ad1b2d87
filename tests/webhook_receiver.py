"""A real HTTP server on loopback for the handoff tests: answers from a script of status codes
(then 200), records every request, and drops repeats by Idempotency-Key like a real receiver."""

from __future__ import annotations

import threading
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

    def answer(self, key: str, signature: str | None, body: bytes) -> int:
        status = self.script.pop(0) if self.script else 200
        self.requests.append(Received(key, signature, body, status))
        if status < 300:
            self.accepted.setdefault(key, body)
        return status


def start_receiver(script: list[int] | None = None) -> tuple[Receiver, ThreadingHTTPServer]:
    receiver = Receiver(list(script or []))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = receiver.answer(self.headers.get("Idempotency-Key", ""),
                                     self.headers.get("X-Gateway-Signature"), body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/tickets"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
