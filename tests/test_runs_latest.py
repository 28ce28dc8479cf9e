"""``storage.runs.last_source_runs``: every source's latest run and its job, in one query (issue 23)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.base import utcnow
from storage.jobs import start_job_run
from storage.models import FetchRun, JobRun
from storage.processes import this_process
from storage.runs import last_source_runs, start_run


def test_latest_runs_with_their_jobs_in_one_statement(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    t0 = utcnow() - timedelta(hours=2)
    with session_factory() as s, s.begin():
        job = start_job_run(s, "fetch:pubmed:sci", this_process(), now=t0)
        start_run(s, "pubmed:sci", "pubmed", now=t0 + timedelta(minutes=1))
        s.execute(
            update(JobRun)
            .where(JobRun.id == job)
            .values(outcome="ok", finished_at=t0 + timedelta(minutes=5))
        )
        # every source's older runs are not the latest
        for n in range(3):
            start_run(s, f"feed:f{n}", "feed", now=t0 - timedelta(hours=1))
            start_run(s, f"feed:f{n}", "feed", now=t0 + timedelta(minutes=30))
        # a run by another process: no job of this host covers it
        s.add(FetchRun(source="import:x.xml", kind="import", started_at=t0, outcome="ok",
                       stats={}, host="elsewhere:1"))  # fmt: skip

    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    with session_factory() as s:
        event.listen(engine, "before_cursor_execute", count)
        try:
            rows = last_source_runs(s)
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1
    got = {run.source: (run.started_at, job_id) for run, job_id in rows}
    assert sorted(got) == ["feed:f0", "feed:f1", "feed:f2", "import:x.xml", "pubmed:sci"]
    assert got["pubmed:sci"][1] == "fetch:pubmed:sci"
    assert got["import:x.xml"][1] is None
    for n in range(3):
        # the later run, which started after the job had finished: no job
        assert got[f"feed:f{n}"] == (t0 + timedelta(minutes=30), None)
