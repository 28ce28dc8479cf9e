"""``scimon fetch`` and ``scimon import``: bring papers in."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from monitor.app import App
from monitor.cli.common import echo_json, is_terminal, json_option, pass_app
from monitor.ingest.run import RunReport, fetch_feeds, fetch_pubmed, import_files
from monitor.triage.run import triage_new


def _finish(report: RunReport, as_json: bool, triage: dict[str, object] | None = None) -> None:
    if as_json:
        data = report.as_dict()
        if triage is not None:
            data["triage"] = triage
        echo_json(data)
    else:
        s = report.stats
        click.echo(
            f"seen {s.seen}, new {s.new}, updated {s.updated}, duplicates {s.duplicates}, "
            f"deleted {s.deleted}, requests {s.requests}"
        )
    for name, error in report.failed.items():
        click.echo(f"error: {name}: {error}", err=True)
    if report.failed:
        sys.exit(1)


@click.command("fetch")
@click.option("--query", "query_name", help="Run only this PubMed query.")
@click.option(
    "--source",
    type=click.Choice(["pubmed", "feeds", "all"]),
    default="all",
    show_default=True,
    help="Which sources to fetch.",
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
    """Fetch new papers from PubMed and journal feeds, then triage them."""
    report = RunReport()
    if query_name or feed_names:
        source = "pubmed" if query_name and not feed_names else source
        source = "feeds" if feed_names and not query_name else source
    if source in ("pubmed", "all"):
        _merge(report, fetch_pubmed(app, query_name))
    if source in ("feeds", "all"):
        _merge(report, fetch_feeds(app, list(feed_names) or None))
    triage = None if no_triage else triage_new(app)
    _finish(report, as_json, triage)


def _merge(into: RunReport, other: RunReport) -> None:
    into.stats.add(other.stats)
    into.sources.update(other.sources)
    into.failed.update(other.failed)


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

            report = import_files(app, list(files), progress, full=full)
    else:
        report = import_files(app, list(files), full=full)
    triage = None if no_triage else triage_new(app)
    _finish(report, as_json, triage)


COMMANDS = [fetch, import_]
