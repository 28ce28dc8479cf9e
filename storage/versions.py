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
from storage.keys import normalize_title, title_keys
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
    return title_keys(title, years)


def _linked(session: Session, ids: list[int]) -> set[tuple[int, int]]:
    """Version links touching ``ids``, as pairs both ways (chunked: SQLite's bound-parameter
    limit)."""
    rows: list[Any] = []
    for chunk in batched(ids, 400):
        rows.extend(
            session.execute(
                select(PaperLink.paper_id, PaperLink.target_paper_id).where(
                    PaperLink.kind.in_(VERSION_KINDS),
                    PaperLink.target_paper_id.is_not(None),
                    or_(PaperLink.paper_id.in_(chunk), PaperLink.target_paper_id.in_(chunk)),
                )
            ).all()
        )
    out: set[tuple[int, int]] = set()
    for a, b in rows:
        if b is not None:
            out.update({(a, b), (b, a)})
    return out


def match_versions(session: Session, paper_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(preprint, article) pairs among these papers and stored ones, by title and author.

    Preprints are few beside articles, so the title keys of every stored preprint
    are read once and a written article's keys are checked against them in
    memory; only the few that match are read in full.
    """
    preprint_keys = set(
        session.scalars(
            select(Paper.title_key).where(
                Paper.is_preprint.is_(True), Paper.title_key.is_not(None),
                Paper.deleted_at.is_(None),
            )
        )
    )  # fmt: skip
    wanted: dict[str, list[tuple[int, bool]]] = {}
    for chunk in batched(sorted(set(paper_ids)), 900):
        papers = session.execute(
            select(Paper.id, Paper.title, Paper.pub_year, Paper.is_preprint).where(
                Paper.id.in_(chunk), Paper.deleted_at.is_(None)
            )
        ).all()
        for pid, title, year, preprint in papers:
            for key in _keys(title, year, bool(preprint)):
                if preprint or key in preprint_keys:
                    wanted.setdefault(key, []).append((pid, bool(preprint)))
    if not wanted:
        return []
    candidates: list[tuple[int, str | None, Any, bool]] = []
    for keys in batched(sorted(wanted), 900):
        candidates.extend(
            session.execute(
                select(Paper.id, Paper.title_key, Paper.authors, Paper.is_preprint).where(
                    Paper.title_key.in_(keys), Paper.deleted_at.is_(None)
                )
            ).all()
        )
    own_ids = sorted({pid for entries in wanted.values() for pid, _ in entries})
    authors_of: dict[int, str] = {}
    for chunk in batched(own_ids, 900):
        for pid, authors in session.execute(
            select(Paper.id, Paper.authors).where(Paper.id.in_(chunk))
        ).all():
            authors_of[pid] = _first_author(authors)
    pairs: list[tuple[int, int]] = []
    for oid, found_key, authors, other_preprint in candidates:
        for pid, preprint in wanted.get(found_key or "", []):
            author = authors_of.get(pid, "")
            if oid == pid or bool(other_preprint) == preprint or not author:
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
    linked = _linked(session, sorted({i for pair in pairs for i in pair}))
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
    flag_taken_up_preprints(session, now)
    return added


def flag_taken_up_preprints(session: Session, now: datetime | None = None) -> int:
    """Flag each preprint editors took up whose journal version is now stored.

    Starts from the few preprints in work and not flagged, not from the papers
    just written, so a large import costs one small query here.
    """
    now = now or utcnow()
    rows = {
        s.paper_id: s
        for s in session.scalars(
            select(PaperStatus)
            .join(Paper, Paper.id == PaperStatus.paper_id)
            .where(
                Paper.is_preprint.is_(True),
                PaperStatus.status.in_(TAKEN_UP),
                PaperStatus.flagged_at.is_(None),
            )
        )
    }
    if not rows:
        return 0
    pairs = _linked(session, sorted(rows))
    articles: dict[int, int] = {}
    for preprint, other in sorted(pairs):
        if preprint in rows and preprint not in articles:
            articles[preprint] = other
    preprints = set(
        session.scalars(
            select(Paper.id).where(
                Paper.id.in_(sorted(set(articles.values()))), Paper.is_preprint.is_(True)
            )
        )
    )
    flagged = 0
    for preprint, article in articles.items():
        if article in preprints:
            continue  # two preprints of one work: not a journal version
        row = rows[preprint]
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
