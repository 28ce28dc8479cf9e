"""``scimon run`` (the scheduler, or one cycle with --once) and ``scimon status``."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

import click

from monitor.app import App
from monitor.cli.common import checks_config, echo_json, json_option, pass_app, table
from monitor.wording import count_of

log = logging.getLogger(__name__)


@click.command("run")
@click.option(
    "--once", is_flag=True, help="Run the whole cycle now (fetch, triage, digest if due)."
)
@click.option(
    "--standby/--no-wait",
    default=True,
    show_default=True,
    help="If another scheduler is active: wait as standby, or exit.",
)
@click.option("--run-now", is_flag=True, help="Also run every job once at start.")
@click.option(
    "--stop-grace",
    default=60.0,
    show_default=True,
    help="Seconds a running job gets to finish after SIGTERM.",
)
@json_option
@pass_app
@checks_config()
def run(
    app: App, once: bool, standby: bool, run_now: bool, stop_grace: float, as_json: bool
) -> None:
    """Run the scheduler (PubMed daily, feeds every few hours, the weekly digest)."""
    if once:
        from monitor.schedule.jobs import run_once

        results = run_once(app)
        if as_json:
            echo_json(results)
        else:
            rows = [(r["job"], r["outcome"], job_summary(r)) for r in results]
            for line in table(("job", "outcome", "summary"), rows):
                click.echo(line)
        if any(r["outcome"] != "ok" for r in results):
            sys.exit(1)
        return

    from monitor.schedule.scheduler import RunOptions, run_scheduler

    stop = threading.Event()

    def handle(signum: int, _frame: FrameType | None) -> None:
        log.info("signal received signal=%s: stopping", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    run_scheduler(
        app,
        RunOptions(wait=standby, run_now=run_now, stop_grace=stop_grace),
        stop,
        on_status=lambda msg: click.echo(f"scheduler: {msg}", err=True),
    )
    app.close()
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        # a job outlived the grace period; it was recorded as abandoned and its
        # committed batches are whole: leave without waiting for it
        logging.shutdown()
        os._exit(0)


def job_summary(result: dict[str, Any]) -> str:
    """One job's outcome as a line: its key counts, or why it was skipped, or its error.

    ``run --once`` printed the digest's outbox as a Python list and, for a
    fetch, a bare number when records were skipped.
    """
    stats: dict[str, Any] = result.get("stats") or {}
    if "error" in result:
        return str(result["error"])
    if isinstance(stats.get("skipped"), str):  # the digest: not due, or held
        return str(stats["skipped"])
    if "week" in stats:  # the digest
        parts = [f"{stats['week']}: {count_of(stats.get('papers', 0), 'paper')}"]
        for key, label in (("sent", "sent to"), ("already_sent", "already sent to"),
                           ("busy", "being sent by another run to")):  # fmt: skip
            if stats.get(key):
                parts.append(f"{label} {', '.join(map(str, stats[key]))}")
        if stats.get("outbox"):
            parts.append(f"outbox: {len(stats['outbox'])} files")
        for email, error in (stats.get("failed") or {}).items():
            parts.append(f"failed {email}: {error}")
        return "; ".join(parts)
    counts = [f"{k} {stats.get(k, 0)}" for k in ("seen", "new", "updated")]
    counts += [f"{k} {stats[k]}" for k in ("duplicates", "merged", "deleted", "skipped")
               if stats.get(k)]  # fmt: skip
    triage = stats.get("triage")
    if isinstance(triage, dict):
        counts.append(f"triaged {triage.get('triaged', 0)}")
    line = ", ".join(counts)
    failed = stats.get("failed") or {}
    if failed:
        line += "; failed " + "; ".join(f"{name}: {error}" for name, error in failed.items())
    warned = stats.get("warnings") or {}
    if warned:
        line += "; warnings from " + ", ".join(warned)
    return line


@click.command("status")
@json_option
@pass_app
def status(app: App, as_json: bool) -> None:
    """Last and next run of every job, failing sources, papers per week, last digest."""
    from monitor.schedule.scheduler import next_fire_times
    from storage.digests import last_digest
    from storage.jobs import last_runs
    from storage.papers import count_papers, first_seen_times
    from storage.runs import last_run_warnings, last_source_runs, list_states
    from storage.trials import trials_by_status
    from storage.versions import count_preprints

    now = datetime.now(UTC)
    nexts = next_fire_times(app, now)
    with app.sessions() as session:
        runs = last_runs(session)
        sources: list[dict[str, Any]] = [
            {
                "source": r.source,
                "kind": r.kind,
                "at": r.started_at.isoformat(),
                "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                "outcome": r.outcome,
                "by": "run" if job else ("import" if r.kind == "import" else "fetch"),
                "job": job,
                **{k: int((r.stats or {}).get(k, 0)) for k in ("seen", "new", "updated")},
                "error": r.error,
            }
            for r, job in last_source_runs(session)
        ]
        jobs: list[dict[str, Any]] = [
            {
                "job": job_id,
                "last_run": runs[job_id].started_at.isoformat() if job_id in runs else None,
                "outcome": runs[job_id].outcome if job_id in runs else None,
                "error": runs[job_id].error if job_id in runs else None,
                "next_run": nxt.isoformat() if nxt else None,
                "last_source_run": _last_source_run(job_id, sources),
            }
            for job_id, nxt in nexts.items()
        ]
        failing = [
            {
                "source": s.name,
                "errors": s.error_count,
                "last_error": s.last_error,
                "since": s.last_error_at.isoformat() if s.last_error_at else None,
            }
            for s in list_states(session)
            if s.error_count
        ]
        warned = [
            {
                "source": r.source,
                "at": r.started_at.isoformat(),
                "warnings": list(r.stats.get("warning_messages", [])),
            }
            for r in last_run_warnings(session)
        ]
        start = now - timedelta(weeks=8)
        weeks: dict[str, int] = {}
        for moment in first_seen_times(session, start):
            year, week, _ = moment.isocalendar()
            key = f"{year}-W{week:02d}"
            weeks[key] = weeks.get(key, 0) + 1
        total = count_papers(session)
        trials = trials_by_status(session)
        preprints, preprints_linked = count_preprints(session)
        digest = last_digest(session)
        digest_info: dict[str, Any] | None = None
        if digest is not None:
            d, sends = digest
            digest_info = {
                "week": d.week,
                "papers": len(d.paper_ids),
                "recipients": [{"email": s.editor_email, "status": s.status} for s in sends],
            }
    data = {
        "jobs": jobs,
        "sources": sources,
        "failing_sources": failing,
        "warning_sources": warned,
        "papers_per_week": dict(sorted(weeks.items())),
        "papers_total": total,
        "preprints": {"total": preprints, "with_journal_version": preprints_linked},
        "trials": {"total": sum(trials.values()), "by_status": trials},
        "last_digest": digest_info,
    }
    if as_json:
        echo_json(data)
        return
    click.echo("jobs")
    job_rows = []
    for j in jobs:
        last, outcome, by = _shown_last_run(j)
        job_rows.append(
            (j["job"], last, outcome, by, (j["next_run"] or "-")[:16].replace("T", " "))
        )
    lines = table(("job", "last run", "outcome", "by", "next run"), job_rows, indent="  ")
    click.echo(lines[0])
    for line, job in zip(lines[1:], jobs, strict=True):
        click.echo(line)
        if job["outcome"] == "failed" and job["error"]:
            click.echo(f"    {job['error'][:150]}")
    shown = [s for s in sources if s["kind"] != "import"]
    imports = [s for s in sources if s["kind"] == "import"]
    if imports:  # one line: the latest import, not every file ever imported
        shown.append(max(imports, key=lambda s: s["at"]))
    if shown:
        click.echo("sources (the last run of each)")
        source_rows = [
            (s["source"], _minute(s["at"]), s["outcome"], s["by"], str(s["new"]),
             str(s["updated"]), (s["error"] or "")[:80])
            for s in shown
        ]  # fmt: skip
        headers = ("source", "last run", "outcome", "by", "new", "updated", "error")
        for line in table(headers, source_rows, indent="  "):
            click.echo(line)
    else:
        click.echo("sources: none fetched yet")
    # Tables, not a fixed 30-column pad: "feed:neurorehabil-neural-repair" (31
    # characters, a shipped feed) ran into its count ("...repair1x since").
    click.echo("failing sources" if failing else "failing sources: none")
    if failing:
        failing_rows = [
            (str(f["source"]), f"{f['errors']}x", _minute(str(f["since"])) if f["since"] else "?",
             str(f["last_error"] or ""))
            for f in failing
        ]  # fmt: skip
        for line in table(("source", "errors", "since", "last error"), failing_rows, "  "):
            click.echo(line)
    if warned:
        click.echo("warnings on the last run")
        warned_rows = [
            (str(w["source"]), _minute(str(w["at"])), str(message))
            for w in warned
            for message in w["warnings"] or ["(warning)"]
        ]
        for line in table(("source", "run", "warning"), warned_rows, "  "):
            click.echo(line)
    if not total:  # a heading over no week read as if the list had failed to print
        click.echo("papers: none stored yet")
    else:
        click.echo(f"papers: {total} stored; per ISO week (first seen):")
        for label, n in sorted(weeks.items()):
            click.echo(f"  {label}  {n}")
    if preprints:
        click.echo(f"preprints: {preprints} stored, {preprints_linked} linked to a journal version")
    if trials:
        by_status = ", ".join(f"{n} {s.replace('_', ' ').lower()}" for s, n in trials.items())
        click.echo(f"trials: {sum(trials.values())} stored ({by_status})")
    if digest_info is None:
        click.echo("last digest: no digest sent yet")
    else:
        who = ", ".join(f"{r['email']} ({r['status']})" for r in digest_info["recipients"])
        click.echo(f"last digest: {digest_info['week']}, "
                   f"{count_of(digest_info['papers'], 'paper')}: {who}")


def _minute(iso: str) -> str:
    """``2026-12-04T18:01:02+00:00`` as ``2026-12-04 18:01`` (UTC, as stored)."""
    return iso[:16].replace("T", " ")


def _job_sources(job_id: str, source: dict[str, Any]) -> bool:
    """Whether a fetch run's source is one the job fetches."""
    if job_id.startswith("fetch:pubmed:"):
        return bool(source["source"] == "pubmed:" + job_id.split(":", 2)[2])
    if job_id in ("fetch:trials", "fetch:preprints"):
        return bool(source["kind"] == job_id.split(":", 1)[1])
    return job_id == "fetch:feeds" and source["kind"] == "feed"


def _last_source_run(job_id: str, sources: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest run of the job's sources, by the job or by hand (``scimon fetch``)."""
    mine = [s for s in sources if _job_sources(job_id, s)]
    if not mine:
        return None
    latest = max(mine, key=lambda s: s["at"])
    return {k: latest[k] for k in ("source", "at", "outcome", "by")}


def _shown_last_run(job: dict[str, Any]) -> tuple[str, str, str]:
    """Last run, outcome and by whom: the job's run, or a later manual fetch of its sources."""
    manual = job["last_source_run"]
    later = manual is not None and (job["last_run"] is None or manual["at"] > job["last_run"])
    if later and manual["by"] != "run":
        return _minute(manual["at"]), manual["outcome"], manual["by"]
    if job["last_run"] is None:
        return "never run", "-", "-"
    return _minute(job["last_run"]), job["outcome"], "run"


COMMANDS = [run, status]
