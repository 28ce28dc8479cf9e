"""Issue 20, evid9: a study of a measurement's property that follows its people, and
several time points of the study's schedule named together, go forward in time.
Fixture text written for these tests (not taken from any key or corpus record)."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import duration_of
from monitor.briefs.evidence import evidence_level_of
from monitor.briefs.time_direction import time_direction
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record


def _coarse(title: str, abstract: str, design: str = "observational") -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, "human", participants_of(record))).coarse


def _kind(abstract: str, follow_up: str | None = None) -> str | None:
    found = time_direction("A study", abstract, follow_up)
    return found.kind if found else None


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        ("Forty wheelchair users were studied. Bladder volume was measured on days 0, 14 and "
         "28 of the programme.", "cohort"),
        ("We examined 30 adults with paraplegia. Grip strength was recorded at 2, 6 and 12 "
         "weeks.", "cohort"),
        ("Pressure ulcers healed in 20 patients after two weeks and in 31 (62.0%) patients "
         "after four weeks of dressing.", "cohort"),
        ("We examined 30 adults with paraplegia at weeks 4 and 12.", "cohort"),
        # a range or alternatives are no schedule of time points
        ("We enrolled 50 adults seen between days 1 and 7 after injury and measured their "
         "serum sodium.", None),
        ("We enrolled 50 adults whose serum sodium was measured at 6 or 12 months after "
         "injury.", None),
        # hours are one session's readings
        ("Serum sodium was measured in 50 adults at 2, 6 and 12 hours.", None),
    ],
)
def test_several_time_points_of_the_schedule_are_repeated_assessments(
    abstract: str, kind: str | None
) -> None:
    assert _kind(abstract) == kind


def test_a_measurement_study_that_follows_its_people_is_read_by_its_follow_up() -> None:
    abstract = ("The purpose of this study was to evaluate the reliability of a pressure "
                "sensor in 40 wheelchair users. Sensors were read at baseline and at 6 "
                "months of daily use.")
    assert _kind(abstract, "6 months") == "cohort"
    # without a follow-up it is a measurement's properties, measured once
    once = abstract.replace(" Sensors were read at baseline and at 6 months of daily use.", "")
    assert _kind(once, None) == "cross_sectional"


def test_the_cards_duration_alone_is_no_follow_up_of_a_measurement_study() -> None:
    # one visit's time after a start is not a second assessment
    abstract = ("We assessed the validity of self-reported adherence in 50 adults with "
                "paraplegia against a blood level taken 4 weeks after starting baclofen.")
    assert _kind(abstract, "4 weeks") == "cross_sectional"
    # nor the longitudinal study the data were drawn from
    framed = ("We assessed the reliability of wrist accelerometers in 900 children. Data "
              "were used from a two-year longitudinal study.")
    assert _kind(framed, "2 years") == "cross_sectional"


def test_a_retest_interval_is_no_follow_up() -> None:
    abstract = ("We assessed the test-retest reliability of a spasticity scale in 40 adults "
                "with spinal cord injury, rated twice, 2 weeks apart.")
    assert _kind(abstract, "2 weeks") == "cross_sectional"
    assert _kind(abstract.replace("test-retest", "inter-rater"), "2 weeks") == "cross_sectional"


def test_the_card_reads_a_vaccine_schedule_as_a_cohort() -> None:
    title = "Antibody response to influenza vaccine in people with tetraplegia"
    abstract = ("We compared antibody responses in 60 patients with tetraplegia and 30 healthy "
                "controls. Titres were measured on days 0, 21 and 42 after the first dose.")
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    assert duration_of(record) is None or duration_of(record) == "42 days"
    assert _coarse(title, abstract) == "cohort"
    # the same people measured once are cross-sectional
    once = abstract.replace(" on days 0, 21 and 42 after the first dose", " once")
    assert _coarse(title, once) == "cross_sectional"
