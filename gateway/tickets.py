"""Tickets: numbers, and finding the ticket a mail answers (In-Reply-To/References, then the
subject tag). SQLAlchemy Core on this hot path: the ORM cost more than parsing the mail."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from gateway.decide import ThreadMatch
from gateway.models import InboundMessage, Reply, Ticket, TicketArticle
from gateway.parse import ParsedMail

TICKETS = Ticket.__table__
ARTICLES = TicketArticle.__table__
REPLIES = Reply.__table__
INBOUND = InboundMessage.__table__
TICKET_INSERT = insert(TICKETS).returning(TICKETS.c.id)
TICKET_UPDATE = update(TICKETS).where(TICKETS.c.id == bindparam("_id"))
ARTICLE_INSERT = insert(ARTICLES).returning(ARTICLES.c.id)


def ticket_number(prefix: str, ticket_id: int) -> str:
    return f"{prefix}-{ticket_id:06d}"


def subject_tag_re(prefix: str) -> re.Pattern[str]:
    return re.compile(r"\[(" + re.escape(prefix) + r"-\d{6,})\]", re.I)


def _match(session: Session, condition, via: str) -> ThreadMatch | None:
    found = session.execute(select(TICKETS.c.id, TICKETS.c.number, TICKETS.c.created_at)
                            .where(condition)).first()
    return ThreadMatch(found.id, found.number, found.created_at, via) if found else None


def find_thread(session: Session, mail: ParsedMail, prefix: str) -> ThreadMatch | None:
    """In-Reply-To first, then References (newest first), then the ticket tag in the subject."""
    for via, ids in (("in-reply-to", mail.in_reply_to), ("references", mail.references[::-1])):
        for message_id in ids:
            ticket_id = _ticket_id_by_message_id(session, message_id)
            if ticket_id is not None:
                return _match(session, TICKETS.c.id == ticket_id, via)
    tag = subject_tag_re(prefix).search(mail.subject)
    if tag:
        return _match(session, TICKETS.c.number == tag.group(1).upper(), "subject-tag")
    return None


def _ticket_id_by_message_id(session: Session, message_id: str) -> int | None:
    """Our reply's Message-ID, or the customer's own earlier mail in that ticket."""
    found = session.execute(select(REPLIES.c.ticket_id).where(
        REPLIES.c.message_id == message_id, REPLIES.c.ticket_id.is_not(None))).first()
    if found is None:
        found = session.execute(select(INBOUND.c.ticket_id).where(
            INBOUND.c.message_id == message_id, INBOUND.c.ticket_id.is_not(None))).first()
    return found[0] if found else None


def open_ticket(session: Session, *, prefix: str, address: str, department: str, subject: str,
                customer: str, at: datetime, automated: str | None = None) -> tuple[int, str]:
    ticket_id = session.execute(TICKET_INSERT, dict(
        address=address, department=department, subject=subject or "(kein Betreff)",
        customer=customer[:998], status="open", created_at=at, updated_at=at,
        automated=automated)).scalar_one()
    number = ticket_number(prefix, ticket_id)  # the id makes the number: unique, no counter
    session.execute(TICKET_UPDATE, {"_id": ticket_id, "number": number})
    return ticket_id, number


def append_article(session: Session, ticket_id: int, *, inbound_id: int, kind: str, sender: str,
                   subject: str, body: str, at: datetime) -> int:
    article_id = session.execute(ARTICLE_INSERT, dict(
        ticket_id=ticket_id, inbound_id=inbound_id, kind=kind, sender=sender[:998],
        subject=subject, body_text=body, created_at=at)).scalar_one()
    if kind != "initial":  # a customer answering a closed ticket reopens it
        session.execute(TICKET_UPDATE, {"_id": ticket_id, "status": "open", "closed_at": None,
                                        "updated_at": at})
    return article_id


def close_ticket(session: Session, number: str, at: datetime) -> Ticket | None:
    ticket = session.exec(select(Ticket).where(Ticket.number == number.upper())).scalars().first()
    if ticket is not None:
        ticket.status, ticket.closed_at, ticket.updated_at = "closed", at, at
    return ticket
