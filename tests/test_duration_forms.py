"""Duration rules of the eleventh round (issue 20, dur3): unit and number forms, assessment
verbs, the drug-timing guard's reach, a longitudinal span with calendar dates, prescriptive
sentences, a case's later state.  Small fixtures written for these rules, not copied from
any key."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration
from monitor.briefs.time_direction import time_direction


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # "d" is days in lower case; "3D" is an image
        ("Lesion size was measured at 7 d after injury.", "7 days"),
        ("Lesions were measured on 3D images after injury.", None),
        # a half written as a fraction is part of the number
        ("Function was assessed 2 1/2 years after the operation.", "2.5 years"),
        # gestational and life ages are ages
        ("Infants were examined at 40 weeks of gestation.", None),
        ("Fetuses were scanned at 36 weeks' gestation.", None),
        # a number the week list does not end on is no item of it
        ("From baseline to week 76, 105 patients were assessed as responders.", "76 weeks"),
        ("Outcomes were assessed at weeks 8, 16 and 24.", "24 weeks"),
    ],
)  # fmt: skip
def test_unit_and_number_forms(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # samples assayed, devices monitored: assessing verbs
        ("Swabs taken at 0.25, 1, 2, 4, 24, and 48 hours were assayed for bacteria.", "48 hours"),
        # a list after "after" ends on its last item
        ("Pain was compared after 1 month (p = 0.01) and 3 months (p < 0.001).", "3 months"),
        # a monitoring period's median, with its range, is the follow-up
        ("Athletes were monitored for a total of 300 hours and a median of 14 (range 1-17) days.",
         "14 days"),
    ],
)  # fmt: skip
def test_assessing(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a giving word far from the time elsewhere in the sentence does not make it a
        # drug's timing
        ("Complications of high-dose therapy were compared with placebo throughout the study "
         "period and up to 2 months after injury.", "2 months"),
        # a giving word governing the time does
        ("Cells were injected into the cord 3 months after injury and assessed.", None),
    ],
)  # fmt: skip
def test_drug_timing(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a longitudinal design's span is its follow-up, calendar dates or not
        ("We measured decisions in a five-wave longitudinal study over a six months period "
         "(December 2020-May 2021).", "6 months"),
        # a period of admissions with calendar dates is when the cases came
        ("During a 10-year period (2001-2010), 40 patients were admitted and reviewed at "
         "discharge.", None),
    ],
)  # fmt: skip
def test_calendar_period(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


def test_prescriptive_sentence_is_not_the_study() -> None:
    abstract = (
        "We studied 80 infants after immunization. Results suggest a need to monitor "
        "premature infants for approximately 48 hours after immunization."
    )
    assert find_duration(abstract)[0] is None


def test_a_case_state_needs_no_assessing_verb() -> None:
    abstract = (
        "We report a case of rhabdomyosarcoma in a 58-year-old woman. At the present moment, "
        "four years after treatment, the patient is without local recurrence."
    )
    assert find_duration(abstract)[0] == "4 years"


def test_a_case_event_is_still_no_duration() -> None:
    abstract = "We report a case of vertigo. Her symptoms resolved after 1 week without treatment."
    assert find_duration(abstract)[0] is None


def test_prescriptive_design_words_do_not_decide_the_time_direction() -> None:
    abstract = (
        "We tested whether retrospectively reported life events were associated with symptom "
        "severity in 2,000 twins. Further replication in longitudinal cohorts is essential."
    )
    found = time_direction("A twin study", abstract)
    assert found is not None and found.kind == "cross_sectional", found
