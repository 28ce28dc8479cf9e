"""A survey of people, not of things; a title word against the paper's own study
(issue 19, survey8).

"Survey" is an observational design only where people are surveyed (questionnaires,
respondents, response rates, interviews, people counted); "a survey of alignment
algorithms" reviews things.  A title word such as "overview" or "best practice"
yields to an abstract whose own sentences name an observational design over more
people than a case series holds.  The texts are written for these tests, not
copied from a key (docs/triage-evaluation.md, survey8)."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


def test_a_survey_of_methods_is_not_observational(rules: TriageRules) -> None:
    triage = text(
        rules,
        "A survey of image registration tools for diffusion imaging",
        "Many registration programs have appeared in recent years. We describe how the "
        "tools differ in their cost functions and compare their documented features. "
        "Open problems and future directions are outlined.",
    )
    assert triage.design != "observational"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Bladder management after spinal cord injury: a survey",
         "A questionnaire was sent to 410 members of the society; the response rate was "
         "52%. Most respondents used intermittent catheterisation."),
        ("A national survey of rehabilitation units",
         "We contacted every unit by telephone and asked about staffing and bed numbers."),
    ],
)
def test_a_survey_of_people_stays_observational(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design == "observational"


def test_an_overview_of_an_own_cohort_is_observational(rules: TriageRules) -> None:
    triage = text(
        rules,
        "The Northern Spine Registry: an overview of the first two years",
        "We set up a prospective, multicentre observational registry of people with "
        "acute spinal cord injury. In its first two years 212 patients were enrolled "
        "and followed for 12 months; their injury levels and outcomes are described.",
    )
    assert triage.design == "observational"
    assert "over the title's 'overview'" in triage.reasons["design"][0]


def test_best_practice_found_by_an_own_database_analysis_is_observational(
    rules: TriageRules,
) -> None:
    triage = text(
        rules,
        "Best practice for the timing of pelvic fixation as shown by a trauma registry",
        "We queried a national trauma registry for adults with pelvic fractures. Of "
        "5,210 patients, early fixation was followed by a shorter stay; a matched "
        "cohort confirmed the difference.",
    )
    assert triage.design == "observational"


def test_an_overview_without_a_study_of_its_own_stays_a_review(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Neuropathic pain after spinal cord injury: an overview",
        "This overview summarises the mechanisms and the treatments of neuropathic "
        "pain, from anticonvulsants to stimulation, and the gaps in the evidence.",
    )
    assert triage.design == "narrative_review"


def test_a_named_consensus_statement_keeps_its_guideline(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Best practice in early rehabilitation: a consensus statement",
        "A panel of 30 clinicians reviewed a prospective cohort of 400 patients and "
        "agreed on recommendations by a modified Delphi process.",
    )
    assert triage.design == "guideline"
