"""queue and triage indexes

The review queue pages through ``paper_triage`` in its own order (priority,
then paper id) instead of sorting every paper: the single-column indexes on
priority, design and relevance become (priority, paper_id), (design,
priority, paper_id) and (relevance, priority, paper_id), which serve the
same lookups and the queue's default view and filters.  ``rules_version`` is
indexed so that "is any paper triaged by other rules?" after an import is a
seek, not a scan (storage/triage.py).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 20:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COMPOSITES = {
    "ix_paper_triage_priority_paper": ["priority", "paper_id"],
    "ix_paper_triage_design_priority": ["design", "priority", "paper_id"],
    "ix_paper_triage_relevance_priority": ["relevance", "priority", "paper_id"],
}
_SINGLES = ("priority", "design", "relevance")


def upgrade() -> None:
    with op.batch_alter_table("paper_triage", schema=None) as batch_op:
        for column in _SINGLES:
            batch_op.drop_index(batch_op.f(f"ix_paper_triage_{column}"))
        for name, columns in _COMPOSITES.items():
            batch_op.create_index(name, columns, unique=False)
        batch_op.create_index(
            batch_op.f("ix_paper_triage_rules_version"), ["rules_version"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("paper_triage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_triage_rules_version"))
        for name in _COMPOSITES:
            batch_op.drop_index(name)
        for column in _SINGLES:
            batch_op.create_index(batch_op.f(f"ix_paper_triage_{column}"), [column], unique=False)
