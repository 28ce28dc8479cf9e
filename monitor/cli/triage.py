"""``scimon triage`` and ``scimon eval triage``."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.app import App
from monitor.cli.common import checks_config, echo_json, json_option, pass_app
from monitor.errors import MonitorError
from monitor.triage.run import triage_new


@click.command("triage")
@click.option(
    "--all", "everything", is_flag=True, help="Re-triage every paper (after rules change)."
)
@json_option
@pass_app
@checks_config(feeds=False)
def triage(app: App, everything: bool, as_json: bool) -> None:
    """Classify papers that are new, changed, or triaged by older rules."""
    report = triage_new(app, everything=everything)
    if as_json:
        echo_json(report)
        return
    designs = report.get("by_design") or {}
    click.echo(f"triaged {report['triaged']} papers (rules {report['rules_version']})")
    if isinstance(designs, dict):
        for design, count in sorted(designs.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {design:<22}{count}")


@click.group("eval")
def eval_() -> None:
    """Measure the classifier."""


@eval_.command("triage")
@click.argument("paths", nargs=-1,
                type=click.Path(exists=True, path_type=Path))  # fmt: skip
@click.option("--show", default=30, show_default=True, help="Misclassified PMIDs listed.")
@click.option("--since", type=int, metavar="YEAR",
              help="Only records published in or after YEAR.")  # fmt: skip
@click.option("--corrections", is_flag=True,
              help="Score today's rules against editors' corrections in the database.")  # fmt: skip
@json_option
@pass_app
def eval_triage(
    app: App, paths: tuple[Path, ...], show: int, since: int | None, corrections: bool,
    as_json: bool,
) -> None:  # fmt: skip
    """Score triage without indexing against MEDLINE indexing in PubMed XML at PATHS.

    PATHS are .xml or .xml.gz files, or folders searched for them.  The
    classifier sees title, abstract and journal name, not the publication
    types and MeSH that are the answer key.  With --corrections, the answer
    key is editors' corrections stored in the database instead.
    """
    from monitor.evaluation.triage import evaluate_files, pubmed_files
    from monitor.triage.run import rules_for

    if corrections:
        _eval_corrections(app, show, as_json)
        return
    if not paths:
        raise click.UsageError("give PubMed XML PATHS, or --corrections")

    if not pubmed_files(paths):
        raise click.UsageError(
            "no PubMed XML (.xml or .xml.gz) files in " + ", ".join(map(str, paths))
        )
    result = evaluate_files(paths, rules_for(app), since=since).as_dict()
    where = ", ".join(map(str, paths))
    if not result["records_read"]:
        skipped = "".join(f"\n  skipped: {s}" for s in result["skipped_files"])
        published = f" published {since} or later" if since else ""
        raise click.UsageError(f"no PubMed records (PubmedArticle){published} in {where}{skipped}")
    if not result["records"]:
        raise MonitorError(
            f"none of the {result['records_read']} PubMed records in {where} is MEDLINE-indexed"
            + (f" and published {since} or later" if since else "")
            + ": there is no answer key to score against"
        )
    if as_json:
        echo_json({**result, "since": since})
        return
    published = f", published {since} or later" if since else ""
    click.echo(
        f"MEDLINE-indexed records: {result['records']}{published} (no indexing: title, "
        "abstract and journal name)\n"
    )
    click.echo(f"{'class':<22}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
    for cls, s in result["classes"].items():
        click.echo(f"{cls:<22}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
                   f"{s['support']:>9}")  # fmt: skip
    classes = list(result["classes"])
    cells = {(c["gold"], c["predicted"]): c["count"] for c in result["confusion"]}
    click.echo("\nconfusion (rows: indexers, columns: predicted)")
    click.echo(" " * 22 + "".join(f"{c[:6]:>7}" for c in classes))
    for gold in classes:
        row = "".join(f"{cells.get((gold, p), 0):>7}" for p in classes)
        click.echo(f"{gold:<22}{row}")
    click.echo("\ntargets")
    _echo_targets(result["targets"])
    with_abstract = result["with_abstract"]
    click.echo(f"\ntargets on the {with_abstract['records']} records with an abstract")
    _echo_targets(with_abstract["targets"])
    outside = result["outside_key"]
    if outside["records"]:
        click.echo(
            f"\nrecall outside the key: {outside['records']} records not MEDLINE-indexed yet "
            "that carry a design publication type (untagged records are not negatives)"
        )
        for cls, r in outside["recall"].items():
            # the review model learnt from the corpus's records outside the key
            trained = "  (review model trained on these)" if cls == "narrative_review" else ""
            click.echo(
                f"  {cls:<22}recall {r['recall']:.3f} ({r['found']} of {r['support']}){trained}"
            )
    for skipped in result["skipped_files"]:
        click.echo(f"\nskipped (not readable PubMed XML): {skipped}", err=True)
    if result["misclassified"] and show:
        click.echo(f"\nmisclassified ({len(result['misclassified'])}, first {show}):")
        for m in result["misclassified"][:show]:
            click.echo(f"  {m['pmid']:<10} indexers: {m['gold']:<20} predicted: {m['predicted']}")
            click.echo(f"  {'':<10} {m['title'][:100]}  [{m['reason'][:60]}]")


@eval_.command("relevance")
@click.argument("labels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sources", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sources file (TOML); default: sources.toml beside LABELS.")  # fmt: skip
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/corpus"), show_default=True,
              help="Folder the sources' paths are relative to.")  # fmt: skip
@click.option("--mode", type=click.Choice(["text", "all"]), default="text", show_default=True,
              help="text: title and abstract; all: also keywords and MeSH.")  # fmt: skip
@click.option("--show", default=30, show_default=True, help="Misclassified records listed.")
@json_option
@pass_app
def eval_relevance(
    app: App, labels: Path, sources: Path | None, corpus: Path, mode: str, show: int,
    as_json: bool,
) -> None:  # fmt: skip
    """Score SCI relevance against the hand-labelled records in LABELS (CSV)."""
    from monitor.evaluation.relevance import (
        evaluate_relevance,
        load_labelled_records,
        read_labels,
        read_sources,
    )
    from monitor.triage import RELEVANCE
    from monitor.triage.run import rules_for

    sources_path = sources or labels.with_name("sources.toml")
    if not sources_path.exists():
        raise click.UsageError(f"no sources file: {sources_path} (use --sources)")
    if not corpus.is_dir():
        raise click.UsageError(f"corpus folder {corpus} does not exist (use --corpus)")
    try:
        pairs, missing = load_labelled_records(
            read_labels(labels), read_sources(sources_path), corpus
        )
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    result = evaluate_relevance(pairs, rules_for(app), mode="all" if mode == "all" else "text")
    result.missing = missing
    out = result.as_dict()
    if as_json:
        echo_json(out)
        return
    what = "title + abstract" if mode == "text" else "title, abstract, keywords, MeSH"
    click.echo(f"labelled records: {out['records']} ({what}); not found: {len(missing)}")
    click.echo(f"accuracy (3 labels): {out['accuracy']:.3f}\n")
    click.echo(f"{'':<22}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
    rows = [("core", out["core"]), ("core or peripheral", out["relevant"])]
    rows += [(f"  {k}", v) for k, v in out["per_label"].items() if k != "core"]
    for name, s in rows:
        click.echo(f"{name:<22}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
                   f"{s['support']:>9}")  # fmt: skip
    click.echo("\nconfusion (rows: labels, columns: predicted)")
    click.echo(" " * 12 + "".join(f"{c:>12}" for c in RELEVANCE))
    cells = {(c["gold"], c["predicted"]): c["count"] for c in out["confusion"]}
    for gold in RELEVANCE:
        row = "".join(f"{cells[(gold, p)]:>12}" for p in RELEVANCE)
        click.echo(f"{gold:<12}{row}")
    if out["misclassified"]:
        click.echo(f"\nmisclassified ({len(out['misclassified'])}, first {show}):")
        for m in out["misclassified"][:show]:
            click.echo(f"  {m['source']}:{m['id']}  label {m['gold']}, predicted "
                       f"{m['predicted']} ({m['reason']}); note: {m['note']}")  # fmt: skip
    for key in missing[:show]:
        click.echo(f"  not found: {key}")


def _eval_corrections(app: App, show: int, as_json: bool) -> None:
    from monitor.evaluation.triage import score_corrections

    result = score_corrections(app)
    if as_json:
        echo_json(result)
        return
    if not result["papers"]:
        click.echo("no triage corrections stored yet (editors correct triage on the paper page)")
        return
    click.echo(f"{result['papers']} corrected papers; rules {result['rules_version']}")
    for facet, s in result["facets"].items():
        click.echo(f"  {facet:<12} rules agree with editors on {s['agree']} of "
                   f"{s['corrections']} ({s['accuracy']:.3f})")  # fmt: skip
        for c in s["confusion"][:show]:
            click.echo(f"    rules {c['rules']:<22} editor {c['editor']:<22} {c['count']}")


COMMANDS = [triage, eval_]


def _echo_targets(targets: dict[str, dict[str, object]]) -> None:
    for name, t in targets.items():
        figures = ", ".join(f"{k} {v}" for k, v in t.items() if k != "met")
        verdict = "no data" if t["met"] is None else "met" if t["met"] else "NOT met"
        click.echo(f"  {name:<22}{verdict:<9}{figures}")
