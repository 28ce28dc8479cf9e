"""The tag features' weight travels with the model (issue 22, tags22).

``train`` fits the indicator features (design, journal, categories, ...) at
``TAG_WEIGHT``; scoring scales the learnt tag weights by the same value.  A model
stored under one value must score the same after ``TAG_WEIGHT`` changes, and a
model stored before the value was kept scores at the value it was fitted with.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from monitor.triage import preference
from monitor.triage.preference import Doc, PreferenceModel, train


def _tagged(n: int = 40) -> tuple[list[Doc], list[bool]]:
    """The same words everywhere: only the category and design tell the labels apart."""
    docs = [Doc(f"Cohort {k}", "People with spinal cord injury were followed.",
                design="rct" if k % 2 else "observational",
                categories=("pain",) if k % 2 else ("walking",)) for k in range(n)]  # fmt: skip
    return docs, [k % 2 == 1 for k in range(n)]


def test_a_stored_model_scores_as_trained_after_the_weight_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preference, "TAG_WEIGHT", 0.5)
    docs, labels = _tagged()
    model = train(docs, labels)
    assert model.tag_weight == 0.5
    stored = json.loads(json.dumps(model.to_json()))
    assert stored["tag_weight"] == 0.5
    before = model.probability(docs[:4])
    monkeypatch.setattr(preference, "TAG_WEIGHT", 0.1)
    again = PreferenceModel.from_json(stored)
    assert np.allclose(again.probability(docs[:4]), before, atol=1e-4)
    assert np.allclose(model.probability(docs[:4]), before)  # the model in memory too


def test_a_model_stored_without_its_weight_scores_at_the_old_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preference, "TAG_WEIGHT", 0.5)  # tags learnt (0: all weights 0)
    docs, labels = _tagged()
    stored = train(docs, labels).to_json()
    del stored["tag_weight"]
    monkeypatch.setattr(preference, "TAG_WEIGHT", 0.25)
    old = PreferenceModel.from_json(stored)
    assert old.tag_weight == preference.STORED_TAG_WEIGHT == 0.5
    tagged = PreferenceModel.from_json({**stored, "tag_weight": 2 * old.tag_weight})
    pain, walking = Doc("x", categories=("pain",)), Doc("x", categories=("walking",))
    # the tag weights count twice as much at twice the value: the gap in decision doubles
    gap_old = np.diff(old.decision([walking, pain]))[0]
    gap_new = np.diff(tagged.decision([walking, pain]))[0]
    assert gap_old > 0 and gap_new == pytest.approx(2 * gap_old)


def test_the_training_weight_is_the_one_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    # benchmarks/ranking_tags.py sets TAG_WEIGHT on the module for a run: train reads it
    monkeypatch.setattr(preference, "TAG_WEIGHT", 0.25)
    docs, labels = _tagged()
    model = train(docs, labels)
    assert model.tag_weight == 0.25
    assert model.tag_weights["category=pain"] > 0 > model.tag_weights["category=walking"]
