"""Source state (watermarks, validators, health) and the fetch-run log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.ingest import batched
from storage.models import FetchRun, JobRun, PaperIdentifier, SourceState
from storage.processes import close_interrupted, this_process


def get_state(session: Session, name: str, kind: str) -> SourceState:
    """The state row of a source, created on first use."""
    state = session.get(SourceState, name)
    if state is None:
        state = SourceState(name=name, kind=kind, error_count=0)
        session.add(state)
        session.flush()
    return state


def list_states(session: Session, kind: str | None = None) -> list[SourceState]:
    stmt = select(SourceState).order_by(SourceState.name)
    if kind:
        stmt = stmt.where(SourceState.kind == kind)
    return list(session.scalars(stmt))


def record_success(session: Session, name: str, kind: str, now: datetime | None = None) -> None:
    state = get_state(session, name, kind)
    now = now or utcnow()
    state.last_success_at = now
    state.last_attempt_at = now
    state.error_count = 0
    state.next_check_at = None


def record_failure(
    session: Session,
    name: str,
    kind: str,
    error: str,
    now: datetime | None = None,
    next_check_at: datetime | None = None,
) -> SourceState:
    state = get_state(session, name, kind)
    now = now or utcnow()
    state.last_attempt_at = now
    state.last_error = error[:2000]
    state.last_error_at = now
    state.error_count = (state.error_count or 0) + 1
    state.next_check_at = next_check_at
    return state


def start_run(session: Session, source: str, kind: str, now: datetime | None = None) -> int:
    """Open a fetch run owned by this process, first closing runs whose process is gone."""
    now = now or utcnow()
    close_interrupted_runs(session, now)
    run = FetchRun(
        source=source, kind=kind, started_at=now, outcome="running", stats={}, host=this_process()
    )
    session.add(run)
    session.flush()
    return run.id


def close_interrupted_runs(session: Session, now: datetime | None = None) -> int:
    """Mark failed the fetch runs left 'running' by a process that is gone (or long ago).

    A run of a live process (a manual fetch next to the scheduler's) is left
    alone; see :mod:`storage.processes`.
    """
    return close_interrupted(session, FetchRun, now or utcnow())


def finish_run(
    session: Session,
    run_id: int,
    outcome: str,
    stats: dict[str, Any],
    error: str | None = None,
    now: datetime | None = None,
) -> None:
    run = session.get(FetchRun, run_id)
    if run is None:
        return
    run.finished_at = now or utcnow()
    run.outcome = outcome
    run.stats = stats
    run.error = error[:4000] if error else None


def stored_pmids(session: Session, pmids: Iterable[str]) -> set[str]:
    """Which of these PMIDs are already stored (as any paper's PMID)."""
    found: set[str] = set()
    for chunk in batched(sorted(set(pmids)), 900):
        found.update(
            session.scalars(
                select(PaperIdentifier.value).where(
                    PaperIdentifier.kind == "pmid", PaperIdentifier.value.in_(chunk)
                )
            )
        )
    return found


def last_run_warnings(session: Session) -> list[FetchRun]:
    """Sources whose latest finished run succeeded with warnings (``stats["warnings"]``).

    A feed whose body was not well-formed stores what it read and warns; its
    next good run clears it from this list.
    """
    latest = (
        select(func.max(FetchRun.id)).where(FetchRun.outcome != "running").group_by(FetchRun.source)
    )
    stmt = select(FetchRun).where(FetchRun.id.in_(latest)).order_by(FetchRun.source)
    runs = session.scalars(stmt)
    return [r for r in runs if r.outcome == "ok" and (r.stats or {}).get("warnings")]


def last_source_runs(session: Session) -> list[tuple[FetchRun, str | None]]:
    """The latest run of every source, with the job it ran in (None: a manual fetch/import).

    A job's fetch runs are made by the process that ran the job, while the
    job's run was open; a ``scimon fetch`` or ``import`` has a process of its
    own.  ``scimon status`` shows both, so a manual fetch is not "never run".
    """
    latest = select(func.max(FetchRun.id)).group_by(FetchRun.source)
    # the job as a correlated subquery: one statement for every source, not
    # one more query per source (a site with hundreds of feeds and imports)
    job = (
        select(JobRun.job_id)
        .where(
            JobRun.host == FetchRun.host,
            JobRun.started_at <= FetchRun.started_at,
            or_(JobRun.finished_at.is_(None), JobRun.finished_at >= FetchRun.started_at),
        )
        .order_by(JobRun.id.desc())
        .limit(1)
        .correlate(FetchRun)
        .scalar_subquery()
    )
    rows = session.execute(
        select(FetchRun, job).where(FetchRun.id.in_(latest)).order_by(FetchRun.source)
    )
    return [(run, job_id) for run, job_id in rows]
