"""fixc20, review of card20: the material rule reads a clinical study's people and
another study's material, a title's "our experience" is no case without the paper's
own people, and own cases beside a review keep only their own follow-up.  Fixture text
written for these tests (not taken from any key or corpus record)."""

from __future__ import annotations

import time

import pytest

from monitor.briefs.duration import find_duration
from monitor.briefs.evidence import _tested_material, evidence_level_of
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record


def _level(title: str, abstract: str, design: str, population: str = "human") -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, population, participants_of(record))).coarse


@pytest.mark.parametrize(
    ("title", "abstract", "design", "coarse"),
    [
        # patients treated, not counted: a finite-element model built beside them is
        # no study without living subjects
        (
            "A new interbody cage for lumbar fusion",
            "Patients undergoing single-level fusion were randomized to cage A or cage B. "
            "Fusion rates were compared at two years. A finite element model was also built.",
            "rct",
            "rct",
        ),
        (
            "Navigated pedicle screws",
            "The technique was first rehearsed on sawbones. Screws were then placed in patients "
            "with degenerative disease and their accuracy was graded on CT.",
            "observational",
            "cross_sectional",
        ),
    ],
)
def test_people_treated_are_living_subjects(
    title: str, abstract: str, design: str, coarse: str
) -> None:
    assert _level(title, abstract, design) == coarse


def test_another_studys_material_is_not_this_studys() -> None:
    assert (
        _tested_material(
            "Navigated pedicle screws",
            "Screw accuracy on CT was compared with our previous cadaver study.",
        )
        is None
    )
    assert (
        _tested_material(
            "Odontoid fractures in the elderly",
            "Results of cadaveric studies guided the choice of fixation, and outcomes were graded.",
        )
        is None
    )
    # the study's own material stays
    assert (
        _tested_material(
            "Pull-out strength of two anchors",
            "In this cadaveric study, ten lumbar spines were tested.",
        )
        is not None
    )


def test_our_experience_without_own_people_is_no_case_series() -> None:
    title = "Preparing a spinal unit for a pandemic: our experience and review"
    abstract = (
        "The pandemic required rapid change. The unit reorganised its staffing, and "
        "published guidance on protective equipment is summarised."
    )
    assert _level(title, abstract, "other") == "other"
    # with its own people counted it reports them
    counted = abstract + " Twelve patients with spinal cord injury were treated in the unit."
    assert _level(title, counted, "other") == "case_series"


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        (
            "Cord compression after fusion: case report and review of the literature",
            "A 45-year-old man was followed up for 2 years. Published cases were followed for "
            "1 to 10 years.",
            "2 years",
        ),
        (
            "Sacral fractures: case series and literature review",
            "In the literature, patients were followed up for a mean of 5 years. Our 3 "
            "patients recovered.",
            None,
        ),
    ],
)
def test_own_cases_beside_a_review_keep_only_their_own_follow_up(
    title: str, abstract: str, expected: str | None
) -> None:
    found, why = find_duration(abstract, title)
    assert found == expected, why


def test_the_new_detectors_run_in_linear_time() -> None:
    start = time.perf_counter()
    _tested_material("t", "patients " * 20000 + "cadaver " * 5000)
    find_duration("case series " * 5000, "case series and review")
    assert time.perf_counter() - start < 5.0


def test_own_cases_that_are_cadavers_are_laboratory_work() -> None:
    # a "case series" of dissected cadavers beside a review has no living subject
    title = "Case series and a systematic review of the level of a vertebral landmark"
    abstract = (
        "Seventy formalin-fixed adult cadavers were dissected to record the level of the "
        "landmark. PubMed was searched for articles reporting the same level."
    )
    assert _level(title, abstract, "systematic_review", "unclear") == "in_vitro"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a cadaveric graft is implanted into living people
        (
            "Delayed graft function after cadaveric kidney transplantation",
            "Recipients of cadaveric kidneys between 2000 and 2010 were reviewed. Delayed "
            "graft function was more common with longer cold ischaemia.",
        ),
        (
            "Ligament reconstruction with cadaveric allograft",
            "Reconstruction with cadaveric allograft was compared with autograft. Graft "
            "failure was lower with autograft at two years.",
        ),
        # people surveyed about the material are living subjects
        (
            "Teaching spinal anatomy",
            "Medical students dissected cadavers during the course and completed a "
            "questionnaire on their confidence.",
        ),
    ],
)
def test_grafts_and_surveys_are_no_laboratory_material(title: str, abstract: str) -> None:
    assert _level(title, abstract, "observational") != "in_vitro"
