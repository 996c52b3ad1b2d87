"""Storing a mail's attachments. Small ones go in one statement; a big one (cut out before
parsing, see mime_slim.py) is decoded from the raw mail a slice at a time: on SQLite straight
into its row (a zeroblob filled in place, `content` being the table's last column, so SQLite
never builds it in memory either), elsewhere joined once for the insert."""

from __future__ import annotations

from sqlalchemy import func, insert
from sqlmodel import Session

from gateway.rules.parse import ParsedAttachment
from gateway.store.models import ATTACHMENTS


def _values(article_id: int, item: ParsedAttachment) -> dict:
    return {"article_id": article_id, "filename": item.filename,
            "content_type": item.content_type[:255], "size": item.size, "sha256": item.sha256}


def store_attachments(session: Session, article_id: int, items: list[ParsedAttachment],
                      raw: bytes) -> None:
    """raw: the mail the attachments were parsed from (cut ones are read from it)."""
    small = [{**_values(article_id, i), "content": i.data} for i in items if i.cut is None]
    if small:
        session.execute(insert(ATTACHMENTS), small)
    for item in items:
        if item.cut is not None:
            _store_cut(session, article_id, item, raw)


def _store_cut(session: Session, article_id: int, item: ParsedAttachment, raw: bytes) -> None:
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        content = b"".join(item.chunks(raw))
        session.execute(insert(ATTACHMENTS).values(**_values(article_id, item), content=content))
        return
    new_id = session.execute(insert(ATTACHMENTS).values(
        **_values(article_id, item), content=func.zeroblob(item.size))
        .returning(ATTACHMENTS.c.id)).scalar_one()
    driver = connection.connection.driver_connection
    with driver.blobopen(ATTACHMENTS.name, "content", new_id) as blob:
        for chunk in item.chunks(raw):
            blob.write(chunk)
