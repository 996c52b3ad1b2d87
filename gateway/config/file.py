"""Where the config file is: --config, else $GATEWAY_CONFIG, else config/gateway.toml if present.
Standard library only, so that the light pipe shares it with the full configuration loader."""

from __future__ import annotations

from pathlib import Path

DEFAULT_CONFIG_PATH = "config/gateway.toml"


def config_path(explicit: str | None, env: dict[str, str]) -> Path | None:
    if explicit:
        return Path(explicit)
    if env.get("GATEWAY_CONFIG"):
        return Path(env["GATEWAY_CONFIG"])
    default = Path(DEFAULT_CONFIG_PATH)
    return default if default.exists() else None
