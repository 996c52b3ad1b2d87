"""`gateway simulate`: what the current config would do with a whole mailbox at one moment.

The mail runs through the real pipeline (parse, classify, exceptions, decide, act, render) in a
scratch SQLite database that is thrown away afterwards: the decisions are exactly the ones the
gateway would make, rate limits build up within the run as they would, and nothing is stored
in the real database or sent (no outbox run, no handoff). Follow-ups to tickets that exist only
in the real database are not recognised."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from gateway.clock import FixedClock
from gateway.config.settings import GatewaySettings, HandoffConfig
from gateway.ingest.files import FileMail, guess_recipients, iter_mailbox
from gateway.ingest.store import Incoming, store_batch
from gateway.pipeline.process import Pipeline
from gateway.store.db import ensure_schema, make_engine

SAMPLE_KEYS = ("rcpt", "action", "reason", "from", "subject", "notes", "reply_subject")


def iter_sources(paths: Iterable[Path]) -> Iterator[FileMail]:
    """An mbox file, a Maildir, a folder of .eml files, or .eml files themselves."""
    for path in paths:
        if path.is_dir() and not (path / "cur").is_dir():
            files = sorted(path.glob("*.eml"))
        elif path.suffix.lower() == ".eml":
            files = [path]
        else:
            yield from iter_mailbox(path)
            continue
        for file in files:
            yield FileMail(file.read_bytes(), None, f"eml:{file.name}")


def _incoming(mails: Iterable[FileMail], settings: GatewaySettings, at: datetime,
              rcpt: str | None) -> tuple[list[Incoming], int]:
    own, items, skipped = settings.own_addresses(), [], 0
    for n, mail in enumerate(mails):
        rcpts = [rcpt.lower()] if rcpt else guess_recipients(mail.raw, own)
        skipped += not rcpts
        # one reference per mail: identical copies in a mailbox count as often as they occur
        items += [Incoming(mail.raw, r, None, "import", at, f"sim:{n}") for r in rcpts]
    return items, skipped


def simulate(settings: GatewaySettings, paths: list[Path], at: datetime,
             rcpt: str | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="gateway-simulate-") as scratch:
        local = settings.model_copy(update={
            "database_url": f"sqlite:///{scratch}/simulate.db", "outbox_dir": f"{scratch}/out",
            "handoff": HandoffConfig()})
        engine = make_engine(local.database_url)
        try:
            ensure_schema(engine)
            items, skipped = _incoming(iter_sources(paths), local, at, rcpt)
            for start in range(0, len(items), 500):
                store_batch(engine, items[start:start + 500])
            outcomes = Pipeline(local, engine, FixedClock(at)).process_pending()
            subjects = _subjects(engine)
        finally:
            engine.dispose()
    return summarise(outcomes, subjects, at, skipped)


def _subjects(engine) -> dict[int, tuple[str | None, str | None]]:
    from sqlalchemy import select

    from gateway.store.models import INBOUND as table
    with engine.connect() as conn:
        return {row.id: (row.from_addr, row.subject) for row in conn.execute(
            select(table.c.id, table.c.from_addr, table.c.subject))}


def summarise(outcomes: list, subjects: dict, at: datetime, skipped: int) -> dict:
    by_action: Counter = Counter(o.action for o in outcomes)
    by_address: dict[str, Counter] = {}
    rows: Counter = Counter()
    samples: dict[str, dict] = {}
    for o in outcomes:
        by_address.setdefault(o.rcpt, Counter())[o.action] += 1
        rows[(o.rcpt, o.action, o.reason)] += 1
        if o.reason not in samples:
            sender, subject = subjects.get(o.inbound_id, (None, None))
            samples[o.reason] = dict(zip(SAMPLE_KEYS, (
                o.rcpt, o.action, o.reason, sender, subject, o.notes,
                o.reply.subject if o.reply else None), strict=True))
    return {
        "at": at.isoformat(), "messages": len(outcomes), "skipped_no_recipient": skipped,
        "by_action": dict(by_action), "replies": sum(o.reply is not None for o in outcomes),
        "by_address": {a: dict(c) for a, c in sorted(by_address.items())},
        "by_address_action_reason": [
            {"address": a, "action": act, "reason": r, "count": n}
            for (a, act, r), n in sorted(rows.items())],
        "samples": samples,
    }


def as_text(data: dict) -> str:
    lines = [f"at {data['at']}: {data['messages']} decision(s), {data['replies']} reply(ies) "
             f"would go out; {data['skipped_no_recipient']} mail(s) for none of our addresses",
             "by action: " + ", ".join(f"{k} {v}" for k, v in sorted(data["by_action"].items())),
             ""]
    lines += [f"{r['address']:<28} {r['action']:<9} {r['reason']:<28} {r['count']:>6}"
              for r in data["by_address_action_reason"]]
    lines.append("")
    lines += [f"sample {reason}: {s['action']} — {s['from']}: {s['subject']}"
              for reason, s in data["samples"].items()]
    return "\n".join(lines)
