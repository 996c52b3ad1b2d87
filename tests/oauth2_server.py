"""A token endpoint (RFC 6749 refresh grant) and a token-introspection endpoint (RFC 7662, what
Dovecot's oauth2 passdb asks) in one real HTTP server on loopback, for the OAuth2 tests.

The test decides: whether refreshing works (`failing`), which tokens are alive (`expire`), and
it can read what the gateway sent (`requests`). With a TLS context it is also an HTTPS proxy
that answers for the providers' hosts itself (CONNECT, then TLS with a certificate from the
test's CA): `tunnelled` holds each request's host, method, path and content type, so a test
sees the exact request that a preset (Microsoft, Google) would send to the real provider."""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class OAuth2Server:
    def __init__(self, username: str, refresh_token: str, lifetime: int = 3600,
                 rotate: bool = False, tls: ssl.SSLContext | None = None) -> None:
        self.username, self.refresh_token = username, refresh_token
        self.lifetime, self.rotate = lifetime, rotate
        self.failing = False
        self.alive: set[str] = set()
        self.requests: list[dict[str, str]] = []
        self.tls = tls
        self.tunnelled: list[tuple[str, str, str, str]] = []
        self.issued = 0
        self._lock = threading.Lock()
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_port}"

    def start(self) -> OAuth2Server:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()

    def expire(self, token: str) -> None:
        with self._lock:
            self.alive.discard(token)

    def grant(self, form: dict[str, str]) -> tuple[int, dict]:
        with self._lock:
            self.requests.append(form)
            if self.failing or form.get("refresh_token") != self.refresh_token:
                return 400, {"error": "invalid_grant",
                             "error_description": "AADSTS70000: The refresh token has expired."}
            self.issued += 1
            token = f"at-{self.issued}"
            self.alive.add(token)
            answer = {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime}
            if self.rotate:
                self.refresh_token = f"rt-{self.issued}"
                answer["refresh_token"] = self.refresh_token
            return 200, answer

    def tunnel(self, where: str, tls: ssl.SSLSocket) -> None:
        """One HTTP request inside a CONNECT tunnel, answered by the token endpoint."""
        reader = tls.makefile("rb")
        method, path, _ = reader.readline().decode().split(" ", 2)
        headers = {}
        while (line := reader.readline().decode()).strip():
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
        body = reader.read(int(headers.get("content-length", 0))).decode()
        self.tunnelled.append((headers.get("host", where), method, path,
                               headers.get("content-type", "")))
        status, answer = self.grant({k: v[0] for k, v in parse_qs(body).items()})
        data = json.dumps(answer).encode()
        tls.sendall(f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)

    def introspect(self, form: dict[str, str]) -> tuple[int, dict]:
        with self._lock:
            if form.get("token") in self.alive:
                return 200, {"active": True, "username": self.username}
            return 200, {"active": False}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                route = server.grant if self.path == "/token" else server.introspect
                status, answer = route(form)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_CONNECT(self) -> None:  # noqa: N802
                self.send_response(200, "Connection established")
                self.end_headers()
                self.close_connection = True
                with server.tls.wrap_socket(self.connection, server_side=True) as tls:
                    server.tunnel(self.path, tls)

            def log_message(self, *args) -> None:
                pass

        return Handler
