"""add trials

Registered trials from ClinicalTrials.gov (``trial``, one row per NCT id), the
changes editors follow (``trial_event``), and the links between trials and
papers (``trial_link``).  Preprints need no new column: ``paper.is_preprint``
has existed since 0001.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 19:30:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "trial",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nct_id", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("official_title", sa.Text(), nullable=False),
        sa.Column("brief_summary", sa.Text(), nullable=False),
        sa.Column("conditions", _json(), nullable=False),
        sa.Column("keywords", _json(), nullable=False),
        sa.Column("interventions", _json(), nullable=False),
        sa.Column("phases", _json(), nullable=False),
        sa.Column("study_type", sa.String(length=40), nullable=False),
        sa.Column("overall_status", sa.String(length=40), nullable=False),
        sa.Column("why_stopped", sa.Text(), nullable=False),
        sa.Column("enrollment", sa.Integer(), nullable=True),
        sa.Column("enrollment_type", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=False),
        sa.Column("completion_date", sa.String(length=10), nullable=False),
        sa.Column("first_posted_on", sa.Date(), nullable=True),
        sa.Column("last_update_posted_on", sa.Date(), nullable=True),
        sa.Column("results_first_posted_on", sa.Date(), nullable=True),
        sa.Column("locations_count", sa.Integer(), nullable=False),
        sa.Column("countries", _json(), nullable=False),
        sa.Column("sponsor", sa.String(length=500), nullable=False),
        sa.Column("has_results", sa.Boolean(), nullable=False),
        sa.Column("pmids", _json(), nullable=False),
        sa.Column("dois", _json(), nullable=False),
        sa.Column("record_hash", sa.String(length=40), nullable=False),
        sa.Column("first_source", sa.String(length=200), nullable=False),
        sa.Column("first_seen_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial")),
        sa.UniqueConstraint("nct_id", name=op.f("uq_trial_nct_id")),
    )
    with op.batch_alter_table("trial", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trial_first_seen_at"), ["first_seen_at"])
        batch_op.create_index(batch_op.f("ix_trial_overall_status"), ["overall_status"])

    op.create_table(
        "trial_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("from_status", sa.String(length=40), nullable=True),
        sa.Column("to_status", sa.String(length=40), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("seen_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["trial_id"], ["trial.id"], name=op.f("fk_trial_event_trial_id_trial"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial_event")),
    )
    with op.batch_alter_table("trial_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trial_event_seen_at"), ["seen_at"])
        batch_op.create_index(batch_op.f("ix_trial_event_trial_id"), ["trial_id"])

    op.create_table(
        "trial_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nct_id", sa.String(length=20), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.Column("target_key", sa.String(length=320), nullable=False),
        sa.Column("target_pmid", sa.String(length=20), nullable=True),
        sa.Column("target_doi", sa.String(length=300), nullable=True),
        sa.Column("trial_id", sa.Integer(), nullable=True),
        sa.Column("paper_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["paper.id"], name=op.f("fk_trial_link_paper_id_paper"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trial_id"], ["trial.id"], name=op.f("fk_trial_link_trial_id_trial"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial_link")),
        sa.UniqueConstraint(
            "nct_id", "via", "target_key", name=op.f("uq_trial_link_nct_id_via_target_key")
        ),
    )
    with op.batch_alter_table("trial_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trial_link_nct_id"), ["nct_id"])
        batch_op.create_index(batch_op.f("ix_trial_link_paper_id"), ["paper_id"])
        batch_op.create_index(batch_op.f("ix_trial_link_trial_id"), ["trial_id"])


def downgrade() -> None:
    op.drop_table("trial_link")
    op.drop_table("trial_event")
    op.drop_table("trial")
