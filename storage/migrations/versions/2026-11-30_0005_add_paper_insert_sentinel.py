"""add paper insert sentinel

A nullable integer SQLAlchemy fills during bulk inserts so that one multi-row
INSERT ... RETURNING gives the new ids in parameter order (SQLite cannot sort
RETURNING by an autoincrement key; without it papers were inserted a row at a
time).  Nothing reads it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.add_column(sa.Column("insert_sentinel", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.drop_column("insert_sentinel")
