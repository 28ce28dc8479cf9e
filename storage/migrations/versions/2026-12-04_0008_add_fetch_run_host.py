"""add fetch_run host

The process (``host:pid``) that started a fetch run, as job_run.host already
records it: a run left "running" by a killed process is closed at the next
start when its process is gone (storage/processes.py).  Existing rows have no
owner; they are closed only once they are older than a day.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fetch_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("host", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fetch_run", schema=None) as batch_op:
        batch_op.drop_column("host")
