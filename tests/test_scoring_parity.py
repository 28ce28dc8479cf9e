"""Scoring gives the scores and reasons it gave before it was made fast (issue 22).

``tests/data/scoring_parity.json.gz`` holds the probabilities and reasons of
the scoring code as of main 30ac065 (before the numpy tokeniser's second pass,
the threads and the vectorised reasons), for a model trained here on the
COPD screening set.  The test retrains the same model (training is
deterministic: liblinear's primal solver and seeded folds) and scores the
same texts in more than one chunk, so the threads and the chunk seams are
exercised: every reason must agree exactly, and chunked scores must equal
whole-batch scores to 1e-12.  Against the fixture, probabilities agree to 1e-5,
not closer: the model is retrained here by the installed scikit-learn, and its
releases move liblinear's weights in the seventh digit (1.9.1 against the
fixture: at most 5.5e-7 on every text, reasons identical); a change of the
scoring code moves some probability by far more, or a reason.

Regenerate (only when a change of scores is meant, and say so in the
CHANGELOG): ``python -m tests.test_scoring_parity write``.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from monitor.parse.labelled import read_labelled
from monitor.triage import preference
from monitor.triage.preference import Doc, PreferenceModel, train
from tests.corpus import corpus_path
from tests.test_termindex import EDGES

FIXTURE = Path(__file__).parent / "data" / "scoring_parity.json.gz"
DESIGNS = ("rct", "observational", "review", "case report", "")
TOPICS = ((), ("rehabilitation",), ("pain", "bladder"), ("stem cells",))


def _setting() -> tuple[PreferenceModel, list[Doc]]:
    """The model and the documents: real abstracts, with triage fields varied by position
    so that every kind of tag weighs, and the edge texts of the tokeniser's tests."""
    rows = read_labelled(corpus_path("screening", "citation-screening", "copd"))
    docs = [Doc(r.record.title, r.record.abstract, r.record.journal, DESIGNS[k % 5],
                "human" if k % 4 else "animal", ("core", "adjacent")[k % 2],
                (None, 12, 250, 4000)[k % 4], TOPICS[k % 4], (("clinical",), ())[k % 3 == 0])
            for k, r in enumerate(rows)]  # fmt: skip
    labels = [r.included for r in rows]
    model = train(docs[:900], labels[:900])
    model.remember([d for d, y in zip(docs[:900], labels[:900], strict=True) if y])
    return model, docs + [Doc(text) for text in EDGES]


def _scores(model: PreferenceModel, docs: list[Doc]) -> dict[str, list[object]]:
    explained, why = [], []
    for k in range(0, len(docs), 700):  # batches as refresh_scores makes them
        p, w = model.score_and_explain(docs[k : k + 700])
        explained += p.tolist()
        why += w
    return {"probability": model.probability(docs).tolist(), "explained": explained,
            "why": why}  # fmt: skip


@pytest.mark.corpus
def test_scores_and_reasons_are_those_before_the_speed_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the fixture was written with the tags at 0.5 (TAG_WEIGHT until tags22): this test
    # pins the scoring code, not the weight, so it trains at the weight it was recorded at
    monkeypatch.setattr(preference, "TAG_WEIGHT", 0.5)
    model, docs = _setting()
    assert len(docs) > 1000  # more than one chunk of TermIndex: threads and seams
    expected = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    got = _scores(model, docs)
    assert len(got["probability"]) == len(expected["probability"]) == len(docs)
    seams = np.abs(np.array(got["probability"]) - np.array(got["explained"]))
    assert seams.max() < 1e-12  # chunks and threads score as one batch does
    for key in ("probability", "explained"):
        difference = np.abs(np.array(got[key]) - np.array(expected[key]))
        assert difference.max() < 1e-5, key
    assert sum(1 for w in expected["why"] if w and w[0].startswith("like ")) > 50
    assert got["why"] == expected["why"]


if __name__ == "__main__" and sys.argv[1:] == ["write"]:
    preference.TAG_WEIGHT = 0.5  # the weight the test trains at
    FIXTURE.write_bytes(gzip.compress(json.dumps(_scores(*_setting())).encode(), mtime=0))
    print(f"wrote {FIXTURE}")
