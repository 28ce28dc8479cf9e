"""index paper by (id, deleted_at)

Every list of papers leaves out the ones NLM deleted (``deleted_at IS NULL``),
and the review queue counts up to 1,001 papers by joining each triage row to
its paper for that one column.  On SQLite a paper's row carries its abstract
and authors (about 5 KB, in overflow pages read before ``deleted_at``, the
row's last columns): the count read up to 1,001 such rows, 0.4-4 s when they
were not cached, from 83,000 papers.  This covering index answers "is paper N
deleted?" from a few index pages, on SQLite (covering index) and PostgreSQL
(index-only scan), for about 15 bytes a paper.  SQLite chooses it over the
rowid only once it has the index's statistics, so the migration gathers them
(``ANALYZE`` of the one index; imports gather them again, storage.maintenance).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 01:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.create_index("ix_paper_id_deleted_at", ["id", "deleted_at"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE ix_paper_id_deleted_at")


def downgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.drop_index("ix_paper_id_deleted_at")
