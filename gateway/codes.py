"""The gateway's vocabulary: states, actions and reason codes as StrEnums. Their values are what
the database, the logs and `--json` carry, so a value never changes once released."""

from __future__ import annotations

from enum import StrEnum


class InboundStatus(StrEnum):
    """Where a received mail stands in the inbound queue."""

    RECEIVED = "received"
    RECEIVING = "receiving"  # a big mail being written in chunks (ingest/store_big.py)
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"


class ReplyStatus(StrEnum):
    """Where a reply stands in the outbox (see outbox.py for SENDING and UNCONFIRMED)."""

    QUEUED = "queued"
    SENDING = "sending"          # committed before the relay is contacted
    SENT = "sent"
    WRITTEN = "written"          # dry run: an .eml file
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"  # was SENDING when the process died: not resent automatically


class TicketStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ArticleKind(StrEnum):
    INITIAL = "initial"
    FOLLOWUP = "followup"


class Action(StrEnum):
    """What the gateway does with one (message, recipient)."""

    TICKET = "ticket"
    FOLLOWUP = "followup"
    REDIRECT = "redirect"
    SUPPRESS = "suppress"
    REJECT = "reject"


class ReplyKind(StrEnum):
    ACK = "ack"
    REDIRECT = "redirect"
    TICKET_LINK = "ticket-link"  # after the grace period: the helpdesk's ticket, in the portal


class Reason(StrEnum):
    """Why: every decision and every machine sign is recorded with one of these."""

    # classify.py: the mail came from a machine (or a loop)
    LOOP = "loop"
    OWN_ADDRESS = "own-address"
    NULL_SENDER = "null-sender"
    BOUNCE = "bounce"
    READ_RECEIPT = "read-receipt"
    FEEDBACK_REPORT = "feedback-report"
    AUTO_SUBMITTED = "auto-submitted"
    AUTO_RESPONSE_SUPPRESS = "auto-response-suppress"
    BULK = "bulk"
    LIST = "list"
    AUTO_REPLY = "auto-reply"
    OUT_OF_OFFICE = "out-of-office"
    SPAM = "spam"
    NOREPLY_SENDER = "noreply-sender"
    MACHINE_NOTICE = "machine-notice"  # says it is automatic, or a system account's alert
    MACHINE_SIGNALS = "machine-signals"  # several weak structural signs, no person's (machine_signals.py)
    UNAUTHENTICATED = "unauthenticated"
    # decide.py: the outcome for a person's mail, or why it got no reply
    EMPTY = "empty"
    REJECT_PHASE = "reject-phase"
    AUTOMATED = "automated"
    NEW_TICKET = "new-ticket"
    ANNOUNCE = "announce"
    AFTER_CUTOVER = "after-cutover"
    TICKET_IN_PORTAL = "ticket-in-portal"  # answers a handed-off ticket past its grace period
    NO_REPLY_ADDRESS = "no-reply-address"
    NOT_ADDRESSED = "not-addressed"  # none of ours in To/Cc/Resent-*: Bcc'd bulk (implicit delivery)
    ALREADY_ANSWERED = "already-answered"
    RATE_LIMITED = "rate-limited"
    ACK_RATE_LIMITED = "ack-rate-limited"
    BACKFILL = "backfill"        # imported or first-polled old mail: decided, never answered
    EXCEPTION = "exception"      # written exception:NAME, the [[exception]] rule that matched
    # tickets.py: how a follow-up was matched to its ticket
    IN_REPLY_TO = "in-reply-to"
    REFERENCES = "references"
    SUBJECT_TAG = "subject-tag"


class WatchMode(StrEnum):
    """What an IMAP folder watcher of `serve` is doing (status, `imap.mailboxes[].mode`)."""

    CONNECTING = "connecting"
    IDLE = "idle"                  # waiting with IDLE (RFC 2177)
    POLL = "poll"                  # the server has no IDLE: polling
    RECONNECTING = "reconnecting"  # after an error, waiting out the backoff


HEARTBEAT_SECONDS = 10  # how often `serve` reports; silent for 3 of these: status calls it stale
# the responder ledger's gateway-wide row (sender and address) and its rate window; here, not
# in pipeline/responder.py, so that status and monitoring read them without the rules
LEDGER_GLOBAL = "*"
LEDGER_WINDOW_SECONDS = 3600
