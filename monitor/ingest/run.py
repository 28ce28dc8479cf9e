"""Run the sources: fetch PubMed queries and feeds, import files (CLI and scheduler).

Each source runs in isolation: its failure is logged, counted on its state
row and recorded on its fetch_run, and the other sources carry on (state is
saved in ``finally``, as rss2email does).  A source that fails part-way
records the counts it reached (what it stored stays stored), and a source
that succeeds with a warning (a feed that is not well-formed) has it on its
fetch_run and in the report.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from monitor.app import App
from monitor.errors import InputError, MonitorError
from monitor.runtime import today
from storage.ingest import AfterWrite, IngestStats, ingest_records
from storage.runs import finish_run, record_failure, record_success, start_run

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from storage.handoff import IngestItem

log = logging.getLogger(__name__)

Progress = Callable[[IngestStats], None]

# records per transaction of a file import (issue 23): what the storing process holds
# grows with the batch (its records, their written values, the statement's parameters):
# peak RSS of the store path on the update file 93 MiB at 250, 108 at 500, 126 at 1,000,
# at the same CPU; the classifying child gets chunks of the same size
IMPORT_BATCH = 250


@runtime_checkable
class Lookahead(Protocol):
    """An ``after_write`` that sees an import's parsed records before they are stored
    (``monitor.ingest.classifier.ApartTriage`` sends them to be classified): the file
    is then parsed in this process, its records passed through :meth:`ahead`."""

    def ahead(self, items: Iterable[IngestItem]) -> Iterator[IngestItem]: ...


@dataclass
class SourceRun:
    """One source's run as it goes: the counts it has reached, and its warnings.

    A source's body updates ``stats`` as it commits batches (and its request
    count as it makes requests), so a failure part-way still records what it
    stored.
    """

    stats: IngestStats = field(default_factory=IngestStats)
    warnings: list[str] = field(default_factory=list)


@dataclass
class RunReport:
    """Totals of a fetch or import, plus the sources that failed or warned."""

    stats: IngestStats = field(default_factory=IngestStats)
    failed: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.stats.as_dict())
        out["sources"] = self.sources
        out["failed"] = self.failed
        out["warnings"] = self.warnings
        return out

    @property
    def ok(self) -> bool:
        return not self.failed


def _run_source(
    app: App,
    name: str,
    kind: str,
    report: RunReport,
    body: Callable[[SourceRun], IngestStats],
    on_failure: Callable[[], None] | None = None,
) -> None:
    """Run one source with its own fetch_run row, state and failure isolation."""
    factory = app.sessions
    with factory() as session, session.begin():
        run_id = start_run(session, name, kind)
    run = SourceRun()
    stats = run.stats
    error: str | None = None
    try:
        stats = body(run)
    except MonitorError as exc:
        error = str(exc)
    except Exception as exc:  # one broken source must not stop the others
        error = f"{type(exc).__name__}: {exc}"
        log.debug("source traceback source=%s\n%s", name, traceback.format_exc())
    finally:
        if error is not None:
            stats = run.stats  # what it reached before failing
        counts: dict[str, Any] = {**stats.as_dict(), "warnings": len(run.warnings)}
        if run.warnings:
            counts["warning_messages"] = [w[:1000] for w in run.warnings[:20]]
        with factory() as session, session.begin():
            if error is None:
                record_success(session, name, kind)
            else:
                record_failure(session, name, kind, error)
            finish_run(session, run_id, "ok" if error is None else "failed", counts, error)
    if error is not None and on_failure is not None:
        on_failure()
    report.stats.add(stats)
    report.sources[name] = {**stats.as_dict(), "warnings": len(run.warnings)}
    if run.warnings:
        report.warnings[name] = list(run.warnings)
    if error is None:
        log.info("source done source=%s %s", name, _kv(stats.as_dict()))
    else:
        report.failed[name] = error
        # the CLI prints this failure as its own one line (see monitor/cli/fetch.py)
        log.error("source failed source=%s error=%s", name, error, extra={"source_failure": True})


def _kv(values: dict[str, int]) -> str:
    return " ".join(f"{k}={v}" for k, v in values.items())


def fetch_pubmed(
    app: App,
    query_name: str | None = None,
    progress: Progress | None = None,
    *,
    after_write: AfterWrite | None = None,
) -> RunReport:
    """Run every enabled PubMed query (or one by name).

    ``after_write`` (``monitor.triage.run.InlineTriage``) triages each batch
    of papers in the transaction that stores them; so for import_files and
    fetch_feeds."""
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

            def body(run: SourceRun, query: Any = query) -> IngestStats:
                before = client.requests

                def reached(total: IngestStats) -> None:
                    run.stats = total  # the running total: kept if a later batch fails
                    if progress is not None:
                        progress(total)

                try:
                    stats = fetch_query(
                        app.sessions,
                        client,
                        query,
                        settings.pubmed_term(query),
                        today=today(),
                        batch_size=settings.config.ncbi.batch_size,
                        on_batch=reached,
                        after_write=after_write,
                    )
                finally:
                    # this query's own requests (the client counts all queries')
                    run.stats.requests = client.requests - before
                stats.requests = client.requests - before
                return stats

            _run_source(app, f"pubmed:{query.name}", "pubmed", report, body)
    return report


def _counted(run: SourceRun, client: Any, progress: Progress | None) -> Progress:
    """A page callback that keeps the running total (and the request count) on ``run``."""
    before = client.requests

    def reached(total: IngestStats) -> None:
        total.requests = client.requests - before
        run.stats = total
        if progress is not None:
            progress(total)

    return reached


def fetch_preprints(
    app: App, progress: Progress | None = None, after_write: AfterWrite | None = None
) -> RunReport:
    """SCI preprints from Europe PMC (``[preprints]`` in the config); ``after_write``
    triages each batch in its transaction, as for PubMed."""
    from monitor.ingest.preprints import KIND, SOURCE_NAME
    from monitor.ingest.preprints import fetch_preprints as fetch
    from monitor.sources.europepmc import EuropePmcClient

    report = RunReport()
    with EuropePmcClient.from_settings(app.settings) as client:

        def body(run: SourceRun) -> IngestStats:
            before = client.requests
            try:
                stats = fetch(
                    app.sessions, client, app.settings, today=today(),
                    on_batch=_counted(run, client, progress), after_write=after_write,
                )  # fmt: skip
            finally:
                run.stats.requests = client.requests - before
            stats.requests = client.requests - before
            return stats

        _run_source(app, SOURCE_NAME, KIND, report, body)
    return report


def fetch_trials(app: App, progress: Progress | None = None) -> RunReport:
    """SCI trials from ClinicalTrials.gov (``[trials]`` in the config)."""
    from monitor.ingest.trials import KIND, SOURCE_NAME
    from monitor.ingest.trials import fetch_trials as fetch
    from monitor.sources.ctgov import CtgovClient

    report = RunReport()
    with CtgovClient.from_settings(app.settings) as client:

        def body(run: SourceRun) -> IngestStats:
            before = client.requests
            try:
                stats = fetch(
                    app.sessions, client, app.settings, today=today(),
                    on_batch=_counted(run, client, progress),
                )  # fmt: skip
            finally:
                run.stats.requests = client.requests - before
            stats.requests = client.requests - before
            return stats

        _run_source(app, SOURCE_NAME, KIND, report, body)
    return report


def import_files(
    app: App,
    paths: Sequence[Path],
    progress: Progress | None = None,
    *,
    full: bool = False,
    after_write: AfterWrite | None = None,
) -> RunReport:
    """Import local PubMed XML files (``.xml`` or ``.xml.gz``).

    Records this file (by name) stored before, byte for byte, are counted but
    not parsed again; ``full`` parses and compares every record regardless.
    """
    from monitor.parse.pubmed import PubmedParseError, iter_pubmed
    from monitor.parse.readahead import iter_pubmed_readahead
    from storage.ingest import known_fingerprints

    report = RunReport()
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    for path in paths:
        what = _not_pubmed(path)
        if what:
            raise InputError(
                f"{path}: looks like {what}, not PubMed XML (nothing imported; "
                "journal feeds go in feeds.toml and are read by `scimon fetch --source feeds`)"
            )

    for path in paths:

        def body(run: SourceRun, path: Path = path) -> IngestStats:
            known: set[str] = set()
            if not full:
                with app.sessions() as session:
                    known = known_fingerprints(session, "pubmed", path.name)

            def reached(total: IngestStats) -> None:
                run.stats = total
                if progress is not None:
                    progress(total)

            # parsed here when the records go ahead to a classifying process (a parse
            # child too would pickle every record twice), else in a parse child
            items: Iterable[IngestItem] = (
                after_write.ahead(iter_pubmed(path, source_name=path.name, known=known))
                if isinstance(after_write, Lookahead)
                else iter_pubmed_readahead(path, source_name=path.name, known=known)
            )
            try:
                return ingest_records(
                    app.sessions,
                    items,
                    batch_size=IMPORT_BATCH,
                    on_batch=reached,
                    after_write=after_write,
                )
            except PubmedParseError as exc:
                raise InputError(f"{path}: {exc}") from exc
            except OSError as exc:
                raise InputError(f"{path}: cannot read: {exc}") from exc

        _run_source(app, f"import:{path.name}", "import", report, body)
    return report


# root elements of what people mistake for PubMed XML
_NOT_PUBMED = {
    "rss": "an RSS feed",
    "rdf": "an RSS 1.0 (RDF) feed",
    "feed": "an Atom feed",
    "html": "an HTML page",
    "esearchresult": "an E-utilities esearch answer (PMIDs only)",
    "esummaryresult": "an E-utilities esummary answer",
}


def _not_pubmed(path: Path) -> str | None:
    """What a file to import looks like when it is plainly not PubMed XML, else None.

    Only the prolog is read (gunzipped when it is gzip); a file whose root
    element is not known here is left to the parser.
    """
    import gzip

    from monitor.parse.xmlguard import XmlGuardError, check_chunks

    try:
        with path.open("rb") as raw:
            head = raw.read(2)
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
            prolog = check_chunks(iter(lambda: stream.read(1 << 16), b""))
    except (OSError, EOFError, XmlGuardError):
        return None  # the parser reports these with its own, better message
    return _NOT_PUBMED.get(prolog.root_local)


def fetch_feeds(
    app: App,
    names: Sequence[str] | None = None,
    *,
    force: bool = False,
    after_write: AfterWrite | None = None,
) -> RunReport:
    """Fetch every enabled, due journal feed (or the named ones, due or not)."""
    import httpx

    from monitor.ingest.feeds import (
        backoff_until,
        check_feed_names,
        configured_feeds,
        due,
        fetch_one,
    )

    configured = configured_feeds(app)
    if names:
        check_feed_names(names, configured)
        feeds = [f for f in configured if f.name in names]  # named: enabled or not
    else:
        feeds = [f for f in configured if f.enabled]
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
                partial(fetch_one, app, feed, client, after_write=after_write),
                on_failure=partial(backoff_until, app, feed),
            )
    return report
