"""The tags' weight in the weekly replay (issue 22, tags22).

    python benchmarks/ranking_tags.py --half dev|check [--weights 0.5 0.25 0.1 0]
        [--only NAME...] [--cache FILE] [--items DIR]

``train`` reads the triage, journal, topic and category indicators beside the TF-IDF
words at ``preference.TAG_WEIGHT``; one label at a time they made the ranking much
worse (docs/benchmarks.md, rank22).  This replays each dataset week by week
(``monitor.evaluation.ranking.replay``, what ``scimon eval ranking`` runs) once per
weight, with ``TAG_WEIGHT`` set on the module for the run (``train`` and the scoring
read it), so the product's code is what is measured.  Per weight: the learned
ranking's includes in each week's top 15 and top 30, recall after reading 25% and
50% of each week, WSS@95, after 4 weeks of labels and over every week with earlier
labels, and the learning curve (top 15 of every later week, the model frozen after
2, 4, 8, 16 weeks).  Choose on ``--half dev``; ``--half check`` is reported.

Datasets run smallest first (by file size) unless ``--only`` orders them; ``--items``
keeps each dataset's triaged items as a pickle (the triage is the same for every
weight, and costs as much as a replay at high load).
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path
from typing import Any

from ranking import CHECK, DEV

from monitor.app import App
from monitor.briefs.categories import load_categories
from monitor.evaluation.ranking import Item, items_of, replay
from monitor.parse.labelled import read_labelled
from monitor.triage import preference
from monitor.triage.run import rules_for

FIGURES = ("top15", "top30", "recall_at_25", "recall_at_50", "wss95")


def size_of(path: Path) -> int:
    """On-disk size, the order to run in (a folder: its files' total)."""
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def summary(weekly: dict[str, Any]) -> dict[str, Any]:
    """The learned ranking's figures of one replay, and the baselines' top 15."""
    after = weekly["after_4_weeks"]
    every = weekly["methods"]
    curve = weekly["learning_curve"]
    return {
        "after4": {k: after["model"][k] for k in FIGURES},
        "all_weeks": {k: every["model"][k] for k in FIGURES},
        "curve": {k: (v or {}).get("top15") for k, v in curve.items()},
        "fixed_top15": after["fixed"]["top15"], "random_top15": after["random"]["top15"],
        "records": weekly["records"], "includes": weekly["includes"],
        "weeks": weekly["weeks"], "fallback_weeks": weekly["fallback_weeks"],
    }  # fmt: skip


def load_items(name: str, path: Path, store: Path | None, app: App) -> list[Item]:
    pickled = store / f"{name}.pickle" if store else None
    if pickled and pickled.exists():
        items: list[Item] = pickle.loads(pickled.read_bytes())
        return items
    rules = rules_for(app)
    categories = load_categories(app.settings.categories_file())
    items = items_of(read_labelled(path), rules, categories)
    if pickled:
        pickled.write_bytes(pickle.dumps(items))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("dev", "check"), required=True)
    parser.add_argument("--weights", type=float, nargs="+", default=[0.5, 0.25, 0.1, 0.0])
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--cache", type=Path, help="JSON of every run: read if there, else added")
    parser.add_argument("--items", type=Path, help="folder for the triaged items' pickles")
    args = parser.parse_args()
    datasets = DEV if args.half == "dev" else CHECK
    names = [n for n in args.only if n in datasets] if args.only else sorted(
        (n for n, p in datasets.items() if p.exists()), key=lambda n: size_of(datasets[n]))
    cache: dict[str, Any] = json.loads(args.cache.read_text()) if args.cache and \
        args.cache.exists() else {}  # fmt: skip
    if args.items:
        args.items.mkdir(parents=True, exist_ok=True)
    app = App()
    today = preference.TAG_WEIGHT
    for name in names:
        items = load_items(name, datasets[name], args.items, app)
        for weight in args.weights:  # interleaved per dataset: the same load for each weight
            key = f"{name}|{weight:g}"
            if key not in cache:
                preference.TAG_WEIGHT = weight
                started, cpu = time.perf_counter(), time.process_time()
                try:
                    cache[key] = summary(replay(items))
                finally:
                    preference.TAG_WEIGHT = today
                cache[key]["seconds"] = round(time.perf_counter() - started, 1)
                cache[key]["cpu"] = round(time.process_time() - cpu, 1)
                if args.cache:
                    args.cache.write_text(json.dumps(cache, indent=1))
            s = cache[key]
            a, e = s["after4"], s["all_weeks"]
            print(f"{name:<26}w={weight:<5g} after 4 weeks: top15 {a['top15']} top30 "
                  f"{a['top30']} r@25% {a['recall_at_25']} r@50% {a['recall_at_50']} "
                  f"WSS@95 {a['wss95']} | all weeks: top15 {e['top15']} WSS@95 {e['wss95']} "
                  f"| curve {s['curve']} | fixed {s['fixed_top15']} random "
                  f"{s['random_top15']} | {s['cpu']} s CPU", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
