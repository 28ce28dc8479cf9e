"""How many of its own people a case cue presents (issue 19, case8).

A case cue that counts its people above the labelling rules' largest case series
(10, docs/design-labelling.md), or names a series over an abstract that counts more
than 10 people, presents a cohort, not a case report; one patient, or a handful,
stays a case report.  The texts are written for these tests."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import cue_count
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("hit", "count"),
    [
        ("we report 20 girls", 20),
        ("we report twenty cases", 20),
        ("three patients were described", 3),
        ("a 45-year-old man", None),  # an age, not a count of people
        ("an 8 month old infant", None),
        ("a twenty-two-year-old woman", None),
        ("this case series", None),
        ("14 cases.", 14),
    ],
)
def test_the_count_a_cue_names(hit: str, count: int | None) -> None:
    assert cue_count(hit) == count


def test_a_cue_counting_many_people_is_no_case_report(rules: TriageRules) -> None:
    found = text(
        rules,
        "Fainting while brushing hair",
        "We report 20 girls who fainted while their hair was brushed. Most episodes "
        "occurred in the morning and none recurred after advice.",
    )
    assert found.design != "case_report"
    assert "not a case report" in found.reasons["design"][0]


def test_a_series_of_more_than_ten_is_observational(rules: TriageRules) -> None:
    found = text(
        rules,
        "A new valve delivery device: a case series",
        "Eighteen patients underwent implantation with the device between 2019 and 2020. "
        "Procedural success was achieved in 17 patients and one died at 30 days.",
    )
    assert found.design == "observational"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Late cord compression after a fall: a case report",
         "A 45-year-old man presented with weakness of both legs two years after a fall. "
         "MRI showed a syrinx; he recovered after decompression."),
        ("Two cases of delayed myelopathy",
         "We report 2 patients with myelopathy months after minor trauma. Both improved."),
        ("Hypotension after intrathecal baclofen: a case series",
         "We describe three patients who became hypotensive after a trial dose. "
         "All recovered within hours."),
    ],
)  # fmt: skip
def test_one_patient_or_a_handful_stays_a_case_report(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design == "case_report"
