"""The triage of each paper: what kind of evidence, about what, and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Float, ForeignKey, Index, Integer, String, cast
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, JSONType, UTCDateTime
from storage.models import papers as _papers  # noqa: F401  (paper.id, which its foreign keys name)


class PaperTriage(Base):
    """One row per paper, replaced whenever the paper or the rules change.

    ``reasons`` maps each facet to the rules or phrases that fired, so editors
    can ask "why is this an RCT?"; ``rules_version`` says which rules decided.
    ``priority`` is stored (not computed per request) so the queue can sort
    50,000 papers through an index.
    """

    __tablename__ = "paper_triage"
    # the queue walks these in its order (priority, then paper id, both descending) and
    # stops at a page: the default view, and the design and relevance filters
    __table_args__ = (
        Index("ix_paper_triage_priority_paper", "priority", "paper_id"),
        Index("ix_paper_triage_design_priority", "design", "priority", "paper_id"),
        Index("ix_paper_triage_relevance_priority", "relevance", "priority", "paper_id"),
    )

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("paper.id", ondelete="CASCADE"), primary_key=True
    )
    design: Mapped[str] = mapped_column(String(40))
    evidence_rank: Mapped[int] = mapped_column(Integer)
    population: Mapped[str] = mapped_column(String(20), index=True)
    participants_n: Mapped[int | None] = mapped_column(Integer)
    participants_unit: Mapped[str | None] = mapped_column(String(60))
    relevance: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSONType, default=list)
    is_notice: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # indexed: "any triage by other rules?" after every import is two seeks (storage.triage)
    rules_version: Mapped[str] = mapped_column(String(40), index=True)
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    # how sure triage is of ``design`` (0-1; NULL: triaged before confidences), and
    # every design's score (monitor/triage/confidence.py)
    design_confidence: Mapped[float | None] = mapped_column(Float, index=True)
    confidence: Mapped[dict[str, float] | None] = mapped_column(JSONType, default=dict)
    triaged_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @staticmethod
    def has_topic(topic: str) -> ColumnElement[bool]:
        """SQL condition: ``topic`` is in the paper's topics.

        ``topics`` is a JSON list; a LIKE on its text works on SQLite and
        PostgreSQL alike (topic ids are plain ``[a-z0-9_]`` words).
        """
        return cast(PaperTriage.topics, String).like(f'%"{topic}"%')
