"""`gateway status --check`: the monitoring-plugin convention (Nagios, Icinga, Checkmk)."""

from __future__ import annotations

import click

from gateway.commands.common import App, first_line
from gateway.service.health import Level, Verdict, check, plugin_line


def run_check(app: App) -> int:
    """Print one line with perfdata; return the plugin exit code. Never creates a database;
    a gateway that cannot even be asked is CRITICAL (no database) or UNKNOWN (no config)."""
    from gateway.service.observe import observe
    from gateway.store import dbfile
    from gateway.store.db import sqlite_path

    try:
        settings = app.settings
    except Exception as exc:  # config error: we cannot tell how the gateway is
        click.echo(f"GATEWAY UNKNOWN - {first_line(exc)}")
        return Level.UNKNOWN
    path = sqlite_path(settings.database_url)
    if path is not None and not path.exists():
        verdict = Verdict(critical=[f"no database at {path}"])
        click.echo(plugin_line(verdict, None, settings.metrics))
        return verdict.level
    try:
        snap = observe(app.engine, settings, app.clock.now())
        problem = dbfile.problem(path) if path is not None else None
    except Exception as exc:  # unreachable, locked for too long, not a gateway database
        snap, problem = None, f"database unusable: {first_line(exc)}"
    verdict = check(snap, problem, settings.metrics, settings.dry_run)
    click.echo(plugin_line(verdict, snap, settings.metrics))
    return verdict.level
