"""One plain pipe call: check the recipients, read the mail, store it, exit per sysexits.
Every decision that could hand the call to the full path is made before stdin is read."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from typing import BinaryIO, TextIO

from gateway.ingest.envelope import address_problem
from gateway.lightpipe.args import PipeRequest
from gateway.lightpipe.settings import PipeSettings, load_pipe_settings
from gateway.lightpipe.store import open_database, store_piped
from gateway.subaddress import base_address

EX_OK, EX_DATAERR, EX_NOUSER, EX_TEMPFAIL = 0, 65, 67, 75


def envelope_sender(value: str | None) -> str | None:
    """'' is the null return path; '<>' is accepted as its spelling in mail logs."""
    if value is None:
        return None
    return "" if value.strip() in ("", "<>") else value.strip().strip("<>")


def reception_time(at: str | None, settings: PipeSettings) -> datetime:
    """--at ISO-8601, local time in the configured zone without an offset; else now. A value
    that is not ISO-8601 raises ValueError (the full path then explains it: exit 65)."""
    if not at:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        from zoneinfo import ZoneInfo  # only here: it costs the plain call nothing

        moment = moment.replace(tzinfo=ZoneInfo(settings.timezone))
    return moment


def run_pipe(request: PipeRequest, stdin: BinaryIO, out: TextIO, err: TextIO) -> int:
    """Raises NeedsFullPath (before reading stdin) for what the full command line must do."""
    settings = load_pipe_settings(request.config)
    mailboxes = [base_address(r, settings.recipient_delimiter) for r in request.rcpts]
    unknown = [r for r, m in zip(request.rcpts, mailboxes, strict=True)
               if m not in settings.addresses]
    if unknown:
        known = ", ".join(sorted(settings.addresses))
        print(f"gateway: {', '.join(unknown)} is not a configured address ({known})", file=err)
        return EX_NOUSER
    try:
        received_at = reception_time(request.at, settings)
    except (ValueError, KeyError):
        from gateway.lightpipe import NeedsFullPath

        raise NeedsFullPath("--at") from None
    if request.sender and address_problem(request.sender):
        from gateway.lightpipe import NeedsFullPath

        raise NeedsFullPath("--sender")  # the full path explains it: exit 65
    try:
        conn = open_database(settings.database_path, settings.busy_timeout_seconds)
    except sqlite3.Error as exc:
        return _tempfail(exc, err)
    request.rcpts = mailboxes  # a subaddress is stored for its mailbox
    with conn:
        return _store(conn, request, settings, received_at, stdin, out, err)


def _store(conn: sqlite3.Connection, request: PipeRequest, settings: PipeSettings,
           received_at: datetime, stdin: BinaryIO, out: TextIO, err: TextIO) -> int:
    limit = settings.max_message_size
    raw = stdin.read(limit + 1)
    if len(raw) > limit:
        print(f"gateway: message larger than smtp.max_message_size ({limit} bytes)", file=err)
        return EX_DATAERR
    try:
        stored = store_piped(conn, raw, request.rcpts, envelope_sender(request.sender),
                             request.source, received_at)
    except sqlite3.Error as exc:
        return _tempfail(exc, err)
    for rcpt, (inbound_id, duplicate) in zip(request.rcpts, stored, strict=True):
        note = "duplicate: already stored" if duplicate else "stored; serve or `gateway process` decides"
        print(f"inbound {inbound_id}  rcpt {rcpt.strip().lower()}  {note}", file=out)
    return EX_OK


def _tempfail(exc: Exception, err: TextIO) -> int:
    print(f"gateway: cannot store the message now, try again later: {exc}", file=err)
    return EX_TEMPFAIL


def main_pipe(request: PipeRequest) -> int:
    return run_pipe(request, sys.stdin.buffer, sys.stdout, sys.stderr)
