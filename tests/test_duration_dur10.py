"""dur10 (issue 20): a follow-up's stated value read as one statistic (a mean or
median wherever it stands, else a range's maximum), not by one pattern per wording."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the mean inside the range's bracket (base: no duration)
        ("We treated 40 children. Follow-up ranged from 3 to 48 (mean = 17) months.", "17 months"),
        # a mean with its spread and its range together, words between name and verb
        # (base: the earlier "one day after" assessment)
        (
            "Scores were assessed one day after surgery and at last follow-up. The mean "
            "follow-up time from the second operation was 15.2 ± 2.9 (12-26) months.",
            "15.2 months",
        ),
        # a median named before the follow-up, a count and a trial name between
        (
            "Median follow-up for 61 eligible patients enrolled in XYZ0101 was 4.2 years "
            "(range, 1.1 to 8.8 years).",
            "4.2 years",
        ),
        # a minimum follow-up's bracketed range is the range's maximum (base: the minimum)
        (
            "Forty patients were located with a minimum of six months follow-up (range six "
            "months to nine years).",
            "9 years",
        ),
        # a raised decimal point, an interquartile interval that is no range
        (
            "At a median follow-up of 14·2 months (IQR 8·5-20·9), 30 patients responded.",
            "14.2 months",
        ),
        # a value with its spread is a mean, its bracket the range
        (
            "The follow-up time was similar between the groups (18.4 ± 3.1 [12-30] months).",
            "18.4 months",
        ),
        # the range and the median inside one bracket, a semicolon between them
        (
            "Follow-up data were available for all 41 patients (range: 4-50 months; median 21 months).",
            "21 months",
        ),
        # the mean written right after the range, in a bracket with its spread
        (
            "The patients were followed up, the duration ranged from 20 to 44 months, with "
            "an average of (31.5±4.2) months.",
            "31.5 months",
        ),
        # a value with its range in a bracket is their centre, named or not
        ("All 30 patients were followed up for 16 months (range, 8-22 months).", "16 months"),
    ],
)
def test_a_follow_up_statistic_is_read_by_what_each_number_is(text: str, expected: str) -> None:
    assert find_duration(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a time after the follow-up's name counted from an event ("after") is no statistic
        "At follow-up after surgery (mean 2.1 ± 0.4 days), pain was lower in 20 patients.",
        # a spread alone (an age) after the follow-up's name is no follow-up
        "At follow-up, patients aged 41.2 ± 9.1 years reported less pain.",
        # the follow-up named beside the age: the first value is the age's
        "The median age and follow-up times were 61 years (50-72) and 20 months (9-30).",
        # one value per group, listed before the unit: no one follow-up
        "Median follow-up was 6, 5, 4, and 3 years for the four dose cohorts of 20 patients.",
    ],
)
def test_no_statistic_is_read_where_the_follow_up_states_none(text: str) -> None:
    assert find_duration(text)[0] is None
