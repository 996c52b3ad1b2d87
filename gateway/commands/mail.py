"""Commands that take mail in or move it on: ingest, import, preview, process, outbox."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import click

from gateway.commands.common import (
    EX_DATAERR,
    EX_NOUSER,
    EX_OK,
    EX_TEMPFAIL,
    EX_USAGE,
    App,
    choice,
    parse_at,
    pass_app,
)
from gateway.errors import TemporaryFailure
from gateway.redact import clean

# The ingest modules (mailbox, tqdm, the pipe's reading) are imported by the commands that use
# them: every other command, `status` first, starts without them (issue 18, point 7).


def _check_rcpts(app: App, rcpts: tuple[str, ...]) -> tuple[str, ...]:
    """Our addresses as configured (a subaddress technik+tag@ is delivered to technik@)."""
    found = [app.settings.address_config(r) for r in rcpts]
    unknown = [r for r, config in zip(rcpts, found, strict=True) if config is None]
    if unknown:
        known = ", ".join(sorted(app.settings.own_addresses()))
        click.echo(f"gateway: {', '.join(unknown)} is not a configured address ({known})", err=True)
        sys.exit(EX_NOUSER)
    return tuple(config.address for config in found if config is not None)


def _check_sender(sender: str | None) -> None:
    from gateway.ingest.envelope import address_problem

    problem = address_problem(sender) if sender else None
    if problem:
        click.echo(f"gateway: --sender {sender!a} is unusable: {problem}", err=True)
        sys.exit(EX_DATAERR)


@click.command()
@click.option("--rcpt", multiple=True, required=True, help="Recipient (one of our addresses).")
@click.option("--sender", default=None, help="Envelope sender; '' is the null return path.")
@click.option("--at", "at", default=None, help="Reception time, ISO-8601 (default: now).")
@click.option("--source", default="pipe", show_default=True, help="Source name to record.")
@click.option("--process/--no-process", "process_now", default=None,
              help="Decide right away (default with --json, which prints the decision); else "
                   "only store and leave it to `serve` or `gateway process`.")
@click.argument("extra", nargs=-1)
@pass_app
def ingest(app: App, rcpt: tuple[str, ...], sender: str | None, at: str | None, source: str,
           process_now: bool | None, extra: tuple[str, ...]) -> None:
    """Store one mail from stdin (with --json: and process it). Exit 0 accepted, 64 unexpected
    arguments, 65 bad input, 67 unknown recipient, 75 temporary failure (the MTA keeps the mail
    and retries)."""
    if extra:  # Postfix's pipe expands ${recipient} to one argument per recipient
        click.echo(f"gateway: unexpected arguments {' '.join(extra)}; for Postfix's pipe set "
                   "gateway_destination_recipient_limit = 1 in main.cf", err=True)
        sys.exit(EX_USAGE)
    from gateway.ingest.pipe import TooBig, read_message, store_piped

    rcpt = _check_rcpts(app, rcpt)
    _check_sender(sender)
    received_at = parse_at(at, app.settings, app.clock)
    try:
        raw = read_message(sys.stdin.buffer, app.settings.smtp.max_message_size)
    except TooBig as exc:
        click.echo(f"gateway: {exc}", err=True)
        sys.exit(EX_DATAERR)
    try:
        stored = store_piped(app.engine, raw, rcpt, sender, source, received_at)
    except TemporaryFailure as exc:
        click.echo(f"gateway: cannot store the message now, try again later: {exc}", err=True)
        sys.exit(EX_TEMPFAIL)
    results = []
    pipeline = app.pipeline() if (app.as_json if process_now is None else process_now) else None
    for item in stored:
        outcome = pipeline.process_one(item.inbound_id) if pipeline else None
        data = outcome.as_json() if outcome else _stored_only(app, item.inbound_id)
        data["duplicate"] = item.duplicate
        results.append(data)
    app.emit(results if len(results) > 1 else results[0],
             "\n".join(_decision_line(d) for d in results))
    sys.exit(EX_OK)


def _stored_only(app: App, inbound_id: int) -> dict:
    from gateway.admin.queries import show_message

    row = show_message(app.engine, inbound_id) or {}
    return {"action": row.get("action"), "reason": row.get("reason"), "rcpt": row.get("rcpt"),
            "phase": row.get("phase"), "ticket": row.get("ticket"), "reply": None, "inbound_id": inbound_id,
            "status": row.get("status"), "error": row.get("error")}


def _decision_line(data: dict) -> str:
    if data.get("action") is None:  # stored only
        parts = [f"inbound {data.get('inbound_id')}", f"rcpt {data.get('rcpt')}",
                 "stored; serve or `gateway process` decides"]
    else:
        parts = [f"inbound {data.get('inbound_id')}", f"{data.get('action')} ({data.get('reason')})",
                 f"rcpt {data.get('rcpt')}", f"phase {data.get('phase')}"]
    if data.get("ticket"):
        parts.append(f"ticket {data['ticket']}")
    if data.get("refusal"):
        parts.append(f"refused at the door: {data['refusal']}")
    elif data.get("phase") == "reject" and data.get("action") != "reject":
        parts.append("accepted although in the reject phase: "
                     + ("an exception names the sender" if str(data.get("reason", "")).startswith(
                         "exception") else "only SMTP/LMTP reception can refuse"))
    if data.get("reply"):
        parts.append(f"reply to {data['reply']['to']}: {data['reply']['subject']}")
    if data.get("duplicate"):
        parts.append("duplicate: already stored")
    return "  ".join(parts)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--rcpt", default=None, help="Recipient for all (default: from the headers).")
@click.option("--no-process", is_flag=True, help="Only store.")
@click.option("--replies", type=choice(["recent", "all", "none"]), default="recent",
              show_default=True, help="recent: no reply to mail older than "
              "backfill_reply_window_hours; all: reply as if it arrived now; none: never.")
@pass_app
def import_(app: App, path: Path, rcpt: str | None, no_process: bool, replies: str) -> None:
    """Backfill from an mbox file or a Maildir folder (reception time from the mailbox): tickets
    and decisions for every mail, replies only as --replies says."""
    from tqdm import tqdm

    from gateway.ingest.files import UnsafeFile, count_mailbox, guess_recipients, iter_mailbox
    from gateway.ingest.store import Incoming, store_batch

    own, limit = app.settings.own_addresses(), app.settings.smtp.max_message_size
    try:
        total = count_mailbox(path)
    except UnsafeFile as exc:
        raise click.BadParameter(str(exc), param_hint="PATH") from None
    stored, skipped, duplicates, unread = 0, 0, 0, 0
    for item in tqdm(iter_mailbox(path, limit), total=total, unit="mail", file=sys.stderr,
                     disable=None):
        if item.skipped:
            # a file name is anyone's text: no escape sequence or line break reaches the terminal
            click.echo(clean(f"gateway: skipped {item.source_ref}: {item.skipped}"), err=True)
            unread += 1
            continue
        rcpts = [rcpt.lower()] if rcpt else guess_recipients(item.raw, own, app.settings.recipient_delimiter)
        if not rcpts:
            skipped += 1
            continue
        when = item.received_at or app.clock.now()
        results = store_batch(app.engine, [Incoming(
            item.raw, r, None, "import", when, item.source_ref,
            replies=None if replies == "all" else replies) for r in rcpts])
        stored += sum(not r.duplicate for r in results)
        duplicates += sum(r.duplicate for r in results)
    outcomes = [] if no_process else app.backlog().process_pending()
    app.emit({"messages": total, "stored": stored, "duplicates": duplicates,
              "skipped_no_recipient": skipped, "skipped_unreadable": unread,
              "processed": len(outcomes)})


@click.command()
@click.argument("mail", type=click.File("rb"))
@click.option("--rcpt", required=True, help="Recipient (one of our addresses).")
@click.option("--sender", default=None, help="Envelope sender; '' is the null return path.")
@click.option("--at", "at", default=None, help="Reception time, ISO-8601 (default: now).")
@click.option("--source", default="smtp", show_default=True,
              type=choice(["smtp", "lmtp", "imap", "pipe"]),
              help="How the mail arrives: smtp/lmtp are refused in a reject phase.")
@click.option("--against-db", is_flag=True, help="Look at the real database (read only): "
              "follow-ups to its tickets, the reply rate limits, the next ticket number.")
@pass_app
def preview(app: App, mail: BinaryIO, rcpt: str, sender: str | None, at: str | None, source: str,
            against_db: bool) -> None:
    """What would happen to MAIL, with the rendered reply; stores nothing, sends nothing, and
    reads nothing from the real database unless --against-db."""
    from gateway.ingest.pipe import envelope_sender
    from gateway.ingest.store import Incoming

    (rcpt,) = _check_rcpts(app, (rcpt,))
    item = Incoming(mail.read(), rcpt, envelope_sender(sender), source,
                    parse_at(at, app.settings, app.clock))
    from gateway.pipeline.process import Pipeline

    if against_db:  # read only: no write lock, no database made where there is none
        from gateway.store.db import read_only

        outcome = Pipeline(app.settings, read_only(app.reader), app.clock,
                           policies=app.policies).preview(item).as_json()
    else:
        from gateway.admin.simulate import scratch

        with scratch(app.settings) as (local, engine):
            outcome = Pipeline(local, engine, app.clock).preview(item).as_json()
    text = _decision_line(outcome)
    if outcome["language"]:
        found = outcome["language"]
        text += (f"\nlanguage: {found['language'] or 'not recognised'}"
                 f"{' (' + found['via'] + ')' if found['via'] else ''}, reply in "
                 f"{', '.join(found['order'])}")
    if outcome["reply"]:
        reply = outcome["reply"]
        headers = "\n".join(f"{k}: {v}" for k, v in reply["headers"].items())
        text += f"\n\n{headers}\n\n{reply['text']}"
    app.emit(outcome, text)


@click.command()
@click.option("--retry-failed", is_flag=True, help="Also take up messages that failed before.")
@pass_app
def process(app: App, retry_failed: bool) -> None:
    """Drain the inbound queue once."""
    outcomes = app.backlog().process_pending(retry_failed=retry_failed)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.action] = counts.get(outcome.action, 0) + 1
    app.emit({"processed": len(outcomes), "by_action": counts})


@click.group()
def outbox() -> None:
    """The outbox of replies."""


@outbox.command("send")
@pass_app
def outbox_send(app: App) -> None:
    """Deliver (or, in dry run, write as .eml) every reply that is due, once."""
    from gateway.delivery.outbox import Outbox

    report = Outbox(app.settings, app.engine, app.clock).send_due()
    app.emit(report.as_json())


def register(group: click.Group) -> None:
    for command in (ingest, import_, preview, process, outbox):
        group.add_command(command)
