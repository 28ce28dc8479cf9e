"""Ranking benchmark (issue 22): the learned ranking against the fixed priority and ASReview.

    python benchmarks/ranking.py [--asreview PATH] [--only NAME...] [--no-speed]

Per labelled screening dataset of ../shared/corpus/screening and the Rayyan
spinal-fracture export (abstract-level decisions):

* weekly replay (``scimon eval ranking``): includes in each week's top 15
  after 4 weeks of labels, the learned ranking vs the fixed priority vs random
  order (target: >= 3x the fixed priority and above random);
* one label at a time, from 1 include + 1 exclude: scimon's model (certainty
  sampling) vs ``asreview simulate`` with ASReview's default model, WSS@95 on the
  same records (target: at least as high).  ``--seeds N`` runs both from the prior
  pairs ``prior_pair(labels, 0..N-1)`` (ASReview gets them as ``--prior-idx``) and
  prints the mean and standard deviation over the seeds: one seed moves WSS@95 by
  0.01 to 0.03, as much as the differences being measured.

ASReview is never a dependency of scimon: install it in its own environment
first, and pass its executable (default /tmp/asr-venv/bin/asreview):

    python3 -m venv /tmp/asr-venv && /tmp/asr-venv/bin/pip install asreview

Without it, only scimon's figures are printed.  The datasets are split: the
dev half (Wallace's three sets and Nagtegaal) is what the model's settings
were looked at on; the check half (the 14 Cohen reviews and the Rayyan export)
was not.  Then the speed targets: retraining on 10,000 labels (< 30 s) and
scoring 50,000 papers (< 2 s), on texts of the same corpus.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from _common import CORPUS

from monitor.app import App
from monitor.briefs.categories import load_categories
from monitor.evaluation.ranking import items_of, prior_pair, reads_to_recall, replay, simulate
from monitor.parse.labelled import Labelled, read_labelled
from monitor.triage import preference
from monitor.triage.preference import Doc, recall_at, train, wss
from monitor.triage.run import rules_for

SCREENING = CORPUS / "screening"
DEV = {
    "copd": SCREENING / "citation-screening" / "copd",
    "micro_nutrients": SCREENING / "citation-screening" / "micro_nutrients",
    "proton_beam": SCREENING / "citation-screening" / "proton_beam",
    "Nagtegaal_2019": SCREENING / "synergy-dataset" / "Nagtegaal_2019" / "output"
    / "Nagtegaal_2019.csv.gz",
}  # fmt: skip
COHEN = SCREENING / "synergy-dataset" / "Cohen_2006"
CHECK = {
    **{p.name.removesuffix(".csv.gz"): p for p in sorted((COHEN / "raw").glob("*.csv.gz"))},
    "ACEInhibitors": COHEN / "output" / "online" / "ACEInhibitors.csv.gz",
    "Rayyan_spinal_fractures": CORPUS / "pubmed-sci" / "xr-sfmhsush-ssb-hsss-v2"
    / "articles_1135_EBD_PVZ_SAS_preconsensus_unmasked.bib.gz",
}  # fmt: skip


def asreview_wss(exe: Path, labelled: list[Labelled], timeout: float,
                 seed: int = 0) -> dict[str, Any]:  # fmt: skip
    """``asreview simulate`` (default model) from ``prior_pair``'s include and exclude for
    ``seed`` (the pair scimon's simulation starts from), ``--seed seed``: WSS@95 and
    recall@10%."""
    prior = prior_pair([lab.included for lab in labelled], seed)
    with tempfile.TemporaryDirectory(prefix="scimon-asr-") as tmp:
        data = Path(tmp) / "data.csv"
        with data.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["record_id", "title", "abstract", "label_included"])
            for k, lab in enumerate(labelled):
                writer.writerow([k, lab.record.title, lab.record.abstract, int(lab.included)])
        out = Path(tmp) / "sim.asreview"
        started = time.perf_counter()
        try:
            subprocess.run(
                [str(exe), "simulate", str(data), "--prior-idx", *map(str, prior),
                 "--seed", str(seed), "-o", str(out)],
                check=True, capture_output=True, timeout=timeout,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return {"error": f"timeout after {timeout:.0f} s"}
        except subprocess.CalledProcessError as exc:
            return {"error": exc.stderr.decode(errors="replace")[-300:]}
        seconds = time.perf_counter() - started
        with zipfile.ZipFile(out) as archive:
            archive.extract("results.db", tmp)
            ai = json.loads(archive.read("project.json")).get("ai", "")
        with sqlite3.connect(Path(tmp) / "results.db") as db:
            read = [int(r) for (r,) in db.execute("select record_id from results order by rowid")]
    read = list(prior) + [k for k in read if k not in prior]
    seen = set(read)
    order = read + [k for k in range(len(labelled)) if k not in seen]
    ranked = [labelled[k].included for k in order]
    return {"wss95": round(wss(ranked), 4), "recall_at_10": round(recall_at(ranked, 0.1), 4),
            "reads_at": reads_to_recall(ranked),
            "seconds": round(seconds, 1), "ai": ai or "default"}  # fmt: skip


def over_seeds(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean and standard deviation (n - 1) of the runs' WSS@95 and recall@10%; each run's
    figures beside them.  Empty when no run has figures."""
    import statistics

    out: dict[str, Any] = {"seeds": len(runs), "runs": runs}
    for key in ("wss95", "recall_at_10"):
        values = [r[key] for r in runs if r.get(key) is not None]
        out[key] = round(statistics.fmean(values), 4) if values else None
        out[f"{key}_sd"] = round(statistics.stdev(values), 4) if len(values) > 1 else None
    return out


def speed(docs: list[Doc], labels: list[bool]) -> dict[str, float]:
    """Seconds to train on 10,000 labels (with the 3-fold calibration) and to score 50,000,
    beside scikit-learn's own TF-IDF transform of the same 50,000 texts (the baseline our
    tokeniser replaces, in the same run).

    Wall time and this process's CPU time both: on the shared 2-core machine the wall time
    measures the neighbours as much as the code.  "With the reasons" includes "like N papers
    you summarized" against the training set's summarized papers.
    """

    def timed(work: Any) -> tuple[float, float, Any]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = work()
        return round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2), out

    n = min(len(docs), 10_000)
    train_wall, train_cpu, model = timed(lambda: train(docs[:n], labels[:n]))
    many = (docs * (50_000 // len(docs) + 1))[:50_000]
    texts = [d.text for d in many]
    sk_wall, sk_cpu, _ = timed(lambda: model.vectorizer.transform(texts))
    score_wall, score_cpu, _ = timed(lambda: model.probability(many))
    model.remember([d for d, y in zip(docs[:n], labels[:n], strict=True) if y])
    explain_wall, explain_cpu, _ = timed(
        lambda: [model.score_and_explain(many[k : k + 2000]) for k in range(0, len(many), 2000)]
    )
    return {"labels": n, "train_wall": train_wall, "train_cpu": train_cpu,
            "sklearn_transform_50k_wall": sk_wall, "sklearn_transform_50k_cpu": sk_cpu,
            "score_50k_wall": score_wall, "score_50k_cpu": score_cpu,
            "score_and_explain_50k_wall": explain_wall,
            "score_and_explain_50k_cpu": explain_cpu}  # fmt: skip


def label_curve(items: list[Any], sizes: tuple[int, ...] = (2, 5, 10, 20, 50),
                seeds: int = 5) -> dict[str, Any]:  # fmt: skip
    """AUC on the other records of a model trained on k includes + k excludes (random
    samples, averaged), beside the fixed priority's AUC: why MIN_EACH is 10."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    from monitor.triage.preference import blend

    y = np.array([i.included for i in items])
    fixed = float(roc_auc_score(y, [i.static for i in items]))
    out: dict[str, Any] = {"fixed": round(fixed, 3)}
    for k in sizes:
        aucs = []
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            pos = rng.choice(np.flatnonzero(y), k, replace=False)
            neg = rng.choice(np.flatnonzero(~y), k, replace=False)
            chosen = set(pos.tolist() + neg.tolist())
            model = train([items[j].doc for j in chosen], [bool(y[j]) for j in chosen])
            rest = [j for j in range(len(items)) if j not in chosen]
            p = model.probability([items[j].doc for j in rest])
            scores = [blend(items[j].static, float(q)) for j, q in zip(rest, p, strict=True)]
            aucs.append(float(roc_auc_score(y[rest], scores)))
        out[str(k)] = round(sum(aucs) / len(aucs), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--asreview", type=Path, default=Path("/tmp/asr-venv/bin/asreview"))
    parser.add_argument("--only", nargs="*", help="dataset names")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--seeds", type=int, default=1,
                        help="one-label-at-a-time runs per dataset, from prior pairs 0..N-1 "
                        "(the same pairs for scimon and ASReview): mean and spread")  # fmt: skip
    parser.add_argument("--asreview-timeout", type=float, default=900.0)
    parser.add_argument("--asreview-cache", type=Path,
                        help="JSON of ASReview's figures per dataset: read if there, else "
                        "written (ASReview's run does not depend on scimon's code)")  # fmt: skip
    parser.add_argument("--asreview-only", action="store_true",
                        help="only run ASReview into --asreview-cache")  # fmt: skip
    parser.add_argument("--simulate-cache", type=Path,
                        help="JSON of scimon's one-label-at-a-time figures per dataset: read if "
                        "there, else written (it depends on the classifier and the vectorizer "
                        "only, not on the blend or the tags)")  # fmt: skip
    parser.add_argument("--simulate-only", action="store_true",
                        help="only run the simulation into --simulate-cache")  # fmt: skip
    parser.add_argument("--replay-only", action="store_true",
                        help="run only the weekly replay; ASReview's and the simulation's "
                        "figures come from their caches if there")  # fmt: skip
    parser.add_argument("--speed-only", action="store_true",
                        help="only the speed figures, on the --only datasets' texts")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--classifier", choices=("logreg", "svm", "auto"),
                        help="preference.CLASSIFIER for this run (default: the product's)")
    parser.add_argument("--sim-tags", action="store_true",
                        help="the simulation reads the product's whole model: words and the "
                             "triage/journal/category indicators at preference.TAG_WEIGHT "
                             "(use its own --simulate-cache)")  # fmt: skip
    parser.add_argument("--fixed-start", action="store_true",
                        help="the simulation reads in the fixed priority's order until "
                             "MIN_EACH labels of each kind, as the product does "
                             "(use its own --simulate-cache)")  # fmt: skip
    parser.add_argument("--label-curve", action="store_true",
                        help="only the AUC after k + k labels, per dataset")  # fmt: skip
    args = parser.parse_args()
    if args.classifier:
        preference.CLASSIFIER = args.classifier  # train, the simulation and the replay read it
    app = App()
    rules = rules_for(app)
    categories = load_categories(app.settings.categories_file())
    if args.label_curve:
        for name, path in {**DEV, **CHECK}.items():
            if (args.only and name not in args.only) or not path.exists():
                continue
            curve = label_curve(items_of(read_labelled(path), rules, categories))
            print(f"{name:<26}" + "  ".join(f"{k}: {v}" for k, v in curve.items()), flush=True)
        return
    if args.speed_only:
        docs: list[Doc] = []
        marks: list[bool] = []
        for name, path in {**DEV, **CHECK}.items():
            if (args.only and name not in args.only) or not path.exists():
                continue
            for item in items_of(read_labelled(path), rules, categories):
                docs.append(item.doc)
                marks.append(item.included)
        print(json.dumps(speed(docs, marks)), flush=True)
        return
    have_asreview = args.asreview.exists()
    cache: dict[str, Any] = (
        json.loads(args.asreview_cache.read_text())
        if args.asreview_cache and args.asreview_cache.exists() else {}
    )  # fmt: skip

    def theirs_of(name: str, labelled: list[Labelled]) -> dict[str, Any]:
        runs = []
        for seed in range(args.seeds):
            key = f"{name}@{seed}"
            if args.replay_only and args.asreview_cache and args.asreview_cache.exists():
                cache.update(json.loads(args.asreview_cache.read_text()))  # filled meanwhile
            if key not in cache and not args.replay_only and have_asreview:
                figures = asreview_wss(args.asreview, labelled, args.asreview_timeout, seed)
                if "wss95" not in figures:
                    return figures
                cache[key] = figures
                if args.asreview_cache:
                    args.asreview_cache.write_text(json.dumps(cache, indent=1))
            if key in cache:
                runs.append(cache[key])
        return over_seeds(runs)

    simulated: dict[str, Any] = (
        json.loads(args.simulate_cache.read_text())
        if args.simulate_cache and args.simulate_cache.exists() else {}
    )  # fmt: skip

    def ours_of(name: str, items: list[Any]) -> dict[str, Any]:
        if args.replay_only and args.simulate_cache and args.simulate_cache.exists():
            simulated.update(json.loads(args.simulate_cache.read_text()))
        runs = []
        for seed in range(args.seeds):
            key = f"{name}@{seed}"
            if key not in simulated and not args.replay_only:
                simulated[key] = simulate(items, seed=seed, tags=args.sim_tags,
                                           fixed_start=args.fixed_start)
                if args.simulate_cache:
                    args.simulate_cache.write_text(json.dumps(simulated, indent=1))
            if key in simulated:
                runs.append(simulated[key])
        return over_seeds(runs)

    if args.simulate_only:
        for name, path in {**DEV, **CHECK}.items():
            if (args.only and name not in args.only) or not path.exists():
                continue
            print(name, ours_of(name, items_of(read_labelled(path), rules,
                                               categories if args.sim_tags else None)),
                  flush=True)  # fmt: skip
        return
    if args.asreview_only:
        for name, path in {**DEV, **CHECK}.items():
            if (args.only and name not in args.only) or not path.exists():
                continue
            print(name, theirs_of(name, read_labelled(path)), flush=True)
        return
    if not have_asreview:
        print(f"asreview not found at {args.asreview}: scimon's figures only (see the docstring)")
    results: dict[str, Any] = {}
    all_docs: list[Doc] = []
    all_labels: list[bool] = []
    print(f"{'dataset':<26}{'half':<6}{'n':>6}{'inc':>5} | {'top15 model':>11}{'fixed':>7}"
          f"{'random':>7}{'x fixed':>8}{'ceiling':>8}{'3x?':>4} | {'WSS@95 ours':>13}"
          f"{'ASReview':>13}{'r@10 ours':>10}{'ASR':>6}")  # fmt: skip
    for half, datasets in (("dev", DEV), ("check", CHECK)):
        for name, path in datasets.items():
            if args.only and name not in args.only:
                continue
            if not path.exists():
                print(f"{name:<26}{half:<6} missing: {path}")
                continue
            labelled = read_labelled(path)
            items = items_of(labelled, rules, categories)
            all_docs += [i.doc for i in items]
            all_labels += [i.included for i in items]
            weekly = replay(items)
            ours = ours_of(name, items)
            theirs = theirs_of(name, labelled)
            after = weekly["after_4_weeks"]
            m, f, r = (after[k]["top15"] for k in ("model", "fixed", "random"))
            ratio = m / f if f else float("inf")
            results[name] = {"half": half, "replay": weekly, "one_at_a_time": ours,
                             "asreview": theirs}  # fmt: skip

            def fmt(v: object) -> str:
                return f"{v:.3f}" if isinstance(v, float) else "-" if v is None else str(v)

            def spread(figures: dict[str, Any]) -> str:
                sd = figures.get("wss95_sd")
                return fmt(figures.get("wss95")) + (f"±{sd:.3f}" if sd is not None else "")

            variants = weekly["variants_after_4_weeks"]
            target = weekly["target"]
            possible = "yes" if target["possible"] else "no"
            print(f"{name[:25]:<26}{half:<6}{len(items):>6}{weekly['includes']:>5} | {m:>11.2f}"
                  f"{f:>7.2f}{r:>7.2f}{ratio:>8.1f}{target['ceiling_top15']:>8.2f}{possible:>4} | "
                  f"{spread(ours):>13}"
                  f"{spread(theirs) if 'error' not in theirs else theirs['error'][:13]:>13}"
                  f"{fmt(ours['recall_at_10']):>10}{fmt(theirs.get('recall_at_10')):>6}",
                  flush=True)  # fmt: skip
            print(f"{'':<32}other weights of the fixed priority, top 15: " + ", ".join(
                f"{k} {v['top15']:.2f}" for k, v in variants.items() if v["top15"] is not None
            ), flush=True)  # fmt: skip
            d = weekly["diagnosis"]
            print(f"{'':<32}why: {d['includes_a_week']} includes a week, "
                  f"{d['weeks_under_15_includes']}/{d['weeks']} weeks under 15, "
                  f"{d['labelled_includes_at_week_5']} labelled by week 5, 3x the fixed priority "
                  f"beyond a perfect top 15 in {target.get('weeks_3x_impossible', '-')} of them, "
                  f"of the ceiling "
                  f"{fmt(d['of_ceiling_first_half'])} then {fmt(d['of_ceiling_second_half'])}",
                  flush=True)  # fmt: skip
    for half in ("dev", "check"):
        rows = [v for v in results.values() if v["half"] == half]
        if not rows:
            continue
        met_weekly = sum(
            1 for v in rows
            if v["replay"]["after_4_weeks"]["model"]["top15"]
            >= 3 * v["replay"]["after_4_weeks"]["fixed"]["top15"]
            and v["replay"]["after_4_weeks"]["model"]["top15"]
            > v["replay"]["after_4_weeks"]["random"]["top15"]
        )  # fmt: skip
        compared = [v for v in rows if v["asreview"].get("wss95") is not None
                    and v["one_at_a_time"].get("wss95") is not None]  # fmt: skip
        met_asr = sum(1 for v in compared if v["one_at_a_time"]["wss95"] >= v["asreview"]["wss95"])
        mean = sum(v["one_at_a_time"]["wss95"] for v in compared) / max(len(compared), 1)
        mean_asr = sum(v["asreview"]["wss95"] for v in compared) / max(len(compared), 1)
        n_possible = sum(1 for v in rows if v["replay"]["target"]["possible"])
        # the most the target could be met on: the datasets where a perfect ranking meets it
        print(f"{half}: weekly target met on {met_weekly}/{len(rows)} ({n_possible} where a "
              f"perfect ranking could meet it); one-at-a-time "
              f"WSS@95 >= ASReview on {met_asr}/{len(compared)} "
              f"(mean {mean:.3f} vs {mean_asr:.3f})")  # fmt: skip
    if not args.no_speed and all_docs:
        figures = speed(all_docs, all_labels)
        results["speed"] = figures
        print(f"retrain on {figures['labels']:,} labels: {figures['train_wall']} s wall, "
              f"{figures['train_cpu']} s CPU (target < 30); score 50,000: "
              f"{figures['score_50k_wall']} s wall, {figures['score_50k_cpu']} s CPU (target < 2); "
              f"with the reasons: {figures['score_and_explain_50k_wall']} s wall, "
              f"{figures['score_and_explain_50k_cpu']} s CPU; scikit-learn's transform alone "
              f"(baseline): {figures['sklearn_transform_50k_wall']} s wall, "
              f"{figures['sklearn_transform_50k_cpu']} s CPU")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
