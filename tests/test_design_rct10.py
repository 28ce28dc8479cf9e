"""rct10 (issue 19): a randomised trial's people analysed for another question.

By docs/design-labelling.md a secondary analysis of a trial whose question is not
the randomised comparison (what predicts the response, a prognosis, a test's
accuracy) is observational; the randomisation the abstract names is where the
people came from.  The title says which question the paper asks.  The texts are
written for these tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a genotype as the predictor of the response, in a trial's patients
        ("The ABC1 genotype predicts the blood pressure response to drug X",
         "Eighty hypertensive patients were randomly assigned to drug X or drug Y for 12 "
         "weeks. We genotyped ABC1 in all of them. Carriers of the variant allele had a "
         "larger fall in blood pressure on drug X (p = 0.01)."),
        # a prognosis asked of the people of a double-blind trial
        ("Prognostic value of plasma marker Z in advanced heart failure",
         "Plasma marker Z was measured at baseline in 120 patients taking part in a "
         "double-blind, placebo-controlled trial of drug W. During 2 years 30 patients "
         "died; high marker Z predicted death independently of treatment."),
        # a test's accuracy after a trial's treatment
        ("Accuracy of a rapid urease test after eradication therapy",
         "We assessed the rapid test after therapy in 150 patients of a randomized, "
         "double-blind trial. Sensitivity was 80% and specificity 96% against histology."),
    ],
)
def test_other_question_of_a_trial_is_observational(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design == "observational"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # the randomised comparison itself: the title names the treatment's effect
        ("Effects of drug X on proinsulin and the relation between proinsulin and insulin",
         "Ninety patients were randomly assigned to drug X or placebo for 6 months. "
         "Proinsulin fell on drug X (p < 0.01) and correlated with insulin."),
        # a prediction of the benefit of the randomised treatment
        ("Drug X versus drug Y: prediction of response in depression",
         "Two hundred patients were randomized to drug X or drug Y for 8 weeks. Response "
         "rates were 55% and 41% (p = 0.03); baseline severity predicted response."),
        # "correlates" of the brain, the drug's effect said by its verb
        ("Drug K modulates the neural correlates of reward processing",
         "In a double-blind, placebo-controlled crossover study, 30 patients received "
         "drug K or placebo before functional MRI. Drug K increased striatal responses "
         "to reward (p = 0.01)."),
        # a dose-response relation is the comparison of the randomised doses (fixr10)
        ("Dose-response relationship of drug X for postoperative analgesia",
         "Eighty patients were randomly assigned in a double-blind fashion to placebo or "
         "drug X 10, 20 or 40 mg. Analgesia lengthened with the dose (p < 0.01)."),
        # no other question in the title: the trial's report
        ("Drug X in chronic pain",
         "Sixty patients were randomly assigned to drug X or placebo for 4 weeks. Pain "
         "fell more on drug X (p = 0.02)."),
    ],
)
def test_randomised_comparison_stays_rct(rules: TriageRules, title: str, abstract: str) -> None:
    assert text(rules, title, abstract).design == "rct"
