"""Review of evid8 (issue 20, fixe8): a trial's design paper is named by its title as the
paper's kind, not by a treatment's protocol; people simulated, not a sample's conditions;
numbers read as abstracts write them, and no runaway search on a run of number words.
Fixture text written for these tests (not taken from any key or corpus record)."""

from __future__ import annotations

import re
import time

import pytest

from monitor.briefs.evidence import _PEOPLE_COUNTED, evidence_level_of
from monitor.briefs.time_direction import time_direction
from monitor.triage import numbers
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record


def _coarse(title: str, abstract: str, design: str) -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, "human", participants_of(record))).coarse


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # a finished trial of a treatment's protocol, whose last sentence says "will"
        ("A randomized trial of an early weaning protocol after cervical spinal cord injury",
         "Sixty patients were randomised to protocol-driven or physician-led weaning. "
         "Ventilator days were fewer with the protocol (8 vs 12, p=0.01). The protocol will "
         "be adopted in our unit.", "rct"),
        ("Rationale for early decompression: a randomized trial",
         "Eighty patients were randomised to early or late decompression; motor scores rose "
         "more after early surgery. The unit will now operate within 24 hours.", "rct"),
        # ... the design papers themselves, whatever words name them
        ("Bladder training after spinal cord injury: protocol for a randomised controlled "
         "trial", "Ninety adults will be randomised to timed voiding or usual care.", "other"),
        ("The WALK trial of robotic gait training: rationale, design and methods",
         "Participants will be allocated to robotic or conventional gait training for 8 "
         "weeks.", "other"),
        ("Seating and pressure injury in wheelchair users: a study protocol",
         "Two hundred users will be randomised to two cushions; ulcers will be counted at 6 "
         "months.", "other"),
    ],
)
def test_a_design_paper_is_named_by_its_title_as_the_papers_kind(
    title: str, abstract: str, coarse: str
) -> None:
    assert _coarse(title, abstract, "rct") == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # the sample's material under simulated conditions: still a study of those people
        ("Serum from 40 patients with spinal cord injury was incubated under simulated "
         "physiological conditions and interleukin-6 was measured.", "cross_sectional"),
        # people simulated in a computer are none
        ("Bone loss was simulated for 2,000 virtual patients with paraplegia over ten "
         "years.", "in_vitro"),
        ("Five hundred patients were simulated in a pharmacokinetic model of baclofen.",
         "in_vitro"),
    ],
)
def test_simulated_people_not_simulated_conditions(abstract: str, coarse: str) -> None:
    assert _coarse("A laboratory study", abstract, "in_vitro") == coarse


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200),
        ("12 000", 12000),
        ("twenty-two", 22),
        ("Twenty two", 22),
        ("one hundred and five", 105),
        ("one thousand two hundred", 1200),
        # a range or a decimal is read as its first whole number, never joined
        ("20-30", 20),
        ("3.5", 3),
        # "1.200" (a European thousands point) is not a thousands group here: "1"
        ("1.200", 1),
    ],
)
def test_number_match_and_value(text: str, value: int) -> None:
    m = re.match(numbers.NUMBER, text, re.I)
    assert m is not None
    assert numbers.number_value(m.group(0)) == value


@pytest.mark.parametrize(
    ("text", "number", "value"),
    [
        ("DNA from 1,200 patients was sequenced.", "1,200", 1200),
        ("Tissue from twelve patients was stained.", "twelve", 12),
        ("Serum of one hundred and twenty patients was assayed.", "one hundred and twenty", 120),
        # a decimal or a European thousands point counts no people
        ("Biopsies of 3.5 patients", None, None),
        ("DNA from 1.200 patients", None, None),
    ],
)
def test_people_counted_with_their_value(text: str, number: str | None, value: int | None) -> None:
    m = _PEOPLE_COUNTED.search(text)
    assert (m.group("n") if m else None) == number
    if number is not None:
        assert numbers.number_value(number) == value


def test_a_run_of_number_words_is_searched_in_linear_time() -> None:
    # a number in words has at most eight parts ("one thousand two hundred and sixty-
    # four"): a long run of number words with no people after them used to be searched
    # in cubic time (600 words: seconds; now milliseconds)
    text = "one two three four five six " * 300
    start = time.process_time()
    assert _PEOPLE_COUNTED.search(text) is None
    assert time.process_time() - start < 5.0
    # ... and a long number in words is still read whole
    m = re.match(numbers.WORDS, "one thousand two hundred and sixty-four", re.I)
    assert m is not None
    assert numbers.number_value(m.group(0)) == 1264


@pytest.mark.parametrize(
    ("abstract", "followed"),
    [
        # one visit's two readings around a stimulus are no follow-up
        ("Spirometry was done in 40 adults with tetraplegia; pre- and post-bronchodilator "
         "measurements were taken at one visit.", False),
        ("Pre- and post-void measurements of bladder wall thickness were taken in 55 "
         "patients with neurogenic bladder.", False),
        ("Blood pressure pre- and post-procedure assessments were made in 30 patients "
         "undergoing cystoscopy.", False),
        # ... a change made, or the study's own measurements, are
        ("Nurses completed pre- and post-workshop surveys on catheter care.", True),
        ("Knowledge rose between the pre- and post-course assessment of 48 therapists.", True),
        ("Therapists completed pre- and post-tests on pressure injury staging.", True),
        ("Audit data were compared pre- and post-EHR implementation in two units.", True),
    ],
)
def test_pre_and_post_name_a_change_or_the_studys_measurements(
    abstract: str, followed: bool
) -> None:
    found = time_direction("A service evaluation", abstract)
    assert (found is not None and found.kind == "cohort") is followed
