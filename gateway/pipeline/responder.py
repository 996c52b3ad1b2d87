"""The per-sender ledger of auto-replies: reads RateFacts for `decide`, records what was sent.
Windows and intervals are measured in reception time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session

from gateway.codes import LEDGER_GLOBAL, LEDGER_WINDOW_SECONDS
from gateway.rules.decide import RateFacts
from gateway.store.models import INBOUND, LEDGER, REPLIES

WINDOW = timedelta(seconds=LEDGER_WINDOW_SECONDS)
GLOBAL = LEDGER_GLOBAL  # sender and address of the gateway-wide counter row
STATE_UPDATE = update(LEDGER).where(
    LEDGER.c.sender == bindparam("b_sender"), LEDGER.c.address == bindparam("b_address"),
    LEDGER.c.kind == bindparam("b_kind"))


def _in_window(window_start: datetime | None, count: int, at: datetime) -> int:
    if window_start is None or at - window_start >= WINDOW or at < window_start:
        return 0
    return count


@dataclass
class LedgerEntry:
    """One ledger row: replies of one kind from one address to one sender (or all: GLOBAL)."""

    sender: str
    address: str
    kind: str
    last_reply_at: datetime
    window_start: datetime
    window_count: int = 0
    total_count: int = 0
    suppressed_count: int = 0
    stored: bool = True   # False: not in the database yet
    dirty: bool = False

    def in_window(self, at: datetime) -> int:
        return _in_window(self.window_start, self.window_count, at)

    def count_reply(self, at: datetime) -> None:
        if self.in_window(at):
            self.window_count += 1
        else:
            self.window_start, self.window_count = at, 1
        self.total_count += 1
        self.last_reply_at = max(self.last_reply_at, at)
        self.dirty = True


@dataclass(frozen=True)
class LedgerView:
    """The ledger entries of one (sender, address) and the global one, as read for one mail."""

    sender: str = ""
    address: str = ""
    windows: dict = field(default_factory=dict)  # kind ("ack", "redirect", "all") → LedgerEntry
    already_answered: bool = False

    def rate_facts(self, at: datetime) -> RateFacts:
        redirect, ack, overall = (self.windows.get(k) for k in ("redirect", "ack", "all"))
        return RateFacts(
            last_redirect_at=redirect.last_reply_at if redirect else None,
            acks_in_last_hour=ack.in_window(at) if ack else 0,
            replies_in_last_hour=overall.in_window(at) if overall else 0,
            already_answered_message=self.already_answered)


class Ledger:
    """The responder ledger as one batch sees it: read once up front, changed in memory, written back
    once before the commit (the batch holds the write lock, so nobody else changes it)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.entries: dict[tuple[str, str, str], LedgerEntry] = {}
        self.fetched: set[tuple[str, str]] = set()
        self.answered: dict[str, set[tuple[int, str]]] = {}  # message-id → (inbound id, to)
        self.answered_fetched: set[str] = set()

    def prefetch(self, pairs: set[tuple[str, str]], message_ids: set[str]) -> None:
        wanted = (pairs | {(GLOBAL, GLOBAL)}) - self.fetched
        if wanted:
            # sender IN (...) AND address IN (...): the unique index (sender, address, kind)
            # on SQLite too, where a row-value IN (VALUES ...) scanned the whole table; the
            # few cross pairs it also matches are dropped here.
            rows = self.session.execute(select(LEDGER).where(
                LEDGER.c.sender.in_(sorted({s for s, _ in wanted})),
                LEDGER.c.address.in_(sorted({a for _, a in wanted})))).all()
            for r in (r for r in rows if (r.sender, r.address) in wanted):
                self.entries[(r.sender, r.address, r.kind)] = LedgerEntry(
                    r.sender, r.address, r.kind, r.last_reply_at, r.window_start, r.window_count,
                    r.total_count, r.suppressed_count)
            self.fetched |= wanted
        ids = message_ids - self.answered_fetched
        if ids:
            for message_id, inbound_id, rcpt in self.session.execute(
                    select(INBOUND.c.message_id, INBOUND.c.id, REPLIES.c.rcpt)
                    .join(REPLIES, REPLIES.c.inbound_id == INBOUND.c.id)
                    .where(INBOUND.c.message_id.in_(sorted(ids)))).all():
                self.answered.setdefault(message_id, set()).add((inbound_id, rcpt))
            self.answered_fetched |= ids

    def view(self, *, sender: str, address: str, message_id: str | None,
               inbound_id: int) -> LedgerView:
        self.prefetch({(sender, address)}, {message_id} if message_id else set())
        windows = {kind: self.entries[(sender, address, kind)] for kind in ("ack", "redirect")
                   if (sender, address, kind) in self.entries}
        if (GLOBAL, GLOBAL, "all") in self.entries:
            windows["all"] = self.entries[(GLOBAL, GLOBAL, "all")]
        answered = any(other != inbound_id and rcpt == sender
                       for other, rcpt in self.answered.get(message_id or "", ()))
        return LedgerView(sender, address, windows, answered)

    def _entry(self, sender: str, address: str, kind: str, at: datetime) -> LedgerEntry:
        key = (sender, address, kind)
        if key not in self.entries:
            self.entries[key] = LedgerEntry(sender, address, kind, at, at, stored=False)
        return self.entries[key]

    def record_reply(self, view: LedgerView, *, kind: str, at: datetime,
                     message_id: str | None, inbound_id: int) -> None:
        self._entry(view.sender, view.address, kind, at).count_reply(at)
        self._entry(GLOBAL, GLOBAL, "all", at).count_reply(at)
        if message_id:
            self.answered.setdefault(message_id, set()).add((inbound_id, view.sender))

    def record_suppressed(self, *, sender: str, address: str, kind: str) -> None:
        entry = self.entries.get((sender, address, kind))
        if entry is not None:
            entry.suppressed_count += 1
            entry.dirty = True

    def flush(self) -> None:
        """Write every changed entry: inserts for new ones, updates for the others."""
        dirty = [e for e in self.entries.values() if e.dirty]
        if not dirty:
            return
        values = [{"b_sender": e.sender, "b_address": e.address, "b_kind": e.kind,
                   "sender": e.sender, "address": e.address, "kind": e.kind,
                   "last_reply_at": e.last_reply_at, "window_start": e.window_start,
                   "window_count": e.window_count, "total_count": e.total_count,
                   "suppressed_count": e.suppressed_count} for e in dirty]
        new = [v for v, e in zip(values, dirty, strict=True) if not e.stored]
        old = [v for v, e in zip(values, dirty, strict=True) if e.stored]
        if new:
            self.session.execute(insert(LEDGER), [
                {k: v for k, v in row.items() if not k.startswith("b_")} for row in new])
        if old:
            self.session.execute(STATE_UPDATE, old)
        for entry in dirty:
            entry.stored, entry.dirty = True, False


def reset_sender(session: Session, sender: str) -> int:
    return session.execute(delete(LEDGER).where(LEDGER.c.sender == sender.lower())).rowcount or 0
