"""The few exception types of the gateway.

Outcomes (ticket, redirect, suppress, ...) are values, not exceptions; these are
for faults only.
"""


class GatewayError(Exception):
    """Base class of the gateway's own faults."""


class ConfigError(GatewayError):
    """A config mistake: names the key, the value and the fix."""

    def __init__(self, key: str, problem: str, fix: str = "") -> None:
        self.key = key
        self.problem = problem
        self.fix = fix
        text = f"config error at '{key}': {problem}"
        if fix:
            text += f" ({fix})"
        super().__init__(text)


class TemporaryFailure(GatewayError):
    """Worth retrying later: database locked or down, relay unreachable."""
