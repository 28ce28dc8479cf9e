"""Trials: store what ClinicalTrials.gov says, keep the changes editors follow, link papers.

:func:`upsert_trials` writes one ``trial`` row per NCT id (a study seen twice,
on two pages or after a restarted paging, is stored once) and a
``trial_event`` for each change that matters.  :func:`link_trials` joins
trials and papers both ways through ``trial_link``, whichever arrived first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, String, cast, func, select, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.batch import IngestStats
from storage.batching import batched
from storage.handoff import TrialLike
from storage.keys import normalize_doi
from storage.models import Paper, PaperIdentifier, Trial, TrialEvent, TrialLink


def _rowcount(result: object) -> int:
    return int(result.rowcount or 0) if isinstance(result, CursorResult) else 0


# overall statuses whose arrival is an event, and the event's name
STATUS_EVENTS = {
    "RECRUITING": "recruiting",
    "COMPLETED": "completed",
    "TERMINATED": "terminated",
    "WITHDRAWN": "withdrawn",
    "SUSPENDED": "suspended",
}
ENDED_EARLY = ("terminated", "withdrawn", "suspended")
# TrialRecord fields stored under the same name (tuples as JSON lists)
_SKIP = {"nct_id"}


def _values(rec: TrialLike) -> dict[str, Any]:
    if not (is_dataclass(rec) and not isinstance(rec, type)):
        raise TypeError(f"not a trial record: {rec!r}")
    out: dict[str, Any] = {}
    for f in fields(rec):
        if f.name in _SKIP:
            continue
        value = getattr(rec, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    out["dois"] = [d for d in (normalize_doi(x) for x in out.get("dois", [])) if d]
    return out


def _hash(values: dict[str, Any]) -> str:
    payload = repr(sorted(values.items())).encode()
    return hashlib.sha1(payload, usedforsecurity=False).hexdigest()


def _events(old: Trial | None, rec: TrialLike) -> list[tuple[str, str | None, date | None]]:
    """(kind, from_status, date) of each change from ``old`` to ``rec``."""
    out: list[tuple[str, str | None, date | None]] = []
    before = old.overall_status if old is not None else None
    if old is None:
        out.append(("registered", None, rec.first_posted_on))
    status_kind = STATUS_EVENTS.get(rec.overall_status)
    if status_kind and rec.overall_status != before:
        out.append((status_kind, before, rec.last_update_posted_on))
    had_results = old is not None and (old.has_results or old.results_first_posted_on is not None)
    if (rec.has_results or rec.results_first_posted_on is not None) and not had_results:
        out.append(("results_posted", before, rec.results_first_posted_on))
    return out


def upsert_trials(
    session: Session, records: Sequence[TrialLike], source: str, now: datetime | None = None
) -> IngestStats:
    """Store a page of trials in the caller's transaction; counts as for papers."""
    now = now or utcnow()
    stats = IngestStats()
    by_nct: dict[str, TrialLike] = {}
    for rec in records:
        by_nct[rec.nct_id] = rec  # the later copy of a study repeated within the page
    stats.seen = len(records)
    stats.duplicates = len(records) - len(by_nct)
    stored = {
        t.nct_id: t
        for chunk in batched(sorted(by_nct), 500)
        for t in session.scalars(select(Trial).where(Trial.nct_id.in_(chunk)))
    }
    for nct, rec in by_nct.items():
        values = _values(rec)
        digest = _hash(values)
        old = stored.get(nct)
        if old is not None and old.record_hash == digest:
            stats.duplicates += 1
            continue
        events = _events(old, rec)
        if old is None:
            trial = Trial(
                nct_id=nct, record_hash=digest, first_source=source[:200], first_seen_at=now,
                updated_at=now, **values,
            )  # fmt: skip
            session.add(trial)
            stats.new += 1
        else:
            trial = old
            for key, value in values.items():
                setattr(trial, key, value)
            trial.record_hash, trial.updated_at = digest, now
            stats.updated += 1
        session.flush()
        for kind, before, when in events:
            session.add(
                TrialEvent(
                    trial_id=trial.id, kind=kind, from_status=before,
                    to_status=rec.overall_status or None, occurred_on=when, seen_at=now,
                )
            )  # fmt: skip
        _reference_links(session, trial, now)
    session.flush()
    return stats


