"""The raw bytes of inbound mail, in a table of their own (issue 18): every scan of
inbound_message (status, action, received_at, the reports) stays small, and a claim or a
decision that updates an inbound row no longer rewrites its mail. models.py imports it."""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel


class InboundRaw(SQLModel, table=True):
    """The bytes of one inbound mail, exactly as received, written with its row. Retention
    deletes this row (the inbound row keeps sha256 and size): no row means purged."""

    __tablename__ = "inbound_raw"

    inbound_id: int = Field(primary_key=True, foreign_key="inbound_message.id")
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


RAW = InboundRaw.__table__
