"""The daemon command."""

from __future__ import annotations

import click

from gateway.commands.common import EX_TEMPFAIL, App, pass_app


@click.command()
@pass_app
def serve(app: App) -> None:
    """The daemon: SMTP/LMTP listeners, worker, outbox sender, scheduled jobs (SIGTERM stops it)."""
    import logging
    import signal

    from gateway.errors import ConfigError
    from gateway.service import descriptors
    from gateway.service.connect_check import exposed_listener, token_file_warnings
    from gateway.service.daemon import Service
    from gateway.service.memory import limit_malloc_arenas

    for problem in exposed_listener(app.settings):  # before anything listens
        raise ConfigError("metrics.listen", problem)
    for warning in token_file_warnings(app.settings):
        logging.getLogger("gateway.daemon").warning(warning)

    # Ignored until the event loop handles it: a SIGHUP to the whole group (kill -HUP -PGID)
    # must not kill the helper processes started meanwhile, which inherit "ignored".
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    app.migrate_apart = True  # Alembic's memory stays out of the daemon and its worker fork
    settings = descriptors.prepare(app.settings)  # the limit raised, the caps fitted into it
    limit_malloc_arenas()  # before the first thread: it is inherited by the worker's fork
    service = Service(settings, app.engine, app.clock,
                      worker_process=settings.worker_mode == "process")
    service.config_path = app.config_path
    service.worker.log_options = app.log_options
    _run(service)


def _run(service) -> None:
    """The worker forked, then the event loop until SIGTERM/SIGINT. Both are held back from
    the fork until the loop's handlers are in place (run_until_signal unblocks them): one that
    came in between was lost at times (serve ran on) or cut the start short. Held, it reaches
    those handlers at once, and serve stops gracefully whenever it comes."""
    import asyncio  # here: the other commands start without it
    import signal

    from gateway.service.worker import STOP_SIGNALS

    loop_factory = _loop_factory()  # imported before the fork: its pages stay shared
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        service.prepare()  # the worker forked now, before the event loop and its threads
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            runner.run(service.run_until_signal())
    finally:
        # an error before the loop's handlers are in place: the worker only stops when told,
        # and multiprocessing would wait for it at exit for ever
        service.worker.stop()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _loop_factory():
    """uvloop where installed (Linux, macOS): the listeners' event loop costs less CPU per
    session (see bench/smtp_ingest.py); else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


@click.command()
@click.option("--once", is_flag=True, help="One pass, then exit (75 if a mailbox failed).")
@pass_app
def poll(app: App, once: bool) -> None:
    """Poll the configured IMAP mailboxes ([[imap]]), then process what they held."""
    import sys
    import time

    from gateway.errors import ConfigError
    from gateway.ingest.imap import poll_all

    if not app.settings.imap:
        raise ConfigError("imap", "no mailboxes configured", "add an [[imap]] table")
    pipeline = app.backlog()
    tokens: dict = {}  # OAuth2 access tokens live across passes
    while True:
        reports, errors = poll_all(app.settings, app.engine, app.clock, tokens)
        outcomes = pipeline.process_pending()
        app.emit({"mailboxes": [r.as_json() for r in reports], "errors": errors,
                  "processed": len(outcomes)})
        if once:
            sys.exit(EX_TEMPFAIL if errors else 0)
        time.sleep(app.settings.imap_interval_seconds)


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(poll)