def _reference_links(session: Session, trial: Trial, now: datetime) -> None:
    """One ``reference`` link per PMID and DOI the trial lists (paper filled in later)."""
    wanted: list[tuple[str, str | None, str | None]] = [
        (f"pmid:{p}", p, None) for p in trial.pmids or []
    ]
    wanted += [(f"doi:{d}", None, d) for d in trial.dois or []]
    if not wanted:
        return
    have = set(
        session.scalars(
            select(TrialLink.target_key).where(
                TrialLink.nct_id == trial.nct_id, TrialLink.via == "reference"
            )
        )
    )
    for key, pmid, doi in wanted:
        if key[:320] not in have:
            session.add(
                TrialLink(
                    nct_id=trial.nct_id, via="reference", target_key=key[:320],
                    target_pmid=pmid, target_doi=doi, trial_id=trial.id, created_at=now,
                )
            )  # fmt: skip
            have.add(key[:320])


def record_mentions(
    session: Session, paper_ids: Iterable[int], now: datetime | None = None
) -> int:
    """``mention`` links for the papers ``paper_ids`` that name NCT ids.

    The parsers put a paper's NCT ids in ``extra["trial_ids"]``; the text
    filter keeps the rows read to the few papers that have any.
    """
    now = now or utcnow()
    rows: list[Any] = []
    for chunk in batched(sorted(set(paper_ids)), 900):
        rows.extend(
            session.execute(
                select(Paper.id, Paper.extra).where(
                    Paper.id.in_(chunk), cast(Paper.extra, String).like('%"trial_ids"%')
                )
            ).all()
        )
    added = 0
    for paper_id, extra in rows:
        ids = str((extra or {}).get("trial_ids") or "").split()
        if not ids:
            continue
        key = f"paper:{paper_id}"
        have = set(
            session.scalars(
                select(TrialLink.nct_id).where(
                    TrialLink.via == "mention", TrialLink.target_key == key
                )
            )
        )
        for nct in ids:
            if nct not in have:
                session.add(
                    TrialLink(nct_id=nct, via="mention", target_key=key, paper_id=paper_id,
                              created_at=now)
                )  # fmt: skip
                have.add(nct)
                added += 1
    session.flush()
    return added


def resolve_trial_links(session: Session) -> int:
    """Fill in the side of each link that was not stored when the link was made."""
    trial_of = select(Trial.id).where(Trial.nct_id == TrialLink.nct_id).scalar_subquery()
    by_pmid = (
        select(PaperIdentifier.paper_id)
        .where(PaperIdentifier.kind == "pmid", PaperIdentifier.value == TrialLink.target_pmid)
        .scalar_subquery()
    )
    by_doi = (
        select(PaperIdentifier.paper_id)
        .where(PaperIdentifier.kind == "doi", PaperIdentifier.value == TrialLink.target_doi)
        .scalar_subquery()
    )
    n = _rowcount(
        session.execute(
            update(TrialLink).where(TrialLink.trial_id.is_(None)).values(trial_id=trial_of)
            .execution_options(synchronize_session=False)
        )
    )  # fmt: skip
    n += _rowcount(
        session.execute(
            update(TrialLink)
            .where(TrialLink.paper_id.is_(None), TrialLink.target_pmid.is_not(None))
            .values(paper_id=by_pmid)
            .execution_options(synchronize_session=False)
        )
    )
    n += _rowcount(
        session.execute(
            update(TrialLink)
            .where(TrialLink.paper_id.is_(None), TrialLink.target_doi.is_not(None))
            .values(paper_id=by_doi)
            .execution_options(synchronize_session=False)
        )
    )
    return n


def link_trials(session: Session, paper_ids: Iterable[int]) -> int:
    """Record the NCT ids of the papers ``paper_ids`` (just written) and resolve open links."""
    record_mentions(session, paper_ids)
    return resolve_trial_links(session)


# -- reading -----------------------------------------------------------------------------------


@dataclass
class LinkedTrial:
    nct_id: str
    title: str
    overall_status: str
    via: str
    trial_id: int | None


@dataclass
class LinkedPaper:
    paper_id: int
    title: str
    is_preprint: bool
    via: str


