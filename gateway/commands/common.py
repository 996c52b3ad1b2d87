"""What every command shares: the App (settings, engine, clock, output), `pass_app`, the exit
codes and `--at`. Its own module, so that `cli` and the command modules import it, not each other."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from gateway.clock import Clock, SystemClock, parse_moment
from gateway.config.load import load_settings
from gateway.config.settings import GatewaySettings
from gateway.errors import GatewayError, TemporaryFailure
from gateway.redact import clean, mask_urls_in
from gateway.rules.policy import Policies
from gateway.store.db import ensure_schema, make_engine, read_only, sqlite_path

if TYPE_CHECKING:
    from gateway.pipeline.backlog import Backlog
    from gateway.pipeline.process import Pipeline

# sysexits.h: what the pipe's MTA (and systemd) make of our exit status
EX_OK, EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_NOUSER = 0, 64, 65, 66, 67
EX_TEMPFAIL, EX_CONFIG = 75, 78
# EX_USAGE also: several recipients from Postfix's pipe without _destination_recipient_limit = 1


def choice(values: Iterable[str]) -> click.Choice:
    """An option's choices as the lower-case strings the docs show (a StrEnum's values: click
    8.2+ matches a Choice of Enum members by their NAMES, so `--action followup` was refused),
    accepted in any case and handed to the command as that string, on every click from 8.1."""
    return click.Choice([str(value) for value in values], case_sensitive=False)


class DatabaseMissing(GatewayError):
    """A read-only command found no database: it must not create an empty one."""


class App:
    """What every command needs: settings, a lazily made (and migrated) engine, the clock."""

    def __init__(self, config: str | None, as_json: bool) -> None:
        self.config_path = config
        self.as_json = as_json
        self.clock = SystemClock()
        self._settings: GatewaySettings | None = None
        self._policies: Policies | None = None
        self._engine = None
        self.migrate_apart = False  # `serve`: migrations in a process of their own

    def use(self, as_json: bool, config: str | None) -> None:
        """Options given after the command name (settings are read later, on first use)."""
        self.as_json = self.as_json or as_json
        if config:
            self.config_path, self._settings, self._policies = config, None, None

    @property
    def settings(self) -> GatewaySettings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    @property
    def policies(self) -> Policies:
        """Every address's policy, built once from the settings."""
        if self._policies is None:
            self._policies = Policies(self.settings)
        return self._policies

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            url = self.settings.database_url
            try:
                engine = make_engine(url, self.settings.busy_timeout_ms)
                ensure_schema(engine, apart=self.migrate_apart,
                              busy_timeout_ms=self.settings.busy_timeout_ms)
            except (OSError, SQLAlchemyError) as exc:
                raise TemporaryFailure(mask_urls_in(f"database {url}: {first_line(exc)}",
                                                    url)) from exc
            self._engine = engine
        return self._engine

    @property
    def reader(self) -> Engine:
        """The engine for commands that only read: a missing SQLite file stays missing."""
        path = sqlite_path(self.settings.database_url)
        if self._engine is None and path is not None and (
                not path.exists() or path.stat().st_size == 0):
            raise DatabaseMissing(f"no database at {path} (yet): `gateway serve` or "
                                  "`gateway db upgrade` creates it; is GATEWAY_DATABASE_URL right?")
        return read_only(self.engine)  # its transactions take no write lock

    def pipeline(self) -> Pipeline:
        from gateway.pipeline.process import Pipeline  # late: the CLI starts fast for `ingest`

        return Pipeline(self.settings, self.engine, self.clock, policies=self.policies)

    def backlog(self) -> Backlog:
        """The pipeline for draining a backlog (process, import, poll): on the other cores too."""
        from gateway.pipeline.backlog import Backlog

        return Backlog(self.pipeline(), parse_workers=max((os.cpu_count() or 1) - 1, 0))

    def emit(self, data: object, text: str | None = None) -> None:
        """Print for an admin: a mail's Subject, names and bodies may hold escape sequences
        meant for a terminal; they never reach it (`messages show --raw` is the exact copy)."""
        if self.as_json:
            click.echo(json.dumps(clean(data), indent=2, ensure_ascii=False, default=str))
        else:
            click.echo(clean(text if text is not None else _as_text(clean(data)), multiline=True))


def first_line(exc: BaseException) -> str:
    """The driver's own message, one line (SQLAlchemy adds SQL and a link below it)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _as_text(data: object) -> str:
    if isinstance(data, list):
        return "\n".join(_as_text(item) for item in data) or "(none)"
    if isinstance(data, dict):
        return "  ".join(f"{k}={v}" for k, v in data.items() if not isinstance(v, dict | list))
    return str(data)


def pass_app(command: Callable) -> Callable:
    """Hand the App to a command, and let `--json` and `--config` stand after the command name
    too (`gateway status --json`), as well as before it (`gateway --json status`)."""

    @functools.wraps(command)
    def run(*args: object, json_output: bool = False, config_file: str | None = None,
            **kwargs: object) -> object:
        app = click.get_current_context().find_object(App)
        app.use(json_output, config_file)
        return command(app, *args, **kwargs)

    run = click.option("--config", "config_file", default=None,
                       help="Config file (as before the command).")(run)
    return click.option("--json", "json_output", is_flag=True,
                        help="Machine-readable output.")(run)


def parse_at(value: str | None, settings: GatewaySettings, clock: Clock,
             option: str = "--at") -> datetime:
    """--at ISO-8601; without an offset it is local time in the configured zone. Unreadable
    or out of range (0001-01-01): a usage error (exit 64)."""
    if not value:
        return clock.now()
    try:
        return parse_moment(value, settings.zone)
    except ValueError as exc:
        problem = str(exc) if "out of range" in str(exc) else f"'{value}' is not ISO-8601"
        raise click.BadParameter(f"{problem} (e.g. 2025-10-14T10:00:00+02:00)",
                                 param_hint=option) from None
