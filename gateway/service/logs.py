"""Logging set-up for every gateway process: text (for a terminal or the journal) or JSON lines
(for log shippers), the level from GATEWAY_LOG_LEVEL or -v.

Log calls name what happened with `extra={"event": ..., "inbound_id": ..., ...}`; the JSON
format writes those fields, the text format the message. Under systemd ($JOURNAL_STREAM) the
journal stamps every line itself, so the text format leaves the time out and prefixes the
syslog priority (`<4>`), which journald turns into the entry's level."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

FORMATS = ("text", "json")
LEVELS = ("debug", "info", "warning", "error")
# Fields a log call may pass in `extra`, written by the JSON format when present.
FIELDS = ("event", "inbound_id", "message_id", "rcpt", "sender", "source", "action", "reason",
          "reply_id", "relay_answer", "mailbox", "peer")
_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3,
             logging.CRITICAL: 2}


@dataclass(frozen=True)
class LogOptions:
    """How to log; picklable, so the worker process logs exactly like the main process."""

    format: str = "text"
    level: int = logging.WARNING
    journal: bool = False


def options_from(env: dict[str, str], log_format: str | None, verbose: int,
                 daemon: bool = False) -> LogOptions:
    """--log-format over GATEWAY_LOG_FORMAT; GATEWAY_LOG_LEVEL over -v; a daemon logs INFO."""
    fmt = (log_format or env.get("GATEWAY_LOG_FORMAT") or "text").lower()
    if fmt not in FORMATS:
        raise ValueError(f"GATEWAY_LOG_FORMAT must be one of {', '.join(FORMATS)} (got {fmt!r})")
    named = env.get("GATEWAY_LOG_LEVEL", "").lower()
    if named and named not in LEVELS:
        raise ValueError(f"GATEWAY_LOG_LEVEL must be one of {', '.join(LEVELS)} (got {named!r})")
    if named:
        level = getattr(logging, named.upper())
    else:
        level = (logging.INFO if daemon else logging.WARNING) - 10 * min(verbose, 2)
    return LogOptions(fmt, max(level, logging.DEBUG), bool(env.get("JOURNAL_STREAM")))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name,
                "event": getattr(record, "event", None) or "log",
                "message": record.getMessage()}
        for name in FIELDS[1:]:
            value = getattr(record, name, None)
            if value is not None:
                data[name] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class JournalFormatter(logging.Formatter):
    """No time stamp (the journal has one), the syslog priority as `<N>` prefix."""

    def __init__(self, suffix: str) -> None:
        super().__init__(f"%(levelname)s %(name)s{suffix}: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return f"<{_PRIORITY.get(record.levelno, 6)}>" + super().format(record)


def setup(options: LogOptions, process: str = "") -> None:
    """Configure the root handler (stderr) for this process; `process` tags the worker's lines."""
    suffix = f"[{process}]" if process else ""
    if options.format == "json":
        formatter: logging.Formatter = JsonFormatter()
    elif options.journal:
        formatter = JournalFormatter(suffix)
    else:
        formatter = logging.Formatter(f"%(asctime)s %(levelname)s %(name)s{suffix}: %(message)s")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    # Libraries stay at WARNING unless debugging; the gateway's own loggers follow the option.
    root.setLevel(logging.DEBUG if options.level <= logging.DEBUG else logging.WARNING)
    logging.getLogger("gateway").setLevel(options.level)
