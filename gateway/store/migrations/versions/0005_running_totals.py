"""running totals: decisions, delivery outcomes, hours and writers after the cutover

Monitoring and the report read these instead of the history (issue 18). Built here from the
rows already stored; from this revision on the worker, the outbox and the handoff sender keep
them up to date in the transactions that write what they count.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INBOUND = sa.table('inbound_message', *(sa.column(c) for c in (
    'status', 'rcpt', 'source', 'action', 'reason', 'phase', 'envelope_sender', 'from_addr',
    'detail')), sa.column('received_at', sa.DateTime))
_AFTER_CUTOVER = ('cutover', 'reject')
_CHUNK = 5000


def _tables() -> tuple[sa.Table, sa.Table, sa.Table]:
    tally = op.create_table(
        'tally', sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.String(length=64), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'address', 'source', 'action', 'reason'))
    hours = op.create_table(
        'tally_hour', sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('hour', sa.DateTime(), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.String(length=64), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hour', 'address', 'action', 'reason'))
    writers = op.create_table(
        'tally_writer', sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('key', sa.String(length=998), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=False),
        sa.Column('domain', sa.String(length=998), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in (
            'n', 'automated', 'redirected', 'suppressed', 'tickets')),
        sa.Column('first_seen', sa.DateTime(), nullable=False),
        sa.Column('last_seen', sa.DateTime(), nullable=False), sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'key', 'address'))
    op.create_index('ix_tally_writer_rank', 'tally_writer', ['kind', 'address', 'n'])
    op.create_index('ix_tally_writer_domain', 'tally_writer', ['kind', 'address', 'domain'])
    op.create_index('ix_delivery_attempt_outcome_at', 'delivery_attempt', ['outcome', 'at'])
    op.create_index('ix_delivery_attempt_at', 'delivery_attempt', ['at'])
    return tally, hours, writers


def _totals(conn, tally: sa.Table) -> None:
    i = _INBOUND.c
    rows = [{'kind': 'decision', 'address': r[0], 'source': r[1], 'action': r[2],
             'reason': r[3] or '', 'n': r[4]} for r in conn.execute(
        sa.select(i.rcpt, i.source, i.action, i.reason, sa.func.count())
        .where(i.status == 'done', i.action.is_not(None))
        .group_by(i.rcpt, i.source, i.action, i.reason))]
    merged: dict = {}
    for row in rows:  # a NULL and an empty reason are one key
        key = (row['address'], row['source'], row['action'], row['reason'])
        merged[key] = {**row, 'n': merged.get(key, {'n': 0})['n'] + row['n']}
    for table, column, where in (('delivery_attempt', 'outcome', None),
                                 ('handoff', 'status', ('sent', 'written'))):
        source = sa.table(table, sa.column(column))
        query = sa.select(source.c[column], sa.func.count()).group_by(source.c[column])
        if where:
            query = query.where(source.c[column].in_(where))
        kind = 'attempt' if table == 'delivery_attempt' else 'handoff'
        for outcome, n in conn.execute(query):
            merged[(kind, outcome)] = {'kind': kind, 'address': '', 'source': '',
                                       'action': outcome, 'reason': '', 'n': n}
    if merged:
        conn.execute(tally.insert(), list(merged.values()))


def _sender(row) -> tuple[str, bool]:
    detail = json.loads(row.detail) if row.detail else {}
    found = detail.get('reply_to') or row.from_addr or row.envelope_sender or '(unknown)'
    return found.strip().lower(), bool(detail.get('automated'))


def _add_writer(writers: dict, row) -> None:
    sender, automated = _sender(row)
    domain = sender.rsplit('@', 1)[-1] if '@' in sender else sender
    for kind, key in (('sender', sender), ('domain', domain)):
        for address in ('', row.rcpt):
            w = writers.setdefault((kind, key, address), {
                'kind': kind, 'key': key, 'address': address, 'domain': domain, 'n': 0,
                'automated': 0, 'redirected': 0, 'suppressed': 0, 'tickets': 0,
                'first_seen': row.received_at, 'last_seen': row.received_at})
            w['n'] += 1
            w['automated'] += automated
            w['redirected'] += row.action == 'redirect'
            w['suppressed'] += row.action == 'suppress'
            w['tickets'] += row.action in ('ticket', 'followup')
            w['first_seen'] = min(w['first_seen'], row.received_at)
            w['last_seen'] = max(w['last_seen'], row.received_at)


def _history(conn, hours: sa.Table, writers: sa.Table) -> None:
    i = _INBOUND.c
    counts: dict = {}
    found: dict = {}
    result = conn.execute(
        sa.select(i.received_at, i.rcpt, i.action, i.reason, i.phase, i.envelope_sender,
                  i.from_addr, i.detail).where(i.status == 'done', i.action.is_not(None))
        .execution_options(yield_per=_CHUNK))
    for row in result:
        hour = row.received_at.replace(minute=0, second=0, microsecond=0)
        key = (hour, row.rcpt, row.action, row.reason or '')
        counts[key] = counts.get(key, 0) + 1
        if row.phase in _AFTER_CUTOVER:
            _add_writer(found, row)
    rows = [{'hour': h, 'address': a, 'action': act, 'reason': r, 'n': n}
            for (h, a, act, r), n in counts.items()]
    for table, items in ((hours, rows), (writers, list(found.values()))):
        for start in range(0, len(items), _CHUNK):
            conn.execute(table.insert(), items[start:start + _CHUNK])


def upgrade() -> None:
    tally, hours, writers = _tables()
    conn = op.get_bind()
    _totals(conn, tally)
    _history(conn, hours, writers)


def downgrade() -> None:
    op.drop_index('ix_delivery_attempt_at', 'delivery_attempt')
    op.drop_index('ix_delivery_attempt_outcome_at', 'delivery_attempt')
    for table in ('tally_writer', 'tally_hour', 'tally'):
        op.drop_table(table)
