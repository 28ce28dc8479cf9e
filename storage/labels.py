"""Labels, preference models and paper scores: reads and writes.

Labels are appended, never changed: a paper's current teaching is its newest
decision (or imported decision); its triage corrections are the newest
correction of each facet.  A correction also rewrites the paper's stored
triage facet at once, and :func:`corrections_for` lets every later re-triage
put it back over whatever the rules say.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.bulk import insert_rows
from storage.keys import normalize_doi, title_key
from storage.models import (
    Label,
    Paper,
    PaperCategoryOverride,
    PaperIdentifier,
    PaperScore,
    PaperTriage,
    PreferenceModelVersion,
)
from storage.models.learning import CORRECTABLE, NEGATIVE, POSITIVE

DECISION_KINDS = ("decision", "import")


class LabelError(ValueError):
    """A label that cannot be stored (unknown facet, no such paper)."""


def add_label(
    session: Session,
    paper_id: int,
    editor: str,
    kind: str,
    value: str,
    *,
    reason: str | None = None,
    now: datetime | None = None,
) -> Label:
    """Append a label, noting the rules and model version the paper had then."""
    triage = session.get(PaperTriage, paper_id)
    score = session.get(PaperScore, paper_id)
    label = Label(
        paper_id=paper_id,
        editor=editor,
        kind=kind,
        value=value,
        reason=reason or None,
        created_at=now or utcnow(),
        rules_version=triage.rules_version if triage else None,
        model_version=score.model_version if score else None,
    )
    session.add(label)
    session.flush()
    return label


def correct_triage(
    session: Session,
    paper_id: int,
    editor: str,
    facet: str,
    value: str,
    *,
    updates: Mapping[str, Any],
    reason: str | None = None,
    now: datetime | None = None,
) -> Label:
    """Store an editor's correction of one triage facet; apply ``updates`` (the
    facet and what follows from it: evidence rank, priority, reasons; the
    caller owns those rules) to the stored triage."""
    if facet not in CORRECTABLE:
        raise LabelError(f"cannot correct {facet!r} (one of {', '.join(CORRECTABLE)})")
    if session.get(Paper, paper_id) is None:
        raise LabelError(f"no paper #{paper_id}")
    label = add_label(session, paper_id, editor, f"correction:{facet}", value, reason=reason,
                      now=now)  # fmt: skip
    triage = session.get(PaperTriage, paper_id)
    if triage is not None:
        for column, new in updates.items():
            setattr(triage, column, new)
    return label


def corrections_for(session: Session, paper_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """The newest correction of each facet, per paper (what re-triage must keep)."""
    out: dict[int, dict[str, str]] = {}
    ids = list(paper_ids)
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        rows = session.execute(
            select(Label.paper_id, Label.kind, Label.value)
            .where(Label.paper_id.in_(ids[start : start + 900]), Label.kind.like("correction:%"))
            .order_by(Label.id)
        )
        for paper_id, kind, value in rows:
            out.setdefault(paper_id, {})[kind.split(":", 1)[1]] = value
    return out


def labels_of(session: Session, paper_id: int) -> list[Label]:
    return list(
        session.scalars(select(Label).where(Label.paper_id == paper_id).order_by(Label.id))
    )


def training_labels(session: Session) -> tuple[list[tuple[Paper, PaperTriage | None, bool]], int]:
    """Each labelled paper with its triage and what its newest decision teaches,
    and the newest label id read.  Maybe, new (an undo) and notices teach nothing."""
    newest = (
        select(Label.paper_id, func.max(Label.id).label("id"))
        .where(Label.kind.in_(DECISION_KINDS))
        .group_by(Label.paper_id)
        .subquery()
    )
    rows = session.execute(
        select(Paper, PaperTriage, Label.value)
        .join(newest, newest.c.paper_id == Paper.id)
        .join(Label, Label.id == newest.c.id)
        .outerjoin(PaperTriage, PaperTriage.paper_id == Paper.id)
        .where(Label.value.in_([*POSITIVE, *NEGATIVE]), Paper.deleted_at.is_(None))
        .order_by(Paper.id)
    ).all()
    through = session.scalar(select(func.max(Label.id))) or 0
    return [(p, t, v in POSITIVE) for p, t, v in rows], int(through)


def new_labels_since(session: Session, label_id: int) -> int:
    """Decision labels newer than ``label_id`` (is a retraining due?)."""
    return int(
        session.scalar(
            select(func.count(Label.id)).where(Label.id > label_id, Label.kind.in_(DECISION_KINDS))
        )
        or 0
    )


def export_labels(session: Session) -> Iterator[tuple[Label, Paper]]:
    rows = session.execute(
        select(Label, Paper).join(Paper, Paper.id == Label.paper_id).order_by(Label.id)
    ).all()
    yield from ((label, paper) for label, paper in rows)


def match_paper(
    session: Session, *, pmid: str | None, doi: str | None, title: str, year: int | None
) -> int | None:
    """The stored paper a reviewer's record names: by PMID, DOI, then title (and year)."""
    for kind, value in (("pmid", pmid), ("doi", normalize_doi(doi))):
        if value:
            found = session.scalar(
                select(PaperIdentifier.paper_id).where(
                    PaperIdentifier.kind == kind, PaperIdentifier.value == value
                )
            )
            if found is not None:
                return int(found)
    key = title_key(title, year)
    if key:
        found = session.scalar(select(Paper.id).where(Paper.title_key == key).limit(1))
        if found is not None:
            return int(found)
    return None


