"""add labels, preference models and paper scores

Every editor decision and triage correction becomes a ``label`` row; the
preference model trained from them is stored versioned as JSON with its
out-of-fold figures; each paper's ranking score is kept in ``paper_score``
so the review queue sorts through an index.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("editor", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rules_version", sa.String(length=40), nullable=True),
        sa.Column("model_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["paper.id"], name=op.f("fk_label_paper_id_paper"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label")),
    )
    with op.batch_alter_table("label", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_label_paper_id"), ["paper_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_label_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_label_created_at"), ["created_at"], unique=False)
    op.create_table(
        "preference_model",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("trained_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("positives", sa.Integer(), nullable=False),
        sa.Column("negatives", sa.Integer(), nullable=False),
        sa.Column("labels_through", sa.Integer(), nullable=False),
        sa.Column("auc", sa.Float(), nullable=True),
        sa.Column("wss95", sa.Float(), nullable=True),
        sa.Column("recall_at_10", sa.Float(), nullable=True),
        sa.Column("model", _JSON, nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_preference_model")),
    )
    op.create_table(
        "paper_score",
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("model_version", sa.Integer(), nullable=True),
        sa.Column("why", _JSON, nullable=False),
        sa.Column("scored_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"],
            ["paper.id"],
            name=op.f("fk_paper_score_paper_id_paper"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("paper_id", name=op.f("pk_paper_score")),
    )
    with op.batch_alter_table("paper_score", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paper_score_score"), ["score"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_paper_score_probability"), ["probability"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("paper_score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_score_probability"))
        batch_op.drop_index(batch_op.f("ix_paper_score_score"))
    op.drop_table("paper_score")
    op.drop_table("preference_model")
    with op.batch_alter_table("label", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_label_created_at"))
        batch_op.drop_index(batch_op.f("ix_label_kind"))
        batch_op.drop_index(batch_op.f("ix_label_paper_id"))
    op.drop_table("label")
