"""Duration rules of the seventh round (issue 20): units, a follow-up's central value,
definitions and background sentences.  Small fixtures written for these rules, not
copied from any key."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # 12 months and 1 year are one length: the first stated is kept
        ("Scores were measured at 3, 6 and 12 months after surgery. Pain fell over 1 year.",
         "12 months"),
        ("Pain fell over 1 year. Scores were measured at 3, 6 and 12 months after surgery.",
         "1 year"),
        ("Children were treated for 52 weeks and assessed at 1 year.", "1 year"),
    ],
)  # fmt: skip
def test_units(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a follow-up's mean or median given with its spread is the mean or median
        ("All children were followed up 6-30 months, with an average of 14.5 months.",
         "14.5 months"),
        ("Women were followed for 1 to 5 years (median 3.2 years).", "3.2 years"),
        ("The mean follow-up duration was 27.4 ± 3.1 months.", "27.4 months"),
        ("Outcomes were scored at the 1-year follow-up. Mean follow-up was 20.5 ± 2 months.",
         "20.5 months"),
        # ... and a spread alone is its maximum, a statistic alone no follow-up
        ("Patients were followed up for 6 to 12 months.", "12 months"),
        ("Their mean age was 44.1 ± 9.2 years.", None),
    ],
)  # fmt: skip
def test_central_follow_up(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a definition or eligibility clause says who the people were, not how long
        # they were studied
        ("Chronic cases were defined as having pain for over 6 months.", None),
        ("Adults were eligible if symptoms had lasted for at least 8 weeks.", None),
        # ... and only what follows its cue is its scope
        ("Patients were treated for 12 weeks; responders were defined as having no pain "
         "for over 4 weeks.", "12 weeks"),
        ("Chronic cases were defined as pain for over 6 months. All were treated for 3 weeks.",
         "3 weeks"),
    ],
)  # fmt: skip
def test_definitions(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the sentences before an abstract states its aim are its background: another
        # trial's regimen there is not this paper's duration
        ("Drug X is the standard of care. Trial A gave it over a 3-day period. "
         "We hypothesize that it harms muscle.", None),
        # ... unless they speak of this study too
        ("Drug X is common. We treated 20 patients for 6 weeks. We aimed to test it.",
         "6 weeks"),
        ("Drug X is common. The authors treated 20 patients during a 9 week period. "
         "The aim of this work was to test it.", "9 weeks"),
        # with no aim sentence nothing is background
        ("Drug X was given over a 3-day period to 12 patients.", "3 days"),
        # a result sentence ("we compared") states no aim
        ("Patients were on drug X during a 9 week period. We compared the periods.",
         "9 weeks"),
    ],
)  # fmt: skip
def test_background_before_the_aim(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # digits printed against their unit are a time like any other
        ("Mice were perfused at 3, 10 and 42days post lesion for histology.", "42 days"),
        ("Grip strength was assessed 72h after the operation.", "72 hours"),
        # ... but a dose per time is no duration
        ("Goats received implants releasing 20mg/30days and were tested twice.", None),
        # a follow-up with its time right after it, or its mean named in brackets
        ("Sixty knees were reviewed (median follow-up 7.5 years, range 2-11).", "7.5 years"),
        ("Gait improved in 3 of 12 at last follow-up (mean nine months).", "9 months"),
        ("Recurrence was scored at final follow-up: median 30 months.", "30 months"),
        # an age next to the follow-up stays out
        ("Follow-up covered 40 adults aged 30 to 60 years.", None),
    ],
)  # fmt: skip
def test_glued_units_and_bare_follow_up(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]
