"""Editors' decisions on trials (issue 24): status changes with history, undo, the desk list.

Trials are decided as papers are (storage/review.py): Summarize / Maybe / Skip
with a Skip reason, each change a ``trial_action`` with editor and time, an
undo a new action back to where the trial was.  The decisions are not
``label`` rows: a label teaches the preference model what a *paper* with this
title, abstract and triage is worth, and a trial has none of the three (its
row lives in ``trial``, not ``paper``), so a trial label would need a
nullable ``paper_id`` that every reader of labels (training, export, the
evaluation) must then skip.  ``trial_action`` is the record of who decided
what, and ``scimon trials export --decision`` reads it.

Two editors deciding one trial at the same moment: the status row is created
with INSERT ... ON CONFLICT DO NOTHING and then read ``FOR UPDATE``, so the
second waits for the first and records the first's status as its
``from_status`` (on SQLite the write lock serialises them the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import STATUSES, Trial, TrialAction, TrialEvent, TrialStatus


class TrialReviewError(ValueError):
    """An impossible change (unknown status, no such trial, nothing to undo)."""


def _claim_status_row(session: Session, trial_id: int, editor: str, now: datetime) -> TrialStatus:
    """The trial's status row, created as ``new`` if absent, locked until the commit."""
    dialect: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialect.insert(TrialStatus)
        .values(trial_id=trial_id, status="new", updated_at=now, updated_by=editor)
        .on_conflict_do_nothing(index_elements=["trial_id"])
    )
    return session.scalars(
        select(TrialStatus)
        .where(TrialStatus.trial_id == trial_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def set_trial_status(
    session: Session,
    trial_id: int,
    status: str,
    editor: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> TrialAction:
    """Change a trial's status and record who, when, from what and why (the Skip reason)."""
    if status not in STATUSES:
        raise TrialReviewError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if session.get(Trial, trial_id) is None:
        raise TrialReviewError(f"no trial #{trial_id}")
    now = now or utcnow()
    current = _claim_status_row(session, trial_id, editor, now)
    before = current.status
    current.status, current.updated_at, current.updated_by = status, now, editor
    action = TrialAction(
        trial_id=trial_id,
        editor=editor,
        from_status=before,
        to_status=status,
        note=note or None,
        reason=(reason or "").strip()[:100] or None,
        created_at=now,
    )
    session.add(action)
    session.flush()
    return action


def undo_trial_action(
    session: Session, action_id: int, editor: str, now: datetime | None = None
) -> TrialAction:
    """Undo one change: a new action back to its ``from_status``; the original is marked."""
    action = session.scalars(
        select(TrialAction).where(TrialAction.id == action_id).with_for_update()
    ).one_or_none()
    if action is None or action.undone_at is not None:
        raise TrialReviewError("nothing to undo")
    now = now or utcnow()
    back = set_trial_status(
        session, action.trial_id, action.from_status, editor,
        note=f"undo of change #{action.id}", now=now,
    )  # fmt: skip
    back.undoes_id = action.id
    action.undone_at = now
    return back


def trial_history(session: Session, trial_id: int) -> list[TrialAction]:
    return list(
        session.scalars(
            select(TrialAction)
            .where(TrialAction.trial_id == trial_id)
            .order_by(TrialAction.created_at, TrialAction.id)
        )
    )


def trial_status_of(session: Session, trial_id: int) -> str:
    row = session.get(TrialStatus, trial_id)
    return row.status if row is not None else "new"


# -- the desk's list of trials -----------------------------------------------------------------


@dataclass
class TrialRow:
    """One trial on the desk: the registry's facts and the editors' decision."""

    id: int
    nct_id: str
    title: str
    overall_status: str
    phases: list[str]
    enrollment: int | None
    enrollment_type: str
    conditions: list[str]
    first_seen_at: datetime
    status: str
    # what happened, newest first: (event kind, registry date)
    events: list[tuple[str, date | None]] = field(default_factory=list)


def _decision() -> ColumnElement[str]:
    return func.coalesce(TrialStatus.status, "new")


def trial_rows(
    session: Session,
    *,
    to_decide: bool = False,
    status: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> tuple[list[TrialRow], int]:
    """One page of trials, newest first, and how many match.

    ``to_decide``: trials no editor decided on yet (no status, or back to
    ``new`` by an undo); ``status``: trials with that decision.
    """
    decision = _decision()
    conds: list[Any] = []
    if to_decide:
        conds.append(or_(TrialStatus.status.is_(None), TrialStatus.status == "new"))
    if status:
        conds.append(decision == status)
    base = select(Trial, decision).outerjoin(TrialStatus, TrialStatus.trial_id == Trial.id)
    total = session.scalar(
        select(func.count())
        .select_from(Trial)
        .outerjoin(TrialStatus, TrialStatus.trial_id == Trial.id)
        .where(*conds)
    )
    found = session.execute(
        base.where(*conds)
        .order_by(Trial.first_seen_at.desc(), Trial.id.desc())
        .limit(per_page)
        .offset(max(page - 1, 0) * per_page)
    ).all()
    events: dict[int, list[tuple[str, date | None]]] = {}
    ids = [trial.id for trial, _ in found]
    if ids:
        for trial_id, kind, on in session.execute(
            select(TrialEvent.trial_id, TrialEvent.kind, TrialEvent.occurred_on)
            .where(TrialEvent.trial_id.in_(ids))
            .order_by(TrialEvent.seen_at.desc(), TrialEvent.id.desc())
        ):
            events.setdefault(trial_id, []).append((kind, on))
    rows = [
        TrialRow(
            id=t.id, nct_id=t.nct_id, title=t.title, overall_status=t.overall_status,
            phases=list(t.phases or []), enrollment=t.enrollment,
            enrollment_type=t.enrollment_type, conditions=list(t.conditions or []),
            first_seen_at=t.first_seen_at, status=str(s), events=events.get(t.id, []),
        )
        for t, s in found
    ]  # fmt: skip
    return rows, int(total or 0)


def any_trial(session: Session) -> bool:
    """Whether any trial was ever fetched: an empty queue then means "all decided", not "none"."""
    return session.scalars(select(Trial.id).limit(1)).first() is not None


def any_trial_decided(session: Session, status: str) -> bool:
    """Whether some trial's current decision is ``status``: the Trials view offers to export
    the trials marked to summarize only when one is (each link was otherwise an empty file)."""
    found = select(TrialStatus.trial_id).where(TrialStatus.status == status).limit(1)
    return session.scalars(found).first() is not None


def trials_decided(session: Session, statuses: Sequence[str]) -> list[Trial]:
    """The trials whose current decision is one of ``statuses``, latest decision first."""
    return list(
        session.scalars(
            select(Trial)
            .join(TrialStatus, TrialStatus.trial_id == Trial.id)
            .where(TrialStatus.status.in_(list(statuses)))
            .order_by(TrialStatus.updated_at.desc(), Trial.id)
        )
    )


def next_trial_to_decide(session: Session, after: int) -> str | None:
    """The NCT id of the trial at the top of the "to decide" list, other than ``after``."""
    rows, _ = trial_rows(session, to_decide=True, per_page=2)
    return next((r.nct_id for r in rows if r.id != after), None)
