"""Tickets: numbers, and finding the ticket a mail answers (In-Reply-To/References, then the
subject tag). SQLAlchemy Core on this hot path: the ORM cost more than parsing the mail."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, literal, select, union_all, update
from sqlmodel import Session

from gateway.codes import ArticleKind, Reason, TicketStatus
from gateway.rules.decide import ThreadMatch
from gateway.rules.parse import ParsedMail
from gateway.store.models import ARTICLES, INBOUND, REPLIES, TICKETS, Ticket

TICKET_INSERT = insert(TICKETS).returning(TICKETS.c.id)
TICKET_UPDATE = update(TICKETS).where(TICKETS.c.id == bindparam("_id"))
ARTICLE_INSERT = insert(ARTICLES).returning(ARTICLES.c.id)
THREAD_IN_REPLY_TO = 2  # message-ids of In-Reply-To looked at
THREAD_REFERENCES = 8   # and of References, the newest ones
_IDS = bindparam("ids", expanding=True)
_KNOWN_IDS = union_all(
    select(REPLIES.c.message_id, literal(0).label("rank"), REPLIES.c.ticket_id)
    .where(REPLIES.c.message_id.in_(_IDS), REPLIES.c.ticket_id.is_not(None)),
    select(INBOUND.c.message_id, literal(1).label("rank"), INBOUND.c.ticket_id)
    .where(INBOUND.c.message_id.in_(_IDS), INBOUND.c.ticket_id.is_not(None))).subquery()
THREAD_COLUMNS = (TICKETS.c.id, TICKETS.c.number, TICKETS.c.created_at, TICKETS.c.helpdesk_id,
                  TICKETS.c.helpdesk_url, TICKETS.c.customer)
THREAD_LOOKUP = (select(_KNOWN_IDS.c.message_id, _KNOWN_IDS.c.rank, *THREAD_COLUMNS)
                 .join(TICKETS, TICKETS.c.id == _KNOWN_IDS.c.ticket_id)
                 .order_by(_KNOWN_IDS.c.rank, TICKETS.c.id))


def ticket_number(prefix: str, ticket_id: int) -> str:
    return f"{prefix}-{ticket_id:06d}"


def subject_tag_re(prefix: str) -> re.Pattern[str]:
    return re.compile(r"\[(" + re.escape(prefix) + r"-\d{6,})\]", re.I)


def _thread(row, via: Reason) -> ThreadMatch:
    return ThreadMatch(row.id, row.number, row.created_at, via, row.helpdesk_id, row.helpdesk_url,
                       row.customer)


def _match(session: Session, condition, via: Reason) -> ThreadMatch | None:
    found = session.execute(select(*THREAD_COLUMNS).where(condition)).first()
    return _thread(found, via) if found else None


def thread_candidates(mail: ParsedMail) -> list[tuple[str, Reason]]:
    """(message-id, via) to look up, best first: In-Reply-To, then the newest References.
    Bounded, so that no mail can make threading (inside the write transaction) expensive."""
    wanted = [(m, Reason.IN_REPLY_TO) for m in mail.in_reply_to[:THREAD_IN_REPLY_TO]]
    wanted += [(m, Reason.REFERENCES) for m in mail.references[::-1][:THREAD_REFERENCES]]
    return list({m: (m, via) for m, via in reversed(wanted)}.values())[::-1]


def find_thread(session: Session, mail: ParsedMail, prefix: str,
                pending: dict[str, ThreadMatch] | None = None) -> ThreadMatch | None:
    """In-Reply-To first, then References (newest first), then the ticket tag in the subject.
    `pending`: the message-ids of this batch's tickets and replies, not written yet."""
    wanted = thread_candidates(mail)
    if wanted:
        found = _ticket_by_message_ids(session, [m for m, _ in wanted])
        for message_id, via in wanted:
            if message_id in found:
                return _thread(found[message_id], via)
            if pending and message_id in pending:
                return replace(pending[message_id], via=via)
    tag = subject_tag_re(prefix).search(mail.subject)
    if tag:
        return _match(session, TICKETS.c.number == tag.group(1).upper(), Reason.SUBJECT_TAG)
    return None


def _ticket_by_message_ids(session: Session, message_ids: list[str]) -> dict[str, Any]:
    """One indexed query: our replies' Message-IDs, and the customer's own earlier mails in a
    ticket (a reply of ours wins over an inbound mail with the same id)."""
    found: dict[str, Any] = {}
    for row in session.execute(THREAD_LOOKUP, {"ids": message_ids}).all():
        found.setdefault(row.message_id, row)
    return found


def open_ticket(session: Session, *, prefix: str, address: str, department: str, subject: str,
                customer: str, at: datetime, automated: str | None = None) -> tuple[int, str]:
    ticket_id = session.execute(TICKET_INSERT, dict(
        address=address, department=department, subject=subject or "(kein Betreff)",
        customer=customer[:998], status=TicketStatus.OPEN, created_at=at, updated_at=at,
        automated=automated)).scalar_one()
    number = ticket_number(prefix, ticket_id)  # the id makes the number: unique, no counter
    session.execute(TICKET_UPDATE, {"_id": ticket_id, "number": number})
    return ticket_id, number


def append_article(session: Session, ticket_id: int, *, inbound_id: int, kind: str, sender: str,
                   subject: str, body: str, at: datetime) -> int:
    article_id = session.execute(ARTICLE_INSERT, dict(
        ticket_id=ticket_id, inbound_id=inbound_id, kind=kind, sender=sender[:998],
        subject=subject, body_text=body, created_at=at)).scalar_one()
    if kind != ArticleKind.INITIAL:  # a customer answering a closed ticket reopens it
        session.execute(TICKET_UPDATE, {"_id": ticket_id, "status": TicketStatus.OPEN, "closed_at": None,
                                        "updated_at": at})
    return article_id


def close_ticket(session: Session, number: str, at: datetime) -> Ticket | None:
    ticket = session.exec(select(Ticket).where(Ticket.number == number.upper())).scalars().first()
    if ticket is not None:
        ticket.status, ticket.closed_at, ticket.updated_at = TicketStatus.CLOSED, at, at
    return ticket
