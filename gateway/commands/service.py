"""The daemon command."""

from __future__ import annotations

import asyncio

import click

from gateway.cli import App, pass_app


@click.command()
@pass_app
def serve(app: App) -> None:
    """The daemon: SMTP/LMTP listeners, worker, outbox sender, scheduled jobs (SIGTERM stops it)."""
    import logging

    from gateway.service import Service

    if logging.getLogger().level > logging.INFO:
        logging.getLogger("gateway").setLevel(logging.INFO)
    service = Service(app.settings, app.engine, app.clock)
    asyncio.run(service.run_until_signal())


def register(group: click.Group) -> None:
    group.add_command(serve)
