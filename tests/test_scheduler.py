"""The scheduler: due-job decisions with a controllable clock, the single-scheduler
lock, two live schedulers on one database, SIGTERM mid-job, run --once and status."""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from monitor.app import App
from monitor.cli import cli
from monitor.schedule.scheduler import (
    RunOptions,
    SchedulerLock,
    build_scheduler,
    install_jobs,
    next_fire_times,
    run_scheduler,
    triggers,
)
from storage.ingest import ingest_records
from storage.leader import try_lock
from storage.models import JobRun
from storage.models import SchedulerLock as LockRow
from storage.runs import record_failure
from tests.commands import REPO, run_scimon, scimon_env, start_scimon
from tests.eutils_emulator import EutilsEmulator
from tests.records import make_record
from tests.smtp_server import LoopbackSMTP


def write_config(folder: Path, *, queries: bool = False, editors: tuple[str, ...] = ()) -> Path:
    (folder / "feeds.toml").write_text("# no feeds in this test\n")
    parts = [
        '[ncbi]\nemail = "tests@example.org"\ntimeout = 2\nmax_attempts = 2\n',
        '[vocabulary]\ntiab = ["spinal cord injur*"]\n',
        f'[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n',
        '[digest]\nweekday = "monday"\nhour = 7\ntimezone = "UTC"\n',
        "[schedule]\npubmed_hour = 5\nfeeds_every_hours = 4\nmisfire_grace_hours = 24\n",
    ]
    if queries:
        parts.append('[[pubmed.query]]\nname = "sci"\nlookback_days = 30\ninitial_days = 30\n')
    for email in editors:
        parts.append(f'[[editor]]\nname = "e"\nemail = "{email}"\n')
    path = folder / "sci.toml"
    path.write_text("\n".join(parts))
    return path


@pytest.fixture
def app_factory(database_url: str, tmp_path: Path) -> Iterator[object]:
    apps: list[App] = []

    def make(**kw: object) -> App:
        env = {
            "SCIMON_DATABASE_URL": database_url,
            "SCIMON_CONFIG": str(write_config(tmp_path, **kw)),
        }  # type: ignore[arg-type]
        app = App(env=env)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


# -- decisions with a controllable clock ----------------------------------------------------


def test_jobs_fire_when_due(app_factory: object) -> None:
    """The triggers APScheduler runs, read through what ``scimon status`` shows."""
    app = app_factory(queries=True)  # type: ignore[operator]
    assert set(triggers(app)) == {"fetch:pubmed:sci", "fetch:feeds", "digest:weekly"}
    monday = datetime(2026, 11, 23, tzinfo=UTC)
    assert next_fire_times(app, monday + timedelta(minutes=1)) == {
        "fetch:pubmed:sci": monday + timedelta(hours=5),
        "fetch:feeds": monday + timedelta(hours=4),
        "digest:weekly": monday + timedelta(hours=7),
    }
    later = next_fire_times(app, monday + timedelta(hours=7, minutes=1))
    assert later["fetch:feeds"] == monday + timedelta(hours=8)
    assert later["fetch:pubmed:sci"] == monday + timedelta(days=1, hours=5)
    assert later["digest:weekly"] == monday + timedelta(days=7, hours=7)


