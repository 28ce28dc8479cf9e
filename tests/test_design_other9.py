"""other9 (issue 19): a few counted patients described with no design word are a
case report (a group compared with statistics is observed), and a case cue set
aside for its count says its people are people when no population word does.
The texts are written for these tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract", "design", "reason"),
    [
        # three patients counted and described: a small series
        ("Percutaneous ablation of upper-pole tumours",
         "Three patients aged 70 to 85 years underwent ablation between 2004 and 2005. "
         "Tumour size ranged from 2 to 3 cm. All tumours were ablated without bleeding.",
         "case_report", "described, no design named"),
        # the same few patients in two groups compared with a p value: observed
        ("Memory after temporal lobe tumours",
         "We examined seven children with left and seven children with right temporal "
         "lobe tumours. Verbal memory was poorer after left-sided tumours (p < 0.05).",
         "observational", "no design named"),
        # "we report 20 girls": no population word, but the case cue presented people
        ("Fainting while standing",
         "We report 20 girls who fainted while standing still. Heart rate fell before "
         "each episode, and most had fainted in other settings too.",
         "observational", "people studied, no design named"),
    ],
)  # fmt: skip
def test_people_with_no_design_word(
    rules: TriageRules, title: str, abstract: str, design: str, reason: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons
    assert reason in triage.reasons["design"][0]


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a few healthy volunteers in an experiment are not cases
        ("Cold pressor responses",
         "Eight healthy volunteers immersed one hand in ice water while blood pressure "
         "was recorded. Pressure rose within one minute."),
        # one patient is not a series (the case cues decide one, not this rule)
        ("Management of ankle fractures",
         "Ankle fractures are common. Surgery is chosen when the joint is unstable, "
         "and casting suffices otherwise."),
    ],
)  # fmt: skip
def test_not_a_small_series(rules: TriageRules, title: str, abstract: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design != "case_report", triage.reasons
