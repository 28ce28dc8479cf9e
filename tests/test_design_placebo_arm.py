"""A placebo arm of the paper's own comparison (issue 19, rct8).

Parallel groups the investigators treated, one of them with a placebo, are an RCT by
the labelling rules even where "randomised" is never written.  Who did the work
decides: the placebo sentence must be one of the paper's own, not about studies in
the plural, in a paper that names research of its own and is not a review; a
placebo session of the same people is not a parallel arm.  The texts are written
for these tests, not copied from a key (docs/triage-evaluation.md, rct8)."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_decisions import _own_placebo_arm
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("abstract", "phrase"),
    [
        ("Adults were given either placebo (n = 20) or gabapentin (n = 21) for 8 weeks.",
         "given either placebo"),
        ("Pain fell more in the pregabalin group than in the placebo group (p = 0.01).",
         "placebo group"),
        ("Group A took baclofen and group B took a placebo.", "took a placebo"),
        ("Compared with placebo, adding the drug lengthened walking time.",
         "compared with placebo"),
        ("The costs per patient in the placebo and baclofen groups were similar.",
         "placebo and baclofen groups"),
    ],
)
def test_the_arms_a_sentence_names(abstract: str, phrase: str) -> None:
    assert _own_placebo_arm(abstract.lower()) == phrase


@pytest.mark.parametrize(
    "abstract",
    [
        # studies in the plural are the sentence's subject: their arms are theirs
        "In comparative trials, the drug and placebo were compared for migraine.",
        "Pooled, the five largest studies showed no benefit compared with the placebo groups.",
        # an arm "of" a trial is where the people came from, one group studied alone
        "We analysed 300 samples from subjects in the placebo arm of a drug trial.",
        # no placebo at all
        "Patients were given baclofen or tizanidine for 8 weeks.",
    ],
)
def test_not_an_own_arm(abstract: str) -> None:
    assert _own_placebo_arm(abstract.lower()) is None


def test_a_placebo_arm_without_randomisation_written_is_an_rct(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Gabapentin for neuropathic pain after spinal cord injury",
        "Forty adults with chronic spinal cord injury were studied. They were given either "
        "placebo (n = 20) or gabapentin (n = 20) for eight weeks. Pain scores fell more with "
        "gabapentin (p = 0.02).",
    )
    assert triage.design == "rct"
    assert "a placebo arm of the paper's own comparison" in triage.reasons["design"][0]


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a review quoting trials' comparisons: it says it is one
        ("Drug therapy of spasticity: a review",
         "This review summarizes the evidence. Baclofen was given to 40 patients and "
         "reduced tone compared with placebo (p < 0.05)."),
        # the same people on placebo and drug in turn, no random order: a session, not an arm
        ("Clonidine and bladder function after spinal cord injury",
         "Six patients were studied on two separate occasions. Clonidine or placebo was "
         "given intrathecally and cystometry was repeated (p < 0.05)."),
        # the trial says it is not randomised
        ("Baclofen after spinal cord injury",
         "In a non-randomised study, 30 patients received baclofen or placebo and were "
         "measured at 4 weeks."),
        # nobody's own research is named: a sentence of a narrative
        ("Antidepressants for pain",
         "Pain is common. Antidepressants are, compared to a placebo, effective for pain."),
    ],
)
def test_placebo_that_is_not_an_own_parallel_arm(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design != "rct"


def test_a_randomised_crossover_keeps_its_placebo_arm(rules: TriageRules) -> None:
    """A within-person placebo in random order is a randomised crossover: an RCT."""
    triage = text(
        rules,
        "Clonidine and food intake",
        "Fourteen healthy adults received clonidine or placebo, orally, in random order on "
        "two separate occasions. Food intake was measured (p = 0.4).",
    )
    assert triage.design == "rct"
