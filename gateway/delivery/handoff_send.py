"""Deliver handoff events: a signed webhook POST, or the original mail forwarded through the
relay (in dry run: into the outbox folder). Driven by the outbox sender (`serve`, and
`gateway outbox send`). At least once: a crash mid-delivery queues the event again, and the
receiver drops repeats by their Idempotency-Key (forwarded mail: by its fixed Message-ID)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update

from gateway.clock import Clock
from gateway.codes import ReplyStatus
from gateway.config.handoff import webhook_target
from gateway.config.load import read_secret
from gateway.config.settings import GatewaySettings, HandoffConfig
from gateway.delivery import webhook_http
from gateway.delivery.forward import forward_message
from gateway.delivery.handoff import EVENTS, FORWARD, WEBHOOK
from gateway.delivery.helpdesk_ref import parse_answer, remember
from gateway.delivery.relay import DeliveryError, Signer, relay_send, write_eml
from gateway.redact import MASK
from gateway.store.db import transaction
from gateway.store.models import HANDOFFS, Handoff, HandoffAttempt
from gateway.store.queue import raw_of
from gateway.store.tally import record_outcome

log = logging.getLogger("gateway.handoff")
DONE = (ReplyStatus.SENT, ReplyStatus.WRITTEN)


@dataclass
class HandoffReport:
    sent: int = 0
    written: int = 0
    retried: int = 0
    failed: int = 0

    def as_json(self) -> dict:
        return {"sent": self.sent, "written": self.written, "retried": self.retried,
                "failed": self.failed}


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(url: str, body: bytes, key: str, secret: str,
                 timeout: float) -> tuple[str, bytes]:
    """POST one event within `timeout` seconds in all; 2xx is done; a redirect is not followed
    (a failed attempt naming where it pointed); 5xx/408/429/3xx and network errors are
    temporary, other 4xx not. Returns the detail to record and a 2xx answer's body."""
    try:
        target = webhook_target(url)
    except ValueError as exc:
        raise DeliveryError(str(exc), temporary=False) from exc
    if MASK in url:
        raise DeliveryError("the stored webhook URL has its password masked: set "
                            "handoff.webhook_url again to deliver this event", temporary=False)
    headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key,
               "User-Agent": "support-mail-gateway"}
    if secret:
        headers["X-Gateway-Signature"] = signature(secret, body)
    answer = webhook_http.post(target, body, headers, timeout)
    code = answer.status
    if 200 <= code < 300:
        return f"HTTP {code}", answer.body
    if 300 <= code < 400:
        raise DeliveryError(f"HTTP {code} {answer.reason}: a redirect to "
                            f"{answer.location or '(no Location)'}, not followed (point "
                            "handoff.webhook_url at the receiver itself)", temporary=True)
    raise DeliveryError(f"HTTP {code} {answer.reason}",
                        temporary=code >= 500 or code in (408, 429))


def backoff(config: HandoffConfig, attempts: int) -> timedelta:
    seconds = min(config.backoff_seconds * (2 ** max(attempts - 1, 0)), config.backoff_max_seconds)
    return timedelta(seconds=seconds)