# -- models and scores ---------------------------------------------------------------------


def save_model(
    session: Session,
    model: dict[str, Any],
    *,
    kind: str,
    positives: int,
    negatives: int,
    labels_through: int,
    figures: dict[str, Any],
    now: datetime | None = None,
) -> int:
    row = PreferenceModelVersion(
        kind=kind,
        trained_at=now or utcnow(),
        positives=positives,
        negatives=negatives,
        labels_through=labels_through,
        auc=figures.get("auc"),
        wss95=figures.get("wss95"),
        recall_at_10=figures.get("recall_at_10"),
        model=model,
    )
    session.add(row)
    session.flush()
    return row.version


def latest_model(session: Session) -> PreferenceModelVersion | None:
    return session.scalar(
        select(PreferenceModelVersion).order_by(PreferenceModelVersion.version.desc()).limit(1)
    )


def models(session: Session) -> list[PreferenceModelVersion]:
    """Every stored version, newest first (without loading their JSON twice)."""
    return list(
        session.scalars(
            select(PreferenceModelVersion).order_by(PreferenceModelVersion.version.desc())
        )
    )


def papers_to_score(
    session: Session, *, after_id: int = 0, limit: int = 2000, only_unscored: bool = False
) -> list[tuple[Paper, PaperTriage]]:
    """Triaged papers in id order (all, or those without a score or scored before triage)."""
    stmt = (
        select(Paper, PaperTriage)
        .join(PaperTriage, PaperTriage.paper_id == Paper.id)
        .where(Paper.id > after_id)
        .order_by(Paper.id)
        .limit(limit)
    )
    if only_unscored:
        stmt = stmt.outerjoin(PaperScore, PaperScore.paper_id == Paper.id).where(
            (PaperScore.paper_id.is_(None)) | (PaperScore.scored_at < PaperTriage.triaged_at)
        )
    return [(p, t) for p, t in session.execute(stmt).all()]


def category_inputs(
    session: Session, paper_ids: Sequence[int]
) -> dict[int, tuple[list[str] | None, str | None, list[str] | None]]:
    """Per paper: its stored rules' categories, their categories-file version, and
    the editor's override (None when nobody corrected them)."""
    out: dict[int, tuple[list[str] | None, str | None, list[str] | None]] = {}
    for start in range(0, len(paper_ids), 500):  # SQLite's bound-parameter limit
        chunk = list(paper_ids[start : start + 500])
        for pid, cats, version in session.execute(
            select(PaperScore.paper_id, PaperScore.categories, PaperScore.categories_version)
            .where(PaperScore.paper_id.in_(chunk))
        ):  # fmt: skip
            out[pid] = (cats, version, None)
        for pid, override in session.execute(
            select(PaperCategoryOverride.paper_id, PaperCategoryOverride.categories)
            .where(PaperCategoryOverride.paper_id.in_(chunk))
        ):  # fmt: skip
            cats, version, _ = out.get(pid, (None, None, None))
            out[pid] = (cats, version, list(override))
    return out


def save_scores(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or replace paper scores (one upsert statement, executemany)."""
    if not rows:
        return
    # the driver's executemany, bound as Core binds (storage/bulk.py): an import
    # writes one a paper
    insert_rows(session, cast(Table, PaperScore.__table__), rows, upsert=["paper_id"])


def score_of(session: Session, paper_id: int) -> PaperScore | None:
    return session.get(PaperScore, paper_id)


def corrected_papers(session: Session) -> list[tuple[Paper, dict[str, str]]]:
    """Every paper an editor corrected, with the newest correction of each facet."""
    ids = list(
        session.scalars(
            select(Label.paper_id).where(Label.kind.like("correction:%")).distinct()
        )
    )
    corrected = corrections_for(session, ids)
    if not ids:
        return []
    papers = session.scalars(
        select(Paper).where(Paper.id.in_(ids), Paper.deleted_at.is_(None)).order_by(Paper.id)
    )
    return [(p, corrected[p.id]) for p in papers]
