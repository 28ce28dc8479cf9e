"""Repository functions for the weekly digest: selection queries and send records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import (
    Digest,
    DigestSend,
    FetchRun,
    Paper,
    PaperScore,
    PaperSighting,
    PaperStatus,
    PaperTriage,
)
from storage.review import IN_WORK

STALE_CLAIM = timedelta(minutes=15)


@dataclass
class Candidate:
    """What the digest shows of one paper (only the columns it renders)."""

    id: int
    title: str
    journal: str
    doi: str | None
    pmid: str | None
    published_on: Any
    pub_date_text: str
    abstract: str
    first_seen_at: datetime
    first_source: str
    design: str
    population: str
    participants_n: int | None
    participants_unit: str | None
    relevance: str
    topics: list[str]
    reasons: dict[str, Any]
    priority: float
    # the learned ranking's score (storage.labels / paper_score); None before any scoring
    score: float | None
    sources: list[str]
    # why the paper is flagged (an erratum, retraction or concern published for it)
    flag: str | None = None
    design_confidence: float | None = None
    is_preprint: bool = False


_COLUMNS = (
    Paper.id, Paper.title, Paper.journal, Paper.doi, Paper.pmid, Paper.published_on,
    Paper.pub_date_text, Paper.abstract, Paper.first_seen_at, Paper.first_source,
    PaperTriage.design, PaperTriage.population, PaperTriage.participants_n,
    PaperTriage.participants_unit, PaperTriage.relevance, PaperTriage.topics,
    PaperTriage.reasons, PaperTriage.priority, PaperScore.score,
)  # fmt: skip


def candidates(
    session: Session, since: datetime, until: datetime, ids: Sequence[int] | None = None
) -> list[Candidate]:
    """Relevant, non-notice papers first seen in [since, until) (or exactly ``ids``)."""
    query = (
        select(*_COLUMNS, PaperTriage.design_confidence, Paper.is_preprint, PaperStatus.flag_reason)
        .join(PaperTriage, PaperTriage.paper_id == Paper.id)
        .outerjoin(PaperStatus, PaperStatus.paper_id == Paper.id)
        .outerjoin(PaperScore, PaperScore.paper_id == Paper.id)
    )
    if ids is not None:
        query = query.where(Paper.id.in_(list(ids)))
    else:
        query = query.where(
            Paper.first_seen_at >= since,
            Paper.first_seen_at < until,
            Paper.deleted_at.is_(None),
            # an expression no index serves: the week (ix_paper_first_seen_at) drives the
            # query; SQLite read every triage row through ix_paper_triage_is_notice instead
            func.coalesce(PaperTriage.is_notice, False).is_(False),
            PaperTriage.relevance != "off_topic",
        )
    # ordered here, not in SQL: a week holds hundreds of candidates, and an ORDER BY
    # priority let the planner walk the priority index through every paper instead
    # of reading the week's papers by ix_paper_first_seen_at
    rows = sorted(session.execute(query).all(), key=_by_rank)
    by_id = {
        row[0]: Candidate(  # type: ignore[misc]
            *row[:-3], sources=[], flag=row[-1], design_confidence=row[-3],
            is_preprint=bool(row[-2]),
        )
        for row in rows
    }
    if by_id:
        sightings = select(PaperSighting.paper_id, PaperSighting.source, PaperSighting.source_name)
        for chunk_start in range(0, len(by_id), 900):
            chunk = list(by_id)[chunk_start : chunk_start + 900]
            for pid, source, name in session.execute(
                sightings.where(PaperSighting.paper_id.in_(chunk))
            ):
                label = f"{source}:{name}"
                if label not in by_id[pid].sources:
                    by_id[pid].sources.append(label)
    return list(by_id.values())


def _by_rank(row: Any) -> tuple[float, int]:
    """The ranking score (the learned blend, or the fixed priority), highest first."""
    key = row.score if row.score is not None else row.priority
    return (-(key or 0.0), row.id)


def window_counts(session: Session, since: datetime, until: datetime) -> dict[str, Any]:
    """Header figures: new papers by source and design, off-topic, merged, failures."""
    in_window = (Paper.first_seen_at >= since) & (Paper.first_seen_at < until)
    # the week's papers (ix_paper_first_seen_at) drive every count and their triage is
    # looked up by key ("+ 0"; relevance as an expression no index serves); SQLite counted
    # the off-topic papers the other way, every off-topic triage row (most of the
    # database) looking its paper up for first_seen_at: 256 ms at 86,000 papers, growing
    triage_of_paper = PaperTriage.paper_id == Paper.id + 0
    relevance = func.coalesce(PaperTriage.relevance, "")
    by_source = dict(
        session.execute(
            select(PaperSighting.source, func.count(func.distinct(PaperSighting.paper_id)))
            .join(Paper, Paper.id == PaperSighting.paper_id)
            .where(in_window)
            .group_by(PaperSighting.source)
        ).all()
    )
    by_design = dict(
        session.execute(
            select(PaperTriage.design, func.count())
            .select_from(Paper)
            .join(PaperTriage, triage_of_paper)
            .where(in_window, PaperTriage.relevance != "off_topic")
            .group_by(PaperTriage.design)
        ).all()
    )
    off_topic = session.scalar(
        select(func.count()).select_from(Paper).join(PaperTriage, triage_of_paper)
        .where(in_window, relevance == "off_topic")
    )  # fmt: skip
    multi = (
        select(PaperSighting.paper_id)
        .join(Paper, Paper.id == PaperSighting.paper_id)
        .where(in_window)
        .group_by(PaperSighting.paper_id)
        .having(func.count(func.distinct(PaperSighting.source)) > 1)
    ).subquery()
    merged = session.scalar(select(func.count()).select_from(multi))
    # which sources failed, by name and count only: the error text is for
    # maintainers (`scimon status`), never for an editor's email
    failed = session.execute(
        select(FetchRun.source, func.count())
        .where(FetchRun.started_at >= since, FetchRun.started_at < until,
               FetchRun.outcome == "failed")
        .group_by(FetchRun.source)
        .order_by(FetchRun.source)
    ).all()  # fmt: skip
    total = session.scalar(select(func.count()).select_from(Paper).where(in_window))
    health = source_health(session, since, until)
    return {
        "new": int(total or 0),
        "by_source": {str(k): int(v) for k, v in by_source.items()},
        "by_design": {str(k): int(v) for k, v in by_design.items()},
        "off_topic": int(off_topic or 0),
        "merged": int(merged or 0),
        "failed_sources": [{"source": s, "failures": int(n)} for s, n in failed],
        "sources_unreachable": health.none_reached,
        "last_reached": health.last_ok.isoformat() if health.last_ok else None,
    }


@dataclass(frozen=True)
class SourceHealth:
    """How the sources fared in a window, from the fetch_run log."""

    ok: int  # runs that succeeded (a fetch or an import)
    failed: int  # fetches that failed (a bad import file is no outage)
    first_failure: datetime | None
    last_ok: datetime | None  # the last success at any time, not only in the window

    @property
    def none_reached(self) -> bool:
        """Sources were tried and not one answered (offline, NCBI down)."""
        return self.failed > 0 and self.ok == 0


def source_health(session: Session, since: datetime, until: datetime) -> SourceHealth:
    in_window = (FetchRun.started_at >= since) & (FetchRun.started_at < until)
    ok = session.scalar(
        select(func.count()).select_from(FetchRun).where(in_window, FetchRun.outcome == "ok")
    )
    failed, first = session.execute(
        select(func.count(), func.min(FetchRun.started_at)).where(
            in_window, FetchRun.outcome == "failed", FetchRun.kind != "import"
        )
    ).one()
    last_ok = session.scalar(
        select(func.max(FetchRun.finished_at)).where(
            FetchRun.outcome == "ok", FetchRun.started_at < until
        )
    )
    return SourceHealth(int(ok or 0), int(failed or 0), first, last_ok)


def corrections(session: Session, since: datetime) -> list[tuple[int, str, str, str | None]]:
    """Papers in work flagged (erratum, retraction...) since ``since``: id, title, status, why."""
    rows = session.execute(
        select(Paper.id, Paper.title, PaperStatus.status, PaperStatus.flag_reason)
        .join(PaperStatus, PaperStatus.paper_id == Paper.id)
        .where(
            PaperStatus.flagged_at.is_not(None),
            PaperStatus.flagged_at >= since,
            PaperStatus.status.in_(IN_WORK),
        )
        .order_by(PaperStatus.flagged_at)
    ).all()
    return [(int(r[0]), r[1], r[2], r[3]) for r in rows]


# -- digests and sends -------------------------------------------------------------


def last_sent_window_end(session: Session, before_week: str) -> datetime | None:
    """End of the last digest (before this week) that reached at least one editor."""
    value: datetime | None = session.scalar(
        select(func.max(Digest.window_end))
        .join(DigestSend, DigestSend.digest_id == Digest.id)
        .where(Digest.week < before_week, DigestSend.status == "sent")
    )
    return value


def get_digest(session: Session, week: str) -> Digest | None:
    return session.scalars(select(Digest).where(Digest.week == week)).first()


def create_digest(
    session: Session, week: str, start: datetime, end: datetime, paper_ids: list[int],
    counts: dict[str, Any],
) -> Digest:  # fmt: skip
    """Fix a week's content; if another run fixed it first, return theirs."""
    digest = Digest(week=week, window_start=start, window_end=end, created_at=utcnow(),
                    paper_ids=paper_ids, counts=counts)  # fmt: skip
    try:
        with session.begin_nested():
            session.add(digest)
        return digest
    except IntegrityError:
        existing = get_digest(session, week)
        assert existing is not None
        return existing


