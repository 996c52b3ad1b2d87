"""Deliver queued replies through the relay with retries and backoff, or write .eml files (dry run).

Delivery is recorded in two steps: the reply is marked `sending` (committed) before the relay
is contacted, and `sent` right after the relay's 250. A reply still `sending` after a crash is
*not* sent again automatically (that could duplicate it): it becomes `unconfirmed`, shown by
`status`, and `gateway replies retry ID` sends it again if the admin decides so.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, update
from sqlmodel import select

from gateway.clock import Clock
from gateway.codes import ReplyStatus
from gateway.config import DkimConfig, GatewaySettings, RelayConfig
from gateway.config_load import read_secret
from gateway.db import transaction
from gateway.models import REPLIES, DeliveryAttempt, Reply

log = logging.getLogger("gateway.outbox")
Signer = Callable[[bytes], bytes]


class DeliveryError(Exception):
    def __init__(self, detail: str, temporary: bool, unreachable: bool = False) -> None:
        super().__init__(detail)
        self.temporary = temporary
        self.unreachable = unreachable  # the relay itself, not this one reply


@dataclass
class SendReport:
    sent: int = 0
    written: int = 0
    retried: int = 0
    failed: int = 0
    files: list[str] = field(default_factory=list)
    handoffs: dict = field(default_factory=dict)  # the handoff events delivered in this round

    def as_json(self) -> dict:
        return {"sent": self.sent, "written": self.written, "retried": self.retried,
                "failed": self.failed, "files": self.files, "handoffs": self.handoffs}


def backoff(relay: RelayConfig, attempts: int) -> timedelta:
    """Exponential: base, 2×base, 4×base, ... capped."""
    seconds = min(relay.backoff_seconds * (2 ** max(attempts - 1, 0)), relay.backoff_max_seconds)
    return timedelta(seconds=seconds)


def relay_send(relay: RelayConfig, envelope_sender: str, rcpt: str, raw: bytes,
               signer: Signer | None = None) -> str:
    """Hand one message to the relay; raises DeliveryError(temporary=...) on failure."""
    password = read_secret("GATEWAY_RELAY_PASSWORD", relay.password_file)
    context = ssl.create_default_context(cafile=relay.ca_file or None)
    try:
        if relay.security == "tls":
            client = smtplib.SMTP_SSL(relay.host, relay.port, timeout=relay.timeout_seconds,
                                      context=context)
        else:
            client = smtplib.SMTP(relay.host, relay.port, timeout=relay.timeout_seconds)
        with client:
            if relay.security == "starttls":
                client.starttls(context=context)
            if relay.username:
                client.login(relay.username, password)
            data = signer(raw) if signer else raw
            # An address beyond ASCII (jürgen@müller.de) needs SMTPUTF8 (RFC 6531) on the relay.
            options = [] if (envelope_sender + rcpt).isascii() else ["SMTPUTF8"]
            refused = client.sendmail(envelope_sender, [rcpt], data, mail_options=options)
            if refused:
                code, text = refused[rcpt]
                raise DeliveryError(f"{code} {text!r}", temporary=400 <= code < 500)
        return "250 accepted"
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        raise DeliveryError(f"{code} {text!r}", temporary=400 <= code < 500) from exc
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{exc.smtp_code} {exc.smtp_error!r}",
                            temporary=400 <= exc.smtp_code < 500) from exc
    except (smtplib.SMTPNotSupportedError, UnicodeError) as exc:  # retrying will not help
        raise DeliveryError(f"{exc.__class__.__name__}: {exc}", temporary=False) from exc
    except (OSError, smtplib.SMTPException) as exc:  # refused, timeout, dropped: try again later
        raise DeliveryError(f"{exc.__class__.__name__}: {exc}", temporary=True,
                            unreachable=True) from exc


def make_signer(dkim: DkimConfig) -> Signer | None:
    """DKIM-sign replies (dkimpy) when configured; the key is read once, at start."""
    if not dkim.enabled:
        return None
    import dkim as dkimpy

    key = Path(dkim.key_file).read_bytes()
    headers = [b"from", b"to", b"subject", b"date", b"message-id", b"in-reply-to",
               b"references", b"auto-submitted", b"content-type", b"mime-version"]

    def sign(raw: bytes) -> bytes:
        signature = dkimpy.sign(raw, dkim.selector.encode(), dkim.domain.encode(), key,
                                include_headers=headers)
        return signature + raw

    return sign


def write_eml(directory: str, reply: Reply) -> str:
    """Atomically write the reply as an .eml file; the name is fixed per reply, so a rerun
    after a crash overwrites instead of duplicating."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{reply.created_at:%Y%m%dT%H%M%S}-{reply.id:08d}-{reply.kind}.eml"
    tmp = target.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        handle.write(reply.raw)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(target)
    return str(target)


class Outbox:
    def __init__(self, settings: GatewaySettings, engine: Engine, clock: Clock,
                 signer: Signer | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.signer = signer if signer is not None else make_signer(settings.dkim)
        self._relay_down_until: datetime | None = None
        from gateway.handoff_send import HandoffSender  # late: it builds on this module

        self.handoffs = HandoffSender(settings, engine, clock, self.signer)

    def _due(self, limit: int) -> list[int]:
        with transaction(self.engine) as session:
            return list(session.exec(select(Reply.id).where(
                Reply.status == ReplyStatus.QUEUED, Reply.next_attempt_at <= self.clock.now())
                .order_by(Reply.id).limit(limit)).all())

    def send_due(self, limit: int = 500) -> SendReport:
        """Replies, then the handoff events to the agents (the same sender delivers both)."""
        report = self._send_replies(limit)
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
            if self.settings.dry_run:
                try:
                    detail = write_eml(self.settings.outbox_dir, reply)
                except OSError as exc:  # disk full, no permission: the folder is our relay
                    raise DeliveryError(f"outbox_dir {self.settings.outbox_dir}: {exc}",
                                        temporary=True, unreachable=True) from exc
                report.files.append(detail)
            else:
                detail = relay_send(self.settings.relay, reply.envelope_sender, reply.rcpt,
                                    reply.raw, self.signer)
            self._record(reply_id, now, ReplyStatus.WRITTEN if self.settings.dry_run
                         else ReplyStatus.SENT, detail)
            report.written += self.settings.dry_run
            report.sent += not self.settings.dry_run
            return True
        except DeliveryError as exc:
            final = not exc.temporary or reply.attempts >= self.settings.relay.max_attempts
            self._record(reply_id, now, ReplyStatus.FAILED if final else ReplyStatus.QUEUED,
                         str(exc), retry_at=None if final else
                         now + backoff(self.settings.relay, reply.attempts))
            report.failed += final
            report.retried += not final
            log.warning("reply %s to %s: %s (%s)", reply_id, reply.rcpt, exc,
                        "failed" if final else "will retry")
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
