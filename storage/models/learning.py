"""What editors teach scimon: labels, the preference models learnt from them, scores.

Every decision and every triage correction is a ``label`` row (never updated,
never deleted while the paper exists): the model is retrained from them and
``scimon labels export`` gives them back.  ``preference_model`` keeps each
trained version as JSON (vocabulary, weights, calibration; no pickle) with
its out-of-fold figures.  ``paper_score`` holds each paper's ranking score,
refreshed after training and after triage, so the queue sorts through an index.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, JSONType, UTCDateTime
from storage.models import papers as _papers  # noqa: F401  (paper.id, which its foreign keys name)

# decision values that teach "this site summarizes papers like this" / "it does not"
POSITIVE = ("to_summarize", "in_progress", "summarized", "include")
NEGATIVE = ("skipped", "exclude")
CORRECTABLE = ("design", "population", "relevance")


class Label(Base):
    """One thing an editor said about a paper.

    ``kind``: "decision" (a status change: ``value`` is the status), "import"
    (a reviewer's include/exclude from a file) or "correction:<facet>"
    (``value`` is the editor's design, population or relevance).
    ``rules_version`` / ``model_version``: what the paper's triage and score
    came from when the editor said it.
    """

    __tablename__ = "label"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    editor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    value: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    rules_version: Mapped[str | None] = mapped_column(String(40))
    model_version: Mapped[int | None] = mapped_column(Integer)


class PreferenceModelVersion(Base):
    """One trained preference model, with the labels it saw and its out-of-fold figures."""

    __tablename__ = "preference_model"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    trained_at: Mapped[datetime] = mapped_column(UTCDateTime)
    positives: Mapped[int] = mapped_column(Integer)
    negatives: Mapped[int] = mapped_column(Integer)
    # the newest label id it was trained on: newer labels make the next training due
    labels_through: Mapped[int] = mapped_column(Integer)
    auc: Mapped[float | None] = mapped_column(Float)
    wss95: Mapped[float | None] = mapped_column(Float)
    recall_at_10: Mapped[float | None] = mapped_column(Float)
    model: Mapped[dict[str, Any]] = mapped_column(JSONType)


class PaperScore(Base):
    """A paper's ranking score: the fixed priority alone, or blended with the model's."""

    __tablename__ = "paper_score"
    # the review queue walks papers by score once a model exists, paging on by
    # (score, paper_id) (storage/review.py)
    __table_args__ = (Index("ix_paper_score_score_paper", "score", "paper_id"),)

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("paper.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float)
    probability: Mapped[float | None] = mapped_column(Float, index=True)
    model_version: Mapped[int | None] = mapped_column(Integer)
    # the terms present in the paper that weighed most for it ("why")
    why: Mapped[list[str]] = mapped_column(JSONType, default=list)
    scored_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # the rules' categories of the paper (not an editor's override) and the categories
    # file's version they were matched with: matched once, not at every rescoring
    categories: Mapped[list[str] | None] = mapped_column(JSONType, nullable=True)
    categories_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
