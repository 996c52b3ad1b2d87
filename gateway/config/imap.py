"""The settings of the IMAP mailboxes: one `[[imap]]` table each, with its folders, how the
gateway logs in (a password, or OAuth2 for Microsoft 365 and Google) and how it waits (IDLE)."""

from __future__ import annotations

import ipaddress
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Where the token endpoint and the IMAP scope of each provider are; {tenant} is filled in.
PROVIDERS = {
    "microsoft": ("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
                  "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access"),
    "google": ("https://oauth2.googleapis.com/token", "https://mail.google.com/"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OAuth2Config(_Strict):
    """Where the access token comes from: a refresh token at the provider's token endpoint, or
    a command or file that the site's own tooling keeps fresh."""

    provider: Literal["microsoft", "google", "custom"] = "custom"
    token_url: str = ""       # empty: the provider's endpoint
    tenant: str = "common"    # Microsoft: the directory (tenant) id or domain
    client_id: str = ""
    client_secret_env: str = ""   # optional (public clients have none): this variable ...
    client_secret_file: str = ""  # ... or this file
    scope: str = ""           # empty: the provider's IMAP scope
    refresh_token_env: str = "GATEWAY_IMAP_REFRESH_TOKEN"
    refresh_token_file: str = ""
    token_command: str = ""   # prints an access token on stdout
    token_file: str = ""      # holds an access token
    refresh_margin_seconds: float = Field(default=300, ge=0)
    timeout_seconds: float = Field(default=30, gt=0)

    @model_validator(mode="after")
    def _one_source(self) -> OAuth2Config:
        if self.token_command and self.token_file:
            raise ValueError("oauth2: token_command and token_file exclude each other")
        if not (self.token_command or self.token_file):
            if not self.client_id:
                raise ValueError("oauth2: client_id is needed for the refresh token flow "
                                 "(or set token_command or token_file)")
            if self.provider == "custom" and not self.token_url:
                raise ValueError("oauth2: token_url is needed with provider 'custom'")
        return self

    @property
    def endpoint(self) -> str:
        if self.token_url:
            return self.token_url
        return PROVIDERS[self.provider][0].format(tenant=self.tenant)

    @property
    def effective_scope(self) -> str:
        if self.scope or self.provider == "custom":
            return self.scope
        return PROVIDERS[self.provider][1]


class ImapConfig(_Strict):
    """One mailbox the gateway watches (Dovecot, Exchange, ...); its mail is for `rcpt`."""

    host: str
    port: int = Field(default=993, gt=0, lt=65536)
    security: Literal["tls", "starttls", "none"] = "tls"
    allow_plain_auth: bool = False  # security "none" to a host that is not this machine
    ca_file: str = ""
    username: str
    auth: Literal["password", "xoauth2", "oauthbearer"] = "password"
    password_env: str = "GATEWAY_IMAP_PASSWORD"  # the secret: from this variable ...
    password_file: str = ""                       # ... or this file, never from the config
    oauth2: OAuth2Config | None = None
    mailbox: str = "INBOX"
    folders: list[str] = []  # several folders of this mailbox; empty: just `mailbox`
    rcpt: str
    processed_mailbox: str = "Processed"  # moved there once stored; "" keeps it, with a keyword
    timeout_seconds: float = Field(default=30, gt=0)
    idle: bool = True  # wait with IDLE where the server offers it, else poll
    # Servers end an IDLE after 30 minutes at the earliest (RFC 2177): renew well before.
    idle_renew_seconds: float = Field(default=1500, gt=0, le=1740)
    reconnect_backoff_seconds: float = Field(default=5, gt=0)
    reconnect_backoff_max_seconds: float = Field(default=300, gt=0)

    @field_validator("rcpt")
    @classmethod
    def _lower_rcpt(cls, value: str) -> str:
        return value.strip().lower()

    @model_validator(mode="after")
    def _oauth2_when_needed(self) -> ImapConfig:
        if self.auth != "password" and self.oauth2 is None:
            raise ValueError(f"imap: auth '{self.auth}' needs an [imap.oauth2] table")
        folders = [_folder_key(name) for name in self.watched_folders]
        if len(set(folders)) < len(folders):
            raise ValueError(f"imap: folders {self.folders} names a folder twice (two watchers "
                             "would race for its mail); name each folder once")
        if self.processed_mailbox and _folder_key(self.processed_mailbox) in folders:
            raise ValueError(f"imap: processed_mailbox '{self.processed_mailbox}' is one of the "
                             "watched folders (INBOX in any case); name another folder")
        if self.security == "none" and not self.allow_plain_auth and not _loopback(self.host):
            raise ValueError(f"imap: security \"none\" would send the login to {self.host} in "
                             "clear text; use \"tls\" or \"starttls\", or set "
                             "allow_plain_auth = true for a trusted host")
        return self

    @property
    def watched_folders(self) -> list[str]:
        return list(self.folders) or [self.mailbox]

    @property
    def label(self) -> str:
        return f"{self.username}@{self.host}"


def _folder_key(name: str) -> str:
    """INBOX is case-insensitive (RFC 3501 5.1); every other name is what it says."""
    return "INBOX" if name.upper() == "INBOX" else name


def _loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
