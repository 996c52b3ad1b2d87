"""Pure: an inbound row → parsed, classified, with its reply address and the phase of its address
at reception; and the facts `decide` needs, given what only the database knows (the thread, the
ledger). No database, no clock, so it can run anywhere, also in a second process."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from gateway.codes import Reason
from gateway.config.settings import AddressConfig, GatewaySettings
from gateway.rules.classify import Classification, Context, Envelope, classify
from gateway.rules.decide import SMTP_SOURCES, Facts, Limits, RateFacts, ThreadMatch
from gateway.rules.exceptions import matching_rule
from gateway.rules.machine_signals import signals
from gateway.rules.parse import ParsedMail, parse_mail
from gateway.rules.phases import Phase
from gateway.rules.policy import AddressPolicy, Policies
from gateway.subaddress import first_ours

log = logging.getLogger("gateway.process")


_ATOM = r"[^\s<>()\[\],;:\\\"@\x00-\x1f\x7f]+"  # no control characters either
_MAILBOX_RE = re.compile(rf"{_ATOM}@(?:{_ATOM}\.{_ATOM}|\[[0-9a-f.:]+\])")


@dataclass(frozen=True)
class Row:
    """The envelope part of an inbound row (or of a mail being previewed)."""

    id: int
    raw: bytes
    rcpt: str
    envelope_sender: str | None
    source: str
    received_at: datetime
    replies: str | None = None  # backfill: "recent" (only for recent mail) or "none"


def reply_address(mail: ParsedMail, envelope_sender: str | None) -> str | None:
    """RFC 3834 section 4: answer the envelope return path; without one known, the From.

    Reply-To is not used: it is where a *person* wants answers, and a forged Reply-To would
    turn us into a backscatter source for third parties.
    """
    if envelope_sender is not None:
        found = envelope_sender
    else:
        found = (mail.header("return-path") or "").strip().strip("<>") or mail.from_addr
    found = found.strip().lower()
    # Only a plain mailbox: nothing that could smuggle a header or a second recipient in.
    return found if _MAILBOX_RE.fullmatch(found) and found.isprintable() else None


def addressed(mail: ParsedMail, ours: frozenset[str], delimiter: str) -> bool:
    """Implicit delivery: one of ours (or an alias) in To/Cc/Resent-To/Resent-Cc."""
    return first_ours(mail.recipients, ours, delimiter) is not None


@dataclass(frozen=True)
class Prepared:
    """A row parsed and classified, ready to be decided on."""

    row: Row
    policy: AddressPolicy
    phase: Phase  # of the address at the time of reception
    mail: ParsedMail
    classification: Classification
    reply_to: str | None
    addressed: bool = True  # one of ours in the recipient headers (or the rule is off)
    evidence: tuple[str, ...] = ()  # the signals behind machine-signals: the admin's why

    @property
    def address(self) -> AddressConfig:
        return self.policy.config


class Preparer:
    def __init__(self, settings: GatewaySettings, policies: Policies | None = None) -> None:
        self.settings = settings
        self.policies = policies or Policies(settings)
        responder = settings.responder
        self.context = Context(
            own_addresses=frozenset(settings.own_addresses()), loop_token=settings.loop_token,
            max_received=responder.max_received_headers,
            backscatter_guard=responder.backscatter_guard,
            trusted_authserv_ids=frozenset(a.lower() for a in responder.trusted_authserv_ids),
            recipient_delimiter=settings.recipient_delimiter)
        self.addressees = self.context.own_addresses | frozenset(responder.addressed_aliases)
        self.limits = Limits(redirect_interval=timedelta(hours=responder.redirect_interval_hours),
                             ack_per_sender_per_hour=responder.ack_per_sender_per_hour,
                             global_replies_per_hour=responder.global_replies_per_hour)

    def prepare(self, row: Row) -> Prepared:
        """Parse and classify (before any lock is taken)."""
        policy = self.policies.get(row.rcpt)
        if policy is None:
            raise ValueError(f"{row.rcpt} is not a configured address")
        mail = parse_mail(row.raw)
        found = classify(mail, Envelope(row.envelope_sender, row.rcpt, row.source), self.context)
        reply_to = reply_address(mail, row.envelope_sender)
        is_addressed = not self.settings.responder.require_addressed or addressed(
            mail, self.addressees, self.settings.recipient_delimiter)
        evidence = (f"machine signals: {', '.join(signals(mail))}",) if (
            Reason.MACHINE_SIGNALS in found.reasons) else ()  # computed again: only for these
        return Prepared(row, policy, policy.phase_at(row.received_at), mail, found, reply_to,
                        addressed=is_addressed, evidence=evidence)

    def facts(self, p: Prepared, now: datetime, thread: ThreadMatch | None = None,
              rates: RateFacts | None = None) -> Facts:
        """What `decide` takes: this mail's facts plus the thread and ledger the caller found."""
        row, mail, settings = p.row, p.mail, self.settings
        return Facts(
            phase=p.phase, received_at=row.received_at, source=row.source,
            classification=p.classification, cutover=p.policy.timeline.cutover,
            followup_grace=timedelta(days=p.address.followup_grace_days), reply_to=p.reply_to,
            empty=not mail.has_content and mail.error is not None, addressed=p.addressed,
            thread=thread,
            rates=rates or RateFacts(), limits=self.limits,
            automated_tickets=settings.automated_tickets,
            exception=self._exception(p),
            replies_allowed=self._replies_allowed(row, now), evidence=p.evidence)

    def _exception(self, p: Prepared) -> str | None:
        """The exception rule this mail's sender matches. In the reject phase behind Postfix's
        policy service only the envelope counts: Postfix asks at RCPT, before any header."""
        row = p.row
        senders: tuple[str | None, ...] = (p.reply_to, row.envelope_sender, p.mail.from_addr)
        if (p.phase is Phase.REJECT and row.source in SMTP_SOURCES
                and self.settings.postfix.policy_listen):
            senders = (row.envelope_sender if row.envelope_sender is not None else p.reply_to,)
        return matching_rule(self.settings.exceptions, senders, row.rcpt)

    def _replies_allowed(self, row: Row, now: datetime) -> bool:
        """Backfill (import, an IMAP mailbox's first poll): no replies to old mail."""
        if row.replies == "none":
            return False
        if row.replies == "recent":
            window = timedelta(hours=self.settings.backfill_reply_window_hours)
            return row.received_at >= now - window
        return True

    def prepare_many(self, rows: list[Row]) -> tuple[list[Prepared], list[tuple[int, Exception]]]:
        prepared, failures = [], []
        for row in sorted(rows, key=lambda r: r.id):
            try:
                prepared.append(self.prepare(row))
            except Exception as exc:
                log.exception("inbound %s: processing failed", row.id)
                failures.append((row.id, exc))
        return prepared, failures
