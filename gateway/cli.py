"""The `gateway` command: thin commands over the modules; docstrings are the help."""

from __future__ import annotations

import os
import sys

import click
from sqlalchemy.exc import SQLAlchemyError

from gateway import __version__
from gateway.commands import admin, database, handoff, mail, migration, service
from gateway.commands.common import (
    EX_CONFIG,
    EX_NOINPUT,
    EX_TEMPFAIL,
    EX_USAGE,
    App,
    DatabaseMissing,
    choice,
    first_line,
)
from gateway.errors import ConfigError, TemporaryFailure
from gateway.redact import mask_urls_in
from gateway.service import logs
from gateway.store.perms import restrict_umask


@click.group()
@click.version_option(__version__, "--version", prog_name="gateway",
                      message="%(prog)s (support-mail-gateway) %(version)s")
@click.option("--config", "config", envvar="GATEWAY_CONFIG", default=None,
              help="Config file (default: $GATEWAY_CONFIG, else config/gateway.toml).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@click.option("--log-format", type=choice(logs.FORMATS), default=None,
              help="Log lines as text or JSON objects (default: $GATEWAY_LOG_FORMAT, else text).")
@click.pass_context
def cli(ctx: click.Context, config: str | None, as_json: bool, verbose: int,
        log_format: str | None) -> None:
    """Support mail gateway: tickets before the cutover, redirections to the portal after it."""
    daemon = ctx.invoked_subcommand == "serve"
    try:
        options = logs.options_from(dict(os.environ), log_format, verbose, daemon=daemon)
    except ValueError as exc:
        raise ConfigError("environment", str(exc)) from None
    logs.setup(options)
    ctx.obj = App(config, as_json)
    ctx.obj.log_options = options


def main() -> None:
    restrict_umask()  # customer mail: nothing we create is readable by others
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.UsageError as exc:  # unknown command or option, a bad value: sysexits 64
        exc.show()
        sys.exit(EX_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        click.echo(f"gateway: {exc}", err=True)
        sys.exit(EX_CONFIG)
    except DatabaseMissing as exc:
        click.echo(f"gateway: {exc}", err=True)
        sys.exit(EX_NOINPUT)
    except TemporaryFailure as exc:
        click.echo(f"gateway: temporary failure, try again later: {exc}", err=True)
        sys.exit(EX_TEMPFAIL)
    except SQLAlchemyError as exc:  # read-only file, server gone: one line, not a traceback
        click.echo(f"gateway: database error, try again later: {mask_urls_in(first_line(exc))}",
                   err=True)
        sys.exit(EX_TEMPFAIL)


for module in (mail, admin, database, service, handoff, migration):  # commands register on `cli`
    module.register(cli)
