"""The helpdesk's own ticket, as its webhook answer names it: `{"id": "HD-123"}`,
`{"url": "https://helpdesk.example/tickets/123"}`, both, or the same inside `{"ticket": {...}}`.

Kept on our ticket (helpdesk_id, helpdesk_url) when the answer to a `ticket.created` event names
it, so that a customer who answers that ticket after the grace period can be sent to it. Whatever
else the answer holds is ignored; what does not look like an id or a web address is dropped (it
would end up in a mail to the customer)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from sqlalchemy import Engine, update

from gateway.store.db import transaction
from gateway.store.models import TICKETS

ID_KEYS = ("id", "ticket_id", "number", "key")
URL_KEYS = ("url", "ticket_url", "html_url", "web_url", "link")
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._#:/-]{0,63}")
URL_MAX = 2000
_URL_CHARS_RE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


@dataclass(frozen=True)
class HelpdeskRef:
    id: str | None = None
    url: str | None = None


def _unchunked(body: bytes) -> bytes:
    """A chunked body's chunks joined (receivers that stream their JSON, often in several
    chunks: only the first was read, and the helpdesk's ticket was lost); else the body."""
    joined, rest = b"", body
    while True:
        size, sep, rest = rest.partition(b"\r\n")
        size = size.split(b";", 1)[0].strip()  # a chunk extension
        if not sep or not re.fullmatch(rb"[0-9a-fA-F]{1,6}", size):
            return joined if joined else body
        length = int(size, 16)
        if length == 0:
            return joined
        joined, rest = joined + rest[:length], rest[length:].removeprefix(b"\r\n")


def _web_address(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > URL_MAX or not _URL_CHARS_RE.fullmatch(value):
        return None  # only the characters of RFC 3986: no quote, bracket or space to break out
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return value


def _ticket_id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text if _ID_RE.fullmatch(text) else None


def parse_answer(body: bytes) -> HelpdeskRef | None:
    """The ticket the answer names, or None (no JSON object, nothing usable in it)."""
    try:
        data = json.loads(_unchunked(body.strip()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if isinstance(data, dict) and isinstance(data.get("ticket"), dict):
        data = {**data, **data["ticket"]}
    if not isinstance(data, dict):
        return None
    found_id = next((i for i in map(_ticket_id, (data.get(k) for k in ID_KEYS)) if i), None)
    found_url = next((u for u in map(_web_address, (data.get(k) for k in URL_KEYS)) if u), None)
    return HelpdeskRef(found_id, found_url) if found_id or found_url else None


def remember(engine: Engine, ticket_id: int, ref: HelpdeskRef) -> None:
    with transaction(engine) as session:
        session.execute(update(TICKETS).where(TICKETS.c.id == ticket_id).values(
            helpdesk_id=ref.id, helpdesk_url=ref.url))


def ticket_url(helpdesk_id: str | None, helpdesk_url: str | None, template: str) -> str | None:
    """Where the customer sees the ticket: the URL the helpdesk gave, else the configured
    template with the id (`https://account.example/tickets/{id}`), else None."""
    if helpdesk_url:
        return helpdesk_url
    if helpdesk_id and template:
        return template.replace("{id}", quote(helpdesk_id, safe=""))
    return None
