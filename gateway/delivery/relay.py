"""Handing one message to the relay (or, in dry run, to a file): the delivery primitives the
outbox (replies) and the handoff sender (agents) share. Failures say whether to retry.

A relay failure also says *where* it happened. Before the end of DATA nothing was handed over:
it is temporary and tried again. After the final dot the relay may well have taken the message;
a timeout or a dropped line then leaves it unknown, and trying again could send the customer a
second copy. Such a failure is `ambiguous` (the outbox marks the reply `unconfirmed`, as after
a crash)."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from gateway.config.load import read_secret
from gateway.config.settings import DkimConfig, RelayConfig
from gateway.store.models import Reply

Signer = Callable[[bytes], bytes]
_LEADING_DOT_RE = re.compile(rb"(?m)^\.")


class DeliveryError(Exception):
    def __init__(self, detail: str, temporary: bool, unreachable: bool = False,
                 ambiguous: bool = False) -> None:
        super().__init__(detail)
        self.temporary = temporary
        self.unreachable = unreachable  # the relay itself, not this one reply
        self.ambiguous = ambiguous  # the relay may have taken it: never resend automatically


def _refused(code: int, text: bytes | str) -> DeliveryError:
    return DeliveryError(f"{code} {text!r}", temporary=400 <= code < 500)


def _connect(relay: RelayConfig, context: ssl.SSLContext) -> smtplib.SMTP:
    if relay.security == "tls":
        return smtplib.SMTP_SSL(relay.host, relay.port, timeout=relay.timeout_seconds,
                                context=context)
    return smtplib.SMTP(relay.host, relay.port, timeout=relay.timeout_seconds)


def _envelope(client: smtplib.SMTP, sender: str, rcpt: str) -> None:
    client.ehlo_or_helo_if_needed()
    # An address beyond ASCII (jürgen@müller.de) needs SMTPUTF8 (RFC 6531) on the relay.
    options = [] if (sender + rcpt).isascii() else ["SMTPUTF8"]
    code, text = client.mail(sender, options)
    if code != 250:
        raise _refused(code, text)
    code, text = client.rcpt(rcpt)
    if code not in (250, 251):
        raise _refused(code, text)


def _data(client: smtplib.SMTP, data: bytes, handed_over: list[bool]) -> str:
    """Returns the relay's answer to the final dot (e.g. `250 2.0.0 Ok: queued as 4Xyz`): the
    reference to find the reply in the relay's log."""
    code, text = client.docmd("DATA")
    if code != 354:
        raise _refused(code, text)
    payload = _LEADING_DOT_RE.sub(b"..", data)
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    client.send(payload + b".\r\n")
    handed_over.append(True)  # the final dot is out: from here a lost answer is ambiguous
    code, text = client.getreply()
    if code != 250:
        raise _refused(code, text)
    return f"{code} {text.decode('utf-8', 'replace')}"


def refuse_plain_auth(relay: RelayConfig) -> None:
    """AUTH sends the password; over a connection without TLS only when the admin said so."""
    if relay.security == "none" and not relay.allow_plain_auth:
        raise DeliveryError("relay: AUTH over an unencrypted connection refused (the password "
                            "would travel in clear text); use relay.security = \"starttls\" or "
                            "\"tls\", or set relay.allow_plain_auth = true for a trusted "
                            "local relay", temporary=False, unreachable=True)


def relay_send(relay: RelayConfig, envelope_sender: str, rcpt: str, raw: bytes,
               signer: Signer | None = None) -> str:
    """Hand one message to the relay; raises DeliveryError on failure (see the module doc)."""
    password = read_secret("GATEWAY_RELAY_PASSWORD", relay.password_file)
    context = ssl.create_default_context(cafile=relay.ca_file or None)
    handed_over: list[bool] = []
    try:
        client = _connect(relay, context)
        try:
            if relay.security == "starttls":
                client.starttls(context=context)
            if relay.username:
                refuse_plain_auth(relay)
                client.login(relay.username, password)
            _envelope(client, envelope_sender, rcpt)
            answer = _data(client, signer(raw) if signer else raw, handed_over)
        finally:
            _quit(client)
        return answer
    except DeliveryError:
        raise
    except smtplib.SMTPResponseException as exc:
        raise _refused(exc.smtp_code, exc.smtp_error) from exc
    except (smtplib.SMTPNotSupportedError, UnicodeError) as exc:  # retrying will not help
        raise DeliveryError(f"{exc.__class__.__name__}: {exc}", temporary=False) from exc
    except (OSError, smtplib.SMTPException) as exc:  # refused, timeout, dropped
        if handed_over:
            raise DeliveryError(f"no answer after the end of DATA ({exc.__class__.__name__}: "
                                f"{exc}); not resent to avoid a duplicate", temporary=False,
                                ambiguous=True) from exc
        raise DeliveryError(f"{exc.__class__.__name__}: {exc}", temporary=True,
                            unreachable=True) from exc


def _quit(client: smtplib.SMTP) -> None:
    """Say goodbye if the line still works; its failure changes nothing about the delivery."""
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def backoff(relay: RelayConfig, attempts: int) -> timedelta:
    """Exponential: base, 2×base, 4×base, ... capped."""
    seconds = min(relay.backoff_seconds * (2 ** max(attempts - 1, 0)), relay.backoff_max_seconds)
    return timedelta(seconds=seconds)


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
