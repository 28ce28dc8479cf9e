"""Read side: find and list papers for the CLI, digest and web app."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.keys import normalize_doi
from storage.models import Paper, PaperIdentifier, PaperLink


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


def list_papers(
    session: Session,
    *,
    since: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
    include_deleted: bool = False,
) -> list[Paper]:
    """Papers first seen since ``since``, newest first."""
    stmt = select(Paper).order_by(Paper.first_seen_at.desc(), Paper.id.desc())
    if since is not None:
        stmt = stmt.where(Paper.first_seen_at >= since)
    if not include_deleted:
        stmt = stmt.where(Paper.deleted_at.is_(None))
    return list(session.scalars(stmt.limit(limit).offset(offset)))


def links_to(session: Session, paper_id: int) -> list[PaperLink]:
    """Notices (errata, retractions, comments) that point at this paper."""
    return list(
        session.scalars(
            select(PaperLink)
            .where(PaperLink.target_paper_id == paper_id)
            .options(selectinload(PaperLink.paper))
        )
    )
