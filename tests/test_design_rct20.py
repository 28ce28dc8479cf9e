"""rct20 (issue 19): a trial-methods paper is a protocol by its title's genre; a trial
still to run, by the tense of its own allocation; an open-label randomised trial is
randomised.

By docs/design-labelling.md a paper that describes a trial to be done or under way and
reports no outcome data is a protocol, study design papers included, even when its
title says "a randomised controlled trial".  The genre is read from the title (its
rationale, design, methods or statistical analysis plan) and the tense from the
abstract's own allocation or recruitment ("will be randomised", "are being
recruited").  "Open-label" says who knew the treatment, not how it was allocated: a
trial the abstract calls randomised stays an RCT.  The texts are written for these
tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import PROTOCOL_FUTURE, PROTOCOL_TITLE, RCT_TEXT
from tests.triage_text import shipped_rules, text

_TRIAL_ABSTRACT = (
    "Background: pain after spinal cord injury is common. Methods: adults with chronic "
    "spinal cord injury are randomised to drug X or placebo for 12 weeks; the primary "
    "outcome is pain intensity. Discussion: the trial tests drug X."
)


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    "title",
    [
        "Walking After Spinal Injury (WASI) Trial: Rationale, design, and methods",
        "A trial of drug X for spasticity: Trial Design and Methods.",
        "Design and methods of the Bladder After Injury (BAI) trial",
        "Design and implementation of a cluster randomized trial of peer mentoring",
        "Experimental design of the Early Stimulation in Tetraplegia (ESTE) trial",
        "Drug X for neuropathic pain (PAIN-X Trial): Study Design.",
        "Statistical analysis plan for the SCI-COOL randomised controlled trial",
        "A new approach to spasticity. A rationale for a randomized, double-blind trial",
    ],
)
def test_a_trial_methods_title_is_a_protocol(rules: TriageRules, title: str) -> None:
    triage = text(rules, title, _TRIAL_ABSTRACT)
    assert triage.design == "protocol", triage.reasons
    assert "the trial's design, not its results" in triage.reasons["design"][0]


@pytest.mark.parametrize(
    "title",
    [
        # what was designed is no trial: a molecule, a device, a training programme
        "Design of a new drug X analogue: synthesis and docking",
        "Design and validation of a gait assessment scale",
        # results named in the title: the trial's report
        "Rationale, design and results of the WASI randomised trial",
    ],
)
def test_a_design_word_that_is_not_a_trials_methods_is_not_one(
    rules: TriageRules, title: str
) -> None:
    triage = text(rules, title, "In 80 adults with spinal cord injury, gait improved.")
    assert "the trial's design" not in triage.reasons["design"][0], triage.reasons


@pytest.mark.parametrize(
    "abstract",
    [
        "Methods: 120 adults with paraplegia will be randomly assigned to robot gait "
        "training or usual care. The primary outcome will be walking speed.",
        "Methods: participants with chronic pain are being recruited at six centres and "
        "allocated to drug X or placebo. Randomising 200 participants will achieve 80% "
        "power to detect a 1-point difference.",
        "Methods: we will perform a multicentre trial in which 300 patients receive drug X "
        "or placebo.",
    ],
)
def test_a_titled_trial_in_the_future_tense_is_a_protocol(
    rules: TriageRules, abstract: str
) -> None:
    triage = text(rules, "Drug X after spinal cord injury: a randomised controlled trial", abstract)
    assert triage.design == "protocol", triage.reasons


def test_a_titled_trial_with_results_stays_a_trial(rules: TriageRules) -> None:
    # a results section: its future sentence is about later work, not its own trial
    abstract = (
        "Methods: 80 adults with paraplegia were randomised to training or usual care. "
        "Results: walking speed rose by 0.2 m/s with training. Conclusions: in a larger "
        "trial, patients will be randomised at 20 centres."
    )
    triage = text(rules, "Robot training after spinal cord injury: a randomized trial", abstract)
    assert triage.design == "rct", triage.reasons


@pytest.mark.parametrize(
    "abstract",
    [
        "Methods: an open-label randomized controlled trial at four centres. 60 adults with "
        "spinal cord injury received drug X or usual care. Results: spasticity fell.",
        "Methods: 60 adults with tetraplegia were studied in an open-label, randomised, "
        "controlled design and received drug X or usual care. Results: spasticity fell.",
        "Methods: 60 adults with spinal cord injury were allocated by block randomisation "
        "to drug X or usual care (open-label). Results: spasticity fell.",
    ],
)
def test_an_open_label_randomised_trial_is_an_rct(rules: TriageRules, abstract: str) -> None:
    triage = text(rules, "Drug X for spasticity after spinal cord injury", abstract)
    assert triage.design == "rct", triage.reasons


def test_an_open_label_trial_without_randomisation_stays_non_randomised(
    rules: TriageRules,
) -> None:
    abstract = (
        "Background: an earlier randomized trial showed benefit. Methods: in an open-label "
        "single-arm study, 30 adults with spinal cord injury received drug X for 8 weeks. "
        "Results: spasticity fell."
    )
    triage = text(rules, "Drug X for spasticity after spinal cord injury", abstract)
    assert triage.design == "non_randomized_trial", triage.reasons


def test_the_patterns_read_genre_tense_and_allocation() -> None:
    assert PROTOCOL_TITLE.search("x trial: rationale, design, and methods") is not None
    assert PROTOCOL_TITLE.search("design of new copper complexes: synthesis") is None
    assert PROTOCOL_TITLE.search("challenges in clinical trial design") is None
    assert PROTOCOL_FUTURE.search("obese women (bmi 30-40) will be randomly assigned") is not None
    assert PROTOCOL_FUTURE.search("patients were randomly assigned") is None
    assert RCT_TEXT.search("an open-label, randomised, phase 3 trial") is not None
    assert RCT_TEXT.search("patients were selected by random sampling") is None
