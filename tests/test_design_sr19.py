"""sr19 (issue 19): several trials pooled are a meta-analysis, not a trial; a title
naming itself a comment on another paper is a commentary.

By docs/design-labelling.md a meta-analysis of trials, individual patient data
pooled from trials included, is a systematic review, however double-blind each
trial was; a new analysis of one trial stays the trial.  The paper's own unit of
analysis decides: a count of at least two trials or studies as the object of the
pooling or the analysis, not a mention ("in two randomized trials, X reduced").
A title-only record whose title says "...: Commentary on an article by ..." names
the commented paper's trial, not its own.  The texts are written for these tests,
not copied from a key or the corpus."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import COMMENT_NAMED, POOLED_TRIALS, TRIALS_COUNTED
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a title naming the pooling over an abstract counting the trials
        ("Efficacy and tolerability of drug X in neurogenic bladder: a pooled analysis",
         "To examine the efficacy of drug X in three randomized, double-blind, parallel, "
         "12-week studies of adults with neurogenic bladder. A total of 900 patients were "
         "randomized. Pooled results showed fewer voids with drug X than with placebo."),
        # the trials' data pooled, said in the abstract
        ("Drug Y versus drug Z for spasticity after spinal cord injury",
         "Data from two double-blind, randomized comparative studies were pooled to assess "
         "the efficacy of drug Y (n = 210) against drug Z (n = 205). Spasticity fell more "
         "with drug Y."),
        # a post hoc analysis of several trials
        ("Effect of drug W on neuropathic pain",
         "We performed a post hoc analysis of four randomized, placebo-controlled trials of "
         "drug W. Pain scores fell by 2 points more than with placebo."),
        # individual patient data of several trials
        ("Effect of early surgery on neurological recovery",
         "Individual patient data from 5 randomised trials comparing early with late "
         "decompression were analysed; early surgery improved motor scores."),
    ],
)
def test_several_trials_pooled_are_a_systematic_review(
    rules: TriageRules, title: str, abstract: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == "systematic_review", triage.reasons
    assert "several trials pooled" in triage.reasons["design"][0]


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # one trial's new analysis stays the trial
        ("Spasticity and walking recovery: a post hoc analysis of the SCI-WALK trial",
         "Participants received training or usual care in a randomized trial.", "rct"),
        # the trials' people pooled for another question are observed (the title names
        # no treatment effect, the abstract no randomisation)
        ("Obesity and pressure injuries: a post hoc analysis of four randomized trials",
         "We pooled 2,000 patients.", "observational"),
        # a review citing trials' results is a review, whatever they pooled
        ("Drug X in spasticity: a review",
         "This article reviews the pharmacology and efficacy of drug X. A pooled analysis "
         "of three randomized, double-blind trials showed less spasticity than with "
         "placebo.", "narrative_review"),
        # a trial of two arms counted is one trial: no pooling named
        ("Drug V for bladder pain",
         "In this randomized, double-blind trial, 120 adults received drug V or placebo for "
         "12 weeks. Pain fell more with drug V.", "rct"),
    ],
)
def test_one_trial_or_a_mention_is_not_pooled(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_pooled_patterns_need_a_count_of_two_as_their_object() -> None:
    assert POOLED_TRIALS.search("a pooled analysis of four randomized trials") is not None
    assert POOLED_TRIALS.search("data from three randomised trials were pooled") is not None
    assert POOLED_TRIALS.search("a post hoc analysis of the realistic trial") is None
    assert POOLED_TRIALS.search("in two randomized trials, x reduced pain") is None
    assert POOLED_TRIALS.search("a pooled analysis of 1 trial") is None
    assert TRIALS_COUNTED.search("in phase 3 trials") is None


@pytest.mark.parametrize(
    "title",
    [
        "Cement augmentation for vertebral fractures: Commentary on an article by A. Author, "
        'MD, et al.: "Stenting versus kyphoplasty for vertebral fractures. A randomized trial"',
        "Early decompression. Invited commentary on the article by B. Writer et al.: a "
        "randomised controlled trial",
    ],
)
def test_a_title_naming_a_comment_on_an_article_is_a_commentary(
    rules: TriageRules, title: str
) -> None:
    triage = text(rules, title, "")
    assert triage.design == "commentary", triage.reasons


def test_a_title_only_trial_stays_a_trial(rules: TriageRules) -> None:
    # the labelling rules read "...: a randomized controlled trial" alone as one
    triage = text(rules, "Drug X for spasticity: a randomized controlled trial", "")
    assert triage.design == "rct", triage.reasons
    # a colon inside a title that is no comment ("Response to treatment: ...") is not
    assert COMMENT_NAMED.search("outcomes: response to treatment in 40 adults") is None


def test_pooled_patterns_are_linear() -> None:
    text_ = "pooled analysis of " + "two, " * 20000 + "x"
    start = time.perf_counter()
    POOLED_TRIALS.search(text_)
    TRIALS_COUNTED.search("in " + "two, " * 20000 + "x")
    assert time.perf_counter() - start < 1.0
