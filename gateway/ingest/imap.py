"""IMAP intake (imapclient): fetch, store, and only then acknowledge on the server.

The acknowledgement (a MOVE to `processed_mailbox`, or the keyword `$GatewayStored` where no
such mailbox is configured) follows the commit. A poller that dies in between fetches the same
mail again next time; the store recognises it (the same bytes for the same recipient) and it is
acknowledged then, so every mail is stored and acted on once. `gateway poll` uses this module
directly; `serve` keeps one watcher per folder (imap_idle.py) that waits with IDLE in between.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from imapclient import IMAPClient
from sqlalchemy import Engine, select

from gateway.clock import Clock
from gateway.config.settings import GatewaySettings, ImapConfig
from gateway.errors import TemporaryFailure
from gateway.ingest.imap_ack import acknowledge
from gateway.ingest.imap_fetch import MAX_SIZE, Skips, batches, fetch
from gateway.ingest.imap_session import close, connect, token_source
from gateway.ingest.oauth2 import TokenSource
from gateway.ingest.store import Incoming, Stored
from gateway.ingest.store_big import store_paced
from gateway.store.models import INBOUND

log = logging.getLogger("gateway.imap")
STORED_KEYWORD = b"$GatewayStored"
# Acknowledge (MOVE) in bigger groups than the fetches: each MOVE costs the server a fixed
# index update and sync, and a mail stored but not yet moved is only recognised again.
ACK_CHUNK = 1000


class MissingFolder(TemporaryFailure):
    """A configured folder is not on the server."""


@dataclass
class PollReport:
    mailbox: str
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    too_big: list[dict] = field(default_factory=list)  # left on the server: {"uid", "size"}

    def as_json(self) -> dict:
        return {"mailbox": self.mailbox, "fetched": self.fetched, "stored": self.stored,
                "duplicates": self.duplicates, "too_big": self.too_big}


def _reception_time(value: datetime | None, clock: Clock) -> datetime:
    """INTERNALDATE: when the mail server received it (never the Date header)."""
    if value is None:
        return clock.now()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _require_keyword(selected: dict, name: str) -> None:
    """Without processed_mailbox the keyword is the only mark of a stored mail: a server that
    does not keep it (PERMANENTFLAGS without \\* or the keyword) would hand every mail out
    again at each pass, for ever (no second answer, but endless work)."""
    flags = selected.get(b"PERMANENTFLAGS")
    if flags is None:  # not said: RFC 3501 lets clients assume all flags can be kept
        return
    if b"\\*" not in flags and STORED_KEYWORD not in flags:
        raise TemporaryFailure(f"IMAP {name}: the server keeps no keyword of ours "
                               f"({STORED_KEYWORD.decode()}) in this folder: set "
                               "imap.processed_mailbox to a folder to move stored mail to")


class FolderIntake:
    """One folder of one mailbox: what was seen (UIDVALIDITY, highest UID) across sessions."""

    def __init__(self, box: ImapConfig, folder: str, engine: Engine, clock: Clock,
                 max_size: int = MAX_SIZE) -> None:
        self.box, self.folder, self.engine, self.clock = box, folder, engine, clock
        self.max_size = max_size  # smtp.max_message_size: bigger mail is left on the server
        self.validity: int | None = None
        self.last_uid = 0
        self.name = f"{box.label}/{folder}"
        self.replies: str | None = None  # "recent" while this is the folder's first poll

    def _ref_prefix(self) -> str:
        return f"imap:{self.box.host}:{self.box.username}:{self.folder}:"

    def _never_polled(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(INBOUND.c.id).where(
                INBOUND.c.source_ref.startswith(self._ref_prefix(), autoescape=True))
                .limit(1)).first() is None

    def open(self, client: IMAPClient) -> None:
        """Select the folder (creating the processed folder if needed), note UIDVALIDITY."""
        target = self.box.processed_mailbox
        if target and not client.folder_exists(target):
            client.create_folder(target)
        try:
            selected = client.select_folder(self.folder)
        except IMAPClient.Error as exc:
            if not client.folder_exists(self.folder):
                raise MissingFolder(f"IMAP {self.name}: folder '{self.folder}' does not exist "
                                    "on the server (check imap.folders / imap.mailbox)") from exc
            raise
        if not target:
            _require_keyword(selected, self.name)
        try:
            validity = int(selected[b"UIDVALIDITY"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TemporaryFailure(f"IMAP {self.name}: the server gave no usable UIDVALIDITY "
                                   f"({selected.get(b'UIDVALIDITY')!r})") from exc
        if self.validity is None and self._never_polled():
            # The first poll of a folder is a backfill: no replies to mail older than the window.
            self.replies = "recent"
        if self.validity is not None and validity != self.validity:
            # The UIDs we knew mean nothing now: rescan all; the store knows what it has.
            log.warning("IMAP %s: UIDVALIDITY changed from %s to %s, rescanning the folder",
                        self.name, self.validity, validity)
            self.last_uid = 0
        self.validity = validity

    def take(self, client: IMAPClient, report: PollReport, only_new: bool = False) -> None:
        """Store and acknowledge what is not acknowledged yet; only_new: above the last UID.

        One batch is committed (in a helper thread) while the next is fetched: the fetch waits
        on the server, the commit on the disk. A batch is acknowledged only once committed."""
        criteria = ["NOT", "KEYWORD", STORED_KEYWORD.decode()]
        if only_new and self.last_uid:
            criteria = ["UID", f"{self.last_uid + 1}:*", *criteria]
        uids = sorted(u for u in client.search(criteria) if not only_new or u > self.last_uid)
        committed: list[int] = []
        pending = None
        skips = Skips(self.max_size)
        with ThreadPoolExecutor(1, thread_name_prefix="imap-store") as pool:
            for batch, sizes in batches(client, uids, skips):
                items, done = self._fetch(client, batch, sizes, skips)
                if pending is not None:
                    committed += self._committed(*pending, report, skips)
                pending = (pool.submit(store_paced, self.engine, items), done)
                if len(committed) >= ACK_CHUNK:
                    acknowledge(client, self.box.processed_mailbox, committed, STORED_KEYWORD)
                    committed = []
            if pending is not None:
                committed += self._committed(*pending, report, skips)
        acknowledge(client, self.box.processed_mailbox, committed, STORED_KEYWORD)
        report.too_big += [{"uid": uid, "size": size} for uid, size in skips.too_big]
        self.replies = None  # the backfill is done; what comes now is new mail

    def _fetch(self, client: IMAPClient, uids: list[int], sizes: dict[int, int], skips: Skips,
               ) -> tuple[list[Incoming], list[int]]:
        items, done = [], []
        for mail in fetch(client, uids, sizes, skips):  # without what it skipped
            ref = f"{self._ref_prefix()}{self.validity}:{mail.uid}"
            items.append(Incoming(mail.raw, self.box.rcpt, None, "imap",
                                  _reception_time(mail.internal_date, self.clock), ref,
                                  replies=self.replies))
            done.append(mail.uid)
        return items, done

    def _committed(self, future: Future, uids: list[int], report: PollReport,
                   skips: Skips) -> list[int]:
        """Wait for a batch's commit (raises what the store raised); returns its UIDs."""
        stored: list[Stored] = future.result()
        report.fetched += len(stored)
        report.stored += sum(not s.duplicate for s in stored)
        report.duplicates += sum(s.duplicate for s in stored)
        for uid, result in zip(uids, stored, strict=True):
            log.info("imap %s uid %s stored as inbound %s%s", self.name, uid,
                     result.inbound_id, " (duplicate)" if result.duplicate else "")
        # handled once committed, moved or not: a reconnect catches up above this UID; what a
        # failed move left behind is taken again by the next full pass. Never past a UID
        # skipped for this pass (flags alone, a part without body): the catch-up takes it
        top = max(uids, default=0)
        held = [uid for uid in skips.retry if uid > self.last_uid]
        self.last_uid = max(self.last_uid, min([top, *(uid - 1 for uid in held)]))
        return uids


