"""raw bytes apart: inbound_message.raw moves to a table of its own, inbound_raw

Every scan of inbound_message (status, action, received_at, the reports) walked past the raw
bytes of each mail, and every update of a row (claim, decision) rewrote them. The bytes move
to inbound_raw, keyed by the inbound id and a chunk number (a big mail taken over SMTP is
written in chunks, each in a short transaction); rows emptied by retention get no row there.
The file does not shrink by itself: `gateway db vacuum` gives the space back once.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'inbound_raw',
        sa.Column('inbound_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('raw', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['inbound_id'], ['inbound_message.id'], ),
        sa.PrimaryKeyConstraint('inbound_id', 'seq'))
    op.execute("INSERT INTO inbound_raw (inbound_id, seq, raw) SELECT id, 0, raw "
               "FROM inbound_message WHERE length(raw) > 0")
    if op.get_bind().dialect.name == "sqlite":
        # native since SQLite 3.35: no copy of the table (a batch copy would also trip the
        # foreign keys of ticket_article, reply and handoff pointing at it)
        op.execute("ALTER TABLE inbound_message DROP COLUMN raw")
    else:
        op.drop_column('inbound_message', 'raw')


def downgrade() -> None:
    op.add_column('inbound_message', sa.Column('raw', sa.LargeBinary(), nullable=False,
                                               server_default=sa.text("x''") if
                                               op.get_bind().dialect.name == "sqlite" else
                                               sa.text("''::bytea")))
    conn = op.get_bind()
    chunks: dict[int, list[bytes]] = {}
    for inbound_id, raw in conn.execute(sa.text(
            "SELECT inbound_id, raw FROM inbound_raw ORDER BY inbound_id, seq")):
        chunks.setdefault(inbound_id, []).append(raw)
    for inbound_id, parts in chunks.items():
        conn.execute(sa.text("UPDATE inbound_message SET raw = :raw WHERE id = :id"),
                     {"raw": b"".join(parts), "id": inbound_id})
    op.drop_table('inbound_raw')
