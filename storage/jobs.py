"""Job-run records (the scheduler's lock is in :mod:`storage.leader`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import JobRun


def start_job_run(session: Session, job_id: str, host: str, now: datetime | None = None) -> int:
    run = JobRun(job_id=job_id, started_at=now or utcnow(), outcome="running", stats={}, host=host)
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


def last_runs(session: Session) -> dict[str, JobRun]:
    """The latest run of every job id."""
    latest = (
        select(JobRun.job_id, func.max(JobRun.id).label("id")).group_by(JobRun.job_id).subquery()
    )
    rows = session.scalars(select(JobRun).join(latest, JobRun.id == latest.c.id))
    return {run.job_id: run for run in rows}


def recent_job_runs(session: Session, limit: int = 20) -> list[JobRun]:
    return list(session.scalars(select(JobRun).order_by(JobRun.id.desc()).limit(limit)))
