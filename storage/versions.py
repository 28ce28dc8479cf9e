"""A preprint and its journal article: linked as two versions of one work, never merged.

They have different DOIs, so dedup by DOI keeps them apart, as it must.  They
are linked when a source says so (PubMed's UpdateIn/UpdateOf, Europe PMC's
published-version entry: both become ``paper_link`` rows of kind ``UpdateIn``
/ ``UpdateOf`` that :func:`storage.repairs.resolve_links` resolves), and
otherwise when their normalised titles and first authors agree and the
article came out the preprint's year or up to two years later.  A preprint an
editor has already taken up (to summarize, in progress, summarized) is flagged
when its article appears, so nobody summarises the same work twice unawares.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.batching import batched
from storage.keys import normalize_title, title_key
from storage.models import Paper, PaperLink, PaperStatus

VERSION_KINDS = ("UpdateIn", "UpdateOf")
MATCHED = "same title and first author"
YEARS_TO_PUBLISH = 2
TAKEN_UP = ("to_summarize", "in_progress", "summarized")
FLAG = "journal version published"


def _first_author(authors: Any) -> str:
    if not isinstance(authors, list) or not authors or not isinstance(authors[0], dict):
        return ""
    return normalize_title(str(authors[0].get("last") or ""))


def _keys(title: str, year: int | None, preprint: bool) -> list[str]:
    if year is None:
        return []
    years = (
        range(year, year + YEARS_TO_PUBLISH + 1)
        if preprint
        else range(year - YEARS_TO_PUBLISH, year + 1)
    )
    return [k for y in years if (k := title_key(title, y))]


def _linked(session: Session, ids: list[int]) -> set[tuple[int, int]]:
    rows = session.execute(
        select(PaperLink.paper_id, PaperLink.target_paper_id).where(
            PaperLink.kind.in_(VERSION_KINDS),
            PaperLink.target_paper_id.is_not(None),
            or_(PaperLink.paper_id.in_(ids), PaperLink.target_paper_id.in_(ids)),
        )
    ).all()
    out: set[tuple[int, int]] = set()
    for a, b in rows:
        if b is not None:
            out.update({(a, b), (b, a)})
    return out


def match_versions(session: Session, paper_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(preprint, article) pairs among these papers and stored ones, by title and author."""
    pairs: list[tuple[int, int]] = []
    for chunk in batched(sorted(set(paper_ids)), 500):
        papers = session.execute(
            select(Paper.id, Paper.title, Paper.pub_year, Paper.authors, Paper.is_preprint).where(
                Paper.id.in_(chunk), Paper.deleted_at.is_(None)
            )
        ).all()
        wanted: dict[str, list[tuple[int, bool, str]]] = {}
        for pid, title, year, authors, preprint in papers:
            author = _first_author(authors)
            if not author:
                continue
            for key in _keys(title, year, bool(preprint)):
                wanted.setdefault(key, []).append((pid, bool(preprint), author))
        if not wanted:
            continue
        for keys in batched(sorted(wanted), 900):
            others = session.execute(
                select(Paper.id, Paper.title_key, Paper.authors, Paper.is_preprint).where(
                    Paper.title_key.in_(keys), Paper.deleted_at.is_(None)
                )
            ).all()
            for oid, key, authors, other_preprint in others:
                for pid, preprint, author in wanted.get(key, []):
                    if oid == pid or bool(other_preprint) == preprint:
                        continue
                    if _first_author(authors) != author:
                        continue
                    pair = (pid, oid) if preprint else (oid, pid)
                    if pair not in pairs:
                        pairs.append(pair)
    return pairs


def link_versions(session: Session, paper_ids: Iterable[int], now: datetime | None = None) -> int:
    """Link preprints and articles among (and with) these papers; flag taken-up preprints.

    Returns how many links were added.
    """
    ids = sorted(set(paper_ids))
    if not ids:
        return 0
    # cheap way out for the usual batch: no preprint stored at all
    if session.scalar(select(Paper.id).where(Paper.is_preprint.is_(True)).limit(1)) is None:
        return 0
    pairs = match_versions(session, ids)
    touched = {i for pair in pairs for i in pair} | set(ids)
    linked = _linked(session, sorted(touched))
    added = 0
    for preprint, article in pairs:
        if (preprint, article) in linked:
            continue
        session.add(
            PaperLink(
                paper_id=preprint, kind="UpdateIn", target_key=f"paper:{article}",
                target_paper_id=article, citation=MATCHED,
            )
        )  # fmt: skip
        linked.update({(preprint, article), (article, preprint)})
        added += 1
    session.flush()
    flag_taken_up_preprints(session, sorted(touched), now)
    return added


def flag_taken_up_preprints(
    session: Session, paper_ids: list[int], now: datetime | None = None
) -> int:
    """Flag each preprint editors took up whose journal version is now stored."""
    now = now or utcnow()
    pairs = _linked(session, paper_ids)
    if not pairs:
        return 0
    involved = sorted({i for pair in pairs for i in pair})
    preprints = set(
        session.scalars(
            select(Paper.id).where(Paper.id.in_(involved), Paper.is_preprint.is_(True))
        )
    )
    flagged = 0
    statuses = {
        s.paper_id: s
        for s in session.scalars(
            select(PaperStatus).where(
                PaperStatus.paper_id.in_(sorted(preprints)), PaperStatus.status.in_(TAKEN_UP)
            )
        )
    }
    for preprint, article in sorted(pairs):
        row = statuses.get(preprint)
        if row is None or article in preprints or row.flagged_at is not None:
            continue
        row.flagged_at, row.flag_reason = now, f"{FLAG} (paper #{article})"
        flagged += 1
    session.flush()
    return flagged


def count_preprints(session: Session) -> tuple[int, int]:
    """(preprints stored, of which linked to their journal version) for ``scimon status``."""
    from sqlalchemy import func

    total = session.scalar(
        select(func.count()).select_from(Paper).where(Paper.is_preprint.is_(True))
    )
    linked_ids = select(PaperLink.paper_id).where(
        PaperLink.kind.in_(VERSION_KINDS), PaperLink.target_paper_id.is_not(None)
    )
    targets = select(PaperLink.target_paper_id).where(
        PaperLink.kind.in_(VERSION_KINDS), PaperLink.target_paper_id.is_not(None)
    )
    linked = session.scalar(
        select(func.count()).select_from(Paper).where(
            Paper.is_preprint.is_(True), or_(Paper.id.in_(linked_ids), Paper.id.in_(targets))
        )
    )
    return int(total or 0), int(linked or 0)
