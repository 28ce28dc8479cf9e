"""The preference model's choice of classifier from the site's own labels (issue 22, rank6)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import sparse
from sklearn.metrics import roc_auc_score

from monitor.triage import preference
from monitor.triage.preference import (
    CANDIDATES,
    CHOOSE_MIN,
    Chooser,
    Doc,
    PreferenceModel,
    choose_kind,
    folds_of,
    out_of_fold,
    train,
)


def _matrix(n: int, seed: int = 3) -> tuple[sparse.csr_matrix, np.ndarray]:
    """A column that mostly separates the includes, and noise columns."""
    rng = np.random.default_rng(seed)
    y = np.array([i % 4 == 0 for i in range(n)])
    signal = y.astype(float) + rng.normal(0, 0.6, n)
    return sparse.csr_matrix(np.column_stack([signal, rng.random((n, 30))])), y


def test_below_the_minimum_the_first_candidate_is_kept_without_folds() -> None:
    x, y = _matrix(4 * (CHOOSE_MIN - 1))  # CHOOSE_MIN - 1 includes
    kind, figures = choose_kind(x, y)
    assert kind == CANDIDATES[0] == "logreg" and figures == {}


def test_the_candidate_with_the_better_out_of_fold_auc_is_chosen() -> None:
    x, y = _matrix(200)
    kind, figures = choose_kind(x, y)
    fold_of = folds_of(y, 3)
    aucs = {k: float(roc_auc_score(y, out_of_fold(x, y, k, fold_of))) for k in CANDIDATES}
    assert figures["auc"] == pytest.approx(aucs)
    assert aucs[kind] == max(aucs.values())
    # a tie keeps the first candidate (today's model)
    if len(set(aucs.values())) == 1:
        assert kind == CANDIDATES[0]


def test_the_choice_follows_the_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two candidates that differ only in how they rank: the one whose folds rank the
    labels better is chosen, whichever is listed first."""

    class Fixed:
        def __init__(self, sign: float) -> None:
            self.sign = sign

        def decision_function(self, z: sparse.csr_matrix) -> np.ndarray:
            return self.sign * np.asarray(z[:, 0].todense()).ravel()

    def fake(x: sparse.csr_matrix, y: np.ndarray, *, kind: str | None = None,
             **_: object) -> Fixed:  # fmt: skip
        return Fixed(1.0 if kind == "svm" else -1.0)

    monkeypatch.setattr(preference, "fit_classifier", fake)
    x, y = _matrix(120)
    assert choose_kind(x, y)[0] == "svm"  # the regression here ranks backwards
    monkeypatch.setattr(preference, "CANDIDATES", ("svm", "logreg"))
    assert choose_kind(x, y)[0] == "svm"


def test_chooser_chooses_again_only_when_the_labels_grew(monkeypatch: pytest.MonkeyPatch) -> None:
    x, y = _matrix(300)
    chooser = Chooser("auto")
    for n in (36, 40, 44, 48):  # 9 includes at 36: below CHOOSE_MIN, no choice yet
        chooser.fit(x[:n], y[:n])
    assert [at for at, _ in chooser.choices] == [40, 44]  # 40 x 1.1 = 44; 48 < 44 x 1.1
    # with CLASSIFIER "logreg" (the default), no choice is ever made
    plain = Chooser()
    monkeypatch.setattr(preference, "CLASSIFIER", "logreg")
    plain.fit(x[:200], y[:200])
    assert plain.choices == []


def _docs(n: int) -> tuple[list[Doc], list[bool]]:
    words = ("neuromodulation", "kyphoplasty", "stimulation", "fusion", "bladder")
    docs, labels = [], []
    for k in range(n):
        positive = k % 3 == 0
        first = "neuromodulation" if positive or k % 7 == 0 else "kyphoplasty"
        docs.append(Doc(f"Report {k} on {first} outcomes",
                        f"We studied {first} and {words[k % 5]} in cohort {k}.",
                        "Spinal Cord", "observational", "human", "core"))  # fmt: skip
        labels.append(positive)
    return docs, labels


def test_train_auto_stores_the_choice_and_calibrates_on_its_folds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs, labels = _docs(90)
    plain = train(docs, labels)
    assert "classifier" not in plain.to_json()["figures"]  # the default model is as before
    monkeypatch.setattr(preference, "CLASSIFIER", "auto")
    model = train(docs, labels)
    figures = model.figures
    assert figures.classifier in CANDIDATES and figures.candidates is not None
    assert figures.candidates[figures.classifier] == max(figures.candidates.values())
    assert figures.auc == pytest.approx(figures.candidates[figures.classifier], abs=1e-4)
    # the stored model is the same linear format, read back as it was written
    again = PreferenceModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.figures.classifier == figures.classifier
    assert np.allclose(again.probability(docs[:5]), model.probability(docs[:5]), atol=1e-4)
    # too few of a kind for the folds: today's model
    few = train(docs[:12], labels[:12])
    assert few.figures.classifier == CANDIDATES[0] and few.figures.candidates is None


def test_stored_figures_unknown_to_this_code_are_ignored_when_loading() -> None:
    """A model stored by newer code (a figure this code does not know) still loads:
    the figures keep only their own fields (review of rank6: ``Figures(**data)`` raised)."""
    docs, labels = _docs(90)
    stored = train(docs, labels).to_json()
    stored["figures"]["a_figure_added_later"] = 0.5
    again = PreferenceModel.from_json(json.loads(json.dumps(stored)))
    assert again.figures.positives == stored["figures"]["positives"]
    assert np.allclose(again.probability(docs[:5]), train(docs, labels).probability(docs[:5]))
