"""Issue 20, card20: laboratory tests on material with no living subject are in vitro
(evidence), and a paper reporting its own cases beside a literature review keeps its
cases' stated follow-up (duration).  Fixture text written for these tests (not taken
from any key or corpus record)."""

from __future__ import annotations

import time

import pytest

from monitor.briefs.duration import find_duration
from monitor.briefs.evidence import evidence_level_of
from monitor.triage.material import patterns as _material_patterns
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record
from tests.triage_text import shipped_rules, text


def _level(title: str, abstract: str, design: str, population: str = "human") -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, population, participants_of(record))).coarse


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Two anchors compared in the lumbar spine",
            "Sixteen fresh-frozen human cadaveric lumbar spines were randomized to anchor A or "
            "anchor B. Pull-out force was recorded in a servohydraulic machine.",
        ),
        (
            "Plate versus nail for a pelvic fracture",
            "Fractures were created in 18 adult semi-pelvis specimens, divided into three groups "
            "at random, and loaded to failure.",
        ),
        (
            "Load sharing after fusion",
            "A finite element model of the L3-L5 segment was built and loaded in flexion.",
        ),
        (
            "Screw purchase in osteoporotic bone",
            "Screws were inserted into synthetic bone blocks of two densities and tested on a "
            "universal testing machine.",
        ),
    ],
)
def test_material_tested_without_living_subjects_is_in_vitro(title: str, abstract: str) -> None:
    # lab20: triage's design decides it, and the card follows the design
    found = text(shipped_rules(), title, abstract)
    assert found.design == "in_vitro", found.reasons
    assert evidence_level_of(make_record(title=title, abstract=abstract), found).coarse == (
        "in_vitro"
    )


@pytest.mark.parametrize(
    ("title", "abstract", "design", "coarse"),
    [
        # living people beside the material keep the study's own design
        (
            "A cadaveric approach and its use in patients",
            "The approach was rehearsed on four cadavers. Twenty-two patients were then "
            "randomized to the approach or a standard one and followed up for a year.",
            "rct",
            "rct",
        ),
        (
            "A cadaver-based workshop for residents",
            "Thirty-one residents completed surveys before and after a cadaver course.",
            "observational",
            "cross_sectional",
        ),
    ],
)
def test_living_subjects_beside_material_keep_the_design(
    title: str, abstract: str, design: str, coarse: str
) -> None:
    assert _level(title, abstract, design) == coarse


def test_animal_material_stays_preclinical() -> None:
    assert _level("Pedicle screws in porcine spines",
                  "Twelve porcine lumbar spine specimens were tested in a testing machine.",
                  "other", "animal") == "preclinical"  # fmt: skip


def test_tissue_specimens_from_patients_are_no_tested_material() -> None:
    assert _material_patterns().tested.search("biopsy specimens from 40 patients were stained") is None
    assert _material_patterns().living.search("an 80-year-old female cadaver was dissected") is None
    assert _material_patterns().living.search("we report the case of a 54-year-old man") is not None


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        (
            "Sacral fractures: case series and literature review",
            "We reviewed 9 cases. The mean follow-up was 15 months. A search of PubMed and Embase "
            "found 6 studies of 50 patients followed for 2 to 10 years.",
            "15 months",
        ),
        (
            "Late kyphosis: case report and review of the literature",
            "A systematic review of 10 case series was added. All the patients were followed "
            "up, with the average period of 40.5 months (range 24-60 months).",
            "40.5 months",
        ),
    ],
)
def test_own_cases_beside_a_review_keep_their_follow_up(
    title: str, abstract: str, expected: str
) -> None:
    found, why = find_duration(abstract, title)
    assert found == expected, why


def test_own_cases_beside_a_review_take_no_other_time() -> None:
    # only a stated follow-up of the cases: the review's studies' times are not theirs
    found, why = find_duration(
        "A meta-analysis of trials that treated patients for 12 weeks was added to our 5 cases.",
        "Spasticity: case series and meta-analysis review",
    )
    assert found is None, why
    # a review without cases of its own stays without a duration
    found, why = find_duration(
        "The mean follow-up was 15 months in a meta-analysis of 12 trials.",
        "Sacral fractures: a literature review",
    )
    assert found is None, why


def test_the_detectors_run_in_linear_time() -> None:
    text = "lumbar " * 20000 + "x"
    start = time.perf_counter()
    _material_patterns().tested.search(text)
    _material_patterns().living.search("12 " + "big " * 20000)
    assert time.perf_counter() - start < 2.0


def test_a_follow_up_visit_is_one_assessment_time_of_the_schedule() -> None:
    found, why = find_duration(
        "Forty patients were treated. Pain was rated at 2, 4, 12, 24, and 52 weeks after "
        "the procedure. One patient died before the 4-week follow-up."
    )
    assert found == "52 weeks", why
    # a follow-up stated as the span stays the follow-up
    found, why = find_duration(
        "Forty patients were treated and followed up for 12 weeks. Pain was rated at 2 and 4 weeks."
    )
    assert found == "12 weeks", why


@pytest.mark.parametrize(
    ("title", "design"),
    [
        (
            "Sacral fractures after fusion: a series of four cases and systematic review of "
            "literature",
            "systematic_review",
        ),
        ("Co-infection of two viruses: a case series and fast review", "narrative_review"),
    ],
)
def test_own_cases_beside_a_review_are_a_case_series(title: str, design: str) -> None:
    abstract = (
        "We present four patients who had the complication, together with a systematic "
        "review of the literature that yielded six papers reporting 12 cases."
    )
    assert _level(title, abstract, design) == "case_series"
    # a review without cases of its own stays a review
    assert _level("Sacral fractures after fusion: a systematic review", abstract,
                  "systematic_review") == "sr_other"  # fmt: skip
