"""``scimon run``: APScheduler 3 with a persistent job store, one active per database.

Jobs come from config with stable ids (``fetch:pubmed:<name>`` daily,
``fetch:feeds`` every few hours, ``digest:weekly`` on the configured weekday
and hour in the configured time zone) and live in APScheduler's
SQLAlchemy job store (table ``apscheduler_jobs``, created by APScheduler in the
same database), with coalescing and a misfire grace time: a machine that was
down runs each missed job once when it comes back.  Each job calls the same
function as the CLI (:mod:`monitor.schedule.jobs`).

Only one scheduler acts per database: it holds the leader lock of
:mod:`storage.leader` (a PostgreSQL advisory lock, or a SQLite lease row).  Its
heartbeat asks the database whether the lock is still its own; when it is not,
the scheduler stops its jobs and goes back to standby (a job it started in
the last heartbeat interval may still finish).  A second instance waits as a
standby (or exits with a clear message).  SIGTERM stops new jobs, lets the
running one finish within a grace period, marks it abandoned otherwise (each
ingest batch is its own transaction, so nothing is half-written) and releases
the lock.  At start, runs that a killed scimon left "running" are closed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from monitor.app import App
from monitor.errors import MonitorError
from monitor.schedule.jobs import lead_with, stop_leading
from storage.jobs import abandon_running, close_interrupted_jobs
from storage.leader import DEFAULT_TTL, LeaderLock
from storage.processes import this_process
from storage.runs import close_interrupted_runs

log = logging.getLogger(__name__)

LOCK_TTL = DEFAULT_TTL
HEARTBEAT_SECONDS = 30.0


def triggers(app: App) -> dict[str, BaseTrigger]:
    """Every job id with its trigger, from config."""
    config = app.settings.config
    schedule, digest = config.schedule, config.digest
    out: dict[str, BaseTrigger] = {}
    for query in config.pubmed.query:
        if query.enabled:
            out[f"fetch:pubmed:{query.name}"] = CronTrigger(
                hour=schedule.pubmed_hour, minute=0, timezone=UTC
            )
    out["fetch:feeds"] = IntervalTrigger(
        hours=schedule.feeds_every_hours, start_date=datetime(2026, 1, 1, tzinfo=UTC)
    )
    # trials and preprints change slowly: once a day, after PubMed
    if config.preprints.enabled:
        out["fetch:preprints"] = CronTrigger(hour=schedule.pubmed_hour, minute=15, timezone=UTC)
    if config.trials.enabled:
        out["fetch:trials"] = CronTrigger(hour=schedule.pubmed_hour, minute=30, timezone=UTC)
    out["digest:weekly"] = CronTrigger(
        day_of_week=digest.weekday[:3], hour=digest.hour, minute=0, timezone=digest.timezone
    )
    return out


def next_fire_times(app: App, now: datetime) -> dict[str, datetime | None]:
    """When each job fires next after ``now``, as APScheduler computes it (``scimon status``)."""
    return {job_id: t.get_next_fire_time(None, now) for job_id, t in triggers(app).items()}


# -- the single-scheduler lock ----------------------------------------------------------


class SchedulerLock(LeaderLock):
    """This scheduler's contender for the leader lock (:mod:`storage.leader`)."""

    def __init__(self, app: App, holder: str | None = None, ttl: timedelta = LOCK_TTL) -> None:
        # one process may run two schedulers (tests, a standby thread): tell them apart
        super().__init__(app.engine, holder or f"{this_process()}:{uuid.uuid4().hex[:8]}", ttl=ttl)


# -- the live scheduler -------------------------------------------------------------------


@dataclass
class RunOptions:
    wait: bool = True  # standby until the active scheduler goes away
    run_now: bool = False  # run every job once at start
    stop_grace: float = 60.0  # seconds the running job gets after SIGTERM
    poll: float = HEARTBEAT_SECONDS  # heartbeat of the leader, retry of the standby
    lease: float = LOCK_TTL.total_seconds()  # SQLite: a silent leader's lease lasts this long


def build_scheduler(app: App) -> Any:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    grace = int(app.settings.config.schedule.misfire_grace_hours * 3600)
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=app.engine, tablename="apscheduler_jobs")},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        timezone=UTC,
    )


