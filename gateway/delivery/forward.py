"""Pure: the mail that hands a ticket to an agents' mailbox or another helpdesk's mail channel:
the ticket tag in the subject, a short summary, and the original mail attached unchanged
(message/rfc822, its bytes as received)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from gateway.config.settings import GatewaySettings
from gateway.rules.classify import REPLY_MESSAGE_ID_PREFIX


def _summary(payload: dict) -> str:
    automated = ", ".join(payload["automated_reasons"]) or "nein / no"
    return "\r\n".join([
        f"{payload['event']}: {payload['ticket']} ({payload['department']})",
        f"An / to: {payload['address']}",
        f"Von / from: {payload['sender'] or '(unbekannt)'}",
        f"Empfangen / received: {payload['received_at']}",
        f"Automatisch / automated: {automated}",
        "", "Die Original-Mail ist angehaengt. / The original mail is attached.", ""])


def _boundary(raw: bytes, seed: str) -> str:
    """A boundary that does not occur in the attached mail."""
    boundary = "gw-" + hashlib.sha256(seed.encode()).hexdigest()[:32]
    while boundary.encode() in raw:
        boundary = "gw-" + hashlib.sha256(boundary.encode()).hexdigest()[:32]
    return boundary


def forward_message(settings: GatewaySettings, handoff_id: int, payload: dict, original: bytes,
                    to: str, at: datetime) -> bytes:
    """The same bytes for the same handoff (a retry carries the same Message-ID, so a receiver
    can drop repeats). From is the gateway's loop address, not one of the support addresses:
    a helpdesk's auto-answer to it never comes back as a new ticket; Reply-To is the customer."""
    head = EmailMessage(policy=SMTP)
    head["From"] = formataddr((f"Support-Gateway ({payload['address']})", settings.loop_token))
    head["To"] = to
    if payload["sender"]:
        head["Reply-To"] = payload["sender"]
    head["Subject"] = f"[{payload['ticket']}] {payload['subject'] or '(kein Betreff)'}"
    head["Date"] = format_datetime(at)
    head["Message-ID"] = (f"<{REPLY_MESSAGE_ID_PREFIX}handoff.{handoff_id}."
                          f"{payload['ticket']}@{settings.domain}>")
    head["Auto-Submitted"] = "auto-generated"
    head["X-Loop"] = settings.loop_token
    head["X-Gateway-Ticket"] = payload["ticket"]
    head["X-Gateway-Event"] = payload["event"]
    if payload["message_id"]:
        head["References"] = payload["message_id"]
    boundary = _boundary(original, payload["idempotency_key"])
    head["MIME-Version"] = "1.0"
    head["Content-Type"] = f'multipart/mixed; boundary="{boundary}"'
    original = original.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    eight_bit = any(byte > 127 for byte in original)
    parts = [
        b"".join(head.policy.fold_binary(name, value) for name, value in head.items()) + b"\r\n",
        f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n".encode(), _summary(payload).encode("utf-8"),
        f"\r\n--{boundary}\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; "
        f'filename="original.eml"\r\nContent-Transfer-Encoding: '
        f"{'8bit' if eight_bit else '7bit'}\r\n\r\n".encode(),
        original if original.endswith(b"\r\n") else original + b"\r\n",
        f"--{boundary}--\r\n".encode()]
    return b"".join(parts)
