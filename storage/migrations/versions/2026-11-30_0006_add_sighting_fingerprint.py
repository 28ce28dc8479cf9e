"""add sighting fingerprint

The SHA-1 of the raw PubMed record last stored through a sighting.  A
re-import of the same file leaves records whose bytes match unparsed
(monitor/parse/raw_records.py); existing sightings start without one, so their
next import parses everything once, as before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paper_sighting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("paper_sighting", schema=None) as batch_op:
        batch_op.drop_column("fingerprint")
