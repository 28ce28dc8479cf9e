"""add trial decisions

Editors mark trials as they mark papers (issue 24): ``trial_status`` is a
trial's current decision, ``trial_action`` every change (editor, time, Skip
reason, undo).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.base

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trial_status",
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["trial_id"],
            ["trial.id"],
            name=op.f("fk_trial_status_trial_id_trial"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("trial_id", name=op.f("pk_trial_status")),
    )
    with op.batch_alter_table("trial_status", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trial_status_status"), ["status"])

    op.create_table(
        "trial_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("editor", sa.String(length=200), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reason", sa.String(length=100), nullable=True),
        sa.Column("created_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["trial_id"],
            ["trial.id"],
            name=op.f("fk_trial_action_trial_id_trial"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["undoes_id"], ["trial_action.id"], name=op.f("fk_trial_action_undoes_id_trial_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial_action")),
    )
    with op.batch_alter_table("trial_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trial_action_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_trial_action_trial_id"), ["trial_id"])


def downgrade() -> None:
    op.drop_table("trial_action")
    op.drop_table("trial_status")
