"""``scimon triage`` and ``scimon eval triage``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from monitor.app import App
from monitor.cli.common import checks_config, echo_json, json_option, pass_app
from monitor.errors import MonitorError
from monitor.triage.run import triage_new
from monitor.wording import count_of


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
    triaged = count_of(int(str(report["triaged"])), "paper")
    click.echo(f"triaged {triaged} (rules {report['rules_version']})")
    if isinstance(designs, dict):
        for design, count in sorted(designs.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {design:<22}{count}")


@click.group("eval")
def eval_() -> None:
    """Measure the classifier."""


@eval_.command("triage")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--key", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score against a hand-labelled design key (CSV) instead of MEDLINE "
                   "indexing.")  # fmt: skip
@click.option("--check", is_flag=True,
              help="Score the held-out half of the design key (check.csv beside --key, "
                   "default docs/design-key/check.csv).")  # fmt: skip
@click.option("--check-file", "check_file", default="check.csv", show_default=True,
              metavar="NAME",
              help="With --check: which held-out file beside the key to score (check2.csv, "
                   "check3.csv, ... are the later check sets, each "
                   "drawn after the earlier ones had been read).")  # fmt: skip
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/corpus"), show_default=True,
              help="Folder the key's sources are relative to.")  # fmt: skip
@click.option("--show", default=30, show_default=True, help="Misclassified records listed.")
@click.option("--since", type=int, metavar="YEAR",
              help="Only records published in or after YEAR.")  # fmt: skip
@click.option("--corrections", is_flag=True,
              help="Score today's rules against editors' corrections in the database.")  # fmt: skip
@json_option
@pass_app
def eval_triage(
    app: App, paths: tuple[Path, ...], key: Path | None, check: bool, check_file: str,
    corpus: Path, show: int, since: int | None, corrections: bool, as_json: bool,
) -> None:  # fmt: skip
    """Score triage without indexing against MEDLINE indexing in PubMed XML at PATHS,
    against the hand-labelled design key (--key, --check), or against editors'
    corrections stored in the database (--corrections).

    PATHS are .xml or .xml.gz files, or folders searched for them.  The
    classifier sees title, abstract and journal name, not the publication
    types and MeSH that are the answer key.  With --corrections, the answer
    key is editors' corrections stored in the database instead.
    """
    from monitor.evaluation.triage import evaluate_files, pubmed_files
    from monitor.triage.run import rules_for

    if corrections:
        if paths or key is not None or check:
            raise click.UsageError("--corrections reads the database; not with PATHS or --key")
        _eval_corrections(app, show, as_json)
        return
    if key is not None or check:
        if paths or since is not None:
            raise click.UsageError("PATHS and --since score MEDLINE indexing; not with --key")
        _eval_key(app, key, check, check_file, corpus, show, as_json)
        return
    if not paths:
        raise click.UsageError(
            "give PATHS (PubMed XML), --key/--check (the design key) or --corrections"
        )
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
    click.echo("\nprecision / recall when only designs at least this confident count")
    click.echo(f"{'class':<22}" + "".join(f"{t / 10:>12.1f}" for t in range(0, 10, 2)))
    for cls, rows in result["confidence_curves"].items():
        points = [
            "—" if r["precision"] is None else f"{r['precision']:.2f}/{r['recall'] or 0:.2f}"
            for r in rows[::2]
        ]
        click.echo(f"{cls:<22}" + "".join(f"{c:>12}" for c in points))
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


@eval_.command("card")
@click.argument("key", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show", default=20, show_default=True, help="Abstracts with errors listed.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Corpus folder (default: $SCIMON_CORPUS_DIR or ../shared/corpus).")  # fmt: skip
@json_option
@pass_app
def eval_card(app: App, key: Path, show: int, corpus: Path | None, as_json: bool) -> None:
    """Score the card fields (participants, duration, evidence level) against KEY.

    KEY is a hand-labelled CSV such as docs/card-key/dev.csv: ids of records in
    the recorded corpus ($SCIMON_CORPUS_DIR, else ../shared/corpus) and their
    labels.  Design is read from the text only, as for new papers.
    """
    from monitor.evaluation.card import corpus_dir, evaluate_card, read_key
    from monitor.triage.run import rules_for

    root = corpus or corpus_dir()
    rows = read_key(key)
    result = evaluate_card(rows, rules_for(app), root).as_dict()
    if not result["found"]:
        raise MonitorError(
            f"none of the {result['rows']} records of {key} is in the corpus at {root}"
            " (set SCIMON_CORPUS_DIR or --corpus)"
        )
    if as_json:
        echo_json(result)
        return
    p, d, e = result["participants"], result["duration"], result["evidence"]
    pc, dc, ec = p["counts"], d["counts"], e["counts"]
    click.echo(f"{result['found']} of {result['rows']} key abstracts found in {root}\n")
    click.echo(
        f"participants  exact {_rate(p['exact'])} ({pc['exact']} of {pc['with_number']} with a "
        f"number; {pc['wrong']} wrong, {pc['missed']} missed)\n"
        f"              false count {_rate(p['false_count'])} ({pc['false_count']} of "
        f"{pc['without_number']} without)"
    )
    click.echo(
        f"duration      exact {_rate(d['exact_of_outputs'])} of outputs ({dc['exact']} of "
        f"{dc['outputs']}); found {_rate(d['found_of_stated'])} of {dc['stated']} stated\n"
        f"              invented {_rate(d['invented'])} ({dc['invented']} of {dc['none_stated']} "
        "stating none)"
    )
    click.echo(
        f"evidence      agreement {_rate(e['agreement'])} ({ec['agree']} of {ec['rows']}); "
        f"human designs {_rate(e['agreement_human_designs'])} ({ec['human_agree']} of "
        f"{ec['human_rows']})"
    )
    click.echo("\ntargets")
    for name, t in result["targets"].items():
        met = {True: "met", False: "NOT met", None: "no data"}[t["met"]]
        click.echo(f"  {name:<28}{_rate(t['value']):>7}  {t['target']:<8}  {met}")
    for absent in result["absent"]:
        click.echo(f"not in the corpus: {absent}", err=True)
    if result["errors"] and show:
        click.echo(f"\nabstracts with errors ({len(result['errors'])}, first {show}):")
        for err in result["errors"][:show]:
            click.echo(f"  {err['source']}#{err['record_id']}: " + "; ".join(err["errors"]))


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


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

DEFAULT_KEY_DIR = Path("docs/design-key")


def _eval_key(
    app: App, key: Path | None, check: bool, check_file: str, corpus: Path, show: int,
    as_json: bool,
) -> None:
    """``eval triage --key``/``--check``: the hand-labelled design key."""
    from monitor.evaluation.design_key import load_key_records, read_key
    from monitor.evaluation.key_scores import evaluate_key
    from monitor.triage.run import rules_for

    if check:
        if Path(check_file).name != check_file:
            raise click.UsageError("--check-file is a file name beside the key, not a path")
        key = (key.parent if key is not None else DEFAULT_KEY_DIR) / check_file
        if not key.is_file():
            raise click.UsageError(f"no held-out key at {key}")
        click.echo(
            f"WARNING: {key} is the held-out half of the design key. Run it only to report "
            "final figures; changing rules after reading them makes them optimistic.",
            err=True,
        )
    assert key is not None  # --check chose one, else --key was given
    if not corpus.is_dir():
        raise click.UsageError(f"corpus folder {corpus} does not exist (use --corpus)")
    pairs, missing = load_key_records(read_key(key), corpus)
    if not pairs:
        raise MonitorError(f"none of the records of {key} was found under {corpus}")
    result = evaluate_key(pairs, rules_for(app))
    result.missing = missing
    shipped = getattr(app.settings.config.triage, "likely_below", None)
    result.shipped_threshold = float(shipped) if isinstance(shipped, int | float) else None
    out = result.as_dict()
    if as_json:
        echo_json({"key": str(key), "held_out": check, **out})
        return
    _echo_key(key, out, show)


def _fig(value: object) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _echo_key(key: Path, out: dict[str, Any], show: int) -> None:
    from monitor.evaluation.key_scores import MAIN_CLASSES, REST

    title_only = out["title_only"]
    click.echo(
        f"design key {key}: {out['records']} records ({title_only['records']} title only), "
        f"not found: {len(out['missing'])}; text only (no indexing)"
    )
    click.echo(
        f"predicted unclassified: {out['predicted_unclassified']} (left out of precision, "
        "counted as misses in recall)\n"
    )
    click.echo(f"{'design':<22}{'recall':>8}{'precision':>11}{'f1':>8}{'support':>9}"
               f"{'predicted':>11}")  # fmt: skip
    for cls, c in out["classes"].items():
        click.echo(f"{cls:<22}{_fig(c['recall']):>8}{_fig(c['precision']):>11}"
                   f"{_fig(c['f1']):>8}{c['support']:>9}{c['predicted']:>11}")  # fmt: skip
    cells = {(c["gold"], c["predicted"]): c["count"] for c in out["confusion"]}
    classes = [c for c in (*MAIN_CLASSES, REST) if any(c in k for k in cells)]
    click.echo("\nconfusion (rows: key, columns: predicted)")
    click.echo(" " * 20 + "".join(f"{c[:7]:>8}" for c in classes))
    for gold in classes:
        row = "".join(f"{cells.get((gold, p), 0):>8}" for p in classes)
        click.echo(f"{gold:<20}{row}")
    pop, rel = out["population"], out["relevance"]
    hva = pop["human_vs_animal"]
    click.echo(f"\npopulation accuracy {_fig(pop['accuracy'])} ({pop['records']} records); "
               f"human vs animal {_fig(hva['accuracy'])} ({hva['records']})")  # fmt: skip
    core = rel["core"]
    click.echo(f"relevance accuracy {_fig(rel['accuracy'])}; core recall {_fig(core['recall'])}"
               f" precision {_fig(core['precision'])} ({core['support']})")  # fmt: skip
    click.echo(
        f"title only: {title_only['records']} records, called commentary "
        f"{title_only['commentary_predicted']} (precision "
        f"{_fig(title_only['commentary_precision'])}, errors {title_only['commentary_errors']}), "
        f"decided {title_only['decided']} (accuracy {_fig(title_only['decided_accuracy'])})"
    )
    click.echo(f"  predicted: {title_only['predicted']}")
    click.echo("\ntargets (issue 19)")
    for name, t in out["targets"].items():
        verdict = "no data" if t["met"] is None else "met" if t["met"] else "NOT met"
        figures = ", ".join(f"{k} {_fig(v)}" for k, v in t.items() if k not in ("met", "target"))
        click.echo(f"  {name:<24}{verdict:<9}{figures}  ({t['target']})")
    conf = out["confidence"]
    if conf is None:
        click.echo("\nconfidence: triage gives no per-design confidences (Triage.confidence)")
    else:
        _echo_confidence(conf)
    if out["misclassified"] and show:
        click.echo(f"\nmisclassified ({len(out['misclassified'])}, first {show}):")
        for m in out["misclassified"][:show]:
            record = m["record"][-40:]
            click.echo(f"  {record:<40} key: {m['gold']:<20} predicted: {m['predicted']}")
            click.echo(f"  {'':<40} {m['title'][:90]}  [{m['reason'][:60]}]")
    for missing in out["missing"][:show]:
        click.echo(f"  not found: {missing}")


def _echo_confidence(conf: dict[str, Any]) -> None:
    click.echo(f"\nprecision / recall by confidence threshold ({conf['records']} records)")
    first = next(iter(conf["curves"].values()))
    header = "".join(f"{p['threshold']:>12.1f}" for p in first)
    click.echo(f"{'design':<22}{header}")
    for cls, points in conf["curves"].items():
        cells = "".join(f"{_fig(p['precision']):>6}/{_fig(p['recall']):<5}" for p in points)
        click.echo(f"{cls:<22}{cells}")
    at = conf["at_shipped_threshold"]
    if at:
        click.echo(f"\nshown design counted only at confidence >= {conf['shipped_threshold']} "
                   "(the shipped threshold; below it editors see 'likely')")  # fmt: skip
        for cls, f in at.items():
            click.echo(f"  {cls:<22}recall {_fig(f['recall']):>6}  precision "
                       f"{_fig(f['precision']):>6}  ({f['predicted']} predicted)")  # fmt: skip
    rel = conf["reliability"]
    click.echo(f"\nreliability of the shown design's confidence (ECE {_fig(rel['ece'])})")
    click.echo(f"  {'confidence':<12}{'records':>8}{'mean':>8}{'accuracy':>10}")
    for b in rel["bins"]:
        click.echo(f"  {b['bin']:<12}{b['records']:>8}{_fig(b['mean_confidence']):>8}"
                   f"{_fig(b['accuracy']):>10}")  # fmt: skip


def _echo_targets(targets: dict[str, dict[str, object]]) -> None:
    for name, t in targets.items():
        figures = ", ".join(f"{k} {v}" for k, v in t.items() if k != "met")
        verdict = "no data" if t["met"] is None else "met" if t["met"] else "NOT met"
        click.echo(f"  {name:<22}{verdict:<9}{figures}")

# `scimon eval ranking` lives in its own module (it brings scikit-learn); importing it
# adds it to the `eval` group above, so `eval` is complete whichever module loads first
from monitor.cli import learn as _ranking  # noqa: E402, F401