class HandoffSender:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 signer: Signer | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.signer = signer

    def send_due(self, limit: int = 200) -> HandoffReport:
        if not self.settings.handoff.configured:
            return HandoffReport()  # nowhere to send: no database round (and no write lock)
        self.recover(self.stale())
        report = HandoffReport()
        with self.engine.connect() as conn:
            due = conn.execute(select(HANDOFFS.c.id, HANDOFFS.c.channel).where(
                HANDOFFS.c.status == ReplyStatus.QUEUED, HANDOFFS.c.next_attempt_at <= self.clock.now())
                .order_by(HANDOFFS.c.next_attempt_at, HANDOFFS.c.id).limit(limit)).all()
        down: set[str] = set()  # a receiver or relay that could not be reached: once per round
        for handoff_id, channel in due:
            if channel not in down and not self._deliver(handoff_id, report):
                down.add(channel)
        return report

    def stale(self):
        """Events 'sending' past their deadline have no sender any more: a POST ends within
        timeout_seconds (a margin for DNS), a forward within a few relay round trips."""
        now, config, relay = self.clock.now(), self.settings.handoff, self.settings.relay
        post = timedelta(seconds=2 * config.timeout_seconds + 5)
        mail = timedelta(seconds=6 * relay.timeout_seconds)
        return (((HANDOFFS.c.channel == WEBHOOK) & (HANDOFFS.c.next_attempt_at < now - post))
                | ((HANDOFFS.c.channel != WEBHOOK) & (HANDOFFS.c.next_attempt_at < now - mail)))

    def _claim(self, handoff_id: int) -> Handoff | None:
        with transaction(self.engine) as session:
            claimed = session.execute(update(HANDOFFS).where(
                HANDOFFS.c.id == handoff_id, HANDOFFS.c.status == ReplyStatus.QUEUED).values(
                status=ReplyStatus.SENDING, attempts=HANDOFFS.c.attempts + 1,
                next_attempt_at=self.clock.now())).rowcount
            return session.get(Handoff, handoff_id) if claimed else None

    def _deliver(self, handoff_id: int, report: HandoffReport) -> bool:
        """Try one event; False when its receiver (or the relay) could not be reached."""
        item = self._claim(handoff_id)
        if item is None:
            return True  # another sender took it
        now = self.clock.now()
        try:
            detail = self._hand_over(item, now)
        except DeliveryError as exc:
            return self._failed(item, now, exc, report)
        except Exception as exc:  # whatever it was, it is an attempt and counts (never 'sending')
            log.exception("handoff %s: unexpected failure", item.id)
            return self._failed(item, now, DeliveryError(
                f"{exc.__class__.__name__}: {exc}", temporary=True), report)
        written = item.channel == FORWARD and self.settings.dry_run
        self._record(item.id, now, ReplyStatus.WRITTEN if written else ReplyStatus.SENT, detail)
        report.written += written
        report.sent += not written
        return True

    def _failed(self, item: Handoff, now: datetime, exc: DeliveryError,
                report: HandoffReport) -> bool:
        config = self.settings.handoff
        final = not exc.temporary or item.attempts >= config.max_attempts
        self._record(item.id, now, ReplyStatus.FAILED if final else ReplyStatus.QUEUED,
                     str(exc), None if final else now + backoff(config, item.attempts),
                     outcome=ReplyStatus.UNCONFIRMED if exc.ambiguous else None)
        report.failed += final
        report.retried += not final
        log.warning("handoff %s (%s %s): %s (%s)", item.id, item.channel, item.event, exc,
                    "failed" if final else "will retry")
        return not exc.unreachable

    def _hand_over(self, item: Handoff, now: datetime) -> str:
        config = self.settings.handoff
        if item.channel == WEBHOOK:
            try:
                secret = read_secret("GATEWAY_WEBHOOK_SECRET", config.webhook_secret_file)
            except OSError as exc:  # the admin can fix the file; the event waits for it
                raise DeliveryError(f"handoff.webhook_secret_file: {exc}", temporary=True) from exc
            detail, answer = post_webhook(config.webhook_url or item.target, item.payload,
                                          item.idempotency_key, secret, config.timeout_seconds)
            ref = parse_answer(answer) if item.event == EVENTS["ticket"] else None
            if ref is not None:  # the helpdesk named its ticket: kept for later follow-ups
                remember(self.engine, item.ticket_id, ref)
                detail += f" (helpdesk ticket {ref.id or ref.url})"
            return detail
        raw = forward_message(self.settings, item.id, json.loads(item.payload),
                              self._original(item.inbound_id), config.forward_to or item.target,
                              item.created_at)
        if self.settings.dry_run:
            return write_eml(self.settings.outbox_dir, _EmlFile(item.id, item.created_at, raw))
        return relay_send(self.settings.relay, self.settings.relay.envelope_sender,
                          config.forward_to or item.target, raw, self.signer)

    def _original(self, inbound_id: int) -> bytes:
        raw = raw_of(self.engine, inbound_id)
        if not raw:
            raise DeliveryError("the original mail was purged (retention)", temporary=False)
        return raw

    def _record(self, handoff_id: int, now: datetime, status: str, detail: str,
                retry_at: datetime | None = None, outcome: str | None = None) -> None:
        with transaction(self.engine) as session:
            item = session.get(Handoff, handoff_id)
            assert item is not None
            item.status = status
            if status in DONE:
                item.sent_at, item.last_error = now, None
                record_outcome(session, "handoff", status)  # the running total
            else:
                item.last_error = detail
            if retry_at is not None:
                item.next_attempt_at = retry_at
            session.add(HandoffAttempt(handoff_id=handoff_id, at=now, outcome=outcome or status,
                                       detail=detail))

    def recover(self, stale=None) -> int:
        """Events caught mid-delivery (their sender died) go out again: at least once, the
        receivers drop repeats. The lost try is an attempt of its own and counts toward
        max_attempts (an event that kills its sender cannot loop for ever)."""
        condition = HANDOFFS.c.status == ReplyStatus.SENDING
        if stale is not None:
            condition = condition & stale
        now, limit = self.clock.now(), self.settings.handoff.max_attempts
        with transaction(self.engine) as session:
            stuck = session.execute(select(HANDOFFS.c.id, HANDOFFS.c.attempts).where(
                condition)).all()
            for handoff_id, attempts in stuck:
                final = attempts >= limit
                detail = ("the sender stopped during delivery (crash, restart or hang): "
                          "may have been delivered")
                session.execute(update(HANDOFFS).where(HANDOFFS.c.id == handoff_id).values(
                    status=ReplyStatus.FAILED if final else ReplyStatus.QUEUED,
                    last_error=detail, next_attempt_at=now))
                session.add(HandoffAttempt(handoff_id=handoff_id, at=now,
                                           outcome=ReplyStatus.UNCONFIRMED, detail=detail))
            return len(stuck)

    def retry(self, handoff_id: int) -> bool:
        with transaction(self.engine) as session:
            item = session.get(Handoff, handoff_id)
            if item is None or item.status == ReplyStatus.SENDING:
                return False
            item.status, item.next_attempt_at = ReplyStatus.QUEUED, self.clock.now()
            return True


@dataclass(frozen=True)
class _EmlFile:
    """What write_eml needs to name and write a file (the forwarded mail in dry run)."""

    id: int
    created_at: datetime
    raw: bytes
    kind: str = "handoff"
