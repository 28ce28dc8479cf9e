"""index the title keys of preprints (a partial index)

After every import, ``storage.versions.match_versions`` reads the title keys
of all stored preprints to pair written articles with their preprints.  No
index served ``is_preprint``, so SQLite scanned every paper's row (the flag
sits after the abstract and authors, in overflow pages): 1.65 s of wall time
at 436,437 papers (147 of them preprints), linear in the database.  A partial
index holds only the preprints' keys; the query names the same condition, so
both SQLite and PostgreSQL read it instead of the table.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_paper_preprint_title_key",
        "paper",
        ["title_key"],
        unique=False,
        sqlite_where=sa.text("is_preprint IS 1"),
        postgresql_where=sa.text("is_preprint IS true"),
    )


def downgrade() -> None:
    op.drop_index("ix_paper_preprint_title_key", table_name="paper")