def trials_of_paper(session: Session, paper_id: int) -> list[LinkedTrial]:
    """The trials a paper names or is named by (a trial not stored yet shows its NCT id)."""
    rows = session.execute(
        select(TrialLink.nct_id, TrialLink.via, Trial.id, Trial.title, Trial.overall_status)
        .outerjoin(Trial, Trial.id == TrialLink.trial_id)
        .where(TrialLink.paper_id == paper_id)
        .order_by(TrialLink.nct_id, TrialLink.via)
    ).all()
    out: dict[str, LinkedTrial] = {}
    for nct, via, tid, title, status in rows:
        if nct not in out:
            out[nct] = LinkedTrial(nct, title or "", status or "", via, tid)
    return list(out.values())


def papers_of_trial(session: Session, trial_id: int) -> list[LinkedPaper]:
    """The stored papers a trial lists or that name it."""
    rows = session.execute(
        select(Paper.id, Paper.title, Paper.is_preprint, TrialLink.via)
        .join(TrialLink, TrialLink.paper_id == Paper.id)
        .where(TrialLink.trial_id == trial_id, Paper.deleted_at.is_(None))
        .order_by(Paper.id)
    ).all()
    out: dict[int, LinkedPaper] = {}
    for pid, title, preprint, via in rows:
        out.setdefault(pid, LinkedPaper(pid, title, bool(preprint), via))
    return list(out.values())


def trial_events(session: Session, trial_id: int) -> list[TrialEvent]:
    """What happened to a trial, newest first (the trial's page)."""
    return list(
        session.scalars(
            select(TrialEvent)
            .where(TrialEvent.trial_id == trial_id)
            .order_by(TrialEvent.seen_at.desc(), TrialEvent.id.desc())
        )
    )


def get_trial(session: Session, nct_id: str) -> Trial | None:
    return session.scalar(select(Trial).where(Trial.nct_id == nct_id))


def list_trials(session: Session, statuses: Iterable[str] = ()) -> list[Trial]:
    stmt = select(Trial).order_by(Trial.first_seen_at.desc(), Trial.nct_id)
    wanted = [s.upper() for s in statuses]
    if wanted:
        stmt = stmt.where(Trial.overall_status.in_(wanted))
    return list(session.scalars(stmt))


def count_trials(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Trial)) or 0)


@dataclass
class TrialNews:
    """One trial in the digest: what happened (``kind``) and when the registry posted it."""

    trial: Trial
    kind: str
    occurred_on: date | None


def trial_news(session: Session, since: datetime, until: datetime) -> dict[str, list[TrialNews]]:
    """The digest's Trials section: events seen in [since, until), by what happened.

    ``recruiting``: trials first seen in the window that are recruiting, and
    trials that started recruiting; ``results``: results posted; ``ended``:
    terminated, withdrawn or suspended.  A first fetch that backfills years
    of trials would flood the section, so an event counts only when the
    registry dated it within 14 days before the window (or has no date).
    """
    floor = (since.date() if isinstance(since, datetime) else since).toordinal() - 14
    rows = session.execute(
        select(TrialEvent, Trial)
        .join(Trial, Trial.id == TrialEvent.trial_id)
        .where(TrialEvent.seen_at >= since, TrialEvent.seen_at < until)
        .order_by(TrialEvent.occurred_on.desc(), Trial.nct_id)
    ).all()
    out: dict[str, list[TrialNews]] = {"recruiting": [], "results": [], "ended": []}
    seen: set[tuple[str, str]] = set()
    for event, trial in rows:
        if event.occurred_on is not None and event.occurred_on.toordinal() < floor:
            continue
        group = {"recruiting": "recruiting", "results_posted": "results"}.get(event.kind)
        if event.kind in ENDED_EARLY:
            group = "ended"
        if group is None or (group, trial.nct_id) in seen:
            continue
        seen.add((group, trial.nct_id))
        out[group].append(TrialNews(trial, event.kind, event.occurred_on))
    return out


def trials_by_status(session: Session) -> dict[str, int]:
    """How many trials are stored per overall status (``scimon status``)."""
    rows = session.execute(
        select(Trial.overall_status, func.count()).group_by(Trial.overall_status)
    ).all()
    return {str(status or "UNKNOWN"): int(n) for status, n in sorted(rows)}
