"""The few settings storing needs, read with the standard library only: the database, the
configured addresses, the size limit, the time zone for `--at`. The same file, environment and
defaults as `gateway.config_load` (a test keeps them equal); anything this reader does not
understand goes to the full path, whose validation then names the problem (exit 78)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from gateway.config.file import config_path
from gateway.lightpipe import NeedsFullPath

DEFAULT_ADDRESSES = ("technik@centron.de", "billing@centron.de", "vertrieb@centron.de")
DEFAULTS = {"database_url": "sqlite:///var/gateway.db", "database_busy_timeout_seconds": 30,
            "timezone": "Europe/Berlin"}
DEFAULT_MAX_MESSAGE_SIZE = 26_214_400


@dataclass(frozen=True)
class PipeSettings:
    database_path: Path
    busy_timeout_seconds: float
    timezone: str
    max_message_size: int
    addresses: tuple[str, ...]
    recipient_delimiter: str = "+"  # technik+tag@ is delivered to technik@


def _read(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise NeedsFullPath(f"config {path} not readable here") from None


def _typed(value: object, kind: type | tuple[type, ...], what: str) -> object:
    if isinstance(value, bool) or not isinstance(value, kind):
        raise NeedsFullPath(f"{what}: unexpected value")
    return value


def _addresses(data: dict) -> tuple[str, ...]:
    tables = data.get("address")
    if tables is None:
        return DEFAULT_ADDRESSES
    found = []
    for table in _typed(tables, list, "address"):
        address = _typed(_typed(table, dict, "address").get("address"), str, "address").strip().lower()
        _typed(table.get("department"), (str, dict), "department")
        if address.count("@") != 1 or address.startswith("@") or address.endswith("@"):
            raise NeedsFullPath("address: not a mail address")
        found.append(address)
    if not found or len(set(found)) != len(found):
        raise NeedsFullPath("address: none, or one twice")
    return tuple(found)


def _sqlite_path(url: str) -> Path:
    """Only a file database: sqlite:///relative or sqlite:////absolute (else the full path)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or url[len(prefix):] in ("", ":memory:"):
        raise NeedsFullPath("not an SQLite file database")
    return Path(url[len(prefix):])


def load_pipe_settings(config: str | None, env: dict[str, str] | None = None) -> PipeSettings:
    env = dict(os.environ) if env is None else env
    data = {**DEFAULTS, **_read(config_path(config, env))}
    url = env.get("GATEWAY_DATABASE_URL", data["database_url"])
    timeout = _typed(data["database_busy_timeout_seconds"], int | float, "busy timeout")
    smtp = _typed(data.get("smtp", {}), dict, "smtp")
    limit = _typed(smtp.get("max_message_size", DEFAULT_MAX_MESSAGE_SIZE), int, "size")
    if timeout <= 0 or limit <= 0:
        raise NeedsFullPath("limits must be positive")
    delimiter = _typed(data.get("recipient_delimiter", "+"), str, "recipient_delimiter")
    return PipeSettings(_sqlite_path(_typed(url, str, "database_url")), float(timeout),
                        _typed(data["timezone"], str, "timezone"), limit, _addresses(data),
                        delimiter)
