"""``scimon run``: APScheduler 3 with a persistent job store, one active per database.

Jobs come from config with stable ids (``fetch:pubmed:<name>`` daily,
``fetch:feeds`` every few hours, ``digest:weekly`` on the configured weekday
and hour in the configured time zone) and live in APScheduler's
SQLAlchemy job store (table ``apscheduler_jobs``, created by APScheduler in the
same database), with coalescing and a misfire grace time: a machine that was
down runs each missed job once when it comes back.  Each job calls the same
function as the CLI (:mod:`monitor.schedule.jobs`).

Only one scheduler acts per database: PostgreSQL gives it a session
advisory lock; on SQLite a lock row with an expiry is renewed by a heartbeat
and taken over when its holder died.  A second instance waits as a standby
(or exits with a clear message).  SIGTERM stops new jobs, lets the running one
finish within a grace period, marks it abandoned otherwise (each ingest batch
is its own transaction, so nothing is half-written) and releases the lock.
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
from sqlalchemy import Connection, text

from monitor.app import App
from monitor.errors import MonitorError
from monitor.runtime import host_id
from storage.jobs import abandon_running, release_lock, try_lock

log = logging.getLogger(__name__)

LOCK_NAME = "scheduler"
ADVISORY_KEY = 0x5C1A0051  # "scimon" scheduler, any constant shared by all instances
LOCK_TTL = timedelta(minutes=2)
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
    out["digest:weekly"] = CronTrigger(
        day_of_week=digest.weekday[:3], hour=digest.hour, minute=0, timezone=digest.timezone
    )
    return out


def latest_fire_time(trigger: BaseTrigger, since: datetime, now: datetime) -> datetime | None:
    """The last time ``trigger`` fired in (since, now], or None."""
    fire = trigger.get_next_fire_time(None, since + timedelta(microseconds=1))
    latest = None
    guard = 0
    while fire is not None and fire <= now and guard < 10_000:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
        guard += 1
    return latest


def due_jobs(
    trigs: dict[str, BaseTrigger],
    last_runs: dict[str, datetime | None],
    now: datetime,
    grace: timedelta,
) -> list[str]:
    """Jobs to run now: fired since their last run, within the grace time, once each.

    This is the decision APScheduler makes with coalesce=True and
    misfire_grace_time, written as a pure function so it can be tested with
    any clock.
    """
    due = []
    for job_id, trigger in trigs.items():
        last = last_runs.get(job_id)
        since = last if last is not None else now - grace
        fired = latest_fire_time(trigger, since, now)
        if fired is not None and now - fired <= grace:
            due.append(job_id)
    return due


def next_fire_times(app: App, now: datetime) -> dict[str, datetime | None]:
    return {job_id: t.get_next_fire_time(None, now) for job_id, t in triggers(app).items()}


# -- the single-scheduler lock ----------------------------------------------------------


class SchedulerLock:
    """PostgreSQL advisory lock, or a lock row with a heartbeat on SQLite."""

    def __init__(self, app: App, holder: str | None = None) -> None:
        self.app = app
        # one process may run two schedulers (tests, a standby thread): tell them apart
        self.holder = holder or f"{host_id()}:{uuid.uuid4().hex[:8]}"
        self._conn: Connection | None = None
        self.postgres = app.engine.dialect.name == "postgresql"

    def acquire(self) -> bool:
        if self.postgres:
            if self._conn is None:
                self._conn = self.app.engine.connect()
            got = bool(
                self._conn.execute(
                    text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}
                ).scalar()
            )
            self._conn.commit()
            if not got:
                self._conn.close()
                self._conn = None
            return got
        with self.app.sessions() as session, session.begin():
            return try_lock(session, LOCK_NAME, self.holder, LOCK_TTL)

    def heartbeat(self) -> bool:
        """Renew (SQLite); False if the lock was lost."""
        if self.postgres:
            return self._conn is not None
        return self.acquire()

    def release(self) -> None:
        if self.postgres:
            if self._conn is not None:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._conn.commit()
                self._conn.close()
                self._conn = None
            return
        with self.app.sessions() as session, session.begin():
            release_lock(session, LOCK_NAME, self.holder)


# -- the live scheduler -------------------------------------------------------------------


@dataclass
class RunOptions:
    wait: bool = True  # standby until the active scheduler goes away
    run_now: bool = False  # run every job once at start
    stop_grace: float = 60.0  # seconds the running job gets after SIGTERM
    poll: float = HEARTBEAT_SECONDS


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
    """Block until ``stop`` is set: hold the lock, run the jobs, release on exit."""
    # scheduled jobs build their own App from the environment: same config
    os.environ.setdefault("SCIMON_CONFIG", str(app.settings.config_path))
    os.environ.setdefault("SCIMON_DATABASE_URL", app.settings.database_url)
    lock = SchedulerLock(app)
    while not lock.acquire():
        if not options.wait:
            raise MonitorError(
                "another scheduler is active on this database; "
                "run with --standby to wait, or stop the other one"
            )
        on_status("standby: another scheduler holds the lock")
        log.info("scheduler standby holder=%s", lock.holder)
        if stop.wait(options.poll):
            return
    log.info("scheduler active holder=%s", lock.holder)
    on_status("active")
    scheduler = build_scheduler(app)
    try:
        scheduler.start(paused=True)
        ids = install_jobs(app, scheduler, run_now=options.run_now)
        scheduler.resume()
        for job in scheduler.get_jobs():
            log.info("job scheduled job=%s next=%s", job.id, job.next_run_time)
        on_status(f"jobs: {', '.join(ids)}")
        while not stop.wait(options.poll):
            if not lock.heartbeat():
                log.error("scheduler lost its lock; stopping")
                break
    finally:
        _shutdown(scheduler, options.stop_grace)
        with app.sessions() as session, session.begin():
            abandoned = abandon_running(session, host_id())
        if abandoned:
            log.warning("jobs abandoned at stop count=%s", abandoned)
        lock.release()
        log.info("scheduler stopped holder=%s", lock.holder)


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
