"""The settings model, validated. Its defaults *are* the embedded defaults; `config/gateway.toml`
documents them (a test keeps the two equal). Reading the file and the environment: config_load."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from functools import cached_property
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gateway.config.company import (
    CompanyFacts,
    PerLanguage,
    facts_warnings,
    first_value,
)
from gateway.config.dkim import DkimConfig
from gateway.config.fact_checks import empty_problems, language_problems, url_problems
from gateway.config.file import relative_paths
from gateway.config.handoff import HandoffConfig
from gateway.config.imap import ImapConfig
from gateway.config.metrics import MetricsConfig
from gateway.config.postfix import PostfixConfig
from gateway.subaddress import base_address

LocalMoment = date | datetime


class HostPort(NamedTuple):
    """`host:port` as the config and the environment write it (`[::1]:25` for IPv6)."""

    host: str
    port: int

    @classmethod
    def parse(cls, value: str, any_port: bool = False) -> HostPort:
        """Raises ValueError for anything but host:port with a port in 1..65535 (or 0 with
        any_port: a listener bound to whichever port is free, as tests do)."""
        host, sep, port = value.rpartition(":")
        lowest = 0 if any_port else 1
        if not sep or not host or not port.isdigit() or not lowest <= int(port) < 65536:
            raise ValueError(f"'{value}' is not host:port")
        return cls(host.strip("[]"), int(port))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddressConfig(_Strict):
    """One of the old support addresses and its migration timeline."""

    address: str
    department: PerLanguage  # a string, or a table per language
    display_name: PerLanguage = ""
    announce_from: LocalMoment | None = None
    cutover: LocalMoment = date(2025, 10, 13)
    followup_grace_days: int = Field(default=14, ge=0)
    reject_from: LocalMoment | None = None
    redirect: Literal["account_center", "contact_form"] = "account_center"
    ack_template: str = "ack"
    redirect_template: str = ""
    reject_message: PerLanguage = ""  # "": the company's reject_message for its redirect kind

    @field_validator("address")
    @classmethod
    def _lower_address(cls, value: str) -> str:
        value = value.strip().lower()
        if value.count("@") != 1 or value.startswith("@") or value.endswith("@"):
            raise ValueError("must be a mail address like technik@example.com")
        return value

    @property
    def template_for_redirect(self) -> str:
        return self.redirect_template or f"redirect_{self.redirect}"

    @property
    def department_name(self) -> str:
        """The department as tickets and logs record it (a table's first language)."""
        return first_value(self.department)


def _default_addresses() -> list[AddressConfig]:
    def names(de: str, en: str, fr: str) -> dict[str, dict[str, str]]:
        return {"department": {"de": de, "en": en, "fr": fr},
                "display_name": {"de": f"centron {de}", "en": f"centron {en}",
                                 "fr": f"centron {fr}"}}
    return [
        AddressConfig(address="technik@centron.de", announce_from=date(2025, 9, 15),
                      **names("Technischer Support", "Technical Support", "Support technique")),
        AddressConfig(address="billing@centron.de", announce_from=date(2025, 9, 15),
                      **names("Abrechnung & Buchhaltung", "Billing & Accounting",
                              "Facturation & comptabilité")),
        AddressConfig(address="vertrieb@centron.de", announce_from=date(2025, 9, 15),
                      redirect="contact_form", **names("Vertrieb", "Sales", "Ventes")),
    ]


class SmtpConfig(_Strict):
    listen: str = "127.0.0.1:8025"
    lmtp_listen: str = ""
    hostname: str = "gateway.centron.de"
    max_message_size: int = Field(default=26_214_400, gt=0)
    max_connections: int = Field(default=100, gt=0)
    max_connections_per_client: int = Field(default=25, gt=0)
    max_recipients: int = Field(default=100, gt=0)
    timeout_seconds: float = Field(default=60, gt=0)  # silence, not transfer time
    max_session_seconds: float = Field(default=900, gt=0)
    tls_cert_file: str = ""
    tls_key_file: str = ""


class RelayConfig(_Strict):
    """Outbound SMTP relay. Empty host with an outbox_dir set means dry run."""

    host: str = ""
    port: int = Field(default=25, gt=0, lt=65536)
    security: Literal["none", "starttls", "tls"] = "none"
    username: str = ""
    password_file: str = ""
    ca_file: str = ""  # trust this CA for the relay's certificate (else the system store)
    timeout_seconds: float = Field(default=30, gt=0)
    envelope_sender: str = ""
    # AUTH over security = "none" sends the password in clear text: refused unless set here
    allow_plain_auth: bool = False
    max_attempts: int = Field(default=8, ge=1)
    backoff_seconds: float = Field(default=60, gt=0)
    backoff_max_seconds: float = Field(default=3600, gt=0)
    # the oldest reply waiting this long (failing or untried): status/check/healthz WARNING ...
    alarm_after_minutes: float = Field(default=15, gt=0)
    critical_after_minutes: float = Field(default=60, gt=0)  # ... and CRITICAL


class ResponderConfig(_Strict):
    redirect_interval_hours: float = Field(default=24, ge=0)
    ack_per_sender_per_hour: int = Field(default=3, ge=0)
    global_replies_per_hour: int = Field(default=1000, ge=0)
    max_received_headers: int = Field(default=30, gt=0)
    languages: list[str] = Field(default=["de", "en"], min_length=1)  # each: templates/lang/
    language_model: bool = True  # false: function words and Content-Language only (no lingua)
    backscatter_guard: bool = False
    trusted_authserv_ids: list[str] = []
    # implicit delivery: a reply only when one of ours (or an alias) is in To/Cc/Resent-*
    require_addressed: bool = True
    addressed_aliases: list[str] = []

    @field_validator("addressed_aliases")
    @classmethod
    def _lower_aliases(cls, value: list[str]) -> list[str]:
        return [a.strip().lower() for a in value]

    def problems(self) -> list[str]:
        """What `config check` refuses (exit 78)."""
        if self.backscatter_guard and not self.trusted_authserv_ids:
            return ["responder.backscatter_guard is on but responder.trusted_authserv_ids "
                    "is empty: every mail would be suppressed as unauthenticated"]
        return []

    def warnings(self) -> list[str]:
        if not self.backscatter_guard:
            return ["responder.backscatter_guard is off: replies go to whatever sender a "
                    "mail claims (forged senders get replies too)"]
        return []


class ExceptionRule(_Strict):
    """Senders whose mail still becomes a ticket after the cutover (partners, Managed Services)."""

    name: str = Field(min_length=1, max_length=48)
    senders: list[str] = Field(min_length=1)  # addresses (a@b.example) or domains (b.example)
    addresses: list[str] = []                 # only for these of our addresses; empty: all

    @field_validator("senders", "addresses")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [v.strip().lower().lstrip("@") for v in values if v.strip()]


class GatewaySettings(CompanyFacts):
    """The company facts (config/company.py) and everything else."""

    timezone: str = "Europe/Berlin"
    database_url: str = "sqlite:///var/gateway.db"
    database_busy_timeout_seconds: float = Field(default=30, gt=0)
    outbox_dir: str = "var/outbox"
    templates_dir: str = ""
    ticket_prefix: str = "TK"
    recipient_delimiter: str = "+"  # as Postfix's: technik+tag@ is technik@; "" turns it off
    worker_interval_seconds: float = Field(default=2, gt=0)
    # "process": isolated, on its own core; "thread": about 25 MB less (docs/deployment.md)
    worker_mode: Literal["process", "thread"] = "process"
    smtp: SmtpConfig = SmtpConfig()
    relay: RelayConfig = RelayConfig()
    responder: ResponderConfig = ResponderConfig()
    dkim: DkimConfig = DkimConfig()
    metrics: MetricsConfig = MetricsConfig()
    postfix: PostfixConfig = PostfixConfig()
    addresses: list[AddressConfig] = Field(default_factory=_default_addresses)
    imap: list[ImapConfig] = []
    imap_interval_seconds: float = Field(default=60, gt=0)
    retention_days: float = Field(default=0, ge=0)  # 0: keep the raw mail forever
    retention_keep_articles: bool = False  # true: ticket content handed to the agents stays
    automated_tickets: bool = True  # false: machine mail makes no ticket before the cutover either
    backfill_reply_window_hours: float = Field(default=24, ge=0)  # older imported mail: no reply
    exceptions: list[ExceptionRule] = []
    handoff: HandoffConfig = HandoffConfig()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("must be an IANA time zone such as Europe/Berlin") from exc
        return value

    @model_validator(mode="after")
    def _unique_addresses(self) -> GatewaySettings:
        seen = [a.address for a in self.addresses]
        if not seen:
            raise ValueError("addresses: at least one address is needed")
        dupes = sorted({a for a in seen if seen.count(a) > 1})
        if dupes:
            raise ValueError(f"addresses: {', '.join(dupes)} listed twice")
        strangers = sorted({box.rcpt for box in self.imap} - set(seen))
        if strangers:
            raise ValueError(f"imap: rcpt {', '.join(strangers)} is not one of the addresses")
        strangers = sorted({a for rule in self.exceptions for a in rule.addresses} - set(seen))
        if strangers:
            raise ValueError(f"exception: {', '.join(strangers)} is not one of the addresses")
        wrong = language_problems(self.responder.languages, self.templates_dir)
        if wrong:
            raise ValueError("; ".join(wrong))
        return self

    def problems(self) -> list[str]:
        """What `config check` refuses beyond validation (timelines: policy.py)."""
        return (self.responder.problems() + self.postfix.problems(HostPort.parse)
                + self.facts_problems(self.responder.languages, self.addresses)
                + url_problems(self, self.responder.languages)
                + empty_problems(self, self.responder.languages, self.addresses))

    def warnings(self) -> list[str]:
        """What `config check` points out without refusing it."""
        found = self.responder.warnings() + facts_warnings(
            self, self.addresses, self.templates_dir, self.smtp.hostname)
        if self.dry_run:
            found.append(f"dry run: replies are written to {self.outbox_dir}, not sent")
        relative = relative_paths(self.database_url, self.outbox_dir, self.dry_run)
        return found + ([relative] if relative else [])

    # -- derived -------------------------------------------------------------
    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def loop_token(self) -> str:
        """Our X-Loop value: a mail carrying it came from us."""
        return f"support-gateway@{self.domain}"

    @property
    def busy_timeout_ms(self) -> int:
        return int(self.database_busy_timeout_seconds * 1000)

    @property
    def dry_run(self) -> bool:
        return bool(self.outbox_dir)

    def address_config(self, address: str) -> AddressConfig | None:
        """Ours, also as a subaddress (technik+tag@ is technik@), or None."""
        wanted = base_address(address, self.recipient_delimiter)
        for item in self.addresses:
            if item.address == wanted:
                return item
        return None

    def own_addresses(self) -> set[str]:
        return {a.address for a in self.addresses}

    def to_aware(self, moment: LocalMoment | None) -> datetime | None:
        """A config date or local datetime as an aware datetime in the configured zone."""
        if moment is None:
            return None
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time(0, 0))
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.zone)
        return moment

    @cached_property
    def fingerprint(self) -> str:
        """Short hash of the effective policy, recorded with every decision."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]
