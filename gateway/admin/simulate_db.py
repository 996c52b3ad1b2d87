"""`simulate --against-db`: the tickets of the real database that the simulated mails answer,
copied into the scratch database, so follow-ups are recognised as the running gateway would.

The real database is only read (one read-only connection, no lock taken): the tickets a mail's
In-Reply-To, References or subject tag points to, with the Message-IDs that lead to them, and
the highest ticket id, so that a simulated new ticket gets the number the next real one would."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, insert, select

from gateway.codes import InboundStatus
from gateway.rules.parse import parse_mail
from gateway.store.db import read_only, transaction
from gateway.store.models import INBOUND, TICKETS
from gateway.store.tickets import THREAD_LOOKUP, subject_tag_re, thread_candidates

BATCH = 500  # message-ids per lookup
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _wanted(raws: list[bytes], prefix: str) -> tuple[set[str], set[str]]:
    """The Message-IDs and ticket numbers the mails point to."""
    ids: set[str] = set()
    numbers: set[str] = set()
    tag = subject_tag_re(prefix)
    for raw in raws:
        mail = parse_mail(raw)
        ids.update(m for m, _ in thread_candidates(mail))
        numbers.update(found.upper() for found in tag.findall(mail.subject))
    return ids, numbers


def copy_threads(real: Engine, scratch: Engine, raws: list[bytes], prefix: str) -> int:
    """Copy what threading needs; return how many real tickets were copied."""
    ids, numbers = _wanted(raws, prefix)
    links: dict[str, int] = {}
    with read_only(real).connect() as conn:
        wanted = sorted(ids)
        for start in range(0, len(wanted), BATCH):
            for row in conn.execute(THREAD_LOOKUP, {"ids": wanted[start:start + BATCH]}):
                links.setdefault(row.message_id, row.id)
        chosen = set(links.values())
        if numbers:
            chosen |= set(conn.execute(select(TICKETS.c.id).where(
                TICKETS.c.number.in_(sorted(numbers)))).scalars())
        top = conn.execute(select(func.max(TICKETS.c.id))).scalar()
        if top is not None:
            chosen.add(top)
        tickets = [dict(row._mapping) for row in conn.execute(
            select(TICKETS).where(TICKETS.c.id.in_(sorted(chosen))))] if chosen else []
    with transaction(scratch) as session:
        if tickets:
            session.execute(insert(TICKETS), tickets)
        if links:
            session.execute(insert(INBOUND), [_placeholder(n, mid, tid)
                                              for n, (mid, tid) in enumerate(links.items())])
    return len(tickets)


def _placeholder(n: int, message_id: str, ticket_id: int) -> dict:
    """An inbound row that only carries a Message-ID into its ticket (never processed)."""
    key = f"against-db:{n}"
    return dict(dedup_key=key, message_id=message_id, sha256=key, size=0, raw=b"",
                rcpt="", source="real-db", source_ref=key, status=InboundStatus.DONE,
                received_at=_EPOCH, ticket_id=ticket_id, attempts=0)


