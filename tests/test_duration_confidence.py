"""The confidence step of study durations (monitor/briefs/duration_confidence.py): a card
prints the grammar's duration only when the shipped model is sure enough of how it was
found; below the threshold it says "Not specified"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import pytest

from monitor.briefs import duration_confidence
from monitor.briefs.duration import find_duration, read_durations
from monitor.briefs.duration_confidence import (
    FEATURES,
    DurationModel,
    card_duration,
    features,
    judge,
)
from monitor.errors import ConfigError


@dataclass(frozen=True)
class _Record:
    title: str
    abstract: str


def test_the_shipped_model_names_only_known_features_and_dev_keys() -> None:
    data = json.loads(
        resources.files("monitor.briefs").joinpath("duration_confidence.json").read_text("utf-8")
    )
    model = duration_confidence.model()
    assert model.version == data["version"] and 0.0 <= model.threshold < 1.0
    assert set(model.weights) <= set(FEATURES)
    # fitted on the development keys only: the check keys stay held out
    assert data["training"]["keys"] == [
        "docs/card-key/dev.csv", "docs/card-key/dev2.csv", "docs/card-key/dev3.csv"
    ]  # fmt: skip
    with pytest.raises(ConfigError, match="unknown features"):
        DurationModel.from_dict({**data, "weights": {"cue_guess": 1.0}})
    with pytest.raises(ConfigError, match="not a duration confidence model"):
        DurationModel.from_dict({"version": "x"})


def test_features_say_how_the_duration_was_found() -> None:
    reading = read_durations(
        "Patients (n = 40) were randomised to exercise or usual care. Pain improved "
        "significantly over 12 weeks (p < 0.01). Outcomes were assessed at 6 months.",
        "Exercise for shoulder pain",
    )
    assert reading.chosen is not None and reading.chosen.text == "6 months"
    over = next(f for f in reading.found if f.text == "12 weeks")
    names = features(over, reading)
    assert {"cue_length_2", "result_sentence", "rival", "design_rct"} <= set(names)
    chosen = features(reading.chosen, reading)
    assert "rival_longer" not in chosen and "rival_longer" in names and "last" in chosen
    alone = read_durations(
        "Records were reviewed. Children aged 5 years were followed for 2 years."
    )
    assert alone.chosen is not None
    assert {"only", "age_near", "cue_follow_up_2", "design_retro"} <= set(
        features(alone.chosen, alone)
    )


def test_a_duration_below_the_threshold_is_withheld(monkeypatch: pytest.MonkeyPatch) -> None:
    record = _Record("A trial", "Patients were treated for 12 weeks and assessed at 6 months.")
    sure = DurationModel("t", 0.0, {}, threshold=0.4)  # every duration at p = 0.5
    monkeypatch.setattr(duration_confidence, "model", lambda: sure)
    assert card_duration(record) == ("6 months", card_duration(record)[1])
    assert "confidence 0.50 of 0.40" in card_duration(record)[1]
    unsure = DurationModel("t", -3.0, {"cue_assessed_0": 1.0}, threshold=0.4)
    monkeypatch.setattr(duration_confidence, "model", lambda: unsure)
    shown, why = card_duration(record)
    assert shown is None and why.startswith("withheld: ") and "cue_assessed_0 +1.0" in why
    # the grammar's reading is unchanged: the evidence rules still see the follow-up
    assert find_duration(record.abstract, record.title)[0] == "6 months"
    nothing = read_durations("No times at all here.")
    assert judge(nothing) == (False, "no study duration stated")
    assert card_duration(_Record("", "")) == (None, "no abstract")
