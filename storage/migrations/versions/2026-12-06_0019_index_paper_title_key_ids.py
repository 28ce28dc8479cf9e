"""index paper by (title_key, pmid, doi) in place of title_key alone

An import looks up, per batch, every stored paper sharing a title key with
one of its records (the fallback match for a side without DOI) and judges
each by its DOI and PMID.  From ``ix_paper_title_key`` that meant reading
each candidate's paper row, a random read of a ~5 KB row: 9 us a row on a
quiet machine, and the rows per title grow with the database: in the scale
benchmark every copy of the update file repeats every title (3.7 s of an
import's CPU at 415,657 papers); in real data, titles of four words or more
that many papers share ("Reply to the letter to the editor").
With DOI and PMID in the index the candidates are judged from the index
pages (SQLite covering index, PostgreSQL index-only scan); the index on
title_key alone is dropped (this one serves its lookups by its first column).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.create_index("ix_paper_title_key_ids", ["title_key", "pmid", "doi"], unique=False)
        batch_op.drop_index("ix_paper_title_key")


def downgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.create_index("ix_paper_title_key", ["title_key"], unique=False)
        batch_op.drop_index("ix_paper_title_key_ids")
