"""The leader lock (issue 18 item 1): a leader that lost its lock must notice and step down.

PostgreSQL: the leader's advisory-lock backend is terminated from another
connection, as an operator (or a failover) would; SQLite: the leader's lease
is taken over by another contender after it expired.  In both cases the
leader stops its jobs and returns to standby, and the other contender leads.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text, update

from monitor.app import App
from monitor.schedule.scheduler import RunOptions, SchedulerLock, run_scheduler
from storage.models import SchedulerLock as LockRow
from storage.session import make_engine
from tests.test_scheduler import write_config

BOUND = 20.0  # seconds a leader may take to notice: many heartbeats at the test's pace
OPTIONS = RunOptions(wait=True, run_now=False, stop_grace=5, poll=0.2)

ADVISORY_LOCKS = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)
TERMINATE_LOCK_HOLDERS = text(
    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    config = write_config(tmp_path)
    # jobs build their own App from the environment (never run here: no run_now)
    monkeypatch.setenv("SCIMON_CONFIG", str(config))
    monkeypatch.setenv("SCIMON_DATABASE_URL", database_url)
    scimon = App(env={"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config)})
    yield scimon
    scimon.close()



def terminate_lock_holders(app: App) -> None:
    """Terminate the advisory-lock backends, and wait until their locks are gone.

    ``pg_terminate_backend`` only signals the backend: its lock is released when
    it exits a moment later, so a contender asking at once may still be refused.
    """
    engine = make_engine(app.settings.database_url)
    try:
        with engine.connect() as admin:
            assert admin.execute(TERMINATE_LOCK_HOLDERS).scalars().all() == [True]
            admin.commit()
            assert wait_for(lambda: admin.execute(ADVISORY_LOCKS).scalar() == 0, 10)
    finally:
        engine.dispose()

class Contender:
    """``run_scheduler`` in a thread, with the statuses it reported, in order."""

    def __init__(self, app: App, stop: threading.Event) -> None:
        self.statuses: list[str] = []
        self.thread = threading.Thread(
            target=run_scheduler,
            args=(App(env=dict(os.environ)), OPTIONS, stop),
            kwargs={"on_status": self.statuses.append},
            daemon=True,
        )
        self.thread.start()

    def active(self) -> bool:
        """Leading now: its latest state change was becoming active."""
        states = [s for s in self.statuses if s == "active" or s.startswith("standby")]
        return bool(states) and states[-1] == "active"


def wait_for(condition: Callable[[], bool], seconds: float = BOUND) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_heartbeat_asks_the_database(app: App) -> None:
    """The lock object alone proves nothing: the heartbeat reads the database's answer."""
    first, second = SchedulerLock(app, "host-a:1"), SchedulerLock(app, "host-b:2")
    assert first.acquire()
    assert first.heartbeat()
    if app.engine.dialect.name == "postgresql":
        terminate_lock_holders(app)
    else:
        with app.sessions() as session, session.begin():
            session.execute(update(LockRow).values(expires_at=datetime.now(UTC) - timedelta(1)))
    assert second.acquire()
    assert not first.heartbeat()
    assert second.heartbeat()
    second.release()


def test_leader_steps_down_and_the_standby_takes_over(app: App) -> None:
    stop = threading.Event()
    a = Contender(app, stop)
    try:
        assert wait_for(a.active), a.statuses
        b = Contender(app, stop)
        assert wait_for(lambda: any(s.startswith("standby") for s in b.statuses)), b.statuses
        assert not b.active()
        if app.engine.dialect.name == "postgresql":
            # what the issue did: kill the backend that holds the advisory lock
            with make_engine(app.settings.database_url).connect() as admin:
                assert admin.execute(TERMINATE_LOCK_HOLDERS).scalars().all() == [True]
        else:
            # a leader that stalled past its lease: expired, then taken by a contender
            with app.sessions() as session, session.begin():
                session.execute(
                    update(LockRow).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
                )
            thief = SchedulerLock(app, "thief:1")
            assert thief.acquire()
        assert wait_for(lambda: not a.active()), a.statuses
        assert "standby: lost the lock, jobs stopped" in a.statuses
        if app.engine.dialect.name == "postgresql":
            assert wait_for(b.active), b.statuses  # the standby leads within the bound
            assert not a.active()
        else:
            assert not b.active()  # the thief leads; both schedulers wait
            thief.release()
            assert wait_for(lambda: a.active() or b.active()), (a.statuses, b.statuses)
            time.sleep(1.0)  # a few heartbeats: the loser stays standby
            assert a.active() != b.active(), (a.statuses, b.statuses)
    finally:
        stop.set()
        a.thread.join(timeout=30)
        if "b" in locals():
            b.thread.join(timeout=30)
    assert not a.thread.is_alive()


def test_a_job_due_after_the_lock_was_lost_does_not_start(app: App) -> None:
    """Between losing the lock and the next heartbeat, a due job must not start.

    An outside probe saw the old leader start jobs for ~10 s after the standby
    had taken over: the heartbeat runs every 30 s, jobs fire whenever due.
    """
    from monitor.schedule import jobs
    from storage.models import JobRun

    ttl = timedelta(seconds=60)
    leader = SchedulerLock(app, holder="leader", ttl=ttl)
    assert leader.acquire()
    jobs.lead_with(leader)
    try:
        jobs.run_job("fetch:feeds")  # still ours: the job runs
        with app.sessions() as session:
            assert session.query(JobRun).count() == 1
        # the lock is lost behind the leader's back
        if app.engine.dialect.name == "postgresql":
            terminate_lock_holders(app)
        else:
            with app.sessions() as session, session.begin():
                session.execute(update(LockRow).values(holder="the-new-leader"))
        jobs.run_job("fetch:feeds")  # due now, before any heartbeat: not started
        with app.sessions() as session:
            assert session.query(JobRun).count() == 1
        assert not leader.heartbeat()
    finally:
        jobs.stop_leading(leader)
        leader.release()
    assert jobs.still_leading()  # no scheduler leads here any more: nothing to check