class MailboxPoller:
    """One pass over every folder of one mailbox (`gateway poll`)."""

    def __init__(self, box: ImapConfig, engine: Engine, clock: Clock,
                 tokens: TokenSource | None = None, max_size: int = MAX_SIZE) -> None:
        self.box, self.engine, self.clock, self.tokens = box, engine, clock, tokens
        self.max_size = max_size

    def poll(self) -> PollReport:
        """Raises TemporaryFailure when the server or a folder cannot be used."""
        report = PollReport(f"{self.box.label}/{','.join(self.box.watched_folders)}")
        client = connect(self.box, self.tokens)
        try:
            for folder in self.box.watched_folders:
                intake = FolderIntake(self.box, folder, self.engine, self.clock, self.max_size)
                try:
                    intake.open(client)
                    intake.take(client, report)
                except (OSError, IMAPClient.Error) as exc:
                    raise TemporaryFailure(f"IMAP {intake.name}: {exc}") from exc
        finally:
            close(client)
        return report


def poll_all(settings: GatewaySettings, engine: Engine, clock: Clock,
             tokens: dict[int, TokenSource | None] | None = None,
             ) -> tuple[list[PollReport], list[str]]:
    """Poll every configured mailbox once; one that fails does not stop the others. Pass the
    same `tokens` dict to every pass of a loop, so that access tokens live across passes."""
    reports, errors = [], []
    tokens = {} if tokens is None else tokens
    for index, box in enumerate(settings.imap):
        if index not in tokens:
            tokens[index] = token_source(box, clock)
        try:
            reports.append(MailboxPoller(box, engine, clock, tokens[index],
                                         settings.smtp.max_message_size).poll())
        except TemporaryFailure as exc:
            log.warning("%s", exc, extra={"event": "imap_error", "mailbox": box.mailbox})
            errors.append(str(exc))
        except Exception as exc:  # a bug or a garbled answer: the next mailboxes still come
            log.exception("IMAP %s: unexpected error", box.label,
                          extra={"event": "imap_error", "mailbox": box.mailbox})
            errors.append(f"IMAP {box.label}: {exc!r}")
    return reports, errors
