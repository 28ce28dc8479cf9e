"""dur8 (issue 20): a follow-up's mean beside its range, spans of recruitment, a
prospective study's span, a case report whose aim comes last."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range with its mean after "mean," is the mean, kept whole
        ("Sixty patients were followed up 10-52 months (mean, 27.5 months).", "27.5 months"),
        ("All cases were followed up 8-30 months (median: 14 months).", "14 months"),
        ("Follow-up ranged from 12 to 60 months (mean, 2.5 years).", "2.5 years"),
        # a prospective study's span is its follow-up; a range is its maximum
        ("Disc replacement: a three to six-year prospective randomised trial.", "6 years"),
        ("Bracing in scoliosis: a 4-year prospective cohort study.", "4 years"),
    ],
)
def test_follow_up_forms(text: str, expected: str) -> None:
    assert find_duration(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # when the cases came, not how long they were followed
        "Ninety adults with burst fractures were seen over 8 years and grouped by level.",
        "Forty-two patients were admitted during a 6-year span and reviewed.",
    ],
)
def test_recruitment_span_is_none(text: str) -> None:
    assert find_duration(text)[0] is None


def test_treatment_over_weeks_kept() -> None:
    # a giving verb, not a window verb: the course's length
    assert find_duration("Patients were treated over 16 weeks with the drug.")[0] == "16 weeks"
    # "enrolled in" a course names the course, not a window
    text = "Thirty adults were enrolled in a 10-week exercise programme."
    assert find_duration(text)[0] == "10 weeks"


def test_recruitment_span_kept_when_followed() -> None:
    text = "Patients were recruited over 3 years and followed for 2 years."
    assert find_duration(text)[0] == "2 years"


def test_case_report_with_aim_last_keeps_follow_up() -> None:
    text = (
        "Odontoid fractures are rare in the young. We describe a case of a type II fracture "
        "treated with a halo. At 14 months follow-up the fracture had healed. "
        "The purpose of this report is to discuss the options."
    )
    assert find_duration(text)[0] == "14 months"


def test_background_before_we_present_skipped() -> None:
    text = (
        "Radiotherapy is usually given over 2-4 weeks after surgery. "
        "We present a new single-visit technique tested on 20 vertebrae."
    )
    assert find_duration(text)[0] is None


def test_two_groups_means_longest() -> None:
    text = (
        "Patients were followed up 10-40 months (mean, 20.5 months) in group A, and "
        "12-44 months (mean, 22.4 months) in group B."
    )
    assert find_duration(text)[0] == "22.4 months"


def test_later_range_with_mean_not_a_follow_up_without_first_mean() -> None:
    text = "Patients were followed up for 2 years, and 3-5 days (mean, 4 days) after surgery."
    assert find_duration(text)[0] == "2 years"
