"""add paper_score categories

The preference model reads a paper's categories (queries/categories.toml)
as features.  Matching them costs about 1.5 ms a paper, 75 s for 50,000:
too slow for every rescoring after a retraining.  So each paper's rules'
categories are kept beside its score with the categories file's version,
matched once and again only when the file changes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("paper_score", schema=None) as batch_op:
        batch_op.add_column(sa.Column("categories", _JSON, nullable=True))
        batch_op.add_column(sa.Column("categories_version", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("paper_score", schema=None) as batch_op:
        batch_op.drop_column("categories_version")
        batch_op.drop_column("categories")
