"""The `[metrics]` settings: where `serve` answers /metrics, /healthz and /report, and the limits
that health and `status --check` judge by."""

from __future__ import annotations

import ipaddress

from pydantic import BaseModel, ConfigDict, Field


class MetricsConfig(BaseModel):
    """`/metrics` and `/healthz`, served by `serve`; the limits of health and `status --check`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    listen: str = "127.0.0.1:8026"  # host:port; "" disables (GATEWAY_METRICS_LISTEN)
    max_queue_age_seconds: float = Field(default=900, gt=0)
    max_relay_failing_seconds: float = Field(default=1800, gt=0)
    # A bearer token for /report and /metrics (/healthz stays open): $GATEWAY_METRICS_TOKEN or
    # this file. Required when `listen` is not a loopback address, unless the admin says
    # allow_unauthenticated = true ($GATEWAY_METRICS_ALLOW_UNAUTHENTICATED=1): /report lists
    # every customer's address.
    token_file: str = ""
    allow_unauthenticated: bool = False
    max_connections: int = Field(default=32, gt=0)  # at once; the rest get a 503 at once


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and `localhost`; any other address or name is reachable from outside."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

