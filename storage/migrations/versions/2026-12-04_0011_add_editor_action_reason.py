"""add editor_action reason

Why an editor skipped a paper, picked from the review app's short list
(``[web] skip_reasons``: "not SCI", "animal only", ...).  Optional: older
actions and decisions without a reason have none.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("editor_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("editor_action", schema=None) as batch_op:
        batch_op.drop_column("reason")
