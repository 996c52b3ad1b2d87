"""Pure: an inbound row → parsed, classified, with its reply address. No database, no clock,
so it can run anywhere, also in a second process while the first one writes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime

from gateway.classify import Classification, Context, Envelope, classify
from gateway.config import AddressConfig, GatewaySettings
from gateway.decide import ReplyKind
from gateway.parse import ParsedMail, parse_mail
from gateway.phases import Phase
from gateway.policy import AddressPolicy, Policies
from gateway.render import RenderedReply, Renderer, request_for

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
    return found if _MAILBOX_RE.fullmatch(found) else None


@dataclass(frozen=True)
class Prepared:
    """A row parsed and classified, ready to be decided on."""

    row: Row
    policy: AddressPolicy
    phase: Phase  # of the address at the time of reception
    mail: ParsedMail
    classification: Classification
    reply_to: str | None
    redirect_reply: RenderedReply | None = None  # rendered ahead, used if the decision is redirect

    @property
    def address(self) -> AddressConfig:
        return self.policy.config


class Preparer:
    def __init__(self, settings: GatewaySettings, prerender: bool = False,
                 policies: Policies | None = None) -> None:
        """prerender: also render the redirection for mail that will likely get one (in a pool
        process, where the CPU would otherwise idle while the writer decides)."""
        self.settings = settings
        self.policies = policies or Policies(settings)
        self.renderer = Renderer(settings, self.policies) if prerender else None
        responder = settings.responder
        self.context = Context(
            own_addresses=frozenset(settings.own_addresses()), loop_token=settings.loop_token,
            max_received=responder.max_received_headers,
            backscatter_guard=responder.backscatter_guard,
            trusted_authserv_ids=frozenset(a.lower() for a in responder.trusted_authserv_ids))

    def prepare(self, row: Row, now: datetime | None = None) -> Prepared:
        """Parse and classify (before any lock is taken)."""
        policy = self.policies.get(row.rcpt)
        if policy is None:
            raise ValueError(f"{row.rcpt} is not a configured address")
        mail = parse_mail(row.raw)
        found = classify(mail, Envelope(row.envelope_sender, row.rcpt, row.source), self.context)
        reply_to = reply_address(mail, row.envelope_sender)
        prepared = Prepared(row, policy, policy.phase_at(row.received_at), mail, found, reply_to)
        if self.renderer is not None and now is not None and self._likely_redirect(prepared):
            request = request_for(ReplyKind.REDIRECT, reply_to, policy.config, mail)
            prepared = replace(prepared, redirect_reply=self.renderer.render(request, now))
        return prepared

    def _likely_redirect(self, p: Prepared) -> bool:
        """A person writing after the cutover, not obviously answering a ticket."""
        return (p.reply_to is not None and not p.classification.automated
                and p.phase in (Phase.CUTOVER, Phase.REJECT) and not p.mail.in_reply_to
                and not p.mail.references and f"[{self.settings.ticket_prefix}-" not in
                p.mail.subject.upper())

    def prepare_many(self, rows: list[Row], now: datetime | None = None,
                     ) -> tuple[list[Prepared], list[tuple[int, Exception]]]:
        prepared, failures = [], []
        for row in sorted(rows, key=lambda r: r.id):
            try:
                prepared.append(self.prepare(row, now))
            except Exception as exc:
                log.exception("inbound %s: processing failed", row.id)
                failures.append((row.id, exc))
        return prepared, failures


# -- in a pool process -------------------------------------------------------------------------
_POOL_PREPARER: Preparer | None = None


def pool_init(settings: GatewaySettings) -> None:
    global _POOL_PREPARER
    _POOL_PREPARER = Preparer(settings, prerender=True)


def pool_prepare(rows: list[Row], now: datetime,
                 ) -> tuple[list[Prepared], list[tuple[int, Exception]]]:
    """Runs in the pool; the raw bytes are not sent back (the parsed mail is what counts),
    unless big attachments are still to be read from them when stored."""
    assert _POOL_PREPARER is not None
    prepared, failures = _POOL_PREPARER.prepare_many(rows, now)
    return [p if any(a.cut for a in p.mail.attachments) else replace(p, row=replace(p.row, raw=b""))
            for p in prepared], failures
