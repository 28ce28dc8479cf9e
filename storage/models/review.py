"""Editors' decisions on papers: the current status and the full history.

``paper_status`` holds the current state for fast filtering; every change is
also an ``editor_action`` row (who, when, from what, to what, note), which is
how a change is undone: the undo is itself an action back to ``from_status``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, JSONType, UTCDateTime
from storage.models import papers as _papers  # noqa: F401  (paper.id, which its foreign keys name)

STATUSES = ("new", "maybe", "to_summarize", "in_progress", "summarized", "skipped")


class PaperStatus(Base):
    __tablename__ = "paper_status"

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("paper.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(20), index=True)
    assignee: Mapped[str | None] = mapped_column(String(200))
    summary_url: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
    # set when a notice (erratum, retraction, concern) concerns the paper, whatever its
    # status (the retraction watch creates a "new" row for a paper nobody took up)
    flagged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    flag_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def flag(self) -> str | None:
        """Why the paper is flagged, or None: what editors are shown."""
        return self.flag_reason if self.flagged_at is not None else None


class EditorAction(Base):
    __tablename__ = "editor_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    editor: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    assignee: Mapped[str | None] = mapped_column(String(200))
    summary_url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    # why, in the editor's words from a short list (a Skip's "not SCI", "animal only", ...)
    reason: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("editor_action.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginToken(Base):
    """A sign-in link that was issued; ``used_at`` makes it single use."""

    __tablename__ = "login_token"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PaperCategoryOverride(Base):
    """An editor's correction of a paper's categories (issue 20).

    The categories of a brief are matched from the abstract by the rules of
    queries/categories.toml; once an editor has corrected them, this list is
    the paper's categories in every format, whatever the rules say later.
    ``categories`` holds category ids (an id the rules no longer know is shown
    in words).
    """

    __tablename__ = "paper_category_override"

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("paper.id", ondelete="CASCADE"), primary_key=True
    )
    categories: Mapped[list[str]] = mapped_column(JSONType, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
