"""Where the config file is: --config, else $GATEWAY_CONFIG (also from the environment file,
config/envfile.py), else config/gateway.toml if present (a checkout), else the installed
/etc/support-mail-gateway/gateway.toml if present. Standard library only, so that the light
pipe shares it with the full configuration loader."""

from __future__ import annotations

from pathlib import Path

from gateway.config.envfile import SYSTEM_CONFIG

DEFAULT_CONFIG_PATH = "config/gateway.toml"


def config_path(explicit: str | None, env: dict[str, str]) -> Path | None:
    if explicit:
        return Path(explicit)
    if env.get("GATEWAY_CONFIG"):
        return Path(env["GATEWAY_CONFIG"])
    for default in (Path(DEFAULT_CONFIG_PATH), Path(SYSTEM_CONFIG)):
        if default.exists():
            return default
    return None


def relative_paths(database_url: str, outbox_dir: str, dry_run: bool) -> str | None:
    """For `config check`: paths that depend on the folder a command runs in."""
    found = []
    if database_url.startswith("sqlite:///") and not database_url.startswith(
            ("sqlite:////", "sqlite:///:memory:")):
        found.append(f"database_url {database_url}")
    if dry_run and not Path(outbox_dir).is_absolute():
        found.append(f"outbox_dir {outbox_dir}")
    if not found:
        return None
    return (f"relative to the current folder: {', '.join(found)}; a command run from another "
            "folder sees another gateway than `serve` (use absolute paths, docs/operations.md)")
