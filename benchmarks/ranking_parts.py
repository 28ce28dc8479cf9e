"""Which part of ASReview's default model gives its lead one label at a time (issue 22).

    python benchmarks/ranking_parts.py [--half dev|check] [--only NAME...] [--seeds 5]
        [--variants NAME...] [--cache FILE]

ASReview 3.0.8's default ``elas_u4`` (asreview/models/models.py) is TF-IDF of words and
word pairs (sublinear tf, min_df 1, max_df 0.95, no stop-word list), a linear SVM
(squared hinge, C 0.11) and a "balanced" sample weight whose includes weigh 9.8x the
excludes in total.  scimon's preference model is TF-IDF of words and word pairs
(sublinear tf, min_df 2, English stop words dropped) with balanced class weights and the
classifier ``preference.CLASSIFIER`` names (the logistic regression, C 4): variant
"scimon"; "logreg" is that regression whatever ``CLASSIFIER`` says.  Each variant
below swaps one part (or a few) inside scimon's own one-label-at-a-time loop
(``monitor.evaluation.ranking.simulate``, same prior pairs as ``benchmarks/ranking.py
--seeds``), so that the difference each part makes is measured on the same loop; "asr"
(all three of ASReview's parts) beside ``asreview simulate``'s own figures says how far
the loop itself differs.  ``C:x`` variants are the logistic regression with C x (its C 4
times 0.1, 0.3, 3 and 10), nothing else changed; ``svm:Cx`` the SVM with C x.

Prints WSS@95 and recall@10% per dataset and variant, mean and standard deviation over
the seeds, then the mean over the datasets.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from _common import CORPUS  # noqa: F401  (sets up the path to the corpus)
from ranking import CHECK, DEV
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from monitor.app import App
from monitor.evaluation.ranking import _nb, items_of, simulate
from monitor.parse.labelled import read_labelled
from monitor.triage.preference import Chooser, fit_classifier
from monitor.triage.run import rules_for

Scorer = Callable[[sparse.csr_matrix], np.ndarray[Any, Any]]


def features(stop: bool, min_df: int, max_df: float) -> Callable[[], TfidfVectorizer]:
    return lambda: TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, min_df=min_df, max_df=max_df,
        stop_words="english" if stop else None,
    )  # fmt: skip


SCIMON_FEATURES = features(stop=True, min_df=2, max_df=1.0)
ASR_FEATURES = features(stop=False, min_df=1, max_df=0.95)


def logreg(lean: float, c: float = 4.0) -> Callable[[sparse.csr_matrix, np.ndarray[Any, Any]],
                                                    Scorer]:  # fmt: skip
    def fit(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Scorer:
        scorer: Scorer = fit_classifier(x, y, c=c, lean=lean, kind="logreg").decision_function
        return scorer

    return fit


def svm(ratio: float, c: float = 0.11) -> Callable[[sparse.csr_matrix, np.ndarray[Any, Any]],
                                                   Scorer]:  # fmt: skip
    """ASReview's SVM with its ``Balanced`` sample weights (asreview/models/balancers.py):
    each include 1, each exclude n_include / (ratio x n_exclude), rescaled to sum to n."""

    def fit(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Scorer:
        positives, negatives = int(y.sum()), int((~y).sum())
        w = np.where(y, 1.0, positives / (ratio * negatives))
        w *= len(y) / w.sum()
        clf = LinearSVC(loss="squared_hinge", C=c).fit(x, y, sample_weight=w)
        scorer: Scorer = clf.decision_function
        return scorer

    return fit


def ensemble(c_lr: float = 4.0, c_svm: float = 0.11) -> Callable[
        [sparse.csr_matrix, np.ndarray[Any, Any]], Scorer]:  # fmt: skip
    """scimon's regression and ASReview's SVM (balanced 1:1) on scimon's features, each
    decision function divided by its standard deviation over the labelled rows, summed:
    still one linear model (the coefficients add), so scoring costs the same."""

    def fit(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Scorer:
        lr = fit_classifier(x, y, c=c_lr, kind="logreg")
        sv = svm(1.0, c_svm)(x, y)
        s_lr = float(np.std(lr.decision_function(x))) or 1.0
        s_sv = float(np.std(sv(x))) or 1.0

        def score(z: sparse.csr_matrix) -> np.ndarray[Any, Any]:
            out: np.ndarray[Any, Any] = lr.decision_function(z) / s_lr + sv(z) / s_sv
            return out

        return score

    return fit


def nb_ensemble(c_lr: float = 4.0) -> Callable[[sparse.csr_matrix, np.ndarray[Any, Any]],
                                                 Scorer]:  # fmt: skip
    """scimon's regression and ASReview's older default classifier (multinomial naive Bayes,
    alpha 3.822, its "double" balance approximated by weighting the includes up to the
    excludes: ``monitor.evaluation.ranking._nb``) on scimon's features, each decision
    divided by its standard deviation over the labelled rows, summed."""

    def fit(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Scorer:
        lr = fit_classifier(x, y, c=c_lr, kind="logreg")
        nb = _nb(x, y)
        s_lr = float(np.std(lr.decision_function(x))) or 1.0
        s_nb = float(np.std(nb(x))) or 1.0

        def score(z: sparse.csr_matrix) -> np.ndarray[Any, Any]:
            out: np.ndarray[Any, Any] = lr.decision_function(z) / s_lr + nb(z) / s_nb
            return out

        return score

    return fit


def switch(labels: int) -> Callable[[sparse.csr_matrix, np.ndarray[Any, Any]], Scorer]:
    """The SVM (C 0.11, balanced) while fewer than ``labels`` labels, then the regression
    (C 4): the strong regularisation only while labels are few."""

    def fit(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Scorer:
        kind = "svm" if len(y) < labels else "logreg"
        scorer: Scorer = fit_classifier(x, y, kind=kind).decision_function
        return scorer

    return fit


# the simulation's own switches (``simulate``'s keywords), on scimon's features and model:
# "sim:tags" reads the triage/journal tags beside the words as ``train`` does;
# "sim:onpos" also retrains after each include found between the 2% steps (rank22)
SIM_SWITCHES: dict[str, dict[str, bool]] = {
    "sim:tags": {"tags": True},
    "sim:onpos": {"retrain_on_include": True},
}

VARIANTS: dict[str, tuple[Callable[[], TfidfVectorizer], Any]] = {
    **{name: (SCIMON_FEATURES, logreg(1.0)) for name in SIM_SWITCHES},
    "switch:200": (SCIMON_FEATURES, switch(200)),
    "ens": (SCIMON_FEATURES, ensemble()),
    # the regression + multinomial naive Bayes (ASReview's older default), standardised, summed
    "ens:nb": (SCIMON_FEATURES, nb_ensemble()),
    "nb": (SCIMON_FEATURES, lambda x, y: _nb(x, y)),
    # the product's classifier (``fit_classifier``'s default, ``CLASSIFIER``)
    "scimon": (SCIMON_FEATURES, lambda x, y: fit_classifier(x, y).decision_function),
    "logreg": (SCIMON_FEATURES, logreg(1.0)),  # the logistic regression (C 4)
    # the product's choice among ``CANDIDATES`` by out-of-fold AUC (``preference.Chooser``;
    # the fitter here is a placeholder, replaced by a fresh ``Chooser`` per run)
    "auto": (SCIMON_FEATURES, logreg(1.0)),
    "feat:asr": (ASR_FEATURES, logreg(1.0)),
    "feat:no-stop": (features(stop=False, min_df=2, max_df=1.0), logreg(1.0)),
    "feat:min_df1": (features(stop=True, min_df=1, max_df=1.0), logreg(1.0)),
    "feat:max_df.95": (features(stop=True, min_df=2, max_df=0.95), logreg(1.0)),
    "balance:9.8": (SCIMON_FEATURES, logreg(9.8)),
    "clf:svm": (SCIMON_FEATURES, svm(1.0)),
    "clf:svm+9.8": (SCIMON_FEATURES, svm(9.8)),
    "asr": (ASR_FEATURES, svm(9.8)),
    "asr-but-logreg": (ASR_FEATURES, logreg(9.8)),
    "asr-but-balanced": (ASR_FEATURES, svm(1.0)),
    # scimon's regression with its C (4) times 0.1, 0.3, 3 and 10: ASReview's SVM has C 0.11
    **{f"C:{c:g}": (SCIMON_FEATURES, logreg(1.0, c)) for c in (0.4, 1.2, 12.0, 40.0)},
    # the SVM on scimon's features with C x 1/3 and x 3 (0.11: "clf:svm")
    **{f"svm:C{c:g}": (SCIMON_FEATURES, svm(1.0, c)) for c in (0.037, 0.33)},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("dev", "check", "all"), default="dev")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--cache", type=Path, help="JSON of every run: read if there, else added")
    args = parser.parse_args()
    app = App()
    rules = rules_for(app)
    cache: dict[str, Any] = json.loads(args.cache.read_text()) if args.cache and \
        args.cache.exists() else {}  # fmt: skip
    datasets = {"dev": DEV, "check": CHECK, "all": {**DEV, **CHECK}}[args.half]
    table: dict[str, dict[str, float]] = {}
    names = [n for n in args.only if n in datasets] if args.only else list(datasets)
    for name in names:  # in --only's order when given
        path = datasets[name]
        if not path.exists():
            continue
        items = items_of(read_labelled(path), rules)
        for variant in args.variants:
            make, fit = VARIANTS[variant]
            runs = []
            for seed in range(args.seeds):
                key = f"{name}|{variant}|{seed}"
                if key not in cache:
                    chooser = Chooser("auto")  # "auto": a fresh choice per run
                    if variant == "auto":
                        fit = lambda x, y, c=chooser: c.fit(x, y).decision_function  # noqa: E731
                    cache[key] = simulate(items, seed=seed, vectorizer=make(), fitter=fit,
                                          **SIM_SWITCHES.get(variant, {}))
                    if chooser.choices:
                        cache[key]["choices"] = chooser.choices
                    if args.cache:
                        args.cache.write_text(json.dumps(cache, indent=1))
                runs.append(cache[key])
            w = [r["wss95"] for r in runs]
            r10 = [r["recall_at_10"] for r in runs]
            sd = statistics.stdev(w) if len(w) > 1 else 0.0
            table.setdefault(variant, {})[name] = statistics.fmean(w)
            print(f"{name:<26}{variant:<18} WSS@95 {statistics.fmean(w):.3f} ± {sd:.3f}   "
                  f"recall@10% {statistics.fmean(r10):.3f}   per seed "
                  + " ".join(f"{v:.3f}" for v in w), flush=True)  # fmt: skip
    for variant, per in table.items():
        print(f"mean over {len(per)} datasets  {variant:<18} {statistics.fmean(per.values()):.3f}")


if __name__ == "__main__":
    main()
