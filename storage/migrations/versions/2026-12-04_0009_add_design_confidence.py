"""add paper_triage design_confidence and confidence

How sure triage is of the design it shows (a float in [0, 1], indexed for the
queue's minimum-confidence filter) and every design's score (JSON), from the
design confidence model (monitor/triage/confidence.py, issue 19).  Existing
rows get NULL for both; the rules version changed with the model, so
the next triage run fills them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paper_triage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("design_confidence", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "confidence",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_paper_triage_design_confidence"), ["design_confidence"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("paper_triage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_triage_design_confidence"))
        batch_op.drop_column("confidence")
        batch_op.drop_column("design_confidence")
