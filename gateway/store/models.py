"""Every table of the gateway (SQLModel). Times are stored as UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Index, LargeBinary, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from gateway.codes import HEARTBEAT_SECONDS, InboundStatus, ReplyStatus, TicketStatus  # noqa: F401
from gateway.store.raw import RAW, InboundRaw  # noqa: F401  (every table is found here)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _utc_column(nullable: bool = False, index: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable, index=index)


class InboundMessage(SQLModel, table=True):
    """One received mail for one of our recipients and what became of it (its bytes: raw.py)."""

    __tablename__ = "inbound_message"
    __table_args__ = (Index("ix_inbound_status_id", "status", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str = Field(unique=True, max_length=64)
    message_id: str | None = Field(default=None, max_length=998, index=True)
    sha256: str = Field(max_length=64)
    size: int
    envelope_sender: str | None = Field(default=None, max_length=998)
    rcpt: str = Field(max_length=320, index=True)
    source: str = Field(max_length=16)
    source_ref: str | None = Field(default=None, max_length=200)
    received_at: datetime = Field(sa_column=_utc_column(index=True))
    status: str = Field(default=InboundStatus.RECEIVED, max_length=16)
    claimed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    processed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    attempts: int = 0
    subject: str | None = Field(default=None, sa_column=Column(Text))
    from_addr: str | None = Field(default=None, max_length=998)
    action: str | None = Field(default=None, max_length=16, index=True)
    reason: str | None = Field(default=None, max_length=64)
    phase: str | None = Field(default=None, max_length=16)
    policy: str | None = Field(default=None, max_length=16)
    detail: str | None = Field(default=None, sa_column=Column(Text))
    parse_error: str | None = Field(default=None, sa_column=Column(Text))
    error: str | None = Field(default=None, sa_column=Column(Text))
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    replies: str | None = Field(default=None, max_length=8)  # backfill: "recent" or "none"


class Ticket(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, unique=True, max_length=32)
    address: str = Field(max_length=320)
    department: str = Field(max_length=200)
    subject: str = Field(sa_column=Column(Text, nullable=False))
    customer: str = Field(max_length=998, index=True)
    status: str = Field(default=TicketStatus.OPEN, max_length=16, index=True)
    created_at: datetime = Field(sa_column=_utc_column())
    updated_at: datetime = Field(sa_column=_utc_column())
    closed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    automated: str | None = Field(default=None, max_length=200)  # machine reasons, comma-separated
    helpdesk_id: str | None = Field(default=None, max_length=64)  # as the webhook answer named
    helpdesk_url: str | None = Field(default=None, max_length=2000)  # the helpdesk's ticket


class TicketArticle(SQLModel, table=True):
    """One mail's content inside a ticket: the first one, or a follow-up."""

    __tablename__ = "ticket_article"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    inbound_id: int = Field(foreign_key="inbound_message.id")
    kind: str = Field(max_length=16)
    sender: str = Field(max_length=998)
    subject: str = Field(sa_column=Column(Text, nullable=False))
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=_utc_column())


