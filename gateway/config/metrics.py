"""The `[metrics]` settings: where `serve` answers /metrics, /healthz and /report, and the limits
that health and `status --check` judge by."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class MetricsConfig(BaseModel):
    """`/metrics` and `/healthz`, served by `serve`; the limits of health and `status --check`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    listen: str = "127.0.0.1:8026"  # host:port; "" disables (GATEWAY_METRICS_LISTEN)
    max_queue_age_seconds: float = Field(default=900, gt=0)
    max_relay_failing_seconds: float = Field(default=1800, gt=0)

