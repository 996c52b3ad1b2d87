"""Reading the settings: the TOML file, then the environment (what admins set per host), then
validation; and secrets, which only ever come from the environment or a file."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gateway.config.file import config_path
from gateway.config.settings import GatewaySettings, HostPort
from gateway.errors import ConfigError
from gateway.redact import is_secret_key, mask_url


def _parse_hostport(key: str, value: str) -> HostPort:
    try:
        return HostPort.parse(value)
    except ValueError as exc:
        raise ConfigError(key, str(exc), "write it like 127.0.0.1:8025") from None


def _listen_value(key: str, value: str) -> str:
    """A listener's host:port, checked; empty disables the listener."""
    if value:
        _parse_hostport(key, value)
    return value


ENV_KEYS = {
    "GATEWAY_DATABASE_URL": "database_url",
    "GATEWAY_OUTBOX_DIR": "outbox_dir",
}


def _apply_environment(data: dict[str, Any], env: dict[str, str]) -> None:
    for var, key in ENV_KEYS.items():
        if var in env:
            data[key] = env[var]
    if "GATEWAY_HANDOFF_WEBHOOK" in env:
        data.setdefault("handoff", {})["webhook_url"] = env["GATEWAY_HANDOFF_WEBHOOK"]
    smtp = data.setdefault("smtp", {})
    if "GATEWAY_SMTP_LISTEN" in env:
        smtp["listen"] = _listen_value("GATEWAY_SMTP_LISTEN", env["GATEWAY_SMTP_LISTEN"])
    if "GATEWAY_METRICS_LISTEN" in env:
        data.setdefault("metrics", {})["listen"] = _listen_value(
            "GATEWAY_METRICS_LISTEN", env["GATEWAY_METRICS_LISTEN"])
    if env.get("GATEWAY_METRICS_ALLOW_UNAUTHENTICATED", "").lower() in ("1", "true", "yes"):
        data.setdefault("metrics", {})["allow_unauthenticated"] = True
    if "GATEWAY_LMTP_LISTEN" in env:
        smtp["lmtp_listen"] = _listen_value("GATEWAY_LMTP_LISTEN", env["GATEWAY_LMTP_LISTEN"])
    if "GATEWAY_POLICY_LISTEN" in env:
        data.setdefault("postfix", {})["policy_listen"] = _listen_value(
            "GATEWAY_POLICY_LISTEN", env["GATEWAY_POLICY_LISTEN"])
    if env.get("GATEWAY_RELAY"):
        relay = data.setdefault("relay", {})
        relay["host"], relay["port"] = _parse_hostport("GATEWAY_RELAY", env["GATEWAY_RELAY"])
        # A relay named for this host means "send for real" unless dry run is asked for too.
        if "GATEWAY_OUTBOX_DIR" not in env:
            data["outbox_dir"] = ""


DATE_KEYS = frozenset({"announce_from", "cutover", "reject_from"})
DATE_FIX = "a date as 2025-10-13 or 2025-10-13T08:00 (local time in `timezone`), or with an offset"
SHAPE_FIXES = {  # how to write a key whose value has the wrong shape
    "ticket_steps": 'a list of steps per language: ticket_steps.de = ["..."], '
                    'ticket_steps.en = ["..."]',
}


def _explain(exc: ValidationError) -> ConfigError:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err["loc"]) or "(top level)"
    value = err.get("input")
    secret = is_secret_key(key)
    if isinstance(value, str):
        value = mask_url(value)
    shown = "" if secret or isinstance(value, dict | list) else f" (got {value!r})"
    if err["type"] == "extra_forbidden":
        fix = ("secrets never live in the config file: use the *_password_file or *_env keys "
               "(see config/gateway.toml)") if secret else "remove it or check its spelling"
        return ConfigError(key, f"unknown key{shown}", fix)
    fix = ""
    if err["type"] == "literal_error":
        fix = "allowed: " + err["ctx"]["expected"]
    dated = [n for n, part in enumerate(err["loc"]) if part in DATE_KEYS]
    if dated:  # the union's branch ("cutover.date") says nothing to an admin
        key = ".".join(str(p) for p in err["loc"][:dated[0] + 1])
        fix = DATE_FIX
    return ConfigError(key, err["msg"] + shown, fix or SHAPE_FIXES.get(key, ""))


def settings_from_dict(data: dict[str, Any], env: dict[str, str] | None = None) -> GatewaySettings:
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    if env:
        _apply_environment(data, env)
    try:
        return GatewaySettings.model_validate(data)
    except ValidationError as exc:
        raise _explain(exc) from None


def load_settings(path: str | None = None, env: dict[str, str] | None = None) -> GatewaySettings:
    env = dict(os.environ) if env is None else env
    where = config_path(path, env)
    data: dict[str, Any] = {}
    if where is not None:
        try:
            data = tomllib.loads(quote_short_datetimes(where.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise ConfigError("--config", f"file {where} not found",
                              "pass an existing file or unset GATEWAY_CONFIG") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(where), f"not valid TOML: {exc}", "fix the syntax") from None
    data = _rename_address_tables(data)
    return settings_from_dict(data, env)


# `cutover = 2027-01-15T08:00`: a local date-time without seconds is not TOML 1.0 (tomllib
# refuses it); such a value is read as the string it obviously means (validated as a date-time).
_SHORT_DATETIME = re.compile(
    r"^(\s*[\w.-]+\s*=\s*)(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d)(?![:\d])(\s*(?:#.*)?)$", re.M)


def quote_short_datetimes(text: str) -> str:
    return _SHORT_DATETIME.sub(r'\1"\2"\3', text)


def _rename_address_tables(data: dict[str, Any]) -> dict[str, Any]:
    # The file writes [[address]] (one table per address); the model calls the list 'addresses'.
    data = dict(data)
    for table, key in (("address", "addresses"), ("exception", "exceptions")):
        if table in data:
            data[key] = data.pop(table)
    return data


def read_secret(env_var: str, file_path: str, env: dict[str, str] | None = None) -> str:
    """Secrets come from the environment or a file, never from the config itself."""
    env = dict(os.environ) if env is None else env
    if env.get(env_var):
        return env[env_var]
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return ""
