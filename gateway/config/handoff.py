"""The `[handoff]` settings: tickets and follow-ups handed to the agents."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class HandoffConfig(BaseModel):
    """Tickets and follow-ups handed to the agents: a webhook and/or forwarding by mail."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    webhook_url: str = ""          # or $GATEWAY_HANDOFF_WEBHOOK
    webhook_secret_file: str = ""  # or $GATEWAY_WEBHOOK_SECRET: HMAC key of X-Gateway-Signature
    forward_to: str = ""           # agents' mailbox / another helpdesk's mail channel
    timeout_seconds: float = Field(default=10, gt=0)
    max_attempts: int = Field(default=20, ge=1)
    backoff_seconds: float = Field(default=30, gt=0)
    backoff_max_seconds: float = Field(default=3600, gt=0)

    @property
    def configured(self) -> bool:
        return bool(self.webhook_url or self.forward_to)
