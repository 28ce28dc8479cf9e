"""Train the participant-count confidence model (monitor/triage/count_confidence.py).

``python scripts/train_count_confidence.py [KEY.csv ...]`` (default: the two
development keys, docs/card-key/dev.csv and dev2.csv) writes
monitor/triage/count_confidence.json.  Development keys only: the check keys
stay held out.

Every sentence's candidate count in each abstract of the key is one example,
labelled right when it equals the key's number (an abstract whose key says none
makes all its candidates wrong); so the model learns from the many wrong
candidates (subgroups, arms, other studies' people), not only from the few wrong
choices.  A logistic regression (L2; its strength C the one of
``CS`` with the best out-of-fold log loss) over the binary features of
``count_confidence.features`` is fitted on all of them.  The threshold is chosen
from out-of-fold probabilities (5 folds grouped by abstract) of the *chosen*
counts: the one that maximises  right - COST * wrong  over the key, where a
printed wrong number (a false count, or a wrong one) costs COST right ones;
among equal scores the lowest threshold (withhold no more than the key supports).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import GroupKFold

from monitor.evaluation.card import corpus_dir, load_records, read_key
from monitor.triage.count_confidence import FEATURES, features
from monitor.triage.participants import read_counts

VERSION = "2026-12-06.1"
COST = 2.0  # a wrong number printed costs two right ones: "when unsure, say nothing"
CS = (0.1, 0.3, 1.0, 3.0, 10.0)  # L2 strengths tried; the one with the best out-of-fold log loss


def examples(
    keys: list[Path],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[int, int, int]]]:
    """X, y, groups for every candidate; and (row of the chosen candidate, key-has-number,
    which key)."""
    rows = [(n, row) for n, key in enumerate(keys) for row in read_key(key)]
    records = load_records(corpus_dir(), [(r.source, r.record_id) for _, r in rows])
    xs: list[list[float]] = []
    ys: list[int] = []
    groups: list[int] = []
    chosen: list[tuple[int, int]] = []
    for g, (n, row) in enumerate(rows):
        record = records[(row.source, row.record_id)]
        reading = read_counts(record.abstract or "", record.title or "")
        for cand in reading.candidates:
            names = set(features(cand, reading))
            xs.append([1.0 if f in names else 0.0 for f in FEATURES])
            ys.append(int(cand.value == row.participants_n))
            groups.append(g)
            if cand is reading.chosen:
                chosen.append((len(xs) - 1, int(row.participants_n is not None), n))
    return np.array(xs), np.array(ys), np.array(groups), chosen


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Each candidate's probability from a model fitted without its abstract."""
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        fold = LogisticRegression(C=c, max_iter=2000).fit(x[train], y[train])
        oof[test] = fold.predict_proba(x[test])[:, 1]
    return oof


def choose_threshold(p: np.ndarray, y: np.ndarray, chosen: list[tuple[int, int, int]]) -> float:
    """The threshold that maximises right - COST * wrong over the chosen counts (the
    lowest of equal ones), set midway between the chosen probabilities around it."""
    probs = sorted({float(p[i]) for i, *_ in chosen})
    best = (-1e9, 0.0)
    for t in [0.0, *probs]:
        right = sum(1 for i, *_ in chosen if p[i] >= t and y[i] == 1)
        wrong = sum(1 for i, *_ in chosen if p[i] >= t and y[i] == 0)
        score = right - COST * wrong
        if score > best[0] + 1e-9:
            best = (score, t)
    below = [q for q in probs if q < best[1]]
    return round((best[1] + below[-1]) / 2, 3) if below and best[1] > 0 else 0.0


def main(argv: list[str]) -> None:
    keys = [Path(a) for a in argv[1:]] or [Path("docs/card-key/dev.csv"),
                                           Path("docs/card-key/dev2.csv")]  # fmt: skip
    out = Path("monitor/triage/count_confidence.json")
    x, y, groups, chosen = examples(keys)
    losses = {}
    for c in CS:
        p = out_of_fold(x, y, groups, c)
        losses[c] = float(log_loss(y, np.clip(p, 1e-6, 1 - 1e-6)))
    C = min(CS, key=lambda c: losses[c])
    print("out-of-fold log loss by C:", {c: round(v, 4) for c, v in losses.items()})
    oof = out_of_fold(x, y, groups, C)
    threshold = choose_threshold(oof, y, chosen)
    fit = LogisticRegression(C=C, max_iter=2000).fit(x, y)
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, fit.coef_[0], strict=True)}
    model = {
        "about": "P(a participant count is the key's) from how it was found "
        "(monitor/triage/count_confidence.py); trained by scripts/train_count_confidence.py "
        f"on {', '.join(map(str, keys))} only",
        "version": VERSION,
        "bias": round(float(fit.intercept_[0]), 4),
        "weights": weights,
        "threshold": threshold,
        "training": {
            "keys": [str(k) for k in keys],
            "candidates": len(y),
            "right_candidates": int(y.sum()),
            "chosen": len(chosen),
            "cost_of_a_wrong_number": COST,
            "C": C,
            "out_of_fold_log_loss": {str(c): round(v, 4) for c, v in losses.items()},
        },
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    # the threshold's effect on each key, out of fold, for the docs
    for name, part in [("all", chosen), *((str(k), [c for c in chosen if c[2] == n])
                                          for n, k in enumerate(keys))]:  # fmt: skip
        for t in sorted({0.0, threshold, 0.5, 0.6, 0.7, 0.8}):
            right = sum(1 for i, *_ in part if oof[i] >= t and y[i] == 1)
            wrong = sum(1 for i, has, _ in part if oof[i] >= t and y[i] == 0 and has)
            false = sum(1 for i, has, _ in part if oof[i] >= t and y[i] == 0 and not has)
            print(f"{name} t={t:.3f}: right {right}, wrong {wrong}, false {false} "
                  f"(of {len(part)} chosen)")  # fmt: skip
    print("threshold", threshold, "candidates", len(y), "right", int(y.sum()))


if __name__ == "__main__":
    main(sys.argv)
