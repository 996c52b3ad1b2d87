"""The database: migrations, giving space back, retention (the purge)."""

from __future__ import annotations

import click

from gateway.commands.common import App, pass_app
from gateway.store.db import make_engine, upgrade


@click.group("db")
def db_group() -> None:
    """The database."""


@db_group.command("upgrade")
@pass_app
def db_upgrade(app: App) -> None:
    """Apply database migrations."""
    revision = upgrade(make_engine(app.settings.database_url))
    app.emit({"revision": revision}, f"database at revision {revision}")


@db_group.command("vacuum")
@pass_app
def db_vacuum(app: App) -> None:
    """Give the free space of the database back to the file system at once (SQLite: a full
    VACUUM that also switches on incremental auto-vacuum for a database created before it;
    it holds the write lock meanwhile: run it once, at a quiet time)."""
    from gateway.store.vacuum import vacuum

    data = vacuum(app.engine)
    app.emit(data, "\n".join(f"{k}: {v}" for k, v in data.items()))


@click.command()
@click.option("--older-than", "days", type=float, default=None,
              help="Days (default: retention_days from the config).")
@click.option("--dry-run", is_flag=True, help="Only count what would be emptied.")
@pass_app
def purge(app: App, days: float | None, dry_run: bool) -> None:
    """Empty the raw bytes of handled mail and sent replies, and the content of tickets handed
    to the agents (unless retention_keep_articles), older than the retention period, in short
    transactions, and give the space back; decisions, reasons, hashes and tickets stay."""
    from gateway.store.retention import purge as run_purge

    days = app.settings.retention_days if days is None else days
    if not days:
        raise click.ClickException("no retention period: pass --older-than DAYS or set "
                                   "retention_days in the config")
    app.emit(run_purge(app.engine, app.clock.now(), days, dry_run,
                       articles=not app.settings.retention_keep_articles).as_json())


def register(group: click.Group) -> None:
    for command in (purge, db_group):
        group.add_command(command)
