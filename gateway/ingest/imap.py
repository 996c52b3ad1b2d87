"""IMAP polling (imapclient): fetch, store, and only then acknowledge on the server.

The acknowledgement (a MOVE to `processed_mailbox`, or the keyword `$GatewayStored` where no
such mailbox is configured) follows the commit. A poller that dies in between fetches the same
mail again next time; the store recognises it (Message-ID, else UIDVALIDITY/UID) and it is
acknowledged then, so every mail is stored and acted on once.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime

from imapclient import IMAPClient
from sqlalchemy import Engine

from gateway.clock import Clock
from gateway.config import GatewaySettings, ImapConfig
from gateway.config_load import read_secret
from gateway.errors import TemporaryFailure
from gateway.ingest.store import Incoming, store_batch

log = logging.getLogger("gateway.imap")
STORED_KEYWORD = b"$GatewayStored"
FETCH_CHUNK = 50


@dataclass
class PollReport:
    mailbox: str
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0

    def as_json(self) -> dict:
        return {"mailbox": self.mailbox, "fetched": self.fetched, "stored": self.stored,
                "duplicates": self.duplicates}


def connect(box: ImapConfig) -> IMAPClient:
    context = ssl.create_default_context(cafile=box.ca_file or None)
    client = IMAPClient(box.host, port=box.port, ssl=box.security == "tls",
                        ssl_context=context, timeout=box.timeout_seconds)
    client.normalise_times = False  # keep INTERNALDATE's own offset: we store UTC
    if box.security == "starttls":
        client.starttls(context)
    client.login(box.username, read_secret(box.password_env, box.password_file))
    return client


def _reception_time(value: datetime | None, clock: Clock) -> datetime:
    """INTERNALDATE: when the mail server received it (never the Date header)."""
    if value is None:
        return clock.now()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class MailboxPoller:
    def __init__(self, box: ImapConfig, engine: Engine, clock: Clock) -> None:
        self.box = box
        self.engine = engine
        self.clock = clock

    def poll(self) -> PollReport:
        """One pass over the mailbox. Raises TemporaryFailure when the server cannot be used."""
        report = PollReport(f"{self.box.username}@{self.box.host}/{self.box.mailbox}")
        try:
            client = connect(self.box)
        except (OSError, ssl.SSLError, IMAPClient.Error) as exc:
            raise TemporaryFailure(f"IMAP {self.box.host}:{self.box.port}: {exc}") from exc
        try:
            self._poll(client, report)
        except (OSError, IMAPClient.Error) as exc:
            raise TemporaryFailure(f"IMAP {report.mailbox}: {exc}") from exc
        finally:
            try:
                client.logout()
            except Exception:  # the connection may be gone already; nothing is lost by that
                pass
        return report

    def _poll(self, client: IMAPClient, report: PollReport) -> None:
        box = self.box
        if box.processed_mailbox and not client.folder_exists(box.processed_mailbox):
            client.create_folder(box.processed_mailbox)
        selected = client.select_folder(box.mailbox)
        validity = int(selected[b"UIDVALIDITY"])
        uids = client.search(["NOT", "KEYWORD", STORED_KEYWORD.decode()])
        for start in range(0, len(uids), FETCH_CHUNK):
            chunk = uids[start: start + FETCH_CHUNK]
            self._take(client, validity, chunk, report)

    def _take(self, client: IMAPClient, validity: int, uids: list[int],
              report: PollReport) -> None:
        fetched = client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])
        items, done = [], []
        for uid in uids:
            data = fetched.get(uid)
            if data is None:  # expunged meanwhile by someone else
                continue
            ref = f"imap:{self.box.host}:{self.box.username}:{self.box.mailbox}:{validity}:{uid}"
            items.append(Incoming(data[b"BODY[]"], self.box.rcpt, None, "imap",
                                  _reception_time(data.get(b"INTERNALDATE"), self.clock), ref))
            done.append(uid)
        stored = store_batch(self.engine, items)  # committed: now the server may forget them
        self._acknowledge(client, done)
        report.fetched += len(items)
        report.stored += sum(not s.duplicate for s in stored)
        report.duplicates += sum(s.duplicate for s in stored)
        for uid, result in zip(done, stored, strict=True):
            log.info("imap %s uid %s stored as inbound %s%s", self.box.mailbox, uid,
                     result.inbound_id, " (duplicate)" if result.duplicate else "")

    def _acknowledge(self, client: IMAPClient, uids: list[int]) -> None:
        if not uids:
            return
        target = self.box.processed_mailbox
        if not target:
            client.add_flags(uids, [STORED_KEYWORD], silent=True)
        elif client.has_capability("MOVE"):
            client.move(uids, target)
        else:  # servers without MOVE (RFC 6851): copy, then delete the originals
            client.copy(uids, target)
            client.add_flags(uids, [b"\\Deleted"], silent=True)
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
            else:
                client.expunge()


def poll_all(settings: GatewaySettings, engine: Engine, clock: Clock) -> tuple[list[PollReport], list[str]]:
    """Poll every configured mailbox once; one that fails does not stop the others."""
    reports, errors = [], []
    for box in settings.imap:
        try:
            reports.append(MailboxPoller(box, engine, clock).poll())
        except TemporaryFailure as exc:
            log.warning("%s", exc)
            errors.append(str(exc))
    return reports, errors
