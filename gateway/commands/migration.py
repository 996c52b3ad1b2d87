"""Commands to plan and watch the migration: simulate a mailbox, report who still writes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gateway.commands.common import App, choice, parse_at, pass_app
from gateway.redact import clean


@click.command()
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--at", "at", default=None, help="As if received at this moment, ISO-8601 "
              "(default: now).")
@click.option("--rcpt", default=None, help="Recipient for all (default: from the headers).")
@click.option("--source", default="smtp", show_default=True,
              type=choice(["smtp", "lmtp", "imap", "pipe"]),
              help="How the mail arrives: smtp/lmtp are refused in a reject phase, the others "
                   "are accepted and redirected.")
@click.option("--list", "listing", is_flag=True, help="Also one line per mail: position in the "
              "source, sender, subject, address, action, reason, ticket or follow-up (--json "
              "always has it as `mails`).")
@click.option("--against-db", is_flag=True, help="Recognise follow-ups to the tickets of the "
              "real database (read only).")
@pass_app
def simulate(app: App, sources: tuple[Path, ...], at: str | None, rcpt: str | None, source: str,
             listing: bool, against_db: bool) -> None:
    """What the current config would do with a whole mailbox (mbox, Maildir, .eml files or a
    folder of them) at one moment: counts per address, action and reason, a sample per reason;
    rate limits build up within the run. Stores nothing, sends nothing."""
    from gateway.admin.simulate import as_text
    from gateway.admin.simulate import simulate as run
    from gateway.ingest.files import UnsafeFile

    try:
        data = run(app.settings, list(sources), parse_at(at, app.settings, app.clock), rcpt,
                   source=source, against=app.reader if against_db else None)
    except UnsafeFile as exc:  # a device or FIFO named as the mbox (was a traceback, exit 1)
        raise click.BadParameter(str(clean(str(exc))), param_hint="SOURCES") from None
    app.emit(data, as_text(data, listing))


@click.command()
@click.option("--since", default=None, help="From this moment (ISO-8601; a date is 00:00 local).")
@click.option("--until", default=None, help="Up to (not including) this moment.")
@click.option("--csv", "as_csv", is_flag=True, help="One flat CSV table (column `table`).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write the HTML report (chart and tables) to this file.")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Only the N senders and domains writing most after the cutover (default: "
              "all; the totals are in senders_total and domains_total).")
@pass_app
def report(app: App, since: str | None, until: str | None, as_csv: bool,
           html_file: Path | None, top: int | None) -> None:
    """Per address and ISO week the mails by action and reason; the senders and domains that
    still write after the cutover (count, first/last seen, automated, redirected/suppressed)."""
    from gateway.admin.report import as_csv as to_csv
    from gateway.admin.report import as_text
    from gateway.admin.report_data import build_report
    from gateway.admin.report_html import render_report

    settings = app.settings
    data = build_report(app.reader, settings.zone,
                        parse_at(since, settings, app.clock, "--since") if since else None,
                        parse_at(until, settings, app.clock, "--until") if until else None, top)
    if html_file is not None:
        html_file.write_bytes(render_report(data, settings.company, app.clock.now()))
    if as_csv:
        click.echo(to_csv(data), nl=False)
    elif app.as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(as_text(data))


def register(group: click.Group) -> None:
    group.add_command(simulate)
    group.add_command(report)
