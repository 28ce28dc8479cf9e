"""nr11 (issue 19): what a paper says it is, in its own voice, over the words of
its topic or background: a title whose review word stands before its guideline
phrase reviews guidance (not a guideline); an abstract that names its own study
("This was a retrospective cohort comparison") keeps its design over a review of
the literature mentioned in its background.  Hand-written records."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import SELF_NAMED_STUDY
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


TOPIC = (
    "Acute spinal cord injury is common. Management has changed over the past decade. "
    "Early decompression, blood pressure targets and steroid use are discussed."
)


@pytest.mark.parametrize(
    ("title", "design"),
    [
        # the review is the genre, the guidance its topic
        (
            "A review and update on the guidelines for the acute management of cervical "
            "spinal cord injury",
            "narrative_review",
        ),
        (
            "Practitioner Review: Current best practice in bladder care after injury",
            "narrative_review",
        ),
        # the guideline first, the review after: still a guideline
        ("Guidelines for the management of pressure ulcers: a review", "guideline"),
        ("Clinical practice guideline for the management of spasticity", "guideline"),
        # a named consensus statement is a guideline wherever the review word stands
        ("Review and consensus statement on best practice in spinal cord injury", "guideline"),
    ],
)
def test_review_of_guidance(rules: TriageRules, title: str, design: str) -> None:
    assert text(rules, title, TOPIC).design == design


def test_review_titled_guidance_by_a_consensus_is_a_guideline(rules: TriageRules) -> None:
    # the abstract names the paper's own consensus: its guidance, not a review of it
    abstract = (
        "The aim of this review is to give guidance on adverse events of stimulants. Where "
        "no trial evidence was found, the expert consensus of the working group is given."
    )
    title = "Practitioner review: current best practice in managing stimulant side effects"
    assert text(rules, title, abstract).design == "guideline"


STUDY_WITH_BACKGROUND_REVIEW = (
    "BACKGROUND: Before the new pathway in our unit, catheter use was high. Given our review "
    "of the literature, a standard pathway seemed likely to help. METHODS: This was a "
    "retrospective cohort comparison of 240 infants before and after the pathway. RESULTS: "
    "We observed fewer catheter days (P < 0.01)."
)


def test_own_study_outweighs_background_review(rules: TriageRules) -> None:
    found = text(rules, "Fewer catheters with a standard pathway", STUDY_WITH_BACKGROUND_REVIEW)
    assert found.design == "observational"


def test_review_naming_itself_stays_a_review(rules: TriageRules) -> None:
    # "this is a review" names the review itself, not a study of the paper's own
    abstract = (
        "This is a narrative review of bladder management after spinal cord injury. In this "
        "review we summarize the current evidence on catheterization and botulinum toxin."
    )
    assert text(rules, "Bladder management after injury", abstract).design == "narrative_review"


def test_a_therapy_under_investigation_is_not_the_papers_own_study(rules: TriageRules) -> None:
    # "it is a ... therapy under investigation" names a therapy, not the paper's study
    abstract = (
        "In this review we summarize the current evidence on epidural stimulation after "
        "spinal cord injury. It is a highly promising therapy under investigation, and 12 "
        "patients walked with aids in one series."
    )
    assert text(rules, "Epidural stimulation after injury", abstract).design == "narrative_review"
    assert SELF_NAMED_STUDY.search(abstract.lower()) is None
    assert SELF_NAMED_STUDY.search("this was a retrospective cohort comparison") is not None


def test_self_named_study_is_fast_on_hostile_text(rules: TriageRules) -> None:
    start = time.process_time()
    text(rules, "x", "this was a " + "word " * 10_000 + "in this review we summarize the")
    assert time.process_time() - start < 5
