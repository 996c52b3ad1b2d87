"""Pure: small named detectors, each answering "is this a machine (or a loop)?" with a reason code.

Never answer a machine (RFC 3834, RFC 5230 section 4.5, common practice). Each detector is
one small function; `DETECTORS` is the ordered table; the first reason found wins, all found
are recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gateway.codes import Reason
from gateway.rules.absence_replies import absence_answer
from gateway.rules.bounces import looks_like_bounce_report
from gateway.rules.bulk_senders import campaign_mail
from gateway.rules.challenge import challenge_response
from gateway.rules.covered_notices import client_rule_notice
from gateway.rules.evidence_reports import security_report
from gateway.rules.generated_replies import generated_reply, plain_receipt
from gateway.rules.machine_signals import machine_signals
from gateway.rules.mail_systems import abuse_complaint, failure_only, free_text_failure, from_mail_system
from gateway.rules.msgid import REPLY_MESSAGE_ID_PREFIX
from gateway.rules.notices import asks, declared_failure, declared_machine, pastes_and_asks, postmaster_asks
from gateway.rules.out_of_office import looks_like_absence_notice, vacation_marker
from gateway.rules.parse import ParsedMail
from gateway.rules.pasted_notices import pasted_under_words
from gateway.rules.precedence import sender_precedence, srs_original
from gateway.rules.report_files import report_file
from gateway.rules.role_senders import noreply_sender
from gateway.rules.sender_auth import authenticated
from gateway.rules.signed_replies import admin_signs
from gateway.rules.system_senders import system_notice
from gateway.subaddress import first_ours


@dataclass(frozen=True)
class Envelope:
    """What the source told us, next to the mail itself."""

    sender: str | None  # None: unknown (e.g. IMAP without Return-Path); "": null return path <>
    rcpt: str
    source: str = "pipe"


@dataclass(frozen=True)
class Context:
    """What the detectors need to know about us."""

    own_addresses: frozenset[str]
    loop_token: str
    max_received: int = 30
    backscatter_guard: bool = False
    trusted_authserv_ids: frozenset[str] = frozenset()
    recipient_delimiter: str = "+"

    def is_ours(self, address: str) -> bool:
        """One of our addresses, also as a subaddress (technik+tag@)."""
        return first_ours([address], self.own_addresses, self.recipient_delimiter) is not None


@dataclass(frozen=True)
class Classification:
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    authenticated: bool = False  # the backscatter guard is on and found an aligned pass

    @property
    def automated(self) -> bool:
        return bool(self.reasons)

    @property
    def reason(self) -> Reason | None:
        return self.reasons[0] if self.reasons else None


Detector = Callable[[ParsedMail, Envelope, Context], Reason | None]

_BOUNCE_LOCAL_RE = re.compile(r"^(mailer[-_]daemon|postmaster)$")
# Formats without a DSN: the failed recipients (Exim), Exchange's NDR mark, Italian PEC receipts
_BOUNCE_HEADERS = ("x-failed-recipients", "x-ms-exchange-message-is-ndr", "x-ricevuta")
_ADDRESS_RE = re.compile(r"[^\s<>\"(),;:]+@[^\s<>\"(),;:]+")
_COMMENT_RE = re.compile(r"\([^()]*\)")
_VENDOR_AUTOREPLY_HEADERS = (
    "x-autoreply", "x-autorespond", "x-autoreply-from", "x-autoresponse", "x-mail-autoreply",
    "x-autoresponder", "x-fc-machinegenerated", "x-cr-autoreply", "x-mailautoreply",
)
_LIST_HEADERS = (
    "list-id", "list-unsubscribe", "list-subscribe", "list-post", "list-help", "list-owner",
    "list-archive", "mailing-list", "x-mailing-list", "x-list-id", "x-mlserver", "x-ml-name",
)


def _local(address: str | None) -> str:
    return (address or "").rsplit("@", 1)[0].strip().lower()


def _envelope(mail: ParsedMail, env: Envelope) -> str:
    """Envelope sender (unknown: the Return-Path a mailbox recorded, as reply_address takes
    it, so that simulate, import and IMAP judge a mail as serve does)."""
    if env.sender is None:
        return (mail.header("return-path") or "").strip().strip("<>").strip().lower()
    return env.sender.lower()


def _senders(mail: ParsedMail, env: Envelope) -> list[str]:
    """Envelope sender (and the original one of a forwarder's SRS address), From, Reply-To."""
    found = [_envelope(mail, env), srs_original(_envelope(mail, env)), mail.from_addr, *mail.reply_to]
    return [a.lower() for a in found if a]


def is_loop(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    for value in mail.header_values("x-loop"):  # our token, or any of our addresses
        if ctx.loop_token.lower() in value.lower() or any(
                ctx.is_ours(a) for a in _ADDRESS_RE.findall(value)):
            return Reason.LOOP
    if mail.message_id and mail.message_id.startswith("<" + REPLY_MESSAGE_ID_PREFIX):
        return Reason.LOOP  # one of our own replies came back
    if len(mail.header_values("received")) > ctx.max_received:
        return Reason.LOOP
    return None


def is_own_address(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    return Reason.OWN_ADDRESS if any(ctx.is_ours(s) for s in _senders(mail, env)) else None


def is_null_sender(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    if env.sender == "":
        return Reason.NULL_SENDER
    if env.sender is None and (mail.header("return-path") or "").strip() in ("<>", ""):
        return Reason.NULL_SENDER if mail.header("return-path") is not None else None
    return None


def is_bounce(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    if mail.content_type == "multipart/report" and _report_type(mail) in ("", "delivery-status"):
        return Reason.BOUNCE
    if _bounce_address(mail, env):
        return Reason.BOUNCE
    if any(mail.header_values(name) for name in _BOUNCE_HEADERS):
        return Reason.BOUNCE
    if mail.bounced and not pastes_and_asks(mail.text):
        return Reason.BOUNCE
    if looks_like_bounce_report(mail.subject, mail.text) and not asks(mail.text):
        return Reason.BOUNCE
    if from_mail_system(mail, env.sender) and not admin_signs(mail):
        return Reason.BOUNCE
    if free_text_failure(mail) or declared_failure(mail) or failure_only(mail):
        return Reason.BOUNCE
    return None


def _bounce_address(mail: ParsedMail, env: Envelope) -> bool:
    """MAILER-DAEMON or postmaster as sender; a postmaster@ that asks a question, with no sign
    of a bounce, is a customer's admin."""
    locals_ = [_local(s) for s in (env.sender, mail.from_addr) if s]
    if not any(_BOUNCE_LOCAL_RE.match(local) for local in locals_):
        return False
    admin = postmaster_asks(mail) or admin_signs(mail)
    return any(local.startswith("mailer") for local in locals_) or not admin


def _report_type(mail: ParsedMail) -> str:
    match = re.search(r"report-type\s*=\s*\"?([\w-]+)", mail.header("content-type") or "", re.I)
    return match.group(1).lower() if match else ""


def is_receipt_or_feedback(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    if mail.content_type != "multipart/report":
        if plain_receipt(mail):
            return Reason.READ_RECEIPT
        senders = _senders(mail, env)
        reported = abuse_complaint(mail, senders) or security_report(mail, senders) or report_file(mail)
        return Reason.FEEDBACK_REPORT if reported else None
    kind = _report_type(mail)  # any type but a DSN's (tlsrpt, a vendor's) is a program's report too
    return None if kind in ("", "delivery-status") else {
        "disposition-notification": Reason.READ_RECEIPT}.get(kind, Reason.FEEDBACK_REPORT)


def auto_submitted_keyword(value: str) -> str:
    """RFC 3834: a keyword, optional parameters after ';', comments in parentheses anywhere."""
    previous = None
    while previous != value:  # innermost comments first: nested ones are allowed
        previous, value = value, _COMMENT_RE.sub(" ", value)
    words = value.split(";", 1)[0].split()
    return words[0].lower() if words else ""


def is_auto_submitted(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    for value in mail.header_values("auto-submitted"):
        if auto_submitted_keyword(value) != "no":
            return Reason.AUTO_SUBMITTED
    return None


def is_auto_response_suppressed(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    for value in mail.header_values("x-auto-response-suppress"):
        tokens = {t.strip().lower() for t in re.split(r"[,\s]+", value) if t.strip()}
        if tokens & {"all", "autoreply", "oof"}:
            return Reason.AUTO_RESPONSE_SUPPRESS
    return None


def is_precedence(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    values = sender_precedence(mail, _envelope(mail, env))
    for value in values:
        kind = value.strip().lower()
        if kind in ("bulk", "junk"):
            return Reason.BULK
        if kind == "list":
            return Reason.LIST
        if kind in ("auto_reply", "auto-reply"):
            return Reason.AUTO_SUBMITTED
    return Reason.BULK if campaign_mail(mail, _envelope(mail, env)) else None


def is_vendor_autoreply(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    if any(mail.header_values(name) for name in _VENDOR_AUTOREPLY_HEADERS):
        return Reason.AUTO_REPLY
    if any(v.strip().lower() == "reply" for v in mail.header_values("x-autogenerated")):
        return Reason.AUTO_REPLY
    if vacation_marker(mail.headers, mail.subject) or challenge_response(mail) or generated_reply(mail):
        return Reason.AUTO_REPLY
    return None


def is_out_of_office(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    if looks_like_absence_notice(mail.subject, mail.text):
        return Reason.OUT_OF_OFFICE
    return Reason.OUT_OF_OFFICE if absence_answer(mail) or client_rule_notice(mail) else None


def is_machine_notice(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    if pasted_under_words(mail):  # a person's words above a notice they pasted (pasted_notices)
        return None
    if declared_machine(mail) or system_notice(mail, _senders(mail, env)):
        return Reason.MACHINE_NOTICE
    return Reason.MACHINE_SIGNALS if machine_signals(mail) else None  # several weak signs


def is_list(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    return Reason.LIST if any(mail.header_values(name) for name in _LIST_HEADERS) else None


def is_spam(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    flags = [v.strip().lower() for v in mail.header_values("x-spam-flag")]
    status = [v.strip().lower() for v in mail.header_values("x-spam-status")]
    if "yes" in flags or any(s.startswith("yes") for s in status):
        return Reason.SPAM
    return None


def is_noreply_sender(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    envelope = _local(srs_original(_envelope(mail, env)) or _envelope(mail, env))  # SRS: its own
    if noreply_sender(mail, envelope, _senders(mail, env)):
        return Reason.NOREPLY_SENDER
    return None


def is_unauthenticated(mail: ParsedMail, env: Envelope, ctx: Context) -> Reason | None:
    """Backscatter guard: only when enabled, demand an aligned SPF or DKIM pass."""
    if not ctx.backscatter_guard or _authenticated(mail, ctx):
        return None
    return Reason.UNAUTHENTICATED


def _authenticated(mail: ParsedMail, ctx: Context) -> bool:
    return ctx.backscatter_guard and authenticated(
        mail.header_values("authentication-results"), mail.from_addr, ctx.trusted_authserv_ids)


DETECTORS: tuple[Detector, ...] = (
    is_loop,
    is_own_address,
    is_null_sender,
    is_bounce,
    is_receipt_or_feedback,
    is_auto_submitted,
    is_auto_response_suppressed,
    is_precedence,
    is_vendor_autoreply,
    is_list,
    is_out_of_office,
    is_spam,
    is_noreply_sender,
    is_unauthenticated,
)


def classify(mail: ParsedMail, env: Envelope, ctx: Context) -> Classification:
    reasons = []
    for detector in DETECTORS:
        reason = detector(mail, env, ctx)
        if reason and reason not in reasons:
            reasons.append(reason)
    if not reasons:  # the words a notice says about itself: only where no other sign was found
        reasons.extend(filter(None, [is_machine_notice(mail, env, ctx)]))
    return Classification(tuple(reasons), authenticated=_authenticated(mail, ctx))
