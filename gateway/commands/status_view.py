"""What `gateway status` prints: the addresses' timelines, where this command looks (the
database, the replies' way: the same as the service's when both read one environment file and
absolute paths), the daemons, queues, counts, refusals, alarms and warnings."""

from __future__ import annotations

from pathlib import Path

from gateway.config.settings import GatewaySettings
from gateway.redact import mask_url
from gateway.store.db import sqlite_path


def where(settings: GatewaySettings) -> dict:
    """The database (a SQLite file as an absolute path) and where replies go."""
    path = sqlite_path(settings.database_url)
    database = str(path.resolve()) if path is not None else mask_url(settings.database_url)
    replies = (f"folder {Path(settings.outbox_dir).resolve()} (dry run)" if settings.dry_run
               else f"relay {settings.relay.host}:{settings.relay.port}")
    return {"database": database, "replies_to": replies}


def timeline_lines(a: dict) -> list[str]:
    """One address: its phase, its whole timeline, what changes next."""
    dates = "  ".join(f"{name} {a[key][:16] if a[key] else '-'}" for name, key in (
        ("announce", "announce_from"), ("cutover", "cutover"), ("grace end", "grace_end"),
        ("reject", "reject_from")))
    upcoming = a.get("next_change")
    after = (f"next: {upcoming['what']} at {upcoming['at'][:16]}" if upcoming
             else "next: nothing (the timeline is complete)")
    return [f"{a['address']:<28} {a['phase']:<9} {dates}", f"{'':<38} {after}"]


def _counts(title: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return [f"{title}: none"]
    return [f"{title}:"] + [f"  {name:<32} {n:>8}" for name, n in sorted(counts.items())]


def status_lines(data: dict) -> list[str]:
    lines = [f"policy {data['policy']}   replies: "
             f"{'written to a folder (dry run)' if data['dry_run'] else 'sent via the relay'}",
             f"database {data.get('database')}   replies to {data.get('replies_to')}",
             "", f"{'ADDRESS':<28} {'PHASE':<9} TIMELINE"]
    lines += [line for a in data["addresses"] for line in timeline_lines(a)]
    lines.append("")
    lines += [f"serve {d['name']}: started {d['started_at']}, last seen {d['silent_seconds']} s "
              f"ago{' (STALE)' if d['stale'] else ''}" for d in data["daemons"]] or [
        "serve: not running (no daemon has reported)"]
    lines += _counts("inbound by status", data["queues"]["inbound"])
    lines += _counts("outbox by status", data["queues"]["outbox"])
    lines += _counts("decisions by action", data["counts"]["by_action"])
    lines += _counts("decisions by action/reason", data["counts"]["by_reason"])
    lines += [f"refused in the reject phase: {r['address']} {r['reason']} {r['count']} "
              f"(last {r['last_at']})" for r in data["refusals"]] or [
        "refused in the reject phase: none"]
    lines += [f"imap {m['mailbox']}: {m['mode']}, stored {m['stored']}"
              + (f", error: {m['error']}" if m["error"] else "") for m in data["imap"]["mailboxes"]]
    lines += [f"WARNING: imap {m['mailbox']}: uid {t['uid']} ({t['size']} bytes) is over "
              "smtp.max_message_size: left on the server" for m in data["imap"]["mailboxes"]
              for t in m.get("too_big") or []]
    lines += [f"CRITICAL: {c}" for c in data["alarms"]["critical"]]
    lines += [f"WARNING: {w}" for w in data["warnings"]]
    return lines
