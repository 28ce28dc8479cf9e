"""Read and write paper triage rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from storage.bulk import insert_rows
from storage.models import Paper, PaperTriage


def papers_to_triage(
    session: Session,
    rules_version: str,
    *,
    everything: bool = False,
    after_id: int = 0,
    limit: int = 1000,
    stale_only: bool = False,
) -> list[Paper]:
    """Papers with no triage, triage from other rules, or changed since triaged.

    Authors and extra fields are not loaded (``raiseload``-style deferral: touching
    them raises instead of querying once per paper): triage never reads them, and
    decoding their JSON was a fifth of ``scimon triage --all``.

    ``stale_only``: papers with no triage or a triage by other rules, not
    those changed since (an import that triaged in its pass leaves none of
    those of its own), so that the paper table itself need not be read.
    """
    stmt = (
        select(Paper)
        .outerjoin(PaperTriage, PaperTriage.paper_id == Paper.id)
        .where(Paper.id > after_id)
        .order_by(Paper.id)
        .limit(limit)
        .options(
            selectinload(Paper.links),
            defer(Paper.authors, raiseload=True),
            defer(Paper.extra, raiseload=True),
        )
    )
    if stale_only:
        stmt = stmt.where(
            or_(PaperTriage.paper_id.is_(None), PaperTriage.rules_version != rules_version)
        )
    elif not everything:
        stmt = stmt.where(
            or_(
                PaperTriage.paper_id.is_(None),
                PaperTriage.rules_version != rules_version,
                Paper.updated_at > PaperTriage.triaged_at,
            )
        )
    return list(session.scalars(stmt))


def any_stale(session: Session, rules_version: str) -> bool:
    """Whether some paper has no triage, or a triage by other rules.

    Cheap at a million papers, unlike :func:`papers_to_triage`: two counts
    that the planner answers from an index (every triage row has its paper)
    and two range seeks on ``ix_paper_triage_rules_version``.
    """
    papers = session.scalar(select(func.count()).select_from(Paper)) or 0
    triaged = session.scalar(select(func.count()).select_from(PaperTriage)) or 0
    if papers != triaged:
        return True
    other = select(PaperTriage.paper_id).where(
        or_(PaperTriage.rules_version < rules_version, PaperTriage.rules_version > rules_version)
    )
    return session.scalar(other.limit(1)) is not None


def save_triages(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or replace triage rows (one per paper).

    One upsert statement run once per row (executemany): the same statement
    with every row in its VALUES made SQLAlchemy compile 270,000 bind
    parameters per batch of 1,000, two thirds of the time ``scimon triage
    --all`` took.  Sent to the driver's executemany (storage/bulk.py), values
    bound as Core binds them: Core's executemany still cost ~40 us a row in
    Python (an import writes one per paper).
    """
    if not rows:
        return
    insert_rows(session, cast(Table, PaperTriage.__table__), rows, upsert=["paper_id"])


def get_triage(session: Session, paper_id: int) -> PaperTriage | None:
    return session.get(PaperTriage, paper_id)
