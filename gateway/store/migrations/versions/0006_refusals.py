"""refusals: every mail refused in a reject phase (envelope only) and a counter per address and
reason; indexes for the alarms on the oldest queued handoff and reply

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'refusal',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('client', sa.String(length=64), nullable=False),
        sa.Column('sender', sa.String(length=998), nullable=False),
        sa.Column('rcpt', sa.String(length=320), nullable=False),
        sa.Column('reason', sa.String(length=64), nullable=False))
    op.create_index('ix_refusal_at', 'refusal', ['at'])
    op.create_table(
        'refusal_count',
        sa.Column('address', sa.String(length=320), primary_key=True),
        sa.Column('reason', sa.String(length=64), primary_key=True),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('last_at', sa.DateTime(), nullable=False))
    op.create_index('ix_reply_status_created', 'reply', ['status', 'created_at'])
    op.create_index('ix_handoff_status_created', 'handoff', ['status', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_handoff_status_created', table_name='handoff')
    op.drop_index('ix_reply_status_created', table_name='reply')
    op.drop_table('refusal_count')
    op.drop_index('ix_refusal_at', table_name='refusal')
    op.drop_table('refusal')
