"""Editors' decisions on trials: the current status and the full history (issue 24).

The same shape as ``paper_status`` / ``editor_action`` (storage/models/review.py):
``trial_status`` holds the current state for fast filtering ("to decide" is a
trial with no row or a ``new`` one); every change is a ``trial_action`` (who,
when, from what, to what, the Skip reason), and an undo is an action back to
``from_status``.  Trials get tables of their own rather than a nullable
``paper_id`` in the paper tables: every reader of those (the queue, the
digest's selection, the preference model's labels) would have to learn to
leave trials out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime
from storage.models import trials as _trials  # noqa: F401  (trial.id, which its foreign keys name)


class TrialStatus(Base):
    __tablename__ = "trial_status"

    trial_id: Mapped[int] = mapped_column(
        ForeignKey("trial.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(20), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


class TrialAction(Base):
    __tablename__ = "trial_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trial.id", ondelete="CASCADE"), index=True)
    editor: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # the Skip reason picked from [web] skip_reasons, as for papers
    reason: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("trial_action.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
