"""Commands admins read and steer with: status, tickets, messages, replies, senders, config, db."""

from __future__ import annotations

import sys

import click

from gateway.admin import queries
from gateway.codes import Action, InboundStatus, ReplyStatus, TicketStatus
from gateway.commands.common import EX_CONFIG, App, choice, pass_app
from gateway.commands.status_view import status_lines, where
from gateway.store.db import transaction as db_transaction


@click.command()
@click.option("--check", is_flag=True, help="Monitoring-plugin output: one line with perfdata; "
              "exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
@pass_app
def status(app: App, check: bool) -> None:
    """Phase of each address now, queue sizes, counts by action and reason, warnings."""
    if check:
        from gateway.commands.check import run_check

        sys.exit(run_check(app))
    data = queries.status(app.reader, app.settings, app.clock.now(), app.policies)
    data.update(where(app.settings))  # the database and the replies' way, as this command sees
    app.emit(data, "\n".join(status_lines(data)))


@click.group()
def tickets() -> None:
    """Tickets made from mail before the cutover."""


@tickets.command("list")
@click.option("--status", "status_", default=None, type=choice(TicketStatus),
              help="open or closed")
@click.option("--limit", default=50, show_default=True)
@pass_app
def tickets_list(app: App, status_: str | None, limit: int) -> None:
    """List tickets, newest first."""
    app.emit(queries.list_tickets(app.reader, status_, limit))


@tickets.command("show")
@click.argument("number")
@pass_app
def tickets_show(app: App, number: str) -> None:
    """One ticket with its articles and attachments."""
    data = queries.show_ticket(app.reader, number)
    if data is None:
        raise click.ClickException(f"no ticket {number}")
    text = queries_text_ticket(data)
    app.emit(data, text)


def queries_text_ticket(data: dict) -> str:
    lines = [f"{data['number']} [{data['status']}] {data['department']} — {data['subject']}",
             f"customer {data['customer']}  created {data['created_at']}"]
    helpdesk = data.get("helpdesk") or {}
    if helpdesk.get("id") or helpdesk.get("url"):
        lines.append(f"helpdesk ticket {helpdesk.get('id') or ''} {helpdesk.get('url') or ''}".rstrip())
    for article in data["articles"]:
        lines += ["", f"--- {article['kind']} from {article['sender']} at {article['created_at']}",
                  article["body"]]
        lines += [f"[attachment] {a['filename']} ({a['content_type']}, {a['size']} bytes)"
                  for a in article["attachments"]]
    return "\n".join(lines)


@tickets.command("close")
@click.argument("number")
@pass_app
def tickets_close(app: App, number: str) -> None:
    """Close a ticket (a later follow-up from the customer reopens it)."""
    from gateway.store.tickets import close_ticket

    with db_transaction(app.engine) as session:
        ticket = close_ticket(session, number, app.clock.now())
        if ticket is None:
            raise click.ClickException(f"no ticket {number}")
        data = queries.ticket_summary(ticket)
    app.emit(data)


@click.group()
def messages() -> None:
    """Every received mail and the decision made about it."""


@messages.command("list")
@click.option("--status", "status_", default=None, help="received, processing, done, failed",
              type=choice(InboundStatus))
@click.option("--action", default=None, help="ticket, followup, redirect, suppress, reject",
              type=choice(Action))
@click.option("--limit", default=50, show_default=True)
@pass_app
def messages_list(app: App, status_: str | None, action: str | None, limit: int) -> None:
    """List received mail, newest first."""
    app.emit(queries.list_messages(app.reader, status_, action, limit))


@messages.command("show")
@click.argument("inbound_id", type=int)
@click.option("--raw", is_flag=True, help="Print the raw message exactly as received.")
@pass_app
def messages_show(app: App, inbound_id: int, raw: bool) -> None:
    """One received mail: envelope, decision, reason, policy, replies."""
    if raw:
        from gateway.store.models import InboundMessage
        from gateway.store.queue import raw_of

        with db_transaction(app.reader) as session:
            if session.get(InboundMessage, inbound_id) is None:
                raise click.ClickException(f"no message {inbound_id}")
        sys.stdout.buffer.write(raw_of(app.reader, inbound_id) or b"")  # none: purged
        return
    data = queries.show_message(app.reader, inbound_id)
    if data is None:
        raise click.ClickException(f"no message {inbound_id}")
    app.emit(data, "\n".join(f"{k}: {v}" for k, v in data.items()))


@click.group()
def replies() -> None:
    """Replies in the outbox and their delivery attempts."""


@replies.command("list")
@click.option("--status", "status_", default=None, help="queued, sent, written, failed, ...",
              type=choice(ReplyStatus))
@click.option("--limit", default=50, show_default=True)
@pass_app
def replies_list(app: App, status_: str | None, limit: int) -> None:
    """List replies, newest first, with every delivery attempt."""
    app.emit(queries.list_replies(app.reader, status_, limit))


@replies.command("retry")
@click.argument("reply_id", type=int)
@pass_app
def replies_retry(app: App, reply_id: int) -> None:
    """Queue a failed or unconfirmed reply again."""
    from gateway.delivery.outbox import Outbox

    if not Outbox(app.settings, app.engine, app.clock).retry(reply_id):
        raise click.ClickException(f"reply {reply_id} is not failed/unconfirmed")
    app.emit({"queued": reply_id})


@click.group()
def senders() -> None:
    """The responder ledger: who got which auto-reply when."""


@senders.command("list")
@click.option("--limit", default=100, show_default=True)
@pass_app
def senders_list(app: App, limit: int) -> None:
    """Last reply, next eligible time and count per sender and address."""
    app.emit(queries.list_senders(app.reader, app.settings, limit))


@senders.command("reset")
@click.argument("sender")
@pass_app
def senders_reset(app: App, sender: str) -> None:
    """Forget a sender's ledger, so the next mail gets a reply again."""
    from gateway.pipeline.responder import reset_sender

    with db_transaction(app.engine) as session:
        removed = reset_sender(session, sender)
    app.emit({"sender": sender.lower(), "removed": removed})


@click.group("config")
def config_group() -> None:
    """The configuration."""


@config_group.command("check")
@click.option("--connect", is_flag=True, help="Also try the relay (EHLO, STARTTLS, AUTH) and "
              "every IMAP login.")
@pass_app
def config_check(app: App, connect: bool) -> None:
    """Validate the config and templates; print the effective timeline per address."""
    from gateway.pipeline.render import Renderer
    from gateway.pipeline.wording import one_language_facts
    from gateway.rules.door import describe
    from gateway.service import connect_check

    settings = app.settings
    timelines = queries.address_timelines(app.policies, app.clock.now())
    problems = [f"{t['address']}: {p}" for t in timelines for p in t["problems"]]
    problems += connect_check.missing_templates_dir(settings)
    problems += Renderer(settings, app.policies).check_templates() + settings.problems()
    problems += connect_check.unset_secrets(settings) + connect_check.exposed_listener(settings)
    tried: list[str] = []
    if connect:
        for attempt in (connect_check.try_relay, connect_check.try_imap):
            failed, worked = attempt(settings)
            problems += failed
            tried += worked
    warnings = settings.warnings() + connect_check.webhook_warnings(settings) + (
        connect_check.token_file_warnings(settings)) + one_language_facts(settings)
    data = {"ok": not problems, "policy": settings.fingerprint, "timezone": settings.timezone,
            "addresses": timelines, "problems": problems, "warnings": warnings}
    if connect:
        data["connected"] = tried
    for t in timelines:
        t["reject_phase"] = describe(settings, settings.address_config(t["address"]))
    lines = [f"{t['address']} ({t['department']}): now {t['phase']}; announce "
             f"{t['announce_from']}, cutover {t['cutover']}, reject {t['reject_from']}, "
             f"grace {t['followup_grace_days']} days, redirect to {t['redirect']}"
             + (f"; {t['reject_phase']}" if t["reject_phase"] else "") for t in timelines]
    lines += [f"ok: {t}" for t in tried]
    lines += [f"PROBLEM: {p}" for p in problems] + [f"warning: {w}" for w in warnings]
    app.emit(data, "\n".join(lines))
    if problems:
        sys.exit(EX_CONFIG)


def register(group: click.Group) -> None:
    for command in (status, tickets, messages, replies, senders, config_group):
        group.add_command(command)
