"""The scheduled jobs: the same functions the CLI calls, plus a run record each.

APScheduler's SQLAlchemy job store pickles jobs, so a job is a module-level
function with only its job id as argument; it builds its own App from the
environment (SCIMON_CONFIG, SCIMON_DATABASE_URL...) exactly as ``scimon``
does.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime
from typing import Any, Protocol

from monitor.app import App
from storage.jobs import finish_job_run, start_job_run
from storage.processes import this_process

log = logging.getLogger(__name__)


class Leadership(Protocol):
    """What a job asks of the scheduler's leader lock (storage.leader.LeaderLock)."""

    def heartbeat(self) -> bool: ...


# the lock of the scheduler leading in this process (None: no scheduler, e.g. run --once)
_leader: Leadership | None = None


def lead_with(lock: Leadership) -> None:
    """Jobs of this process start only while ``lock`` is held."""
    global _leader
    _leader = lock


def stop_leading(lock: Leadership) -> None:
    """``lock``'s scheduler stopped: its jobs are no longer checked against it."""
    global _leader
    if _leader is lock:
        _leader = None


def still_leading() -> bool:
    """Asked before each scheduled job: does the database say our lock is still ours?

    The scheduler's heartbeat notices a lost lock within one interval; a job
    due inside that interval would otherwise start next to the new leader's.
    """
    leader = _leader
    return leader is None or leader.heartbeat()


def job_ids(app: App) -> list[str]:
    queries = [q.name for q in app.settings.config.pubmed.query if q.enabled]
    config = app.settings.config
    extra = [f"fetch:{kind}" for kind in ("preprints", "trials")
             if getattr(config, kind).enabled]  # fmt: skip
    return [f"fetch:pubmed:{name}" for name in queries] + ["fetch:feeds", *extra, "digest:weekly"]


def execute(app: App, job_id: str, now: datetime | None = None) -> dict[str, Any]:
    """Run one job (no record); returns its stats. Raises on failure."""
    from monitor.ingest.run import fetch_feeds, fetch_pubmed
    from monitor.triage.learn import learn_if_due
    from monitor.triage.run import InlineTriage

    if job_id.startswith("fetch:pubmed:"):
        inline = InlineTriage(app)
        report = fetch_pubmed(app, job_id.split(":", 2)[2], after_write=inline)
        stats: dict[str, Any] = report.as_dict()
        stats["triage"] = inline.finish(app)
        stats["learn"] = learn_if_due(app)
        return stats
    if job_id in ("fetch:trials", "fetch:preprints"):
        from monitor.ingest.run import fetch_preprints, fetch_trials

        inline = InlineTriage(app)
        if job_id == "fetch:trials":
            report = fetch_trials(app)
        else:
            report = fetch_preprints(app, after_write=inline)
        stats = report.as_dict()
        stats["triage"] = inline.finish(app)
        return stats
    if job_id == "fetch:feeds":
        inline = InlineTriage(app)
        report = fetch_feeds(app, after_write=inline)
        stats = report.as_dict()
        stats["triage"] = inline.finish(app)
        stats["learn"] = learn_if_due(app)
        return stats
    if job_id == "digest:weekly":
        from monitor.digest.send import is_due, send_weekly

        if not is_due(app, now):
            return {"skipped": "not due"}
        digest = send_weekly(app, now=now)
        if digest.failed:
            raise RuntimeError(f"digest not delivered to {', '.join(digest.failed)}")
        return digest.as_dict()
    raise ValueError(f"unknown job {job_id!r}")


def record_and_execute(app: App, job_id: str, now: datetime | None = None) -> dict[str, Any]:
    """Run one job with a job_run row (start, end, outcome, stats)."""
    host = this_process()
    with app.sessions() as session, session.begin():
        run_id = start_job_run(session, job_id, host)
    log.info("job start job=%s run=%s", job_id, run_id)
    try:
        stats = execute(app, job_id, now)
    except Exception as exc:
        with app.sessions() as session, session.begin():
            finish_job_run(session, run_id, "failed", {}, f"{type(exc).__name__}: {exc}")
        log.error("job failed job=%s run=%s error=%s", job_id, run_id, exc)
        log.debug("job traceback\n%s", traceback.format_exc())
        return {"job": job_id, "outcome": "failed", "error": str(exc)}
    failed = bool(stats.get("failed"))
    error = "; ".join(f"{k}: {v}" for k, v in stats.get("failed", {}).items()) or None
    with app.sessions() as session, session.begin():
        finish_job_run(session, run_id, "failed" if failed else "ok", _jsonable(stats), error)
    log.info("job done job=%s run=%s outcome=%s", job_id, run_id, "failed" if failed else "ok")
    return {"job": job_id, "outcome": "failed" if failed else "ok", "stats": stats}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def run_job(job_id: str) -> None:
    """Entry point for APScheduler (picklable: module-level, one string argument)."""
    if not still_leading():
        log.warning("job not started: this scheduler lost the leader lock job=%s", job_id)
        return
    app = App()
    try:
        record_and_execute(app, job_id)
        if job_id.startswith("fetch:"):
            catch_up_digest(app)
    finally:
        app.close()


def catch_up_digest(app: App, now: datetime | None = None) -> dict[str, Any] | None:
    """Try the week's digest again after a scheduled fetch, if it is due and unsent.

    ``digest:weekly`` fires once a week.  When it held the digest (no source
    answered) or a send failed, the week's digest is still due; every later
    fetch is the moment a source may have come back, so the digest is tried
    then, within the hold's grace and after it.  Each editor's send is claimed
    atomically, so this never sends a second copy.  ``run --once`` does not
    call this: it ends with the digest anyway.
    """
    from monitor.digest.send import is_due

    if not is_due(app, now):
        return None
    log.info("digest due and not yet delivered: trying again after the fetch")
    return record_and_execute(app, "digest:weekly", now)


def run_once(app: App, now: datetime | None = None) -> list[dict[str, Any]]:
    """The whole cycle now: every PubMed query, the feeds, triage, the digest if due."""
    return [record_and_execute(app, job_id, now) for job_id in job_ids(app)]
