"""Repairs of stored papers that the ingest asks for: fold duplicate papers into one,
point links at papers stored later, soft-delete withdrawn PMIDs.

Each works on the whole database in the caller's transaction, not on one
batch's records: two papers found to be one (:func:`merge_papers`), links whose
target arrives in a later batch or import (:func:`resolve_links`), and NLM's
DeleteCitation blocks (:func:`apply_deletions`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import CursorResult, UniqueConstraint, delete, select, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.batching import batched
from storage.models import Paper, PaperIdentifier, PaperLink

log = logging.getLogger(__name__)


def merge_papers(session: Session, survivor: int, absorbed: Sequence[int]) -> None:
    """Fold papers ``absorbed`` into ``survivor``: re-point every child row, delete them.

    Every table with a foreign key to ``paper.id`` is handled, including those
    added later (triage, editor actions, digests): a row that may exist once
    per paper (a unique paper_id) is dropped in favour of the survivor's.
    """
    from storage.models import metadata

    paper_table = Paper.__table__
    for table in metadata().sorted_tables:  # every table, loaded or not
        for fk in table.foreign_keys:
            if fk.column.table is not paper_table:
                continue
            col = fk.parent
            unique_alone = col.primary_key or any(
                list(c.columns) == [col]
                for c in table.constraints
                if isinstance(c, UniqueConstraint)
            )
            if table.name == "paper_identifier" or table.name == "paper_sighting":
                session.execute(
                    table.update().where(col.in_(absorbed)).values({col.name: survivor})
                )
            elif unique_alone:
                session.execute(table.delete().where(col.in_(absorbed)))
            else:
                session.execute(
                    table.update().where(col.in_(absorbed)).values({col.name: survivor})
                )
    first_seen = session.scalar(
        select(Paper.first_seen_at).where(Paper.id.in_([survivor, *absorbed]))
        .order_by(Paper.first_seen_at).limit(1)
    )  # fmt: skip
    session.execute(delete(Paper).where(Paper.id.in_(absorbed)))
    session.execute(update(Paper).where(Paper.id == survivor).values(first_seen_at=first_seen))
    log.info("papers merged survivor=%s absorbed=%s", survivor, list(absorbed))


def _rowcount(result: object) -> int:
    return int(result.rowcount or 0) if isinstance(result, CursorResult) else 0


def resolve_links(session: Session) -> int:
    """Point links at their target papers once those are stored (now or later)."""
    by_pmid = (
        select(PaperIdentifier.paper_id)
        .where(PaperIdentifier.kind == "pmid", PaperIdentifier.value == PaperLink.target_pmid)
        .scalar_subquery()
    )
    by_doi = (
        select(PaperIdentifier.paper_id)
        .where(PaperIdentifier.kind == "doi", PaperIdentifier.value == PaperLink.target_doi)
        .scalar_subquery()
    )
    n1 = _rowcount(
        session.execute(
            update(PaperLink)
            .where(PaperLink.target_paper_id.is_(None), PaperLink.target_pmid.is_not(None))
            .values(target_paper_id=by_pmid)
            .execution_options(synchronize_session=False)
        )
    )
    n2 = _rowcount(
        session.execute(
            update(PaperLink)
            .where(
                PaperLink.target_paper_id.is_(None),
                PaperLink.target_pmid.is_(None),
                PaperLink.target_doi.is_not(None),
            )
            .values(target_paper_id=by_doi)
            .execution_options(synchronize_session=False)
        )
    )
    return n1 + n2


def apply_deletions(session: Session, pmids: Sequence[str], now: datetime | None = None) -> int:
    """Soft-delete papers whose PMID NLM withdrew (DeleteCitation).

    Rows are kept (with their sightings and editor history) but leave every
    list and digest; nothing stored is lost.
    """
    if not pmids:
        return 0
    count = 0
    for chunk in batched(sorted(set(pmids)), 900):
        ids = select(PaperIdentifier.paper_id).where(
            PaperIdentifier.kind == "pmid", PaperIdentifier.value.in_(chunk)
        )
        result = session.execute(
            update(Paper)
            .where(Paper.id.in_(ids), Paper.deleted_at.is_(None))
            .values(deleted_at=now or utcnow())
            .execution_options(synchronize_session=False)
        )
        count += _rowcount(result)
    return count