def test_missed_runs_run_once_within_grace(
    app_factory: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler as production builds it: coalesced catch-up, nothing past the grace.

    Feeds missed three fires (within the 24 h grace): they run once.  The
    digest's only fire since its last run is 25 h old: it is skipped as missed.
    """
    from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED

    app = app_factory()  # type: ignore[operator]
    monkeypatch.setenv("SCIMON_CONFIG", str(app.settings.config_path))
    monkeypatch.setenv("SCIMON_DATABASE_URL", app.settings.database_url)
    now = datetime.now(UTC)
    digest_missed = now - timedelta(hours=25)
    if triggers(app)["digest:weekly"].get_next_fire_time(None, digest_missed) <= now:
        pytest.skip("a digest fire falls inside the last 25 h")
    events: list[tuple[int, str]] = []
    scheduler = build_scheduler(app)
    scheduler.add_listener(
        lambda e: events.append((e.code, e.job_id)), EVENT_JOB_EXECUTED | EVENT_JOB_MISSED
    )
    scheduler.start(paused=True)
    try:
        assert install_jobs(app, scheduler) == ["fetch:feeds", "digest:weekly"]
        scheduler.modify_job("fetch:feeds", next_run_time=now - timedelta(hours=9))
        scheduler.modify_job("digest:weekly", next_run_time=digest_missed)
        scheduler.resume()
        deadline = time.monotonic() + 60
        while len(events) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # room for a second, wrong, run
    finally:
        scheduler.shutdown(wait=True)
    assert sorted(events) == sorted(
        [(EVENT_JOB_EXECUTED, "fetch:feeds"), (EVENT_JOB_MISSED, "digest:weekly")]
    )
    with app.sessions() as session:
        assert [r.job_id for r in session.scalars(select(JobRun))] == ["fetch:feeds"]


# -- the lock ------------------------------------------------------------------------------------


def test_only_one_lock_holder(app_factory: object) -> None:
    app = app_factory()  # type: ignore[operator]
    first, second = SchedulerLock(app, "host-a:1"), SchedulerLock(app, "host-b:2")
    assert first.acquire()
    assert not second.acquire()
    assert first.heartbeat()
    first.release()
    assert second.acquire()
    second.release()


def test_stale_sqlite_lock_is_taken_over(app_factory: object) -> None:
    app = app_factory()  # type: ignore[operator]
    if app.engine.dialect.name != "sqlite":
        pytest.skip("lock rows are the SQLite mechanism")
    past = datetime.now(UTC) - timedelta(hours=1)
    with app.sessions() as session, session.begin():
        assert try_lock(session, "scheduler", "dead-host:9", timedelta(minutes=2), now=past)
    assert SchedulerLock(app, "alive:1").acquire()
    with app.sessions() as session:
        assert session.get(LockRow, "scheduler").holder == "alive:1"  # type: ignore[union-attr]


def test_two_live_schedulers_send_one_digest(
    app_factory: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    editors = ("ana@example.org", "ben@example.org")
    app = app_factory(editors=editors)  # type: ignore[operator]
    ingest_records(
        app.sessions, [make_record(pmid="1", source_id="1", dois=("10.1038/s41393-026-00001-1",))]
    )
    with LoopbackSMTP() as smtp:
        for key, value in {
            **smtp.env(),
            "SCIMON_CONFIG": str(app.settings.config_path),
            "SCIMON_DATABASE_URL": app.settings.database_url,
            "SCIMON_OUTBOX_DIR": str(app.settings.config_path.parent / "out"),
        }.items():
            monkeypatch.setenv(key, value)
        stop = threading.Event()
        statuses: dict[str, list[str]] = {"a": [], "b": []}
        options = RunOptions(wait=True, run_now=True, stop_grace=10, poll=0.2)
        threads = [
            threading.Thread(
                target=run_scheduler,
                args=(App(env=dict(os.environ)), options, stop),
                kwargs={"on_status": statuses[name].append},
            )
            for name in ("a", "b")
        ]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with app.sessions() as session:
                done = session.scalars(
                    select(JobRun).where(
                        JobRun.job_id == "digest:weekly", JobRun.outcome != "running"
                    )
                ).all()
            if done:
                break
            time.sleep(0.2)
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        actives = [n for n, s in statuses.items() if "active" in s]
        assert len(actives) == 1, statuses
        standby = next(n for n in statuses if n not in actives)
        assert any("standby" in s for s in statuses[standby])
        now = datetime.now(UTC)
        if now.weekday() == 0 and now.hour < 7:
            pytest.skip("digest not due before Monday 07:00 UTC")
        for email in editors:
            assert len(smtp.to(email)) == 1


# -- SIGTERM, run --once, status ---------------------------------------------------------------


@pytest.mark.slow
def test_sigterm_mid_job_leaves_no_running_state(database_url: str, tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    with EutilsEmulator([], today=today, timeout_delay=3.0) as emu:
        emu.add_articles(range(10, 20), title="Spinal cord injury study {pmid}", edat=today)
        emu.inject("timeout", path="efetch", times=50)  # every efetch hangs past the timeout
        env = scimon_env(database_url, write_config(tmp_path, queries=True), emu.url)
        proc = start_scimon(["run", "--run-now", "--stop-grace", "1"], env, capture=True)
        app = App(env={**os.environ, **env})
        deadline = time.monotonic() + 60
        running = False
        while time.monotonic() < deadline and not running:
            time.sleep(0.3)
            with app.sessions() as session:
                running = bool(
                    session.scalars(
                        select(JobRun).where(
                            JobRun.job_id == "fetch:pubmed:sci", JobRun.outcome == "running"
                        )
                    ).all()
                )
        assert running, "the fetch job never started"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        with app.sessions() as session:
            outcomes = [r.outcome for r in session.scalars(select(JobRun))]
            assert "running" not in outcomes
            assert session.scalars(select(LockRow)).all() == []
        app.close()


def test_run_once_and_status(database_url: str, tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    with EutilsEmulator([], today=today) as emu:
        emu.add_articles(
            range(30, 35),
            title="Spinal cord injury trial {pmid}",
            doi="10.5555/sched.{pmid}",
            edat=today,
        )
        env = {
            "SCIMON_DATABASE_URL": database_url,
            "SCIMON_CONFIG": str(write_config(tmp_path, queries=True)),
            "SCIMON_EUTILS_URL": emu.url,
            "SCIMON_OUTBOX_DIR": str(tmp_path / "out"),
        }
        result = CliRunner().invoke(cli, ["run", "--once", "--json"], env=env)
        assert result.exit_code == 0, result.output
        runs = json.loads(result.stdout)
        assert [r["job"] for r in runs] == ["fetch:pubmed:sci", "fetch:feeds", "digest:weekly"]
        assert runs[0]["stats"]["new"] == 5 and runs[0]["stats"]["triage"]["triaged"] == 5
        status = CliRunner().invoke(cli, ["status", "--json"], env=env)
        data = json.loads(status.stdout)
        assert {j["job"] for j in data["jobs"]} == {
            "fetch:pubmed:sci",
            "fetch:feeds",
            "digest:weekly",
        }
        assert all(j["last_run"] and j["next_run"] for j in data["jobs"])
        assert data["papers_total"] == 5 and sum(data["papers_per_week"].values()) == 5
        text = CliRunner().invoke(cli, ["status"], env=env).output
        assert "fetch:pubmed:sci" in text and "last digest" in text


LONG_QUERY = "sci-rehabilitation-and-recovery"  # a job id longer than the old 24 columns


def _job_lines(text: str) -> list[str]:
    """The rows of the ``jobs`` table of ``scimon status`` (header included)."""
    block = text.split("jobs\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if not line.startswith("  "):
            break
        lines.append(line)
    return lines


def test_status_shows_a_manual_fetch_in_aligned_columns(database_url: str, tmp_path: Path) -> None:
    """Issue 21: after `scimon fetch` status said 'never run', and a long job id ran into
    the next column."""
    today = datetime.now(UTC).date()
    config = write_config(tmp_path, queries=True)
    config.write_text(config.read_text().replace('name = "sci"', f'name = "{LONG_QUERY}"'))
    with EutilsEmulator([], today=today) as emu:
        emu.add_articles(range(40, 43), title="Spinal cord injury cohort {pmid}", edat=today)
        env = {
            "SCIMON_DATABASE_URL": database_url,
            "SCIMON_CONFIG": str(config),
            "SCIMON_EUTILS_URL": emu.url,
        }
        fetched = CliRunner().invoke(cli, ["fetch", "--source", "pubmed"], env=env)
        assert fetched.exit_code == 0, fetched.output
        text = CliRunner().invoke(cli, ["status"], env=env).output
        data = json.loads(CliRunner().invoke(cli, ["status", "--json"], env=env).stdout)
    job = f"fetch:pubmed:{LONG_QUERY}"
    rows = _job_lines(text)
    header, body = rows[0], rows[1:]
    assert header.split() == ["job", "last", "run", "outcome", "by", "next", "run"]
    fetch_row = next(r for r in body if r.strip().startswith(job))
    assert "never run" not in fetch_row, text
    assert re.search(rf"{job}  +\d{{4}}-\d\d-\d\d \d\d:\d\d  +ok  +fetch  +\d{{4}}-", fetch_row)
    # every column starts where its header does
    for name in ("last run", "outcome", "by", "next run"):
        col = header.index(name)
        for row in body:
            assert row[col - 2 : col] == "  " and row[col] != " ", (name, row)
    # each source's last run, manual or scheduled, with its counts
    assert re.search(
        rf"pubmed:{LONG_QUERY}  +\d{{4}}-\d\d-\d\d \d\d:\d\d  +ok  +fetch  +3 +0", text
    )
    # JSON keeps its keys and adds the sources' runs
    by_job = {j["job"]: j for j in data["jobs"]}
    assert set(by_job[job]) >= {"job", "last_run", "outcome", "error", "next_run"}
    assert by_job[job]["last_run"] is None  # no job run: the scheduler never ran it
    assert by_job[job]["last_source_run"]["by"] == "fetch"
    assert by_job[job]["last_source_run"]["outcome"] == "ok"
    sources = {s["source"]: s for s in data["sources"]}
    assert sources[f"pubmed:{LONG_QUERY}"]["new"] == 3
    assert sources[f"pubmed:{LONG_QUERY}"]["by"] == "fetch"


def test_status_failing_sources_keep_their_columns(database_url: str, tmp_path: Path) -> None:
    """Smoke test, session 17: the shipped feed "feed:neurorehabil-neural-repair" (31
    characters) ran into its error count ("...repair1x since") under a fixed 30-column pad,
    and the time was a raw ISO stamp with microseconds."""
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    app = App(env=env)
    long_name = "feed:neurorehabil-neural-repair"
    when = datetime(2026, 12, 7, 17, 42, 31, 747910, tzinfo=UTC)
    with app.sessions() as session, session.begin():
        record_failure(session, long_name, "feed", "ConnectError: no network", now=when)
        record_failure(session, "pubmed:sci", "pubmed", "gave up after 5 attempts", now=when)
    app.close()
    text = CliRunner().invoke(cli, ["status"], env=env).output
    block = text.split("failing sources\n", 1)[1].splitlines()
    header, rows = block[0], block[1:3]
    assert header.split() == ["source", "errors", "since", "last", "error"], text
    row = next(r for r in rows if long_name in r)
    assert re.fullmatch(
        rf"  {long_name}  +1x  +2026-12-07 17:42  +ConnectError: no network", row
    ), row
    for name in ("errors", "since", "last error"):
        col = header.index(name)
        for line in rows:
            assert line[col - 2 : col] == "  " and line[col] != " ", (name, line)


def test_run_once_prints_one_line_per_job(database_url: str, tmp_path: Path) -> None:
    """Issue 21: `run --once` printed Python lists (the digest's outbox) and no triage count."""
    today = datetime.now(UTC)
    config = write_config(tmp_path, queries=True, editors=("editor@example.org",))
    config.write_text(
        config.read_text().replace(
            'weekday = "monday"\nhour = 7',
            f'weekday = "{today.strftime("%A").lower()}"\nhour = 0',
        )
    )
    with EutilsEmulator([], today=today.date()) as emu:
        emu.add_articles(range(50, 54), title="Spinal cord injury trial {pmid}",
                         edat=today.date())  # fmt: skip
        env = {
            "SCIMON_DATABASE_URL": database_url,
            "SCIMON_CONFIG": str(config),
            "SCIMON_EUTILS_URL": emu.url,
            "SCIMON_OUTBOX_DIR": str(tmp_path / "out"),
        }
        result = CliRunner().invoke(cli, ["run", "--once"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "['" not in result.stdout and "{'" not in result.stdout, result.stdout
    assert lines[0].split() == ["job", "outcome", "summary"]
    assert [line.split()[0] for line in lines[1:]] == [
        "fetch:pubmed:sci", "fetch:feeds", "digest:weekly"
    ]  # fmt: skip
    assert re.search(r"^fetch:pubmed:sci  +ok  +seen 4, new 4, updated 0, triaged 4$", lines[1])
    assert re.search(
        r"^digest:weekly  +ok  +\d{4}-W\d\d: 4 papers; sent to editor@example.org; outbox: 2 files$",
        lines[3],
    )
    # each column starts where its header does
    col = lines[0].index("summary")
    assert all(line[col - 2 : col] == "  " and line[col] != " " for line in lines[1:])


def test_second_scheduler_without_standby_exits_clearly(app_factory: object) -> None:
    app = app_factory()  # type: ignore[operator]
    holder = SchedulerLock(app, "other:1")
    assert holder.acquire()
    env = {
        "SCIMON_DATABASE_URL": app.settings.database_url,
        "SCIMON_CONFIG": str(app.settings.config_path),
    }
    proc = run_scimon(["run", "--no-wait"], env, timeout=60)
    holder.release()
    assert proc.returncode != 0
    assert "another scheduler is active" in proc.stderr and "Traceback" not in proc.stderr


def test_status_with_no_paper_says_so_without_an_empty_list(database_url: str, tmp_path: Path) -> None:
    """Smoke test, session 18 (smoke19): on a fresh database `scimon status` printed
    "papers: 0 stored; per ISO week (first seen):" and then no week, a heading over nothing."""
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    App(env=env).close()
    text = CliRunner().invoke(cli, ["status"], env=env).output
    papers = [line for line in text.splitlines() if line.startswith("papers:")]
    assert papers == ["papers: none stored yet"], text
    assert "per ISO week" not in text
