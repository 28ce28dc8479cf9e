"""``scimon queries``: validate and tune the PubMed queries with evidence."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from monitor.app import App
from monitor.cli.common import echo_json, json_option, json_report, pass_app
from monitor.evaluation.queries import (
    check_preprints,
    check_queries,
    check_trials,
    diff_query,
    read_gold,
    recall,
)
from monitor.sources.eutils import EutilsClient


@click.group()
def queries() -> None:
    """Check, compare and measure the configured PubMed queries."""


@json_report(queries, "check")
def check(app: App, as_json: bool) -> None:
    """Validate config; show each query's translation, hit count and NCBI warnings.

    With [trials] or [preprints] enabled, their queries are counted too, over
    their lookback windows (ClinicalTrials.gov, Europe PMC).
    """
    _validate_other_files(app)
    with EutilsClient.from_settings(app.settings) as client:
        results = check_queries(app, client)
    config = app.settings.config
    if config.trials.enabled:
        results.append(check_trials(app))
    if config.preprints.enabled:
        results.append(check_preprints(app))
    if as_json:
        echo_json([r.__dict__ | {"ok": r.ok} for r in results])
    else:
        for r in results:
            if r.name in ("trials", "preprints") and r.translation is None:
                what = "studies updated" if r.name == "trials" else "preprints indexed"
                click.echo(f"{r.name}: {r.count} {what} over the last {r.days} days")
                click.echo(f"  query: {r.term}")
                for note in r.errors:
                    click.echo(f"  error: {note}")
                if r.count == 0 and not r.errors:
                    click.echo("  warning: the query matches nothing in the window")
                continue
            click.echo(f"query {r.name}: {r.count} records over the last {r.days} days")
            click.echo(f"  translation: {r.translation or '(none given)'}")
            for note in r.errors + r.warnings:
                click.echo(f"  warning: {note}")
            if r.count == 0:
                click.echo("  warning: the term matches nothing in the window")
    if any(not r.ok for r in results):
        sys.exit(1)


def _validate_other_files(app: App) -> None:
    """Load feeds, triage and categories config too, so one command validates everything."""
    from monitor.briefs.categories import load_categories
    from monitor.ingest.feeds import configured_feeds
    from monitor.triage.run import rules_for

    n_feeds = len(configured_feeds(app))
    rules = rules_for(app)
    categories = load_categories(app.settings.categories_file())
    click.echo(
        f"config ok: {app.settings.config_path}, {n_feeds} feeds, triage rules {rules.version}, "
        f"{len(categories.categories)} categories",
        err=True,
    )


@queries.command("diff")
@click.option("--query", "query_name", required=True, help="The configured query to compare.")
@click.option("--term", "new_term", required=True, help="The candidate PubMed term.")
@click.option("--days", default=90, show_default=True, type=click.IntRange(1, 3650))
@click.option("--limit", default=100, show_default=True, help="Papers listed per side.")
@json_option
@pass_app
def diff(app: App, query_name: str, new_term: str, days: int, limit: int, as_json: bool) -> None:
    """Which papers NEW TERM would add and remove compared with the configured one."""
    query = app.settings.query(query_name)
    with EutilsClient.from_settings(app.settings) as client:
        result = diff_query(app, client, query, new_term, days, limit=limit)
    if as_json:
        echo_json(
            {
                **{k: v for k, v in result.__dict__.items() if k not in ("added", "removed")},
                "added": [i.__dict__ for i in result.added],
                "removed": [i.__dict__ for i in result.removed],
            }
        )
        return
    click.echo(
        f"query {result.query}, last {days} days: {result.old_count} now, "
        f"{result.new_count} with the new term "
        f"(+{len(result.added)} / -{len(result.removed)} listed)"
    )
    for note in result.warnings:
        click.echo(f"warning: {note}")
    for label, items in (("added", result.added), ("removed", result.removed)):
        click.echo(f"\n{label}:")
        for i in items:
            click.echo(f"  {i.pmid:>9}  {i.design:<20} {i.title[:90]}")


@queries.command("recall")
@click.option(
    "--gold",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="DOIs or PMIDs that must be caught (one per line, or CSV with doi/pmid).",
)
@json_option
@pass_app
def recall_(app: App, gold: Path, as_json: bool) -> None:
    """Recall of the configured queries and feeds on papers that must be caught."""
    items = read_gold(gold)
    with EutilsClient.from_settings(app.settings) as client:
        report = recall(app, client, items)
    if as_json:
        echo_json(
            {
                "total": report.total,
                "caught": report.caught,
                "recall": round(report.recall, 4),
                "items": [
                    {"id": r.item.raw, "caught": r.caught, "how": r.how} for r in report.items
                ],
            }
        )
        return
    click.echo(f"recall {report.caught}/{report.total} = {report.recall:.3f}")
    for r in report.items:
        if not r.caught:
            click.echo(f"  missed {r.item.raw}: {r.how}")


COMMANDS = [queries]
