"""Issue 20, evid9: several time points of the study's schedule named together go forward
in time; a study of a measurement's properties stays one.
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


def test_a_measurement_study_stays_a_measurement_study_whatever_its_schedule() -> None:
    # labelling: a validation or reliability study is cross-sectional; the schedule's time
    # points do not outrank the measurement's properties (evid9's dropped first rule)
    abstract = ("The purpose of this study was to evaluate the reliability of a pressure "
                "sensor in 40 wheelchair users. Sensors were read at 3 and 6 months.")
    assert _kind(abstract, "6 months") == "cross_sectional"
    assert _kind(abstract.replace("reliability", "test-retest reliability"), "6 months") == (
        "cross_sectional"
    )


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


def test_a_schedule_in_an_unlabelled_paper_without_people_is_no_study_of_its_own() -> None:
    # a drug review quoting its trials' time points reports no people of its own
    title = "Baclofen: pharmacology and clinical uses"
    abstract = ("Baclofen is a GABA-B agonist used for spasticity. Results pooled from five "
                "clinical trials showed lower Ashworth scores at 4 and 8 weeks than placebo. "
                "Intrathecal delivery is discussed.")
    assert _coarse(title, abstract, "other") == "other"
