"""Tickets: numbers, and finding the ticket a mail answers (In-Reply-To/References, then subject tag)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, select

from gateway.decide import ThreadMatch
from gateway.models import InboundMessage, Reply, Ticket, TicketArticle
from gateway.parse import ParsedMail


def ticket_number(prefix: str, ticket_id: int) -> str:
    return f"{prefix}-{ticket_id:06d}"


def subject_tag_re(prefix: str) -> re.Pattern[str]:
    return re.compile(r"\[(" + re.escape(prefix) + r"-\d{6,})\]", re.I)


def _match(ticket: Ticket | None, via: str) -> ThreadMatch | None:
    if ticket is None or ticket.id is None or ticket.number is None:
        return None
    return ThreadMatch(ticket.id, ticket.number, ticket.created_at, via)


def find_thread(session: Session, mail: ParsedMail, prefix: str) -> ThreadMatch | None:
    """In-Reply-To first, then References (newest first), then the ticket tag in the subject."""
    for via, ids in (("in-reply-to", mail.in_reply_to), ("references", mail.references[::-1])):
        for message_id in ids:
            found = _ticket_by_message_id(session, message_id)
            if found is not None:
                return _match(found, via)
    tag = subject_tag_re(prefix).search(mail.subject)
    if tag:
        number = tag.group(1).upper()
        found = session.exec(select(Ticket).where(Ticket.number == number)).first()
        return _match(found, "subject-tag")
    return None


def _ticket_by_message_id(session: Session, message_id: str) -> Ticket | None:
    reply = session.exec(select(Reply).where(Reply.message_id == message_id)).first()
    if reply is not None and reply.ticket_id is not None:
        return session.get(Ticket, reply.ticket_id)
    inbound = session.exec(select(InboundMessage).where(
        InboundMessage.message_id == message_id, InboundMessage.ticket_id.is_not(None))).first()
    if inbound is not None:
        return session.get(Ticket, inbound.ticket_id)
    return None


def open_ticket(session: Session, *, prefix: str, address: str, department: str, subject: str,
                customer: str, at: datetime) -> Ticket:
    ticket = Ticket(address=address, department=department, subject=subject or "(kein Betreff)",
                    customer=customer, status="open", created_at=at, updated_at=at)
    session.add(ticket)
    session.flush()  # the id makes the number: unique without a second counter
    ticket.number = ticket_number(prefix, ticket.id)
    return ticket


def append_article(session: Session, ticket: Ticket, *, inbound_id: int, kind: str, sender: str,
                   subject: str, body: str, at: datetime) -> TicketArticle:
    article = TicketArticle(ticket_id=ticket.id, inbound_id=inbound_id, kind=kind, sender=sender,
                            subject=subject, body_text=body, created_at=at)
    session.add(article)
    if ticket.status == "closed":  # a customer answering a closed ticket reopens it
        ticket.status, ticket.closed_at = "open", None
    ticket.updated_at = at
    session.flush()
    return article


def close_ticket(session: Session, number: str, at: datetime) -> Ticket | None:
    ticket = session.exec(select(Ticket).where(Ticket.number == number.upper())).first()
    if ticket is not None:
        ticket.status, ticket.closed_at, ticket.updated_at = "closed", at, at
    return ticket
