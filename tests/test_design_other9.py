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


# fixo9 (issue 19): people named by what they are and given a teaching, a programme or
# an experiment of the paper's own are a trial without randomisation, not observed;
# an intervention named only as a conclusion's hope leaves them observed
@pytest.mark.parametrize(
    "abstract",
    [
        "The study was conducted with 120 nursing students. The intervention group was "
        "given an online course on wound care, and knowledge scores rose.",
        "In the current experiment, 90 university students read a text with or without "
        "colour cues. Those with cues recalled more.",
        "Forty preterm infants took part. Heart rate was recorded one day before the "
        "intervention and on each of five days of music exposure.",
    ],
)
def test_people_given_an_intervention_are_a_trial(rules: TriageRules, abstract: str) -> None:
    triage = text(rules, "Learning and listening", abstract)
    assert triage.design == "non_randomized_trial", triage.reasons


def test_an_intervention_hoped_for_leaves_people_observed(rules: TriageRules) -> None:
    triage = text(
        rules, "Smartphone use among college students",
        "A total of 1200 college students completed questionnaires on smartphone use "
        "and sleep. Longer use was associated with later sleep. These findings may "
        "inform the development of intervention strategies.",
    )  # fmt: skip
    assert triage.design == "observational", triage.reasons
