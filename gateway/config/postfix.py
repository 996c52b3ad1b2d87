"""The `[postfix]` settings: Postfix's SMTP access policy delegation (check_policy_service)."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field


class PostfixConfig(BaseModel):
    """`policy_listen`: host:port of the policy service in `serve`; "" (the default) is off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    policy_listen: str = ""
    # Connections the policy service keeps at once (Postfix: one per smtpd process, at most
    # default_process_limit = 100); beyond it the one idle longest is closed.
    policy_max_connections: int = Field(default=200, gt=0)

    def problems(self, parse_hostport: Callable[..., object]) -> list[str]:
        """What `config check` refuses (exit 78); the parser is config.HostPort.parse (handed
        in: config imports this module)."""
        if not self.policy_listen:
            return []
        try:
            parse_hostport(self.policy_listen, any_port=True)
        except ValueError as exc:
            return [f"postfix.policy_listen: {exc} (write it like 127.0.0.1:8027)"]
        return []