def ensure_sends(session: Session, digest: Digest, emails: Sequence[str]) -> None:
    """A pending send record per editor (editors added mid-week get one too)."""
    have = set(
        session.scalars(select(DigestSend.editor_email).where(DigestSend.week == digest.week))
    )
    for email in emails:
        if email in have:
            continue
        try:
            with session.begin_nested():
                session.add(DigestSend(digest_id=digest.id, week=digest.week, editor_email=email,
                                       status="pending", attempts=0))  # fmt: skip
        except IntegrityError:
            pass  # a concurrent run created it


def claim(session: Session, send_id: int, holder: str, now: datetime | None = None) -> bool:
    """Atomically take a send (pending, failed, or a stale claim); True if this run owns it.

    A claim left by a run that died after the server accepted the message but
    before it was marked sent is retaken after 15 minutes: that rare case can
    send twice (at-least-once), which is better for editors than never.
    """
    now = now or utcnow()
    result = session.execute(
        update(DigestSend)
        .where(
            DigestSend.id == send_id,
            (DigestSend.status.in_(("pending", "failed")))
            | ((DigestSend.status == "sending") & (DigestSend.claimed_at < now - STALE_CLAIM)),
        )
        .values(
            status="sending", claimed_at=now, claimed_by=holder, attempts=DigestSend.attempts + 1
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def claim_resend(
    session: Session, send_id: int, holder: str, now: datetime | None = None
) -> str | None:
    """Take a send to deliver it again, whatever its status; its previous status, or None.

    None when a run is sending it right now (a fresh claim).  The update is a
    compare-and-set on the status read first, so two resends cannot both win.
    """
    now = now or utcnow()
    row = session.execute(
        select(DigestSend.status, DigestSend.claimed_at).where(DigestSend.id == send_id)
    ).one_or_none()
    if row is None:
        return None
    status, claimed_at = row
    if status == "sending" and claimed_at is not None and claimed_at >= now - STALE_CLAIM:
        return None
    result = session.execute(
        update(DigestSend)
        .where(DigestSend.id == send_id, DigestSend.status == status)
        .values(
            status="sending", claimed_at=now, claimed_by=holder, attempts=DigestSend.attempts + 1
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    return "failed" if status == "sending" else str(status)


def mark_resend_failed(session: Session, send_id: int, error: str) -> None:
    """A resend that failed: the earlier delivery stands, the error is kept."""
    session.execute(
        update(DigestSend).where(DigestSend.id == send_id)
        .values(status="sent", last_error=f"resend failed: {error}"[:2000])
        .execution_options(synchronize_session=False)
    )  # fmt: skip


def mark_sent(
    session: Session, send_id: int, message_id: str, via: str, paper_count: int,
    now: datetime | None = None,
) -> None:  # fmt: skip
    session.execute(
        update(DigestSend).where(DigestSend.id == send_id)
        .values(status="sent", sent_at=now or utcnow(), message_id=message_id, via=via,
                last_error=None, paper_count=paper_count)
        .execution_options(synchronize_session=False)
    )  # fmt: skip


def mark_failed(session: Session, send_id: int, error: str) -> None:
    session.execute(
        update(DigestSend).where(DigestSend.id == send_id)
        .values(status="failed", last_error=error[:2000])
        .execution_options(synchronize_session=False)
    )  # fmt: skip


def sends_for(session: Session, week: str) -> list[DigestSend]:
    return list(
        session.scalars(select(DigestSend).where(DigestSend.week == week).order_by(DigestSend.id))
    )


def history(session: Session, limit: int = 20) -> list[tuple[Digest, list[DigestSend]]]:
    digests = list(session.scalars(select(Digest).order_by(Digest.week.desc()).limit(limit)))
    return [(d, sends_for(session, d.week)) for d in digests]


def last_digest(session: Session) -> tuple[Digest, list[DigestSend]] | None:
    found = history(session, limit=1)
    return found[0] if found else None
