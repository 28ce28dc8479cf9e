"""Class weight and C of the preference model, on the ranking benchmark's datasets.

    python benchmarks/ranking_weights.py --half dev [--lean 1 2 3 5] [--c 4] [--json OUT]

For each (include lean, C) pair and dataset: the one-label-at-a-time WSS@95 and
recall@10% (``simulate``), the weekly replay's top 15 after 4 weeks, and the
calibration of the replay's probabilities on weeks the model had not seen
(Brier score and ECE over 10 equal-width bins): a heavier include class ranks
includes earlier but may inflate the probabilities the desk shows.  Choose on
``--half dev``; run ``--half check`` once, at the end, with the chosen pair and
the current one.  The settings are set on ``monitor.triage.preference`` for the
run (``fit_classifier`` reads them), so the product code is what is measured.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from ranking import CHECK, DEV

from monitor.app import App
from monitor.briefs.categories import load_categories
from monitor.evaluation import ranking as evaluation
from monitor.parse.labelled import read_labelled
from monitor.triage import preference
from monitor.triage.run import rules_for


def calibration(p: np.ndarray[Any, Any], y: np.ndarray[Any, Any],
                bins: int = 10) -> dict[str, float]:  # fmt: skip
    """Brier score and expected calibration error (equal-width bins, weighted by size)."""
    brier = float(np.mean((p - y) ** 2))
    which = np.minimum((p * bins).astype(int), bins - 1)
    ece = sum(abs(float(p[which == b].mean()) - float(y[which == b].mean()))
              * int((which == b).sum()) for b in range(bins) if (which == b).any()) / len(p)
    return {"brier": round(brier, 4), "ece": round(ece, 4), "mean_p": round(float(p.mean()), 4),
            "rate": round(float(y.mean()), 4)}  # fmt: skip


def measure(items: list[Any], simulate: bool) -> dict[str, Any]:
    """One setting on one dataset: replay (with its probabilities kept) and simulation."""
    seen_p: list[float] = []
    seen_y: list[bool] = []
    original = evaluation._model_probabilities

    def keeping(train_items: Any, batch: Any) -> list[float] | None:
        p = original(train_items, batch)
        if p is not None:
            seen_p.extend(p)
            seen_y.extend(i.included for i in batch)
        return p

    evaluation._model_probabilities = keeping  # type: ignore[assignment]
    try:
        weekly = evaluation.replay(items)
    finally:
        evaluation._model_probabilities = original  # type: ignore[assignment]
    after = weekly["after_4_weeks"]
    out: dict[str, Any] = {
        "top15": after["model"]["top15"], "fixed": after["fixed"]["top15"],
        "replay_wss95": after["model"]["wss95"],
        **calibration(np.array(seen_p), np.array(seen_y, dtype=float)),
    }  # fmt: skip
    if simulate:
        sim = evaluation.simulate(items)
        out.update({"sim_wss95": sim["wss95"], "sim_r10": sim["recall_at_10"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("dev", "check"), required=True)
    parser.add_argument("--lean", type=float, nargs="+", default=[1.0, 2.0, 3.0, 5.0])
    parser.add_argument("--c", type=float, nargs="+", default=[preference.C])
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--no-simulate", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    app = App()
    rules = rules_for(app)
    categories = load_categories(app.settings.categories_file())
    results: dict[str, Any] = {}
    for name, path in (DEV if args.half == "dev" else CHECK).items():
        if (args.only and name not in args.only) or not path.exists():
            continue
        items = evaluation.items_of(read_labelled(path), rules, categories)
        for c in args.c:
            for lean in args.lean:  # interleaved per dataset: the same load for every setting
                # the third pass's regression (C was its C; the SVM's is SVM_C)
                preference.CLASSIFIER, preference.C, preference.INCLUDE_LEAN = "logreg", c, lean
                started = time.perf_counter()
                figures = measure(items, not args.no_simulate)
                figures["seconds"] = round(time.perf_counter() - started, 1)
                results.setdefault(name, {})[f"C={c:g} lean={lean:g}"] = figures
                print(name, f"C={c:g} lean={lean:g}", json.dumps(figures), flush=True)
                if args.json:
                    args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