class Attachment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="ticket_article.id", index=True)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=255)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Reply(SQLModel, table=True):
    """A reply in the outbox: the complete message bytes, ready to hand to the relay."""

    __table_args__ = (Index("ix_reply_status_next", "status", "next_attempt_at"),
                      Index("ix_reply_status_created", "status", "created_at"))

    id: int | None = Field(default=None, primary_key=True)
    inbound_id: int = Field(foreign_key="inbound_message.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    kind: str = Field(max_length=16)
    rcpt: str = Field(max_length=998)
    envelope_sender: str = Field(default="", max_length=998)
    subject: str = Field(sa_column=Column(Text, nullable=False))
    message_id: str = Field(max_length=998, unique=True)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    status: str = Field(default=ReplyStatus.QUEUED, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=_utc_column())
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_column=_utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class DeliveryAttempt(SQLModel, table=True):
    """Every try to hand a reply to the relay, with its outcome."""

    __tablename__ = "delivery_attempt"
    __table_args__ = (Index("ix_delivery_attempt_outcome_at", "outcome", "at"),
                      Index("ix_delivery_attempt_at", "at"))  # relay state, read by monitoring

    id: int | None = Field(default=None, primary_key=True)
    reply_id: int = Field(foreign_key="reply.id", index=True)
    at: datetime = Field(sa_column=_utc_column())
    outcome: str = Field(max_length=16)
    detail: str | None = Field(default=None, sa_column=Column(Text))


class LedgerRow(SQLModel, table=True):
    """One entry of the responder ledger: auto-replies of one kind from one address to one
    sender, for the rate limits (measured in reception time). See responder.py."""

    __tablename__ = "responder_state"
    __table_args__ = (UniqueConstraint("sender", "address", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    sender: str = Field(max_length=998, index=True)
    address: str = Field(max_length=320)
    kind: str = Field(max_length=16)
    last_reply_at: datetime = Field(sa_column=_utc_column())
    window_start: datetime = Field(sa_column=_utc_column())
    window_count: int = 0
    total_count: int = 0
    suppressed_count: int = 0


class Handoff(SQLModel, table=True):
    """A ticket event for the agents (webhook POST or forwarded mail), delivered like a reply."""

    __table_args__ = (Index("ix_handoff_status_next", "status", "next_attempt_at"),
                      Index("ix_handoff_status_created", "status", "created_at"),
                      UniqueConstraint("channel", "idempotency_key"))

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    inbound_id: int = Field(foreign_key="inbound_message.id")
    event: str = Field(max_length=32)        # ticket.created, ticket.followup
    channel: str = Field(max_length=16)      # webhook, forward
    target: str = Field(max_length=2000)     # the URL or the address
    idempotency_key: str = Field(max_length=200)
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # JSON body / mail
    status: str = Field(default=ReplyStatus.QUEUED, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_column=_utc_column())
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_column=_utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class HandoffAttempt(SQLModel, table=True):
    __tablename__ = "handoff_attempt"

    id: int | None = Field(default=None, primary_key=True)
    handoff_id: int = Field(foreign_key="handoff.id", index=True)
    at: datetime = Field(sa_column=_utc_column())
    outcome: str = Field(max_length=16)
    detail: str | None = Field(default=None, sa_column=Column(Text))


class Refusal(SQLModel, table=True):
    """A mail refused in a reject phase (SMTP/LMTP 550, or the policy service's): envelope only."""
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_utc_column(index=True))
    source: str = Field(max_length=16)     # smtp, lmtp, policy
    client: str = Field(max_length=64)     # the peer's IP address
    sender: str = Field(max_length=998)    # the envelope sender ("" for <>)
    rcpt: str = Field(max_length=320)      # our address, as configured
    reason: str = Field(max_length=64)


class RefusalCount(SQLModel, table=True):
    """Refusals per address and reason, ever (gateway_refusals_total; retention keeps it)."""
    __tablename__ = "refusal_count"
    address: str = Field(primary_key=True, max_length=320)
    reason: str = Field(primary_key=True, max_length=64)
    count: int = 0
    last_at: datetime = Field(sa_column=_utc_column())




class ServiceState(SQLModel, table=True):
    """What a running `gateway serve` reports about itself, for `gateway status`."""

    __tablename__ = "service_state"

    name: str = Field(primary_key=True, max_length=200)  # host:pid of the daemon
    started_at: datetime = Field(sa_column=_utc_column())
    seen_at: datetime = Field(sa_column=_utc_column())
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False))


# The tables for SQLAlchemy Core, where the hot paths use it (one name each, used everywhere).
INBOUND = InboundMessage.__table__
TICKETS = Ticket.__table__
ARTICLES = TicketArticle.__table__
ATTACHMENTS = Attachment.__table__
REPLIES = Reply.__table__
LEDGER = LedgerRow.__table__
HANDOFFS = Handoff.__table__


class Tally(SQLModel, table=True):
    """Running totals, written in the same transaction as what they count (store/tally.py), so
    that monitoring reads a few rows instead of the history: decisions by address, source,
    action and reason; delivery attempts of replies and finished handoffs by outcome (in
    `action`). Empty strings, not NULL, where a dimension does not apply (unique key)."""

    __table_args__ = (UniqueConstraint("kind", "address", "source", "action", "reason"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # decision, attempt, handoff
    address: str = Field(default="", max_length=320)
    source: str = Field(default="", max_length=16)
    action: str = Field(default="", max_length=16)
    reason: str = Field(default="", max_length=64)
    n: int = 0


class HourTally(SQLModel, table=True):
    """Decisions per address, action and reason in each hour (UTC) of reception: the report's
    weeks are sums of these, in any time zone whose offset is whole hours."""

    __tablename__ = "tally_hour"
    __table_args__ = (UniqueConstraint("hour", "address", "action", "reason"),)

    id: int | None = Field(default=None, primary_key=True)
    hour: datetime = Field(sa_column=_utc_column())
    address: str = Field(max_length=320)
    action: str = Field(max_length=16)
    reason: str = Field(max_length=64)
    n: int = 0


class WriterTally(SQLModel, table=True):
    """Who still writes after the cutover: a sender or a domain, per address and (address '')
    over all addresses, ranked by count through its index."""

    __tablename__ = "tally_writer"
    __table_args__ = (UniqueConstraint("kind", "key", "address"),
                      Index("ix_tally_writer_rank", "kind", "address", "n"),
                      Index("ix_tally_writer_domain", "kind", "address", "domain"))

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=8)  # sender, domain
    key: str = Field(max_length=998)
    address: str = Field(default="", max_length=320)
    domain: str = Field(max_length=998)
    n: int = 0
    automated: int = 0
    redirected: int = 0
    suppressed: int = 0
    tickets: int = 0
    first_seen: datetime = Field(sa_column=_utc_column())
    last_seen: datetime = Field(sa_column=_utc_column())


TALLY, HOURS, WRITERS = Tally.__table__, HourTally.__table__, WriterTally.__table__
REFUSALS, REFUSAL_COUNTS = Refusal.__table__, RefusalCount.__table__
