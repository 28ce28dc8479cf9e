"""Editors' work on papers: status changes with history, undo, retraction watch."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import EditorAction, PaperLink, PaperStatus
from storage.models.review import STATUSES

IN_WORK = ("maybe", "to_summarize", "in_progress", "summarized")
# CommentsCorrections kinds: on the notice (pointing at the paper) / on the paper itself
NOTICE_FOR = {"ErratumFor": "erratum", "RetractionOf": "retraction",
              "ExpressionOfConcernFor": "expression of concern"}  # fmt: skip
NOTICE_IN = {"ErratumIn": "erratum", "RetractionIn": "retraction",
             "ExpressionOfConcernIn": "expression of concern"}  # fmt: skip


class ReviewError(ValueError):
    """An impossible status change (unknown status, nothing to undo)."""


def get_status(session: Session, paper_id: int) -> PaperStatus | None:
    return session.get(PaperStatus, paper_id)


def set_status(
    session: Session,
    paper_id: int,
    status: str,
    editor: str,
    *,
    note: str | None = None,
    assignee: str | None = None,
    summary_url: str | None = None,
    now: datetime | None = None,
) -> EditorAction:
    """Change a paper's status and record who, when, from what, and why."""
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    now = now or utcnow()
    current = session.get(PaperStatus, paper_id)
    before = current.status if current else "new"
    if current is None:
        current = PaperStatus(paper_id=paper_id, status=status, updated_at=now, updated_by=editor)
        session.add(current)
    current.status, current.updated_at, current.updated_by = status, now, editor
    if status == "in_progress":
        current.assignee = assignee or current.assignee or editor
    if summary_url is not None:
        current.summary_url = summary_url
    action = EditorAction(
        paper_id=paper_id, editor=editor, from_status=before, to_status=status,
        assignee=current.assignee, summary_url=summary_url, note=note or None, created_at=now,
    )  # fmt: skip
    session.add(action)
    session.flush()
    return action


def undo(
    session: Session, action_id: int, editor: str, now: datetime | None = None
) -> EditorAction:
    """Undo one change: a new action back to its ``from_status``; the original is marked."""
    action = session.get(EditorAction, action_id)
    if action is None or action.undone_at is not None:
        raise ReviewError("nothing to undo")
    now = now or utcnow()
    back = set_status(session, action.paper_id, action.from_status, editor,
                      note=f"undo of change #{action.id}", now=now)  # fmt: skip
    back.undoes_id = action.id
    action.undone_at = now
    return back


def history(session: Session, paper_id: int) -> list[EditorAction]:
    return list(
        session.scalars(
            select(EditorAction)
            .where(EditorAction.paper_id == paper_id)
            .order_by(EditorAction.created_at, EditorAction.id)
        )
    )


def flag_notices(session: Session, now: datetime | None = None) -> int:
    """Flag papers in work that got an erratum, retraction or expression of concern."""
    now = now or utcnow()
    reasons: dict[int, str] = {}
    incoming = select(PaperLink.target_paper_id, PaperLink.kind, PaperLink.paper_id).where(
        PaperLink.kind.in_(list(NOTICE_FOR)), PaperLink.target_paper_id.is_not(None)
    )
    for target, kind, notice_id in session.execute(incoming):
        if target is not None:
            reasons.setdefault(target, f"{NOTICE_FOR[kind]} published (paper #{notice_id})")
    own = select(PaperLink.paper_id, PaperLink.kind, PaperLink.citation).where(
        PaperLink.kind.in_(list(NOTICE_IN))
    )
    for paper_id, kind, citation in session.execute(own):
        reasons.setdefault(paper_id, f"{NOTICE_IN[kind]}: {citation or 'see PubMed'}")
    if not reasons:
        return 0
    flagged = 0
    rows = session.scalars(
        select(PaperStatus).where(
            PaperStatus.paper_id.in_(list(reasons)),
            PaperStatus.status.in_(IN_WORK),
            PaperStatus.flagged_at.is_(None),
        )
    )
    for row in rows:
        row.flagged_at, row.flag_reason = now, reasons[row.paper_id]
        flagged += 1
    return flagged
