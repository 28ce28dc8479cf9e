"""obs20 (issue 19): an observational study that names no design.

A paper with no design phrase and no count the participant grammar read is
observational when its own sentences name the people its data are about
(``OWN_SUBJECTS``: people enrolled, included, followed or compared; "we analysed
... patients"; "data of ... patients"; "among the 2071 health care workers") and
nothing says the investigators assigned an exposure: no allocation, no dose
given, no trial of its own.  The texts are written for these tests, not copied
from a key or the corpus."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import OWN_SUBJECTS
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # the people the study's verb acts on, in the passive, no count read
        ("Bladder management and kidney function after spinal cord injury",
         "Patients admitted to our rehabilitation unit over ten years were recruited. "
         "Renal scans at discharge and at the last visit were reviewed. Kidney function "
         "was preserved more often with intermittent catheterisation."),
        # people counted beside a preposition, by a noun phrase the grammar misses
        ("Swab test timing in a hospital surveillance programme",
         "The programme ran among the 2071 health care workers of a university hospital "
         "who had close contact with an infected patient. Positive tests were most "
         "frequent on the fifth day after contact."),
        # followed for a time
        ("Return to work after traumatic spinal cord injury",
         "Working-age adults discharged from two spinal centres were followed for five "
         "years. Return to work was more frequent after incomplete injuries and among "
         "those with a university degree."),
    ],
)
def test_own_people_observed_are_observational(
    rules: TriageRules, title: str, abstract: str
) -> None:
    t = text(rules, title, abstract)
    assert t.design == "observational"
    assert t.reasons["design"][0].startswith("no design phrase found; the paper's own people")


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # the people were given a dose by the investigators: a trial's arm, not observed
        ("Drug X for neuropathic pain after spinal cord injury",
         "Patients with at-level pain were enrolled and received drug X 300 mg daily "
         "for eight weeks. Pain scores fell and two stopped for dizziness."),
        # the people were allocated
        ("Treadmill training in incomplete tetraplegia",
         "Patients were assigned to treadmill or overground training. Walking speed "
         "improved in both."),
        # an intervention the investigators delivered, before and after
        ("Cycling and attention in dementia",
         "Patients with moderate dementia were recruited. Attention was measured before and after "
         "the intervention, a twenty-minute cycling session, and improved."),
        # people whose data were downloaded from a public repository: in vitro work
        ("A gene signature of liver cancer",
         "The data of liver cancer patients were collected from TCGA. A ten-gene "
         "signature separated high- and low-risk groups."),
        # a cited series of a few patients in a review-like text
        ("Superior capsular reconstruction",
         "The graft restores stability. In the series of 10 patients described by its "
         "inventors, pain improved."),
    ],
)
def test_own_people_given_something_are_not_observed(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design != "observational"


def test_people_of_a_review_are_not_its_own(rules: TriageRules) -> None:
    t = text(
        rules,
        "Bladder management after spinal cord injury: a review",
        "In this review we summarise what is known of bladder management. Patients "
        "were followed for up to ten years in the studies discussed, and renal "
        "function was preserved with intermittent catheterisation.",
    )
    assert t.design != "observational"


def test_people_named_without_data_decide_nothing(rules: TriageRules) -> None:
    t = text(
        rules,
        "Why rehabilitation should start early",
        "Rehabilitation after spinal cord injury should begin in the acute unit. "
        "Patients and families deserve a plan from the first day.",
    )
    assert t.design != "observational"


@pytest.mark.parametrize(
    "hostile",
    [
        "we included " + "a " * 10000,
        "data of " + "12 " * 5000 + "x " * 5000,
        "among the " + "1" * 10000 + " x" * 10000,
        "patients were " * 5000,
    ],
)
def test_own_subjects_fast_on_hostile_text(hostile: str) -> None:
    start = time.process_time()
    OWN_SUBJECTS.search(hostile)
    assert time.process_time() - start < 1.0
