"""duplicates by content: dedup_key of stored mail recomputed from its bytes and recipient

A mail was a duplicate when its Message-ID (and recipient) had been seen; a different mail
reusing a Message-ID was then dropped. From this revision on, the same bytes for the same
recipient are one mail. Rows stored before get their key recomputed from their sha256, so an
MTA's retry of a mail stored before the upgrade is still recognised. Where two old rows hold
the same bytes, the later one keeps its old key.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

"""
import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INBOUND = sa.table('inbound_message', sa.column('id', sa.Integer),
                    sa.column('dedup_key', sa.String), sa.column('sha256', sa.String),
                    sa.column('rcpt', sa.String))


def _content_key(sha256_hex: str, rcpt: str) -> str:
    # the same formula as gateway.ingest.store.dedup_key at this revision (frozen here)
    return hashlib.sha256(f"raw\0{sha256_hex}\0{rcpt.strip().lower()}".encode()).hexdigest()


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(_INBOUND.c.id, _INBOUND.c.dedup_key, _INBOUND.c.sha256,
                                  _INBOUND.c.rcpt).order_by(_INBOUND.c.id)).all()
    taken = {row.dedup_key for row in rows}
    changes = []
    for row in rows:
        key = _content_key(row.sha256, row.rcpt)
        if key != row.dedup_key and key not in taken:
            taken.add(key)
            changes.append({"b_id": row.id, "b_key": key})
    if changes:
        conn.execute(_INBOUND.update().where(_INBOUND.c.id == sa.bindparam("b_id"))
                     .values(dedup_key=sa.bindparam("b_key")), changes)


def downgrade() -> None:
    pass  # the content keys stay valid unique keys; nothing to undo
