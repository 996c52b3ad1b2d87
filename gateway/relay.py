"""Handing one message to the relay (or, in dry run, to a file): the delivery primitives the
outbox (replies) and the handoff sender (agents) share. Failures say whether to retry."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from gateway.config import DkimConfig, RelayConfig
from gateway.config_load import read_secret
from gateway.models import Reply

Signer = Callable[[bytes], bytes]


class DeliveryError(Exception):
    def __init__(self, detail: str, temporary: bool, unreachable: bool = False) -> None:
        super().__init__(detail)
        self.temporary = temporary
        self.unreachable = unreachable  # the relay itself, not this one reply


def backoff(relay: RelayConfig, attempts: int) -> timedelta:
    """Exponential: base, 2×base, 4×base, ... capped."""
    seconds = min(relay.backoff_seconds * (2 ** max(attempts - 1, 0)), relay.backoff_max_seconds)
    return timedelta(seconds=seconds)


class _Answer:
    """Keeps the relay's answer to DATA (e.g. `250 2.0.0 Ok: queued as 4Xyz`), which
    smtplib's sendmail() drops: it is the reference to find the reply in the relay's log."""

    answer: str = ""

    def data(self, msg):  # type: ignore[no-untyped-def]
        code, text = super().data(msg)  # type: ignore[misc]
        self.answer = f"{code} {text.decode('utf-8', 'replace')}"
        return code, text


class _Client(_Answer, smtplib.SMTP):
    pass


class _TlsClient(_Answer, smtplib.SMTP_SSL):
    pass


def refuse_plain_auth(relay: RelayConfig) -> None:
    """AUTH sends the password; over a connection without TLS only when the admin said so."""
    if relay.security == "none" and not relay.allow_plain_auth:
        raise DeliveryError("relay: AUTH over an unencrypted connection refused (the password "
                            "would travel in clear text); use relay.security = \"starttls\" or "
                            "\"tls\", or set relay.allow_plain_auth = true for a trusted "
                            "local relay", temporary=False, unreachable=True)


def relay_send(relay: RelayConfig, envelope_sender: str, rcpt: str, raw: bytes,
               signer: Signer | None = None) -> str:
    """Hand one message to the relay; returns the relay's answer to DATA, raises
    DeliveryError(temporary=...) on failure."""
    password = read_secret("GATEWAY_RELAY_PASSWORD", relay.password_file)
    context = ssl.create_default_context(cafile=relay.ca_file or None)
    try:
        if relay.security == "tls":
            client: _Answer = _TlsClient(relay.host, relay.port, timeout=relay.timeout_seconds,
                                         context=context)
        else:
            client = _Client(relay.host, relay.port, timeout=relay.timeout_seconds)
        with client:
            if relay.security == "starttls":
                client.starttls(context=context)
            if relay.username:
                refuse_plain_auth(relay)
                client.login(relay.username, password)
            data = signer(raw) if signer else raw
            # An address beyond ASCII (jürgen@müller.de) needs SMTPUTF8 (RFC 6531) on the relay.
            options = [] if (envelope_sender + rcpt).isascii() else ["SMTPUTF8"]
            refused = client.sendmail(envelope_sender, [rcpt], data, mail_options=options)
            if refused:
                code, text = refused[rcpt]
                raise DeliveryError(f"{code} {text!r}", temporary=400 <= code < 500)
        return client.answer or "250 accepted"
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
