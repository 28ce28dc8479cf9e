"""index paper_score by (score, paper_id)

Once a preference model has scored papers, the review queue ranks by
``paper_score.score`` and pages on by (score, paper id) (keyset).  The
single-column index on ``score`` let PostgreSQL walk the order but not seek
the keyset's row comparison, and a tie of scores needed a sort; the composite
index serves both, on SQLite and PostgreSQL, and replaces it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paper_score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_score_score"))
        batch_op.create_index("ix_paper_score_score_paper", ["score", "paper_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("paper_score", schema=None) as batch_op:
        batch_op.drop_index("ix_paper_score_score_paper")
        batch_op.create_index(batch_op.f("ix_paper_score_score"), ["score"], unique=False)
