"""mask the secrets in stored webhook targets (issue 19, finding 8)

Handoff rows kept the webhook URL as configured, `user:password@` and `?token=` included, and
`handoff list` showed it. New rows store it masked (delivery uses the configured URL); this
masks the rows written before. There is no way back: downgrade leaves them masked.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from gateway.redact import mask_url

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    handoff = sa.table('handoff', sa.column('target', sa.String))
    targets = conn.execute(sa.select(handoff.c.target).distinct()).scalars().all()
    for target in targets:
        masked = mask_url(target)
        if masked != target:
            conn.execute(sa.update(handoff).where(handoff.c.target == target).values(
                target=masked))


def downgrade() -> None:
    pass  # the secrets are gone for good
