"""`gateway simulate`: what the current config would do with a whole mailbox at one moment.

The mail runs through the real pipeline (parse, classify, exceptions, decide, act, render) in a
scratch SQLite database that is thrown away afterwards: the decisions are exactly the ones the
gateway would make, rate limits build up within the run as they would, and nothing is stored
in the real database or sent (no outbox run, no handoff). The mail arrives as `source` says
(default smtp, as `serve` receives it): in a reject phase it is refused with the address's 550
line, unless an exception names its sender. With `against` (the real database, read only),
follow-ups to the real tickets are recognised (admin/simulate_db.py)."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import SQLModel

from gateway.clock import FixedClock
from gateway.config.settings import GatewaySettings, HandoffConfig
from gateway.ingest.files import (
    FileMail,
    UnsafeFile,
    guess_recipients,
    iter_mailbox,
    read_regular,
)
from gateway.ingest.store import Incoming, store_batch
from gateway.pipeline.process import Pipeline
from gateway.redact import clean
from gateway.store.db import make_engine
from gateway.store.models import INBOUND

SAMPLE_KEYS = ("rcpt", "action", "reason", "from", "subject", "notes", "reply_subject")
SUBJECT_CHARS = 80  # the list's subject column: sanitised and cut


def iter_sources(paths: Iterable[Path], limit: int) -> Iterator[FileMail]:
    """An mbox file, a Maildir, a folder of .eml files, or .eml files themselves; regular
    files only, each at most `limit` bytes (else a FileMail with `skipped` set)."""
    for path in paths:
        if path.is_dir() and not (path / "cur").is_dir():
            files, root = sorted(path.glob("*.eml")), path
        elif path.suffix.lower() == ".eml":
            files, root = [path], path.parent
        else:
            yield from iter_mailbox(path, limit)
            continue
        for file in files:
            try:
                yield FileMail(read_regular(file, root, limit)[0], None, f"eml:{file.name}")
            except UnsafeFile as exc:
                yield FileMail(b"", None, f"eml:{file.name}", skipped=str(exc))


@contextmanager
def scratch(settings: GatewaySettings) -> Iterator[tuple[GatewaySettings, Engine]]:
    """The settings and a fresh database of a throw-away gateway: nothing sent, nothing kept."""
    with tempfile.TemporaryDirectory(prefix="gateway-simulate-") as folder:
        local = settings.model_copy(update={
            "database_url": f"sqlite:///{folder}/simulate.db", "outbox_dir": f"{folder}/out",
            "handoff": HandoffConfig()})
        engine = make_engine(local.database_url)
        try:  # the tables of models.py at once: 0.08 s, where the migrations one by one take 1 s
            SQLModel.metadata.create_all(engine)
            yield local, engine
        finally:
            engine.dispose()


def _incoming(mails: Iterable[FileMail], settings: GatewaySettings, at: datetime,
              rcpt: str | None, source: str) -> tuple[list[Incoming], list[str], int]:
    own, items, positions, skipped = settings.own_addresses(), [], [], 0
    for n, mail in enumerate(mails):
        rcpts = [rcpt.lower()] if rcpt else guess_recipients(mail.raw, own)
        skipped += not rcpts
        positions.append(mail.source_ref)
        # one reference per mail: identical copies in a mailbox count as often as they occur
        items += [Incoming(mail.raw, r, None, source, at, f"sim:{n}") for r in rcpts]
    return items, positions, skipped


def _readable(mails: Iterable[FileMail], unread: list[dict]) -> Iterator[FileMail]:
    for mail in mails:
        if mail.skipped:
            unread.append(clean({"position": mail.source_ref, "reason": mail.skipped}))
        else:
            yield mail


def simulate(settings: GatewaySettings, paths: list[Path], at: datetime,
             rcpt: str | None = None, source: str = "smtp", against: Engine | None = None) -> dict:
    with scratch(settings) as (local, engine):
        unread: list[dict] = []
        mails = _readable(iter_sources(paths, local.smtp.max_message_size), unread)
        items, positions, skipped = _incoming(mails, local, at, rcpt, source)
        if against is not None:
            from gateway.admin.simulate_db import copy_threads

            copy_threads(against, engine, [item.raw for item in items], local.ticket_prefix)
        for start in range(0, len(items), 500):
            store_batch(engine, items[start:start + 500])
        outcomes = Pipeline(local, engine, FixedClock(at)).process_pending()
        rows = _rows(engine)
    data = summarise(outcomes, rows, at, skipped)
    data["source"], data["against_db"] = source, against is not None
    data["skipped_unreadable"] = unread
    data["mails"] = mail_list(outcomes, rows, positions)
    return data


def _rows(engine: Engine) -> dict[int, tuple[str | None, str | None, str | None]]:
    """Each simulated row's sender (From), subject and mailbox reference (sim:N)."""
    with engine.connect() as conn:
        return {row.id: (row.from_addr, row.subject, row.source_ref) for row in conn.execute(
            select(INBOUND.c.id, INBOUND.c.from_addr, INBOUND.c.subject, INBOUND.c.source_ref)
            .where(INBOUND.c.source_ref.like("sim:%")))}


