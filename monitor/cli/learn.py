"""``scimon eval ranking``: replay labelled screening sets through the learned ranking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from monitor.app import App
from monitor.cli.common import echo_json, json_option, pass_app
from monitor.cli.triage import eval_
from monitor.errors import InputError


@eval_.command("ranking")
@click.argument("datasets", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))  # fmt: skip
@click.option("--level", type=click.Choice(["abstract", "final"]), default="abstract",
              show_default=True,
              help="Which decision is an include where a dataset has two levels.")  # fmt: skip
@click.option("--batches", default=10, show_default=True,
              help="Batches when the records' dates are too sparse for weeks.")  # fmt: skip
@click.option("--seeds", default=10, show_default=True, help="Random orders averaged.")
@click.option("--simulate/--no-simulate", default=True, show_default=True,
              help="Also the one-label-at-a-time simulation.")  # fmt: skip
@click.option("--sim-model", type=click.Choice(["logreg", "nb"]), default="logreg",
              show_default=True,
              help="The simulation's classifier: scimon's or naive Bayes.")  # fmt: skip
@json_option
@pass_app
def eval_ranking(
    app: App, datasets: tuple[Path, ...], level: str, batches: int, seeds: int,
    simulate: bool, sim_model: str, as_json: bool,
) -> None:  # fmt: skip
    """Replay labelled DATASETS in weekly batches: the learned ranking against the
    fixed priority and random order.

    A DATASET is a CSV, RIS or BibTeX file with include/exclude decisions, or
    a citation-screening folder (Wallace 2010).
    """
    from monitor.briefs.categories import load_categories
    from monitor.evaluation import ranking
    from monitor.parse.labelled import read_labelled
    from monitor.triage.run import rules_for

    rules = rules_for(app)
    categories = load_categories(app.settings.categories_file())
    results: list[dict[str, Any]] = []
    for path in datasets:
        try:
            labelled = read_labelled(path, level=level)
        except InputError as exc:
            raise click.UsageError(str(exc)) from exc
        if not labelled:
            raise click.UsageError(f"{path}: no labelled records")
        items = ranking.items_of(labelled, rules, categories)
        result: dict[str, Any] = {"dataset": str(path), "level": level}
        result.update(ranking.replay(items, batches=batches, seeds=seeds))
        if simulate:
            result["one_at_a_time"] = ranking.simulate(items, model=sim_model)
        results.append(result)
        if not as_json:
            _echo(result)
    if as_json:
        echo_json({"datasets": results})


def _echo(r: dict[str, Any]) -> None:
    def f(value: object) -> str:
        return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)

    click.echo(f"\n{r['dataset']}: {r['records']} records, {r['includes']} includes "
               f"({r['level']} level), {r['batching']}")  # fmt: skip
    if r["fallback_weeks"]:
        click.echo(f"  fixed priority ranked {r['fallback_weeks']} week(s) alone (too few labels)")
    names = ["top15", "top30", "top15_recall", "top30_recall", "recall_at_25", "recall_at_50",
             "wss95"]  # fmt: skip
    for title, key in (("every week after the first", "methods"),
                       ("weeks after the 4th", "after_4_weeks")):  # fmt: skip
        click.echo(f"  {title}:")
        click.echo("    " + f"{'':<8}" + "".join(f"{n:>13}" for n in names))
        for method, figures in r[key].items():
            click.echo("    " + f"{method:<8}" + "".join(f"{f(figures[n]):>13}" for n in names))
    curve = "  ".join(
        f"{k} weeks: {f(v['top15']) if v else '-'}" for k, v in r["learning_curve"].items()
    )
    click.echo(f"  learning curve (top-15 includes, later weeks): {curve}")
    t = r["target"]
    verdict = "met" if t["met"] else "not met" if t["possible"] else "cannot be met"
    click.echo(f"  target (top 15 after 4 weeks >= 3x fixed = {f(t['needed_top15'])}, above "
               f"random): {verdict}; a perfect ranking's top 15: "
               f"{f(t['ceiling_top15'])}"
               + (f"; 3x the fixed priority beyond a perfect top 15 in "
                  f"{t['weeks_3x_impossible']} of those weeks"
                  if "weeks_3x_impossible" in t else ""))  # fmt: skip
    d = r.get("diagnosis")
    if d and d["weeks"]:
        click.echo(f"  why (weeks 5 on): {f(d['includes_a_week'])} includes a week, "
                   f"{d['weeks_under_15_includes']} of {d['weeks']} weeks under 15; "
                   f"{d['labelled_includes_at_week_5']} includes labelled by week 5; "
                   f"learned top 15 at {f(d['of_ceiling_first_half'])} then "
                   f"{f(d['of_ceiling_second_half'])} of a perfect ranking's")  # fmt: skip
    sim = r.get("one_at_a_time")
    if sim:
        click.echo(f"  one label at a time ({sim.get('model')}): WSS@95 {f(sim['wss95'])}, "
                   f"recall@10% {f(sim['recall_at_10'])}")  # fmt: skip


COMMANDS: list[click.Command] = []
