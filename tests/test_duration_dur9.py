"""dur9 (issue 20): a follow-up's own forms the patterns missed, a dose's course, and
the scorer's equal lengths in different units."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration
from monitor.evaluation.card import _same_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rule 1: an outcome word before a follow-up's time is no horizon of that time
        ("Ten patients are alive without relapse with a median follow-up of 9 years.", "9 years"),
        ("Graft survival was 61% after a mean follow-up of 29 months.", "29 months"),
        # rule 2: a follow-up range is its maximum; with its mean, the mean
        ("We treated 30 patients. Follow-up ranged from 12.5 to 40.2 months.", "40.2 months"),
        (
            "We treated 30 patients. The follow-up period ranged from 5 to 41 months with a "
            "mean of 20 months.",
            "20 months",
        ),
        # rule 3: an observation time given as a mean, median or with its spread
        ("Data of 40 patients (median observation time, 9.5 months) were compared.", "9.5 months"),
        ("Rates differed (observation periods: 21.4 ± 10.2 months).", "21.4 months"),
        ("Patients were followed up for a mean±SD duration of 6.1±2.0 years.", "6.1 years"),
        # rule 4: a minimum follow-up is the follow-up stated
        ("All 50 patients were followed for at least 2 years.", "2 years"),
        # rule 5: a dose given for a time is the treatment's length (animal work)
        ("Group II rats, SCI and drug X 20 mg/kg for 14 days; Group III, SCI and saline.", "14 days"),
        # a minimum follow-up with its mean after it is the mean; a range whose ends carry
        # their own units, with its mean, is the mean
        ("Patients were followed for at least four years (mean 4.7 years).", "4.7 years"),
        ("Follow-up time ranged from 6 months to 11.4 years (mean = 40.5 months).", "40.5 months"),
    ],
)
def test_dur9_forms(text: str, expected: str) -> None:
    assert find_duration(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # an outcome's horizon stays no duration
        ("The 5-year overall survival of the 40 patients was 60%."),
        ("Survival at 5 years was 40% among 80 patients."),
        # a bare observation period may be when cases came
        ("During the observation period of 2010-2015, 40 patients were admitted."),
        # a dose's time in a study of people may be a label's or a cited trial's
        ("Usual dosages in patients are 20 mg/day for 4 weeks for duodenal ulcers."),
        # an age with "at least" is no follow-up
        ("We included 40 patients aged at least 18 years."),
    ],
)
def test_dur9_not_durations(text: str) -> None:
    assert find_duration(text)[0] is None


@pytest.mark.parametrize(
    ("card", "key", "same"),
    [
        ("60 months", "5 years", True),
        ("12 months", "1 year", True),
        ("7 days", "1 week", True),
        ("48 hours", "2 days", True),
        ("30 months", "2.5 years", True),
        ("4 weeks", "1 month", False),
        ("365 days", "1 year", False),
        ("10-14 days", "14 days", False),
        ("6 months", None, False),
    ],
)
def test_scorer_equal_lengths(card: str, key: str | None, same: bool) -> None:
    assert _same_duration(card, key) is same
