"""Commands for the agents' side: handoff list/retry, tickets export."""

from __future__ import annotations

import json

import click

from gateway.admin import queries
from gateway.commands.common import App, choice, pass_app


@click.group()
def handoff() -> None:
    """Tickets and follow-ups handed to the agents (webhook, forwarding)."""


@handoff.command("list")
@click.option("--status", "status_", default=None, help="queued, sending, sent, written, failed")
@click.option("--limit", default=50, show_default=True)
@pass_app
def handoff_list(app: App, status_: str | None, limit: int) -> None:
    """List handoff events, newest first, with every delivery attempt."""
    items = queries.list_handoffs(app.engine, status_, limit)
    lines = [f"{h['id']:>6} {h['ticket']} {h['event']:<16} {h['channel']:<8} {h['status']:<8} "
             f"attempts {h['attempts']}  {h['last_error'] or ''}"
             + ("  (may have been delivered: the receiver drops repeats by Idempotency-Key)"
                if h["maybe_delivered"] and "may have been delivered" not in (h["last_error"] or "")
                else "") for h in items]
    app.emit(items, "\n".join(lines) or "(none)")


@handoff.command("retry")
@click.argument("handoff_id", type=int)
@pass_app
def handoff_retry(app: App, handoff_id: int) -> None:
    """Queue a handoff event again (failed ones; sent ones to deliver them once more)."""
    from gateway.delivery.handoff_send import HandoffSender

    if not HandoffSender(app.settings, app.engine, app.clock).retry(handoff_id):
        raise click.ClickException(f"no handoff {handoff_id}, or it is being sent right now")
    app.emit({"queued": handoff_id})


@click.command("export")
@click.option("--format", "fmt", type=choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: stdout).")
@pass_app
def tickets_export(app: App, fmt: str, output) -> None:
    """Every ticket with its articles (json), or one line per ticket (csv)."""
    from gateway.admin.ticket_export import as_csv, export_tickets

    tickets = export_tickets(app.engine)
    if fmt == "csv":
        output.write(as_csv(tickets))
    else:
        output.write(json.dumps(list(tickets), indent=2, ensure_ascii=False) + "\n")


def register(group: click.Group) -> None:
    group.add_command(handoff)
    group.commands["tickets"].add_command(tickets_export)
