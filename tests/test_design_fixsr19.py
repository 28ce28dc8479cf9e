"""fixsr19 (review of sr19, issue 19): a pooled analysis cited as a finding in a
trial's background is the literature's, not the paper's design.

By docs/design-labelling.md the label is the design of the work the paper
reports, not one it mentions: a trial whose introduction says "a pooled analysis
of three randomized trials showed that X reduced pain" and then randomises its own
people is an RCT.  A pooled analysis the paper reports itself ("data from two
double-blind studies were pooled", "a pooled analysis ... was performed") stays a
meta-analysis of trials.  The texts are written for these tests, not copied from a
key or the corpus."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import CITED_POOLING
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    "background",
    [
        "Background: A pooled analysis of three randomized trials showed that drug X "
        "reduced pain.",
        "A pooled analysis of 3 trials suggested that drug X reduced pain.",
        "An earlier pooled analysis of two phase III trials found less pain with drug X.",
    ],
)
def test_a_pooled_analysis_cited_in_a_trials_background_is_not_its_design(
    rules: TriageRules, background: str
) -> None:
    abstract = (
        f"{background} Methods: We randomly assigned 120 adults with spinal cord injury "
        "to drug X or placebo for 12 weeks. Results: Pain fell more with drug X."
    )
    triage = text(rules, "Drug X for neuropathic pain after spinal cord injury", abstract)
    assert triage.design == "rct", triage.reasons


@pytest.mark.parametrize(
    "abstract",
    [
        # the paper's own pooling, said in the passive
        "Data from two double-blind, randomized studies were pooled to compare drug X with "
        "placebo. Pain fell more with drug X than with placebo.",
        # its own pooled analysis, and what it showed
        "A pooled analysis of three randomized, double-blind trials of drug X was "
        "performed. Drug X reduced pain more than placebo.",
        # its own results sentence naming the pooling with "this"
        "Patients were randomized in each of four studies. This pooled analysis of four "
        "randomized trials showed less pain with drug X.",
    ],
)
def test_an_own_pooled_analysis_stays_a_meta_analysis(rules: TriageRules, abstract: str) -> None:
    triage = text(rules, "Drug X for neuropathic pain after spinal cord injury", abstract)
    assert triage.design == "systematic_review", triage.reasons


def test_cited_pooling_is_linear() -> None:
    start = time.perf_counter()
    CITED_POOLING.search("background: a " + "pooled, " * 20000 + "x")
    CITED_POOLING.search("a " * 20000 + "x")
    assert time.perf_counter() - start < 1.0


def test_a_counted_pooled_analysis_for_another_question_is_observed_however_worded(
    rules: TriageRules,
) -> None:
    # the same paper in POOLED_TRIALS' words and in SR_TEXT's older "pooled analysis
    # of four trials": the trials' people pooled for a question no trial randomised
    # (no treatment effect in the title, no randomisation in the abstract) are observed
    title = "Obesity and pain in adults with spinal cord injury"
    for abstract in (
        "Data from four trials of drug X were pooled, 1,200 adults. Obesity went with more "
        "pain (odds ratio 1.8).",
        "In a pooled analysis of four trials of drug X, 1,200 adults, obesity went with more "
        "pain (odds ratio 1.8).",
    ):
        triage = text(rules, title, abstract)
        assert triage.design != "systematic_review", triage.reasons
