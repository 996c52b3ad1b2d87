"""Acknowledging stored mail on the IMAP server: MOVE where offered, else COPY + \\Deleted +
UID EXPUNGE (RFC 4315), else a plain EXPUNGE; or just a keyword where no target is set."""

from __future__ import annotations

from imapclient import IMAPClient

DELETED = b"\\Deleted"


def acknowledge(client: IMAPClient, target: str, uids: list[int], keyword: bytes) -> None:
    """Called only after the mails are committed to the database."""
    if not uids:
        return
    if not target:
        client.add_flags(uids, [keyword], silent=True)
    elif client.has_capability("MOVE"):
        client.move(uids, target)
    else:  # servers without MOVE (RFC 6851): copy, then delete the originals
        # The keyword first: should the expunge not happen (connection lost), the next pass
        # does not copy these a second time.
        client.add_flags(uids, [keyword], silent=True)
        client.copy(uids, target)
        client.add_flags(uids, [DELETED], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)
        else:  # expunges every \Deleted mail of the folder: the best such a server allows
            client.expunge()
