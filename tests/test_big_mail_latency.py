"""A 25 MB mail does not hold up other mails' 250s: a real `gateway serve` takes one over SMTP
while small mails arrive on another connection, and its worker processes it (an 18 MB attachment
written) while they keep arriving. Its bytes are written once, into their own table; no later
update of its inbound row rewrites them. Before that, small mails waited 0.99-1.14 s beside it
(against 0.12-0.22 s alone); now about as long as alone (0.07-0.44 s, loaded machine)."""

from __future__ import annotations

import base64
import os
import smtplib
import sqlite3
import threading
import time

from tests.conftest import make_mail
from tests.serve_process import Serve

RCPT = "technik@centron.de"
HOLD_UP_MARGIN = 0.5  # seconds above the worst answer alone


def _big_mail() -> bytes:
    blob = base64.encodebytes(os.urandom(18 * 1024 * 1024)).replace(b"\n", b"\r\n")
    return (b"From: Max <max@kunde.example>\r\nTo: technik@centron.de\r\nSubject: Dump\r\n"
            b"Message-ID: <big@kunde.example>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/plain\r\n\r\nAnbei der Dump.\r\n--b\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="dump.bin"\r\n\r\n' + blob + b"--b--\r\n")


def _answer_times(port: int, count: int | None, stop: threading.Event | None,
                  first: int = 0) -> list[float]:
    """Small mails, each in a transaction of its own: seconds from DATA's end to the 250."""
    times = []
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        client.ehlo("small.example")
        n = first
        while (count is None or n - first < count) and not (stop and stop.is_set()):
            mail = make_mail(subject=f"klein {n}", message_id=f"<small{n}@kunde.example>",
                             sender=f"k{n}@kunde.example")
            client.mail(f"k{n}@kunde.example")
            client.rcpt(RCPT)
            started = time.perf_counter()
            code, _ = client.data(mail)
            times.append(time.perf_counter() - started)
            assert code == 250
            n += 1
            time.sleep(0.02)
    return times


def _send_big(port: int, big: bytes) -> None:
    """Sent as is (CRLF lines, none starting with a dot): smtplib's sendmail would rewrite
    25 MB in this process holding the GIL, and delay the small mails' client, not the server."""
    with smtplib.SMTP("127.0.0.1", port, timeout=120) as client:
        client.ehlo("big.example")
        client.mail("max@kunde.example")
        client.rcpt(RCPT)
        assert client.docmd("DATA")[0] == 354
        client.send(big)
        code, answer = client.getreply()
        assert code == 250, answer


def _big_done(db) -> bool:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        row = conn.execute("SELECT status FROM inbound_message WHERE message_id = "
                           "'<big@kunde.example>'").fetchone()
    return row is not None and row[0] == "done"


def test_a_big_mail_does_not_hold_up_small_ones(tmp_path):
    serve = Serve(tmp_path)
    try:
        baseline = _answer_times(serve.smtp_port, 60, None)
        # made before the small mails start: building 25 MB holds this process's GIL, which
        # would delay the small mails' client here, not the server
        big = _big_mail() + b".\r\n"
        stop = threading.Event()
        during: list[float] = []
        small = threading.Thread(target=lambda: during.extend(
            _answer_times(serve.smtp_port, None, stop, first=100)))
        small.start()
        try:
            _send_big(serve.smtp_port, big)
            deadline = time.monotonic() + 120
            while not _big_done(tmp_path / "var" / "gateway.db"):
                assert time.monotonic() < deadline, serve.log[-2000:]
                time.sleep(0.1)
            time.sleep(0.5)
        finally:
            stop.set()
            small.join()
    finally:
        serve.finish()
    # the same small mails without a big one, as many: the shared machine has hiccups of its own
    worst = max(baseline)
    print(f"small mails: worst {worst * 1000:.0f} ms of {len(baseline)} alone, worst "
          f"{max(during) * 1000:.0f} ms of {len(during)} beside the big one")
    assert len(during) >= 10
    # A behaviour, not a speed target: the hold-up it guards against was a whole second (0.77 s
    # above the worst alone at the least). Half a second is beyond what one hiccup of a loaded
    # 2-core machine added (0.21 s at the most, load 4-6), and well below that hold-up.
    assert max(during) - worst <= HOLD_UP_MARGIN, (worst, sorted(during)[-5:])