def install_jobs(app: App, scheduler: Any, run_now: bool = False) -> list[str]:
    wanted = triggers(app)
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            scheduler.remove_job(job.id)  # removed from config
    for job_id, trigger in wanted.items():
        kwargs: dict[str, Any] = {}
        if run_now:
            kwargs["next_run_time"] = datetime.now(UTC)
        scheduler.add_job(
            "monitor.schedule.jobs:run_job", trigger=trigger, args=[job_id], id=job_id, name=job_id,
            replace_existing=True, **kwargs,
        )  # fmt: skip
    return list(wanted)


def run_scheduler(
    app: App,
    options: RunOptions,
    stop: threading.Event,
    on_status: Callable[[str], None] = lambda _msg: None,
) -> None:
    """Block until ``stop`` is set: wait for the lock, run the jobs while it is held.

    A leader whose heartbeat finds the lock gone (its PostgreSQL backend was
    terminated, its SQLite lease taken over) stops its jobs at once and goes
    back to standby; with ``wait=False`` it exits with an error instead.
    """
    # scheduled jobs build their own App from the environment: same config
    os.environ.setdefault("SCIMON_CONFIG", str(app.settings.config_path))
    os.environ.setdefault("SCIMON_DATABASE_URL", app.settings.database_url)
    with app.sessions() as session, session.begin():
        jobs, fetches = close_interrupted_jobs(session), close_interrupted_runs(session)
    if jobs or fetches:
        log.warning(
            "runs left running by a killed process closed jobs=%s fetches=%s", jobs, fetches
        )
    lock = SchedulerLock(app, ttl=timedelta(seconds=options.lease))
    run_now = options.run_now
    try:
        while _wait_for_lock(lock, options, stop, on_status):
            if not _lead(app, lock, options, stop, on_status, run_now=run_now):
                return  # stopped
            run_now = False
            if not options.wait:
                raise MonitorError("this scheduler lost its lock to another one: stopped")
            on_status("standby: lost the lock, jobs stopped")
            # let the standby that took over (or is about to) lead: no flapping back
            if stop.wait(2 * options.poll):
                return
    finally:
        lock.release()
        log.info("scheduler stopped holder=%s", lock.holder)


def _wait_for_lock(
    lock: SchedulerLock,
    options: RunOptions,
    stop: threading.Event,
    on_status: Callable[[str], None],
) -> bool:
    """Take the lock, as standby if need be; False if ``stop`` came first."""
    while not lock.acquire():
        if not options.wait:
            raise MonitorError(
                "another scheduler is active on this database; "
                "run with --standby to wait, or stop the other one"
            )
        on_status("standby: another scheduler holds the lock")
        log.info("scheduler standby holder=%s", lock.holder)
        if stop.wait(options.poll):
            return False
    return not stop.is_set()


def _lead(
    app: App,
    lock: SchedulerLock,
    options: RunOptions,
    stop: threading.Event,
    on_status: Callable[[str], None],
    *,
    run_now: bool,
) -> bool:
    """Run the jobs while the heartbeat confirms the lock; True if it was lost."""
    log.info("scheduler active holder=%s", lock.holder)
    on_status("active")
    scheduler = build_scheduler(app)
    lost = False
    lead_with(lock)
    try:
        scheduler.start(paused=True)
        ids = install_jobs(app, scheduler, run_now=run_now)
        scheduler.resume()
        for job in scheduler.get_jobs():
            log.info("job scheduled job=%s next=%s", job.id, job.next_run_time)
        on_status(f"jobs: {', '.join(ids)}")
        while not stop.wait(options.poll):
            if not lock.heartbeat():
                log.error("scheduler lost its lock; stepping down holder=%s", lock.holder)
                lost = True
                break
    finally:
        _shutdown(scheduler, options.stop_grace)
        stop_leading(lock)
        with app.sessions() as session, session.begin():
            abandoned = abandon_running(session, this_process())
        if abandoned:
            log.warning("jobs abandoned at stop count=%s", abandoned)
    return lost


def _shutdown(scheduler: Any, grace: float) -> None:
    """Stop taking jobs; give the running one ``grace`` seconds to finish."""
    if not scheduler.running:
        return
    scheduler.pause()
    done = threading.Event()

    def wait_for_jobs() -> None:
        scheduler.shutdown(wait=True)
        done.set()

    threading.Thread(target=wait_for_jobs, daemon=True).start()
    deadline = time.monotonic() + grace
    while not done.wait(0.2) and time.monotonic() < deadline:
        pass
