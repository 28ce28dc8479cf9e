"""``scimon fetch`` and ``scimon import``: bring papers in."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from monitor.app import App
from monitor.cli.common import echo_json, is_terminal, json_option, pass_app
from monitor.config import check_config_files
from monitor.ingest.run import (
    RunReport,
    fetch_feeds,
    fetch_preprints,
    fetch_pubmed,
    fetch_trials,
    import_files,
)


def _not_a_source_failure(record: logging.LogRecord) -> bool:
    return not getattr(record, "source_failure", False)


@contextlib.contextmanager
def _failures_printed_here() -> Iterator[None]:
    """Keep the runner's "source failed" log line: ``_finish`` prints each failure once."""
    logger = logging.getLogger("monitor.ingest.run")
    logger.addFilter(_not_a_source_failure)
    try:
        yield
    finally:
        logger.removeFilter(_not_a_source_failure)


def _finish(report: RunReport, as_json: bool, triage: dict[str, object] | None = None) -> None:
    if as_json:
        data = report.as_dict()
        if triage is not None:
            data["triage"] = triage
        echo_json(data)
    elif not (report.failed and report.stats.seen == 0 and report.stats.requests == 0):
        # a run that failed before reading a record or asking a source (`scimon import
        # README.md`) has only its error to say: zero counters above it read as a result
        s = report.stats
        click.echo(
            f"seen {s.seen}, new {s.new}, updated {s.updated}, duplicates {s.duplicates}, "
            f"deleted {s.deleted}, requests {s.requests}"
        )
    for name, warnings in report.warnings.items():
        for warning in warnings:
            click.echo(f"warning: {name}: {warning}", err=True)
    for name, error in report.failed.items():
        # an import's error starts with its file's path already
        click.echo(f"error: {error}" if name.startswith("import:") else f"error: {name}: {error}",
                   err=True)  # fmt: skip
    if report.failed:
        sys.exit(1)


@click.command("fetch")
@click.option("--query", "query_name", help="Run only this PubMed query.")
@click.option(
    "--source",
    type=click.Choice(["pubmed", "feeds", "trials", "preprints", "all"]),
    default="all",
    show_default=True,
    help="Which sources to fetch (all: PubMed, feeds, and trials and preprints when enabled).",
)
@click.option("--feed", "feed_names", multiple=True, help="Fetch only this feed (repeatable).")
@click.option("--no-triage", is_flag=True, help="Store only; triage later.")
@json_option
@pass_app
def fetch(
    app: App,
    query_name: str | None,
    source: str,
    feed_names: tuple[str, ...],
    no_triage: bool,
    as_json: bool,
) -> None:
    """Fetch new papers (PubMed, journal feeds, Europe PMC preprints) and trials, then triage.

    Trials come from ClinicalTrials.gov ([trials] in the config) and preprints
    from Europe PMC ([preprints]); `--source all` runs them when enabled.
    """
    report = RunReport()
    if query_name or feed_names:
        source = "pubmed" if query_name and not feed_names else source
        source = "feeds" if feed_names and not query_name else source
    # every config file, and the names given, are checked before anything is written
    check_config_files(app.settings, feeds=source in ("feeds", "all"), triage=not no_triage)
    if query_name:
        app.settings.query(query_name)
    if feed_names:
        from monitor.ingest.feeds import check_feed_names, configured_feeds

        check_feed_names(feed_names, configured_feeds(app))
    from monitor.triage.run import InlineTriage  # here: the rules are this command's

    inline = None if no_triage else InlineTriage(app)
    with _failures_printed_here():
        if source in ("pubmed", "all"):
            _merge(report, fetch_pubmed(app, query_name, after_write=inline))
        if source in ("feeds", "all"):
            _merge(report, fetch_feeds(app, list(feed_names) or None, after_write=inline))
        config = app.settings.config
        if source == "preprints" or (source == "all" and config.preprints.enabled):
            _merge(report, fetch_preprints(app, after_write=inline))
        if source == "trials" or (source == "all" and config.trials.enabled):
            _merge(report, fetch_trials(app))
    triage = None if inline is None else inline.finish(app)
    _finish(report, as_json, triage)


def _merge(into: RunReport, other: RunReport) -> None:
    into.stats.add(other.stats)
    into.sources.update(other.sources)
    into.failed.update(other.failed)
    into.warnings.update(other.warnings)


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--no-triage", is_flag=True, help="Store only; triage later.")
@click.option(
    "--full",
    is_flag=True,
    help="Parse every record, even those this file stored before byte for byte.",
)
@json_option
@pass_app
def import_(app: App, files: tuple[Path, ...], no_triage: bool, full: bool, as_json: bool) -> None:
    """Import local PubMed XML files (efetch output, baseline/update files, .xml or .xml.gz).

    A re-import of a file skips, unparsed, the records it stored before
    exactly as they are now (they count as duplicates); --full re-reads all.
    """
    # the rules are checked by ApartTriage (here) and compiled by the process it starts
    check_config_files(app.settings, feeds=False, triage=not no_triage, rules=no_triage)
    from monitor.ingest.classifier import ApartTriage

    inline = None if no_triage else ApartTriage(app)
    try:
        if is_terminal() and not as_json:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                transient=True,
            ) as bar:  # fmt: skip
                task = bar.add_task("importing", total=None)

                def progress(stats: object) -> None:
                    s = stats  # IngestStats
                    bar.update(task, description=f"importing: {s.seen} records, {s.new} new")  # type: ignore[attr-defined]

                with _failures_printed_here():
                    report = import_files(app, list(files), progress, full=full, after_write=inline)
        else:
            with _failures_printed_here():
                report = import_files(app, list(files), full=full, after_write=inline)
        triage = None if inline is None else inline.finish(app)
    finally:
        if inline is not None:
            inline.close()
    _finish(report, as_json, triage)


COMMANDS = [fetch, import_]
