"""Runs left 'running' by a killed process are closed at the next start (issue 18 item 10).

Only when the process is known to be gone (same host, pid not alive) or the
run is older than a day: a manual ``scimon fetch`` next to the scheduler's
fetch is a live process, and its run is left alone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.app import App
from monitor.schedule.scheduler import RunOptions, run_scheduler
from storage.jobs import start_job_run
from storage.models import FetchRun, JobRun
from storage.processes import STALE_AFTER, process_gone
from storage.runs import start_run
from tests.commands import run_scimon, scimon_env, start_scimon
from tests.eutils_emulator import EutilsEmulator, build_article
from tests.test_scheduler import write_config

HOST = socket.gethostname()


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture(scope="module")
def live_pid() -> Iterator[int]:
    """Another scimon on this host, still at work (a manual fetch next to the scheduler's)."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
    yield proc.pid
    proc.kill()
    proc.wait()


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[App]:
    scimon = App(
        env={"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    )
    yield scimon
    scimon.close()


def owners(live_pid: int) -> dict[str, tuple[str | None, datetime]]:
    """Each case: the row's owner and start."""
    now = datetime.now(UTC)
    return {
        "dead": (f"{HOST}:{dead_pid()}", now - timedelta(minutes=5)),
        "live": (f"{HOST}:{live_pid}", now - timedelta(minutes=5)),
        "other-host": ("elsewhere.example.org:4242", now - timedelta(hours=1)),
        "other-host-old": ("elsewhere.example.org:4242", now - STALE_AFTER - timedelta(hours=1)),
        "unrecorded": (None, now - timedelta(hours=1)),
        "unrecorded-old": (None, now - STALE_AFTER - timedelta(hours=1)),
    }


CLOSED = {"dead", "other-host-old", "unrecorded-old"}


def seed(app: App, live_pid: int) -> None:
    with app.sessions() as session, session.begin():
        for case, (owner, started) in owners(live_pid).items():
            session.add(
                FetchRun(
                    source=case, kind="pubmed", started_at=started, outcome="running", host=owner
                )
            )
            session.add(JobRun(job_id=case, started_at=started, outcome="running", host=owner))


def outcomes(app: App, model: type[FetchRun] | type[JobRun]) -> dict[str, tuple[str, str | None]]:
    with app.sessions() as session:
        rows = session.scalars(select(model)).all()
        return {
            (r.source if isinstance(r, FetchRun) else r.job_id): (r.outcome, r.error) for r in rows
        }


def assert_closed_only_when_gone(found: dict[str, tuple[str, str | None]]) -> None:
    for case in ("dead", "live", "other-host", "other-host-old", "unrecorded", "unrecorded-old"):
        outcome, error = found[case]
        if case in CLOSED:
            assert outcome == "failed", (case, found[case])
            assert error and error.startswith("interrupted: "), (case, error)
        else:
            assert (outcome, error) == ("running", None), (case, found[case])
    assert "gone" in (found["dead"][1] or "") and "after 24 h" in (found["unrecorded-old"][1] or "")


def test_process_gone_only_for_an_exited_local_process() -> None:
    assert process_gone(f"{HOST}:{dead_pid()}")
    assert not process_gone(f"{HOST}:{os.getpid()}")
    assert not process_gone("elsewhere.example.org:1")
    assert not process_gone(None) and not process_gone(f"{HOST}:x")


def test_a_fetch_start_closes_runs_of_dead_processes_only(app: App, live_pid: int) -> None:
    seed(app, live_pid)
    with app.sessions() as session, session.begin():
        new_id = start_run(session, "pubmed:sci", "pubmed")
    found = outcomes(app, FetchRun)
    assert_closed_only_when_gone(found)
    assert found["pubmed:sci"] == ("running", None)
    with app.sessions() as session:
        assert session.get(FetchRun, new_id).host == f"{HOST}:{os.getpid()}"  # type: ignore[union-attr]
    assert all(v == ("running", None) for v in outcomes(app, JobRun).values())  # not its table


def test_a_job_start_closes_job_runs_of_dead_processes_only(app: App, live_pid: int) -> None:
    seed(app, live_pid)
    with app.sessions() as session, session.begin():
        start_job_run(session, "fetch:feeds", f"{HOST}:{os.getpid()}")
    assert_closed_only_when_gone(outcomes(app, JobRun))


def test_scimon_run_start_closes_both(app: App, live_pid: int) -> None:
    seed(app, live_pid)
    stop = threading.Event()
    stop.set()  # start, clean up, and stop at once
    run_scheduler(app, RunOptions(wait=False), stop)
    assert_closed_only_when_gone(outcomes(app, FetchRun))
    assert_closed_only_when_gone(outcomes(app, JobRun))


@pytest.mark.slow
def test_fetch_killed_with_sigkill_is_closed_by_the_next_fetch(
    database_url: str, tmp_path: Path
) -> None:
    """The issue's case end to end: kill -9 a fetch mid-run, start another one."""
    today = datetime.now(UTC).date()
    with EutilsEmulator([], today=today, timeout_delay=3.0) as emu:
        emu.add_record(build_article("41", title="Spinal cord injury study", edat=today))
        emu.inject("timeout", path="efetch", times=50)  # every efetch hangs
        env = scimon_env(database_url, write_config(tmp_path, queries=True), emu.url)
        fetch = ["fetch", "--source", "pubmed", "--no-triage"]
        proc = start_scimon(fetch, env, capture=False)
        app = App(env={**os.environ, **env})
        try:
            deadline = time.monotonic() + 60
            killed: FetchRun | None = None
            while killed is None and time.monotonic() < deadline:
                time.sleep(0.2)
                with app.sessions() as session:
                    killed = session.scalar(select(FetchRun).where(FetchRun.outcome == "running"))
            assert killed is not None, "the fetch never started"
            assert killed.host == f"{HOST}:{proc.pid}"
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            with app.sessions() as session:
                assert session.get(FetchRun, killed.id).outcome == "running"  # type: ignore[union-attr]
            emu.clear_faults()
            second = run_scimon(fetch, env, timeout=120)
            with app.sessions() as session:
                row = session.get(FetchRun, killed.id)
                assert row is not None and row.outcome == "failed", second.stderr
                assert row.error and "interrupted: process" in row.error and "gone" in row.error
                assert row.finished_at is not None
        finally:
            if proc.poll() is None:
                proc.kill()
            app.close()
