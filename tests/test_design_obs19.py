"""obs19 (issue 19): who assigned the exposure, at the trial/observational/other boundary.

"Non-randomized" said of a study of care the clinicians or patients chose (a
retrospective comparison, a cohort of patients undergoing one of two operations)
is not a trial; a decision or economic model's cohort is hypothetical, so the paper
is ``other``; "administrated" is a verb of giving like "administered".  The texts
are written for these tests, not copied from a key or the corpus."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import DECISION_MODEL, NONRAND_CHOSEN
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Two fixations of lumbar fractures compared",
         "Methods: this was a retrospective non-randomized comparison of 40 patients. "
         "Twenty had open fixation and twenty had percutaneous fixation. Blood loss was "
         "lower after percutaneous fixation (p < 0.05)."),
        ("Operation A versus operation B for low rectal cancer",
         "We report a multicentre, nonrandomized prospective cohort study of patients "
         "undergoing either operation A or operation B. Complication rates were similar."),
    ],
)
def test_nonrandomized_care_chosen_by_others_is_observational(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design == "observational"


@pytest.mark.parametrize(
    "abstract",
    [
        "In a prospective nonrandomized trial, 30 patients received drug X daily. "
        "Pain scores fell by half.",
        "Patients were allocated to surgery or bracing in a nonrandomized design, "
        "with a historical cohort as reference. Outcomes were similar.",
    ],
)
def test_nonrandomized_trial_of_the_investigators_stays_one(
    rules: TriageRules, abstract: str
) -> None:
    assert text(rules, "Treatment of back pain", abstract).design == "non_randomized_trial"


def test_decision_model_cohort_is_other(rules: TriageRules) -> None:
    t = text(
        rules,
        "Cost-effectiveness of drug A and drug B for spasticity",
        "A decision tree of physician behaviour and patient response was built from "
        "published trials. Expected cost for a cohort of 100 patients over one year was "
        "estimated for each drug; sensitivity analysis found the model robust.",
    )
    assert t.design == "other"


def test_cohort_without_a_model_stays_observational(rules: TriageRules) -> None:
    t = text(
        rules,
        "Costs of spasticity care",
        "In a retrospective cohort of 300 patients, annual costs were higher with "
        "drug A than drug B (p < 0.01).",
    )
    assert t.design == "observational"


def test_administrated_dose_is_given(rules: TriageRules) -> None:
    t = text(
        rules,
        "Drug G for neuropathic pain after spinal cord injury",
        "So far there has been little prospective research on drug G. Thirty patients "
        "were studied. Drug G was administrated for 5 weeks at a dosage of 1800 mg/day. "
        "Pain scores fell.",
    )
    assert t.design == "non_randomized_trial"


@pytest.mark.parametrize("pattern", [DECISION_MODEL, NONRAND_CHOSEN])
def test_patterns_linear_on_hostile_text(pattern: object) -> None:
    hostile = "decision " * 20_000 + "cohort " * 20_000 + "patients " * 20_000
    started = time.perf_counter()
    pattern.search(hostile)  # type: ignore[attr-defined]
    assert time.perf_counter() - started < 2.0


# fixo19 (review of obs19) ------------------------------------------------------


def test_nonrandomized_cohort_given_a_dose_by_the_investigators_is_a_trial(
    rules: TriageRules,
) -> None:
    """A "cohort" word says how the people were grouped, not who chose their care:
    a prospective non-randomised study whose own sentences give a dosed protocol is
    the investigators' trial (docs/design-labelling.md), unlike a retrospective one."""
    t = text(
        rules,
        "An intensive injection protocol for plaque disease",
        "Methods: prospective, nonrandomized, clinical study of a cohort of 14 patients "
        "with plaque disease. Under local anaesthesia, 0.5 mg of drug D is injected "
        "into the plaque in 3 sessions a week apart. Results: curvature improved in "
        "10 of 14 patients.",
    )
    assert t.design == "non_randomized_trial"


def test_nonrandomized_cohort_without_a_dose_stays_observational(rules: TriageRules) -> None:
    t = text(
        rules,
        "Outcomes of two fixation methods",
        "Methods: a nonrandomized cohort of 60 patients was followed for two years. "
        "Results: fusion rates were similar (p = 0.4).",
    )
    assert t.design == "observational"


def test_retrospective_nonrandomized_comparison_with_doses_stays_observational(
    rules: TriageRules,
) -> None:
    """Doses of care the clinicians chose do not make a retrospective comparison a trial."""
    t = text(
        rules,
        "Tranexamic acid in spinal fusion",
        "Methods: a retrospective nonrandomized comparison of 80 patients; 40 patients "
        "who underwent fusion were given 1000 mg tranexamic acid and 40 were not. "
        "Results: blood loss was lower (p < 0.05).",
    )
    assert t.design == "observational"


def test_machine_learning_decision_tree_on_a_cohort_stays_observational(
    rules: TriageRules,
) -> None:
    """A decision tree without costs is a statistical method on a real cohort; only a
    model that counts costs is a model of care (obs19's narrowing, untested there)."""
    t = text(
        rules,
        "Predicting discharge after spinal cord injury",
        "In a retrospective cohort of 500 patients, a decision tree model predicted "
        "discharge home with an accuracy of 0.81.",
    )
    assert t.design == "observational"


@pytest.mark.parametrize("name", ["DECISION_TREE", "ECONOMIC", "NONRAND_ASSIGNED", "NONRAND_COHORT"])
def test_more_patterns_linear_on_hostile_text(name: str) -> None:
    from monitor.triage import design_patterns

    hostile = "decision cost markov " * 10_000 + "cohort trial " * 10_000 + "x" * 50_000
    started = time.perf_counter()
    getattr(design_patterns, name).search(hostile)
    assert time.perf_counter() - started < 2.0