def mail_list(outcomes: list, rows: dict, positions: list[str]) -> list[dict]:
    """One entry per (mail, address), in the order of the mailbox."""
    found = []
    for o in outcomes:
        sender, subject, ref = rows.get(o.inbound_id, (None, None, None))
        n = int(ref.split(":", 1)[1]) if ref else -1
        found.append({
            "n": n, "position": positions[n] if 0 <= n < len(positions) else None,
            "sender": sender, "subject": clean((subject or "")[:SUBJECT_CHARS]),
            "address": o.rcpt, "action": o.action, "reason": o.reason, "ticket": o.ticket,
            "followup": o.ticket if o.action == "followup" else None, "refusal": o.refusal,
            "reply_subject": o.reply.subject if o.reply else None})
    return sorted(found, key=lambda m: (m["n"], m["address"]))


def summarise(outcomes: list, rows: dict, at: datetime, skipped: int) -> dict:
    by_action: Counter = Counter(o.action for o in outcomes)
    by_address: dict[str, Counter] = {}
    counts: Counter = Counter()
    samples: dict[str, dict] = {}
    for o in outcomes:
        by_address.setdefault(o.rcpt, Counter())[o.action] += 1
        counts[(o.rcpt, o.action, o.reason)] += 1
        if o.reason not in samples:
            sender, subject, _ = rows.get(o.inbound_id, (None, None, None))
            samples[o.reason] = dict(zip(SAMPLE_KEYS, (
                o.rcpt, o.action, o.reason, sender, subject, o.notes,
                o.reply.subject if o.reply else None), strict=True))
            if o.refusal:
                samples[o.reason]["refusal"] = o.refusal
    return {
        "at": at.isoformat(), "messages": len(outcomes), "skipped_no_recipient": skipped,
        "by_action": dict(by_action), "replies": sum(o.reply is not None for o in outcomes),
        "by_address": {a: dict(c) for a, c in sorted(by_address.items())},
        "by_address_action_reason": [
            {"address": a, "action": act, "reason": r, "count": n}
            for (a, act, r), n in sorted(counts.items())],
        "samples": samples,
    }


def as_text(data: dict, listing: bool = False) -> str:
    lines = [f"at {data['at']}: {data['messages']} decision(s), {data['replies']} reply(ies) "
             f"would go out; {data['skipped_no_recipient']} mail(s) for none of our addresses",
             "by action: " + ", ".join(f"{k} {v}" for k, v in sorted(data["by_action"].items())),
             ""]
    lines += [f"{r['address']:<28} {r['action']:<9} {r['reason']:<28} {r['count']:>6}"
              for r in data["by_address_action_reason"]]
    lines.append("")
    lines += [f"sample {reason}: {s['action']} — {s['from']}: {s['subject']}"
              for reason, s in data["samples"].items()]
    lines += [f"skipped {m['position']}: {m['reason']}" for m in data.get("skipped_unreadable", [])]
    lines += [f"refused with: {line}" for line in dict.fromkeys(
        m["refusal"] for m in data.get("mails", []) if m["refusal"])]
    if listing:
        lines += ["", "POSITION  SENDER  SUBJECT  ADDRESS  ACTION  REASON  TICKET"]
        lines += [_list_line(m) for m in data["mails"]]
    return "\n".join(lines)


def _list_line(mail: dict) -> str:
    made = (f"follow-up to {mail['followup']}" if mail["followup"] else
            f"new ticket {mail['ticket']}" if mail["ticket"] else "-")
    return "  ".join(str(part) for part in (
        mail["position"], mail["sender"] or "-", f"\"{mail['subject']}\"", mail["address"],
        mail["action"], mail["reason"], made))
