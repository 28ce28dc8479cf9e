"""Run the sources: fetch PubMed queries and feeds, import files (CLI and scheduler).

Each source runs in isolation: its failure is logged, counted on its state
row and recorded on its fetch_run, and the other sources carry on (state is
saved in ``finally``, as rss2email does).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from monitor.app import App
from monitor.errors import InputError, MonitorError
from monitor.runtime import today
from storage.ingest import IngestStats, ingest_records
from storage.runs import finish_run, record_failure, record_success, start_run

log = logging.getLogger(__name__)

Progress = Callable[[IngestStats], None]


@dataclass
class RunReport:
    """Totals of a fetch or import, plus the sources that failed."""

    stats: IngestStats = field(default_factory=IngestStats)
    failed: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.stats.as_dict())
        out["sources"] = self.sources
        out["failed"] = self.failed
        return out

    @property
    def ok(self) -> bool:
        return not self.failed


def _run_source(
    app: App,
    name: str,
    kind: str,
    report: RunReport,
    body: Callable[[], IngestStats],
    on_failure: Callable[[], None] | None = None,
) -> None:
    """Run one source with its own fetch_run row, state and failure isolation."""
    factory = app.sessions
    with factory() as session, session.begin():
        run_id = start_run(session, name, kind)
    stats = IngestStats()
    error: str | None = None
    try:
        stats = body()
    except MonitorError as exc:
        error = str(exc)
    except Exception as exc:  # one broken source must not stop the others
        error = f"{type(exc).__name__}: {exc}"
        log.debug("source traceback source=%s\n%s", name, traceback.format_exc())
    finally:
        with factory() as session, session.begin():
            if error is None:
                record_success(session, name, kind)
            else:
                record_failure(session, name, kind, error)
            finish_run(session, run_id, "ok" if error is None else "failed", stats.as_dict(), error)
    if error is not None and on_failure is not None:
        on_failure()
    report.stats.add(stats)
    report.sources[name] = stats.as_dict()
    if error is None:
        log.info("source done source=%s %s", name, _kv(stats.as_dict()))
    else:
        report.failed[name] = error
        log.error("source failed source=%s error=%s", name, error)


def _kv(values: dict[str, int]) -> str:
    return " ".join(f"{k}={v}" for k, v in values.items())


def fetch_pubmed(
    app: App, query_name: str | None = None, progress: Progress | None = None
) -> RunReport:
    """Run every enabled PubMed query (or one by name)."""
    from monitor.ingest.pubmed import fetch_query
    from monitor.sources.eutils import EutilsClient

    settings = app.settings
    queries = (
        [settings.query(query_name)]
        if query_name
        else [q for q in settings.config.pubmed.query if q.enabled]
    )
    report = RunReport()
    with EutilsClient.from_settings(settings) as client:
        for query in queries:
            before = client.requests

            def body(query: Any = query, before: int = before) -> IngestStats:
                try:
                    return fetch_query(
                        app.sessions,
                        client,
                        query,
                        settings.pubmed_term(query),
                        today=today(),
                        batch_size=settings.config.ncbi.batch_size,
                        on_batch=progress,
                    )
                finally:
                    report.stats.requests += client.requests - before

            _run_source(app, f"pubmed:{query.name}", "pubmed", report, body)
    return report


def import_files(
    app: App, paths: Sequence[Path], progress: Progress | None = None, *, full: bool = False
) -> RunReport:
    """Import local PubMed XML files (``.xml`` or ``.xml.gz``).

    Records this file (by name) stored before, byte for byte, are counted but
    not parsed again; ``full`` parses and compares every record regardless.
    """
    from monitor.parse.pubmed import PubmedParseError
    from monitor.parse.readahead import iter_pubmed_readahead
    from storage.ingest import known_fingerprints

    report = RunReport()
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")

    for path in paths:

        def body(path: Path = path) -> IngestStats:
            known: set[str] = set()
            if not full:
                with app.sessions() as session:
                    known = known_fingerprints(session, "pubmed", path.name)
            try:
                return ingest_records(
                    app.sessions,
                    iter_pubmed_readahead(path, source_name=path.name, known=known),
                    on_batch=progress,
                )
            except PubmedParseError as exc:
                raise InputError(f"{path}: {exc}") from exc
            except OSError as exc:
                raise InputError(f"{path}: cannot read: {exc}") from exc

        _run_source(app, f"import:{path.name}", "import", report, body)
    return report


def fetch_feeds(app: App, names: Sequence[str] | None = None, *, force: bool = False) -> RunReport:
    """Fetch every enabled, due journal feed (or the named ones, due or not)."""
    import httpx

    from monitor.ingest.feeds import backoff_until, configured_feeds, due, fetch_one

    feeds = [f for f in configured_feeds(app) if f.enabled or (names and f.name in names)]
    if names:
        unknown = sorted(set(names) - {f.name for f in feeds})
        if unknown:
            raise InputError(f"no feed named {', '.join(unknown)}")
        feeds = [f for f in feeds if f.name in names]
    report = RunReport()
    now = datetime.now(UTC)
    with httpx.Client(follow_redirects=False) as client:
        for feed in feeds:
            if not (force or names) and not due(app, feed, now):
                log.info("feed backing off feed=%s", feed.name)
                continue
            _run_source(
                app,
                f"feed:{feed.name}",
                "feed",
                report,
                partial(fetch_one, app, feed, client),
                on_failure=partial(backoff_until, app, feed),
            )
    return report
