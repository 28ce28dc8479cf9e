"""fixn11 (issue 19): review of nr11 and nrt11.

nrt11's "people compared with statistics" reads a paper with no count as
observational research on people; it is asked only where the population facet
says people alone ("human"), not where animals are studied beside them, whose
statistics may be the animals'.  The texts are written for these tests, not
copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


def test_animal_statistics_beside_patients_are_not_people_compared(rules: TriageRules) -> None:
    t = text(
        rules,
        "Handling and isolation change emotion in adolescent rats",
        "Adolescent rats were handled daily or isolated. Handled rats explored more "
        "(p < 0.01), as patients with anxiety do. Isolation raised anxiety-like "
        "behaviour (95% CI 1.1-2.0).",
    )
    assert t.population == "both"
    assert t.design != "observational"
    assert "people compared with statistics" not in t.reasons["design"][0]


def test_people_alone_with_statistics_stay_observational(rules: TriageRules) -> None:
    t = text(
        rules,
        "Sleep and relapse in multiple sclerosis",
        "A questionnaire was sent to the patients under our follow-up. Patients who slept "
        "less reported more relapses (p = 0.02; odds ratio 1.6).",
    )
    assert t.population == "human"
    assert t.design == "observational"


@pytest.mark.parametrize(
    "denied",
    [
        "In a prospective evaluation, 30 patients with a hypertensive urgency received "
        "drug N 10 mg sublingually; patients were not randomized.",
        "We studied 30 consecutive patients with a hypertensive urgency without "
        "randomization. They received drug N 10 mg sublingually.",
        "We studied 30 patients with a hypertensive urgency in a non-randomised series. "
        "They received drug N 10 mg sublingually.",
    ],
)
def test_randomisation_denied_keeps_the_dose_a_trial_without_it(
    rules: TriageRules, denied: str
) -> None:
    # nrt11's "an own sentence says the people were randomised" read "randomi" as a
    # substring, so "not randomized" made the dosed series observational
    abstract = denied + " Blood pressure fell within 20 minutes."
    t = text(rules, "Sublingual drug N in hypertensive urgencies", abstract)
    assert t.design == "non_randomized_trial"
