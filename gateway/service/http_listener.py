"""The HTTP listener's plumbing (for /metrics, /healthz, /report): a thread per connection, but
at most MAX_CONNECTIONS of them (at the cap the oldest makes room), each cut after
CONNECTION_SECONDS in all (a half-sent request held a thread 75 s; a thousand idle ones starved
the daemon of file descriptors), and a bearer token checked in constant time."""

from __future__ import annotations

import errno
import hmac
import logging
import socket
import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

log = logging.getLogger("gateway.metrics")
MAX_CONNECTIONS = 32
SERVER = "gateway"  # the Server header of every answer, error pages included
READ_SECONDS = 5  # one read of a request (a header line that does not come)
CONNECTION_SECONDS = 30  # a whole connection, the slowest reader of /report included
EVICT_AFTER = 1.0  # at the cap, a connection this old is cut for a new one
BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\n"
        b"Connection: close\r\nContent-Length: 22\r\n\r\ntoo many connections\r\n")


class CappedServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    max_connections = MAX_CONNECTIONS
    connection_seconds = CONNECTION_SECONDS
    request_queue_size = 128  # socketserver's 5 dropped handshakes of a burst

    def server_activate(self) -> None:
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_connections)
        self._open: dict[socket.socket, float] = {}  # connection → when it was accepted
        self._lock = threading.Lock()
        self._closed = threading.Event()
        threading.Thread(target=self._reap, name="http-reaper", daemon=True).start()

    def process_request(self, request, client_address) -> None:
        """At the cap, the oldest connection (older than EVICT_AFTER: an idle or stalled one,
        a real request takes milliseconds) is cut to make room; with none, a 503 at once."""
        if not self._slots.acquire(blocking=False):
            if not (self._evict_oldest() and self._slots.acquire(timeout=1)):
                try:
                    request.settimeout(0.5)
                    request.sendall(BUSY)
                except OSError:
                    pass
                self.shutdown_request(request)
                return
        with self._lock:
            self._open[request] = time.monotonic()
        super().process_request(request, client_address)

    def _evict_oldest(self) -> bool:
        with self._lock:
            if not self._open:
                return False
            oldest, since = min(self._open.items(), key=lambda item: item[1])
            if time.monotonic() - since < EVICT_AFTER:
                return False
            self._open.pop(oldest)
        _cut(oldest)
        return True

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._open.pop(request, None)
            self._slots.release()

    def _reap(self) -> None:
        """Cut connections past their time (a client trickling a byte now and then)."""
        while not self._closed.is_set():
            self._closed.wait(1)
            oldest = time.monotonic() - self.connection_seconds
            with self._lock:
                late = [sock for sock, since in self._open.items() if since < oldest]
            for sock in late:
                _cut(sock)

    def server_close(self) -> None:
        if hasattr(self, "_closed"):  # not when the bind failed (no server_activate then)
            self._closed.set()
        super().server_close()

    def get_request(self):
        try:
            return super().get_request()
        except OSError as exc:  # out of descriptors: do not spin on a listener that stays ready
            if exc.errno in (errno.EMFILE, errno.ENFILE):
                time.sleep(0.1)
            raise

    def handle_error(self, request, client_address) -> None:
        log.debug("http: connection from %s ended with an error", client_address)


def _cut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # its thread's read or write ends at once
    except OSError:
        pass


class QuietHandler(WSGIRequestHandler):
    timeout = READ_SECONDS  # StreamRequestHandler sets it on the connection: each read

    def version_string(self) -> str:
        return SERVER  # not "WSGIServer/0.2 CPython/3.11.7": no versions for a scanner

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (stdlib's name)
        log.debug("http %s", format % args)


def authorized(environ: dict, token: str) -> bool:
    """No token configured: open. Else `Authorization: Bearer <token>`, compared in constant
    time."""
    if not token:
        return True
    scheme, _, given = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(),
                                                              token.encode())
