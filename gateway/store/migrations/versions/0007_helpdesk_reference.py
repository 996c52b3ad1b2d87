"""helpdesk reference: the ticket id and URL the helpdesk's webhook answer named for a ticket

A customer who answers a handed-off ticket after the grace period is pointed to that ticket in
the portal (reason ticket-in-portal) instead of getting the generic redirection.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('ticket') as batch:
        batch.add_column(sa.Column('helpdesk_id', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('helpdesk_url', sa.String(length=2000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('ticket') as batch:
        batch.drop_column('helpdesk_url')
        batch.drop_column('helpdesk_id')
