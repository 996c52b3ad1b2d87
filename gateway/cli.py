"""The `gateway` command: thin commands over the modules; docstrings are the help."""

from __future__ import annotations

import logging
import sys

import click

from gateway.commands import admin, handoff, mail, migration, service
from gateway.commands.common import EX_CONFIG, EX_DATAERR, EX_TEMPFAIL, App
from gateway.errors import ConfigError, TemporaryFailure


@click.group()
@click.option("--config", "config", envvar="GATEWAY_CONFIG", default=None,
              help="Config file (default: $GATEWAY_CONFIG, else config/gateway.toml).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, as_json: bool, verbose: int) -> None:
    """Support mail gateway: tickets before the cutover, Account Center redirections after it."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = App(config, as_json)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EX_DATAERR if isinstance(exc, click.BadParameter) else exc.exit_code)
    except ConfigError as exc:
        click.echo(f"gateway: {exc}", err=True)
        sys.exit(EX_CONFIG)
    except TemporaryFailure as exc:
        click.echo(f"gateway: temporary failure, try again later: {exc}", err=True)
        sys.exit(EX_TEMPFAIL)


for module in (mail, admin, service, handoff, migration):  # commands register on `cli`
    module.register(cli)
