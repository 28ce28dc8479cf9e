"""dur11: a result stated at a series of times counted from the study's own event is a
schedule of assessment, though no verb of assessing says so; a bare series (ages, an
outcome's horizons) or a single result time is not; a paper that names itself a review
has no duration of its own.  The rules' regexes run in linear time."""

from __future__ import annotations

import time

from monitor.briefs.duration import _RESULT, _SERIES, find_duration
from monitor.briefs.duration import SELF_REVIEW as _SELF_REVIEW


def test_a_result_at_times_after_the_injury_is_the_last_assessment() -> None:
    found, why = find_duration(
        "Forty patients with incomplete injury were enrolled. Motor scores in the treated "
        "group improved more than in the control group at 6 weeks and 6 months after injury."
    )
    assert found == "6 months", why


def test_a_result_after_two_times_with_p_values_between() -> None:
    found, why = find_duration(
        "Thirty patients took part. In the exercise group there was significant "
        "improvement after 1 month (p = 0.002) and 3 months (p < 0.001)."
    )
    assert found == "3 months", why


def test_a_result_at_one_time_is_not_read_as_the_schedule() -> None:
    # a single time in a result may be a horizon or a dose's timing: no duration
    found, why = find_duration(
        "Twenty patients were treated. Pain scores were significantly lower at 3 days."
    )
    assert found is None, why


def test_a_bare_series_of_ages_is_not_a_schedule() -> None:
    # "at 8 and 20 weeks" counted from nothing: the animals' ages, not the study's times
    found, why = find_duration(
        "Gene expression was higher in 4-week-old dystrophic mice, with a small but "
        "significant increase at 8 and 20 weeks."
    )
    assert found is None, why


def test_survival_horizons_are_not_a_schedule() -> None:
    found, why = find_duration(
        "We studied 90 patients. Overall survival was 88% and 76% at 5 and 10 years, "
        "higher than in the other group."
    )
    assert found is None, why


def test_a_paper_naming_itself_a_review_has_no_duration() -> None:
    found, why = find_duration(
        "In this review, the authors summarize the management of complications after "
        "injury. Evidence supports prophylaxis for up to 3 months after injury, which "
        "reduced thrombosis significantly."
    )
    assert found is None, why
    assert "review" in why


def test_a_chart_review_keeps_its_follow_up() -> None:
    found, why = find_duration(
        "In this review of 120 patients' charts, the mean follow-up was 4 years."
    )
    assert found == "4 years", why


def test_the_rules_regexes_are_linear_on_hostile_text() -> None:
    for text in (" " * 10_000, "1 " * 10_000, "1 and " * 5_000, "1 (x) , " * 5_000,
                 "this " * 10_000, "we review " * 5_000):  # fmt: skip
        started = time.process_time()
        for pattern in (_SERIES, _RESULT, _SELF_REVIEW):
            pattern.search(text)
        assert time.process_time() - started < 1.0


def test_a_case_report_reviewing_the_literature_keeps_its_follow_up() -> None:
    found, why = find_duration(
        "We report a case of a 6-year-old girl with headache. We review the literature "
        "on such cases. The patient was followed up for 2 years without recurrence."
    )
    assert found == "2 years", why
