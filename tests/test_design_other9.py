"""other9 (issue 19): a counted sample named by what its people are (players,
infants, students) is research on people when no population word was found; a few
counted patients with no design word stay undecided (the small-series rule was
tried and dropped, docs/triage-evaluation.md).  The texts are written for
these tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


def test_a_case_cue_set_aside_makes_its_people_people(rules: TriageRules) -> None:
    # "girls" is no population word; "we report 20 girls" presented them
    triage = text(
        rules, "Fainting while standing",
        "We report 20 girls who fainted while standing still. Heart rate fell before "
        "each episode, and most had fainted in other settings too.",
    )  # fmt: skip
    assert triage.design == "observational", triage.reasons
    assert triage.reasons["design"][0].startswith("text: 20 people studied, no design named")


def test_people_named_by_what_they_are(rules: TriageRules) -> None:
    triage = text(
        rules, "Sprint times in youth hockey",
        "Twenty-four male youth hockey players completed four skating tests. Heart rate "
        "and oxygen uptake were recorded, and times were predicted within 5%.",
    )  # fmt: skip
    assert triage.design == "observational", triage.reasons


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # counted trees are no people
        ("Tree height in mixed forest",
         "We measured 379 trees in 80 plots and fitted seven growth models to age and height."),
        # a count with no case cue and no population word: nothing says people
        ("Sprint profiles from positioning data",
         "Speed data from 16 sessions were collected and a profile was fitted to each."),
        # a few patients counted and described: undecided, not a case report
        ("Percutaneous ablation of upper-pole tumours",
         "Three patients aged 70 to 85 years underwent ablation between 2004 and 2005. "
         "Tumour size ranged from 2 to 3 cm. All tumours were ablated without bleeding."),
    ],
)  # fmt: skip
def test_no_design_without_people_or_with_few(
    rules: TriageRules, title: str, abstract: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == "other", triage.reasons
