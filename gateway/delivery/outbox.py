"""Deliver queued replies through the relay with retries and backoff, or write .eml files (dry run).

Delivery is recorded in two steps: the reply is marked `sending` (committed) before the relay
is contacted, and `sent` right after the relay's 250. A reply still `sending` after a crash is
*not* sent again automatically (that could duplicate it): it becomes `unconfirmed`, shown by
`status`, and `gateway replies retry ID` sends it again if the admin decides so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, update
from sqlmodel import select

from gateway.clock import Clock
from gateway.codes import ReplyStatus
from gateway.config.settings import GatewaySettings
from gateway.delivery.handoff_send import HandoffSender
from gateway.delivery.relay import DeliveryError, Signer, backoff, make_signer, relay_send, write_eml
from gateway.store.db import transaction
from gateway.store.models import REPLIES, DeliveryAttempt, Reply
from gateway.store.tally import record_outcome

log = logging.getLogger("gateway.outbox")


@dataclass
class SendReport:
    sent: int = 0
    written: int = 0
    retried: int = 0
    failed: int = 0
    unconfirmed: int = 0  # maybe delivered (no answer after the end of DATA): not resent
    files: list[str] = field(default_factory=list)
    handoffs: dict = field(default_factory=dict)  # the handoff events delivered in this round

    def as_json(self) -> dict:
        return {"sent": self.sent, "written": self.written, "retried": self.retried,
                "failed": self.failed, "unconfirmed": self.unconfirmed, "files": self.files,
                "handoffs": self.handoffs}


class Outbox:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 signer: Signer | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.signer = signer if signer is not None else make_signer(settings.dkim)
        self._relay_down_until: datetime | None = None
        self.handoffs = HandoffSender(settings, engine, clock, self.signer)

    def _due(self, limit: int) -> list[int]:
        with transaction(self.engine) as session:
            return list(session.exec(select(Reply.id).where(
                Reply.status == ReplyStatus.QUEUED, Reply.next_attempt_at <= self.clock.now())
                .order_by(Reply.next_attempt_at, Reply.id).limit(limit)).all())  # the index's order

    def send_due(self, limit: int = 500, handoffs: bool = True) -> SendReport:
        """Replies, then (unless `handoffs` is False: `serve` sends them from a thread of their
        own, so a slow helpdesk never holds a reply) the handoff events to the agents."""
        report = self._send_replies(limit)
        if handoffs:
            report.handoffs = self.handoffs.send_due().as_json()
        return report

    def _send_replies(self, limit: int) -> SendReport:
        # A sender that died mid-delivery left rows 'sending'; far past any timeout they are
        # not in flight any more.
        self.recover(stale_before=self.clock.now() - 3 * timedelta(
            seconds=self.settings.relay.timeout_seconds))
        report = SendReport()
        now = self.clock.now()
        if self._relay_down_until is not None and now < self._relay_down_until:
            return report  # the relay was unreachable a moment ago: give it its backoff
        self._relay_down_until = None
        while ids := self._due(limit):
            for reply_id in ids:
                if not self._deliver(reply_id, report):
                    # Relay unreachable: one timeout is enough; the rest wait for the relay's
                    # backoff instead of each costing a timeout of its own.
                    self._relay_down_until = now + backoff(self.settings.relay, 1)
                    return report
            if len(ids) < limit:
                break
        return report

    def _claim(self, reply_id: int) -> Reply | None:
        table = REPLIES
        with transaction(self.engine) as session:
            claimed = session.execute(update(table).where(
                table.c.id == reply_id, table.c.status == ReplyStatus.QUEUED).values(
                status=ReplyStatus.SENDING, attempts=table.c.attempts + 1,
                next_attempt_at=self.clock.now())).rowcount  # while sending: when it started
            return session.get(Reply, reply_id) if claimed else None

    def _deliver(self, reply_id: int, report: SendReport) -> bool:
        """Try one reply; False when the relay could not be reached at all."""
        reply = self._claim(reply_id)
        if reply is None:
            return True  # another sender took it
        now = self.clock.now()
        try:
            detail = self._hand_over(reply, report)
        except DeliveryError as exc:
            return self._failed(reply_id, reply, now, exc, report)
        self._record(reply_id, now, ReplyStatus.WRITTEN if self.settings.dry_run
                     else ReplyStatus.SENT, detail)
        log.info("reply %s to %s for inbound %s delivered: %s", reply_id, reply.rcpt,
                 reply.inbound_id, detail,
                 extra={"event": "reply_delivered", "reply_id": reply_id, "rcpt": reply.rcpt,
                        "inbound_id": reply.inbound_id, "relay_answer": detail})
        report.written += self.settings.dry_run
        report.sent += not self.settings.dry_run
        return True

    def _hand_over(self, reply, report: SendReport) -> str:
        """To the relay, or in dry run to the outbox folder; returns what the relay answered."""
        if not self.settings.dry_run:
            return relay_send(self.settings.relay, reply.envelope_sender, reply.rcpt,
                              reply.raw, self.signer)
        try:
            detail = write_eml(self.settings.outbox_dir, reply)
        except OSError as exc:  # disk full, no permission: the folder is our relay
            raise DeliveryError(f"outbox_dir {self.settings.outbox_dir}: {exc}",
                                temporary=True, unreachable=True) from exc
        report.files.append(detail)
        return detail

    def _failed(self, reply_id: int, reply, now: datetime, exc: DeliveryError,
                report: SendReport) -> bool:
        if exc.ambiguous:  # maybe delivered: at most once, the admin may resend it
            self._record(reply_id, now, ReplyStatus.UNCONFIRMED, str(exc))
            report.unconfirmed += 1
            log.warning("reply %s to %s: %s", reply_id, reply.rcpt, exc)
            return True
        final = not exc.temporary or reply.attempts >= self.settings.relay.max_attempts
        self._record(reply_id, now, ReplyStatus.FAILED if final else ReplyStatus.QUEUED,
                     str(exc), retry_at=None if final else
                     now + backoff(self.settings.relay, reply.attempts))
        report.failed += final
        report.retried += not final
        log.warning("reply %s to %s: %s (%s)", reply_id, reply.rcpt, exc,
                    "failed" if final else "will retry",
                    extra={"event": "reply_failed" if final else "reply_deferred",
                           "reply_id": reply_id, "rcpt": reply.rcpt,
                           "inbound_id": reply.inbound_id, "relay_answer": str(exc)})
        return not exc.unreachable

    def _record(self, reply_id: int, now: datetime, status: str, detail: str,
                retry_at: datetime | None = None) -> None:
        with transaction(self.engine) as session:
            reply = session.get(Reply, reply_id)
            assert reply is not None
            reply.status = status
            if status in (ReplyStatus.SENT, ReplyStatus.WRITTEN):
                reply.sent_at, reply.last_error = now, None
            else:
                reply.last_error = detail
            if retry_at is not None:
                reply.next_attempt_at = retry_at
            session.add(DeliveryAttempt(reply_id=reply_id, at=now, outcome=status, detail=detail))
            record_outcome(session, "attempt", status)  # the running total, same transaction

    def recover(self, stale_before: datetime | None = None) -> int:
        """After a crash: replies caught mid-delivery are not resent blindly (see module doc).
        Without `stale_before` every 'sending' row counts (at the start of the only sender)."""
        table = REPLIES
        if self.settings.dry_run:  # rewriting a file of a fixed name cannot duplicate anything
            values = {"status": ReplyStatus.QUEUED}
        else:
            values = {"status": ReplyStatus.UNCONFIRMED,
                      "last_error": "crashed during delivery; not resent to avoid a duplicate"}
        condition = table.c.status == ReplyStatus.SENDING
        if stale_before is not None:
            condition = condition & (table.c.next_attempt_at < stale_before)
        with transaction(self.engine) as session:
            return session.execute(update(table).where(condition).values(**values)).rowcount

    def retry(self, reply_id: int) -> bool:
        with transaction(self.engine) as session:
            reply = session.get(Reply, reply_id)
            if reply is None or reply.status in (ReplyStatus.SENT, ReplyStatus.WRITTEN,
                                                  ReplyStatus.SENDING):
                return False
            reply.status, reply.next_attempt_at = ReplyStatus.QUEUED, self.clock.now()
            return True
