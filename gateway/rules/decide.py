"""Pure: facts about one (message, recipient) → one Decision. Reads as a table, top to bottom."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gateway.codes import Action, Reason, ReplyKind
from gateway.rules.classify import Classification
from gateway.rules.phases import Phase

SMTP_SOURCES = frozenset({"smtp", "lmtp"})
# Machine reasons that never make a ticket, in any phase: nobody asked anything (loops, our
# own mail, delivery reports, spam verdicts). Every other machine mail (monitoring, cron,
# status pages, out-of-office) is a ticket before the cutover, just without a receipt.
NO_TICKET_REASONS = frozenset({Reason.LOOP, Reason.OWN_ADDRESS, Reason.NULL_SENDER, Reason.BOUNCE,
                               Reason.READ_RECEIPT, Reason.FEEDBACK_REPORT, Reason.SPAM})


@dataclass(frozen=True)
class ThreadMatch:
    """An existing ticket this mail answers, and how we know."""

    ticket_id: int
    number: str
    created_at: datetime
    via: Reason  # IN_REPLY_TO, REFERENCES or SUBJECT_TAG
    helpdesk_id: str | None = None   # what the helpdesk's webhook answer named, if anything
    helpdesk_url: str | None = None
    customer: str = ""               # who the ticket is for

    def shown_to(self, sender: str | None) -> bool:
        """Whether a reply to `sender` may name the helpdesk's ticket: an answer to our mail
        (In-Reply-To, References: the sender had it), or a subject tag from the ticket's own
        customer (tags are easy to guess; another sender learns nothing of the ticket)."""
        if not (self.helpdesk_id or self.helpdesk_url):
            return False
        return self.via != Reason.SUBJECT_TAG or (
            bool(sender) and (sender or "").lower() == self.customer.lower())


@dataclass(frozen=True)
class RateFacts:
    """The responder ledger as the worker read it, in reception time."""

    last_redirect_at: datetime | None = None       # to this sender from this address
    acks_in_last_hour: int = 0                      # to this sender from this address
    replies_in_last_hour: int = 0                   # to anyone, from the whole gateway
    already_answered_message: bool = False          # same mail to another of our addresses


@dataclass(frozen=True)
class Limits:
    redirect_interval: timedelta = timedelta(days=1)
    ack_per_sender_per_hour: int = 3
    global_replies_per_hour: int = 1000


@dataclass(frozen=True)
class Facts:
    phase: Phase
    received_at: datetime
    source: str
    classification: Classification
    cutover: datetime
    followup_grace: timedelta
    reply_to: str | None
    empty: bool = False
    addressed: bool = True  # one of ours in To/Cc/Resent-*: else no reply (implicit delivery)
    thread: ThreadMatch | None = None
    rates: RateFacts = field(default_factory=RateFacts)
    limits: Limits = field(default_factory=Limits)
    automated_tickets: bool = True     # config switch: machine mail makes tickets before cutover
    exception: str | None = None       # name of the exception rule this sender matches
    replies_allowed: bool = True       # False: backfill of old mail, decisions but no replies
    evidence: tuple[str, ...] = ()     # what a general rule saw, for the decision's notes


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str  # a Reason; a classification's first reason when the mail is automated
    phase: Phase
    reply: ReplyKind | None = None
    thread: ThreadMatch | None = None
    notes: tuple[str, ...] = ()
    held_back: ReplyKind | None = None  # this reply was due but its rate limit held it back


def decide(facts: Facts) -> Decision:
    phase, found = facts.phase, facts.classification
    if facts.empty:
        return Decision(Action.SUPPRESS, Reason.EMPTY, phase)
    if phase is Phase.REJECT and facts.source in SMTP_SOURCES and facts.exception is None:
        return Decision(Action.REJECT, Reason.REJECT_PHASE, phase)  # exceptions hold: below
    if found.automated and not _machine_ticket_allowed(facts):
        return Decision(Action.SUPPRESS, found.reason or Reason.AUTOMATED, phase,
                        notes=found.reasons + facts.evidence)
    if facts.thread is not None and _followup_allowed(facts):
        return Decision(Action.FOLLOWUP, facts.thread.via, phase, thread=facts.thread)
    if _tickets_phase(facts):
        return _ticket(facts)
    if facts.thread is not None and facts.thread.shown_to(facts.reply_to):  # past its grace
        return _redirect(facts, Reason.TICKET_IN_PORTAL, ReplyKind.TICKET_LINK)
    return _redirect(facts)


def _tickets_phase(facts: Facts) -> bool:
    """Before the cutover, or, after it, for a sender an exception rule names."""
    return facts.phase in (Phase.BEFORE, Phase.ANNOUNCE) or facts.exception is not None


def _machine_ticket_allowed(facts: Facts) -> bool:
    reasons = facts.classification.reasons
    if any(reason in NO_TICKET_REASONS for reason in reasons):
        return False
    return facts.automated_tickets and _tickets_phase(facts)


def _followup_allowed(facts: Facts) -> bool:
    if _tickets_phase(facts):
        return True
    created_before_cutover = facts.thread is not None and facts.thread.created_at < facts.cutover
    return created_before_cutover and facts.received_at < facts.cutover + facts.followup_grace


def _reply_blocker(facts: Facts) -> Reason | None:
    """Why no reply may go out even though a person wrote, or None."""
    if not facts.replies_allowed:
        return Reason.BACKFILL
    if not facts.reply_to:
        return Reason.NO_REPLY_ADDRESS
    if not facts.addressed:
        return Reason.NOT_ADDRESSED
    if facts.rates.already_answered_message:
        return Reason.ALREADY_ANSWERED
    if facts.rates.replies_in_last_hour >= facts.limits.global_replies_per_hour:
        return Reason.RATE_LIMITED
    return None


def _ticket(facts: Facts) -> Decision:
    found = facts.classification
    if facts.exception is not None and facts.phase not in (Phase.BEFORE, Phase.ANNOUNCE):
        reason: str = f"{Reason.EXCEPTION}:{facts.exception}"  # which rule made the ticket
    elif found.automated:
        reason = found.reason or Reason.AUTOMATED  # the machine reason, kept on the ticket
    else:
        reason = Reason.ANNOUNCE if facts.phase is Phase.ANNOUNCE else Reason.NEW_TICKET
    blocker = _reply_blocker(facts)
    if found.automated:
        blocker = f"automated ({', '.join(found.reasons)})"  # receipts only go to people
    elif blocker is None and facts.rates.acks_in_last_hour >= facts.limits.ack_per_sender_per_hour:
        blocker = Reason.ACK_RATE_LIMITED
    if blocker:
        return Decision(Action.TICKET, reason, facts.phase,
                        notes=(f"no receipt: {blocker}", *facts.evidence))
    return Decision(Action.TICKET, reason, facts.phase, reply=ReplyKind.ACK)


def _redirect(facts: Facts, reason: Reason = Reason.AFTER_CUTOVER,
              kind: ReplyKind = ReplyKind.REDIRECT) -> Decision:
    """The redirection, or the way to the customer's own ticket (one per redirect interval)."""
    blocker = _reply_blocker(facts)
    last = facts.rates.last_redirect_at
    if blocker is None and last is not None and facts.received_at - last < facts.limits.redirect_interval:
        blocker = Reason.RATE_LIMITED
    if blocker:
        held_back = ReplyKind.REDIRECT if blocker is Reason.RATE_LIMITED else None
        return Decision(Action.SUPPRESS, blocker, facts.phase, held_back=held_back)
    thread = facts.thread if kind is ReplyKind.TICKET_LINK else None
    return Decision(Action.REDIRECT, reason, facts.phase, reply=kind, thread=thread)
