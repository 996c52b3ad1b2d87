"""What the IMAP tests share: emptying a test mailbox, settings for one [[imap]] table, and
waiting for a condition (never a sleep as an assertion)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from imapclient import IMAPClient

from tests.dovecot import Dovecot


def running_dovecot(users: dict[str, str], **options) -> Iterator[Dovecot]:
    """A module's private Dovecot, for a fixture to `yield from`."""
    server = Dovecot(users, **options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def fresh_session(server, user: str, password: str) -> Iterator[IMAPClient]:
    """The test's own session, its INBOX and Processed emptied, for a fixture to `yield from`."""
    client = login(server, user, password)
    empty_folders(client, "INBOX", "Processed")
    try:
        yield client
    finally:
        try:
            client.logout()
        except Exception:  # a test may have had the server end this session too
            pass


def login(server, user: str, password: str) -> IMAPClient:
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    client.login(user, password)
    return client


def empty_folders(client: IMAPClient, *folders: str) -> None:
    """Each test starts with empty folders (created if missing)."""
    for folder in folders:
        if not client.folder_exists(folder):
            client.create_folder(folder)
            continue
        client.select_folder(folder)
        uids = client.search("ALL")
        if uids:
            client.delete_messages(uids)
            client.expunge()


def wait_for(condition: Callable[[], object], timeout: float = 60, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")

