"""Read side: find papers for the CLI, digest and web app (listing: storage.listing)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.keys import normalize_doi
from storage.models import Paper, PaperIdentifier, PaperLink, PaperSighting


def find_paper(session: Session, key: str) -> Paper | None:
    """A paper by DOI (any form), PMID, ``pmid:N`` or internal ``#id``."""
    key = key.strip()
    if key.startswith("#") and key[1:].isdigit():
        return session.get(Paper, int(key[1:]))
    if key.lower().startswith("pmid:"):
        key = key[5:].strip()
    if key.isdigit():
        kind, value = "pmid", key
    else:
        doi = normalize_doi(key)
        if doi is None:
            return None
        kind, value = "doi", doi
    pid = session.scalar(
        select(PaperIdentifier.paper_id).where(
            PaperIdentifier.kind == kind, PaperIdentifier.value == value
        )
    )
    if pid is None:
        return None
    return session.scalar(
        select(Paper)
        .where(Paper.id == pid)
        .options(selectinload(Paper.sightings), selectinload(Paper.links))
    )


def links_to(session: Session, paper_id: int) -> list[PaperLink]:
    """Notices (errata, retractions, comments) that point at this paper."""
    return list(
        session.scalars(
            select(PaperLink)
            .where(PaperLink.target_paper_id == paper_id)
            .options(selectinload(PaperLink.paper))
        )
    )


def sightings_of(session: Session, paper_id: int) -> list[PaperSighting]:
    """Every source that saw this paper, oldest first (the paper page)."""
    return list(
        session.scalars(
            select(PaperSighting)
            .where(PaperSighting.paper_id == paper_id)
            .order_by(PaperSighting.seen_at)
        )
    )


def count_papers(session: Session) -> int:
    """How many papers are stored, deleted ones included (``scimon status``)."""
    return int(session.scalar(select(func.count()).select_from(Paper)) or 0)


def first_seen_times(session: Session, since: datetime) -> list[datetime]:
    """When each paper first seen at or after ``since`` was first seen (per-week counts)."""
    return list(session.scalars(select(Paper.first_seen_at).where(Paper.first_seen_at >= since)))
