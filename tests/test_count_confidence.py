"""The confidence step of participant counts (monitor/triage/count_confidence.py): a card
prints the grammar's count only when the shipped model is sure enough of how it was found."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from monitor.errors import ConfigError
from monitor.triage import count_confidence
from monitor.triage.count_confidence import FEATURES, CountModel, features, written
from monitor.triage.participants import (
    Candidate,
    CountReading,
    Participants,
    count_participants,
    find_participants,
    read_counts,
)


def test_the_shipped_model_names_only_known_features() -> None:
    data = json.loads(
        resources.files("monitor.triage").joinpath("count_confidence.json").read_text("utf-8")
    )
    model = count_confidence.model()
    assert model.version == data["version"] and 0.0 < model.threshold < 1.0
    assert set(model.weights) <= set(FEATURES)
    assert data["training"]["keys"] == ["docs/card-key/dev.csv", "docs/card-key/dev2.csv"]
    with pytest.raises(ConfigError, match="unknown features"):
        CountModel.from_dict({**data, "weights": {"kind_guess": 1.0}})
    with pytest.raises(ConfigError, match="not a count confidence model"):
        CountModel.from_dict({"version": "x"})


def test_features_say_how_the_count_was_found() -> None:
    # three counts summed, one of which is the sum of the other two: a group and its
    # arms added together, not three arms
    arms = Candidate(48, "patients", 2, "24 + 12 + 12", frozenset(["n_eq"]), (24, 12, 12), 0)
    reading = CountReading(arms, (arms,), review=False, reason="stated", text="24 12 12")
    assert features(arms, reading) == ["kind_n_eq", "arms", "parts_overlap", "only", "first"]
    assert written("Of 1,204 patients (1204 in all), 1 204 were seen; 11204 not.", 1204) == 3
    one = read_counts("We report a case of a 44-year-old woman with headache.")
    assert one.chosen is not None and features(one.chosen, one) == ["kind_one_case", "only"]
    rival = read_counts(
        "A total of 5859 patients were treated in our centre. We studied 1511 survivors "
        "who were followed for more than 36 months. Twenty-six patients developed a "
        "second malignancy (p = 0.02)."
    )
    assert rival.chosen is not None and rival.chosen.value == 5859
    assert {"role_total", "rival", "first", "large"} <= set(features(rival.chosen, rival))
    smaller = [c for c in rival.candidates if c.value == 1511]
    assert smaller and "rival_larger" in features(smaller[0], rival)


def test_a_clear_count_is_shown_with_its_confidence() -> None:
    found, why = find_participants("We enrolled 81 patients with knee pain.")
    assert found == Participants(81, "patients")
    assert "confidence 0." in why and why.startswith("stated: '81 patients'")


def test_an_unsure_count_is_withheld_but_design_rules_still_read_it() -> None:
    """Two counts of different people in separate sentences, the larger chosen: the
    grammar's count is read by design rules, the card withholds it.  (This test read a
    dev abstract, PMID 7949539, whose nested arms the grammar summed to 63; the eighth
    round reads them as parts of their group, 51, the key's count, so the example is
    now written for the test.)"""
    abstract = (
        "We studied 40 patients with SCI. Then 60 patients with stroke were seen by the "
        "same team."
    )
    raw, _ = count_participants(abstract)
    assert raw is not None and raw.number == 60
    found, why = find_participants(abstract)
    assert found is None and why.startswith("withheld, confidence 0."), why
    assert "rival" in why


def test_a_planned_sample_is_never_shown() -> None:
    abstract = "METHODS: A total of 300 patients will be randomised to two arms."
    assert count_participants(abstract)[0] == Participants(300, "patients")
    assert find_participants(abstract) == (
        None,
        "withheld, a planned sample: stated total: '300 patients'",
    )
