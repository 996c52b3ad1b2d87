"""The pipe source: one mail on stdin from an MTA's pipe transport (Postfix `pipe`, then
`gateway ingest`). Store first; the command's exit status is the acknowledgement."""

from __future__ import annotations

from datetime import datetime
from typing import BinaryIO

from sqlalchemy import Engine

from gateway.ingest.store import Incoming, Stored, store


class TooBig(Exception):
    """The mail is larger than smtp.max_message_size (the MTA bounces it: sysexits 65)."""


def envelope_sender(value: str | None) -> str | None:
    """'' is the null return path; '<>' is accepted as its spelling in mail logs."""
    if value is None:
        return None
    return "" if value.strip() in ("", "<>") else value.strip().strip("<>")


def read_message(stream: BinaryIO, limit: int) -> bytes:
    """Read at most limit+1 bytes, so an oversize input is noticed without reading it all."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise TooBig(f"message larger than smtp.max_message_size ({limit} bytes)")
    return raw


def store_piped(engine: Engine, raw: bytes, rcpts: tuple[str, ...], sender: str | None,
                source: str, received_at: datetime) -> list[Stored]:
    """One stored row per recipient; raises TemporaryFailure when the database cannot take it."""
    return [store(engine, Incoming(raw, rcpt, envelope_sender(sender), source, received_at))
            for rcpt in rcpts]
