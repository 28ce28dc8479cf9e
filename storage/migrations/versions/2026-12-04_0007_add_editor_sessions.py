"""add editor sessions

Review-app sessions stored server-side (the SHA-256 of the cookie's id), so
that signing out, expiry and an editor's removal end them: a replayed cookie
opens nothing once its row is gone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "editor_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("created_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_editor_session")),
    )
    with op.batch_alter_table("editor_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_editor_session_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_editor_session_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("editor_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_editor_session_expires_at"))
        batch_op.drop_index(batch_op.f("ix_editor_session_email"))
    op.drop_table("editor_session")
