"""Job-run records (the scheduler's lock is in :mod:`storage.leader`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import JobRun
from storage.processes import close_interrupted


def start_job_run(session: Session, job_id: str, host: str, now: datetime | None = None) -> int:
    """Open a job run owned by ``host`` (``host:pid``), first closing runs whose process is gone."""
    now = now or utcnow()
    close_interrupted_jobs(session, now)
    run = JobRun(job_id=job_id, started_at=now, outcome="running", stats={}, host=host)
    session.add(run)
    session.flush()
    return run.id


def finish_job_run(
    session: Session, run_id: int, outcome: str, stats: dict[str, Any], error: str | None = None
) -> None:
    session.execute(
        update(JobRun)
        .where(JobRun.id == run_id)
        .values(finished_at=utcnow(), outcome=outcome, stats=stats, error=error)
    )


def abandon_running(session: Session, host: str) -> int:
    """Runs this host left 'running' (killed, or stopped by SIGTERM past the grace period)."""
    result = session.execute(
        update(JobRun)
        .where(JobRun.outcome == "running", JobRun.host == host)
        .values(outcome="abandoned", finished_at=utcnow(), error="scheduler stopped")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def close_interrupted_jobs(session: Session, now: datetime | None = None) -> int:
    """Mark failed the job runs left 'running' by a process that is gone (or long ago).

    ``abandon_running`` covers a scheduler that stops; this covers one that
    was killed (SIGKILL, power loss), at the next start.
    """
    return close_interrupted(session, JobRun, now or utcnow())


def last_runs(session: Session) -> dict[str, JobRun]:
    """The latest run of every job id."""
    latest = (
        select(JobRun.job_id, func.max(JobRun.id).label("id")).group_by(JobRun.job_id).subquery()
    )
    rows = session.scalars(select(JobRun).join(latest, JobRun.id == latest.c.id))
    return {run.job_id: run for run in rows}
