"""nrt8 (issue 19): a trial word makes a non-randomised trial only when the paper's
own participants received the assigned intervention.

Not when the trial is the data source of a secondary analysis or a model ("data
from the open-label ... study", exposure-response, population pharmacokinetics), nor
when the paper studies a measurement (a reliability study's "non-randomized tests").
The texts are written for these tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import MEASUREMENT_DESIGN, TRIAL_AS_SOURCE, TRIAL_DATA_FROM
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a model fitted to a finished open-label trial's data
        ("Exposure-response of drug X in chronic hepatitis",
         "We modelled the exposure-response relationship of drug X using viral load data "
         "from 180 patients of the open-label extension study. Higher exposure was "
         "associated with faster decline (p < 0.01)."),
        # a biomarker question asked of a single-arm trial's stored samples
        ("Serum marker Y and survival in advanced melanoma",
         "Blood samples collected during a single-arm phase II trial of drug Z were "
         "analysed for marker Y in 64 patients. High marker Y was associated with "
         "shorter survival (hazard ratio 2.1)."),
        # a measurement's reliability: the tests were merely not randomised in order
        ("Reliability of a rowing ergometer test in club rowers",
         "Twenty-two rowers completed three non-randomized tests on separate days to "
         "assess the test-retest reliability of peak power. Intraclass correlation "
         "was 0.94 and the limits of agreement were narrow."),
    ],
)
def test_trial_word_not_own_trial(rules: TriageRules, title: str, abstract: str) -> None:
    assert text(rules, title, abstract).design != "non_randomized_trial"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Drug X in refractory epilepsy: an open-label trial",
         "Thirty patients with refractory epilepsy received drug X 10 mg/kg daily for "
         "12 weeks in an open-label trial. Seizure frequency fell by 40% (p < 0.01)."),
        ("A single-arm phase II trial of drug Z in advanced melanoma",
         "Forty-one patients were enrolled in this single-arm phase II trial and "
         "received drug Z every 3 weeks. The response rate was 32%."),
        # the title's "data from" names the paper's own trial
        ("Drug X with drug W in schizophrenia: safety data from an open-label trial",
         "This open-label trial was performed to study the safety of adding drug W to "
         "drug X in 20 inpatients, who received drug W 20 mg daily for 6 weeks."),
        ("Walking training after spinal cord injury",
         "In this non-randomized controlled trial, 24 people with incomplete spinal cord "
         "injury were assigned to treadmill training or usual care for 8 weeks. Walking "
         "speed improved more with training (p = 0.02)."),
    ],
)
def test_own_trial_stays_nrt(rules: TriageRules, title: str, abstract: str) -> None:
    assert text(rules, title, abstract).design == "non_randomized_trial"


def test_patterns_read_the_source_not_the_own_trial() -> None:
    assert TRIAL_DATA_FROM.search("data from 200 patients of the open-label study")
    assert TRIAL_AS_SOURCE.search("a population pharmacokinetic analysis")
    assert TRIAL_AS_SOURCE.search("this study was conducted as part of a phase ii trial")
    assert not TRIAL_DATA_FROM.search("forty patients were enrolled in a phase ii trial")
    assert not TRIAL_AS_SOURCE.search("results of an open-label trial of drug x")
    assert MEASUREMENT_DESIGN.search("the inter-rater reliability of the scale")
