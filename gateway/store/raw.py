"""The raw bytes of inbound mail, in a table of their own (issue 18): every scan of
inbound_message (status, action, received_at, the reports) stays small, and a claim or a
decision that updates an inbound row no longer rewrites its mail. models.py imports it.
A mail is one row (seq 0), or, taken in over SMTP beside the batches (ingest/store_big.py),
chunks of CHUNK bytes, each written in a write transaction of its own."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, LargeBinary, select
from sqlmodel import Field, SQLModel

CHUNK = 2 * 1024 * 1024


class InboundRaw(SQLModel, table=True):
    """The bytes of one inbound mail, exactly as received, in order of seq. Retention deletes
    these rows (the inbound row keeps sha256 and size): no row means purged."""

    __tablename__ = "inbound_raw"

    inbound_id: int = Field(primary_key=True, foreign_key="inbound_message.id")
    seq: int = Field(primary_key=True)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


RAW = InboundRaw.__table__


def raw_chunks(conn, ids: Iterable[int]) -> dict[int, bytes]:
    """The bytes of these mails (a connection in a snapshot: no write lock), joined from their
    chunks; a purged mail is missing."""
    found: dict[int, list[bytes]] = {}
    for inbound_id, chunk in conn.execute(select(RAW.c.inbound_id, RAW.c.raw).where(
            RAW.c.inbound_id.in_(sorted(set(ids)))).order_by(RAW.c.inbound_id, RAW.c.seq)):
        found.setdefault(inbound_id, []).append(chunk)
    return {inbound_id: b"".join(chunks) for inbound_id, chunks in found.items()}
