"""The `[handoff]` settings: tickets and follow-ups handed to the agents."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gateway.redact import mask_url

DEFAULT_PORTS = {"http": 80, "https": 443}
_URL_SAFE = "/?&=%:@!$'()*+,;~-._"


@dataclass(frozen=True)
class WebhookTarget:
    """Where a webhook POST goes, taken apart once: credentials in the URL become Basic auth
    (urllib would have sent `user:pass@host` to DNS), `shown` is the URL with secrets masked."""

    tls: bool
    host: str
    port: int
    path: str  # with the query
    authorization: str | None
    shown: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = DEFAULT_PORTS["https" if self.tls else "http"]
        return host if self.port == default else f"{host}:{self.port}"


def webhook_target(url: str) -> WebhookTarget:
    """Parse a webhook URL; ValueError (whose text never holds a password) if it is unusable."""
    shown = mask_url(url)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a usable URL: {shown} ({exc})") from None
    if parts.scheme not in DEFAULT_PORTS:
        raise ValueError(f"only http:// and https:// webhook URLs are delivered, not {shown!r}")
    if not parts.hostname:
        raise ValueError(f"no host in the webhook URL {shown}")
    if any(c in url for c in "\r\n\t "):
        raise ValueError(f"white space or a line break in the webhook URL {shown!r}")
    authorization = None
    if parts.username is not None or parts.password is not None:
        pair = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    # what a request line can carry: non-ASCII percent-encoded, the host in IDNA
    path = quote(urlunsplit(("", "", parts.path or "/", parts.query, "")), safe=_URL_SAFE)
    host = parts.hostname if parts.hostname.isascii() else parts.hostname.encode("idna").decode()
    return WebhookTarget(parts.scheme == "https", host,
                         port or DEFAULT_PORTS[parts.scheme], path, authorization, shown)


class HandoffConfig(BaseModel):
    """Tickets and follow-ups handed to the agents: a webhook and/or forwarding by mail."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    webhook_url: str = ""          # or $GATEWAY_HANDOFF_WEBHOOK
    webhook_secret_file: str = ""  # or $GATEWAY_WEBHOOK_SECRET: HMAC key of X-Gateway-Signature
    forward_to: str = ""           # agents' mailbox / another helpdesk's mail channel
    timeout_seconds: float = Field(default=10, gt=0)  # the whole POST, connect to answer
    max_attempts: int = Field(default=20, ge=1)
    backoff_seconds: float = Field(default=30, gt=0)
    backoff_max_seconds: float = Field(default=3600, gt=0)
    # the oldest event waiting this long (failing or untried): status/check/healthz WARNING ...
    alarm_after_minutes: float = Field(default=15, gt=0)
    critical_after_minutes: float = Field(default=60, gt=0)  # ... and CRITICAL
    # The customer's view of a helpdesk ticket when the webhook answer gives only its id:
    # "https://account.example/tickets/{id}". Empty: such a reply links to the portal itself.
    ticket_url_template: str = ""

    @field_validator("ticket_url_template")
    @classmethod
    def _ticket_url(cls, value: str) -> str:
        if value and (not value.startswith(("https://", "http://")) or "{id}" not in value
                      or any(c.isspace() for c in value)):
            raise ValueError("handoff.ticket_url_template must be an http(s) URL holding {id}, "
                             "e.g. https://account.example/tickets/{id}")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _usable_url(cls, value: str) -> str:
        if value:
            webhook_target(value)
        return value

    @property
    def configured(self) -> bool:
        return bool(self.webhook_url or self.forward_to)
