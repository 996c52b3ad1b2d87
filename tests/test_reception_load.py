"""One costly mail must not stall reception: `gateway serve` as a real process (worker in its
own process, as in production) takes a References bomb while other mail keeps arriving."""

from __future__ import annotations

import signal
import smtplib
import sqlite3
import time

from tests.conftest import make_mail
from tests.private_server import free_port
from tests.test_serve_process import start_serve, wait_all_done


def _status(workdir, message_id: str) -> str | None:
    with sqlite3.connect(workdir / "var/gateway.db", timeout=30) as conn:
        found = conn.execute("SELECT status FROM inbound_message WHERE sha256 IN "
                             "(SELECT sha256 FROM inbound_message WHERE message_id = ?)",
                             (message_id,)).fetchone()
    return found[0] if found else None


def test_a_references_bomb_does_not_hold_up_other_mail(tmp_path):
    port = free_port()
    proc = start_serve(tmp_path, port)
    bomb = make_mail(message_id="<bomb@attacker.example>", sender="x@attacker.example",
                     headers={"References": "\r\n ".join(f"<r{i}@bomb.example>"
                                                     for i in range(150_000))})
    waits = []
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            assert client.sendmail("x@attacker.example", ["technik@centron.de"], bomb) == {}
        deadline = time.monotonic() + 120
        number = 0
        # while the worker has the bomb, other senders' mail must still be taken at once
        while _status(tmp_path, "<bomb@attacker.example>") != "done" or number < 3:
            assert time.monotonic() < deadline, "the bomb was not processed"
            number += 1
            started = time.monotonic()
            with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
                client.sendmail("max@kunde.example", ["technik@centron.de"],
                                make_mail(message_id=f"<during-{number}@kunde.example>"))
            waits.append(time.monotonic() - started)
        rows = wait_all_done(tmp_path)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=40)
    assert len(rows) == number + 1
    assert max(waits) < 1.0, [round(w, 2) for w in waits]
