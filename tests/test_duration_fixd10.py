"""fixd10: review of dur10's follow-up statistic.  A follow-up that changed from one
value to another is no span; a planned follow-up is no study's; the lead before the
statistic is read in linear time."""

from __future__ import annotations

import time

from monitor.briefs.duration import _STAT_LEAD, find_duration


def test_a_follow_up_that_increased_is_not_its_first_value() -> None:
    # dur10 read "2.0 years" as the median follow-up
    found, why = find_duration(
        "We randomised 2,900 patients. Median follow-up increased from 2.0 years in "
        "the double-blind trial to 3.9 years overall."
    )
    assert found != "2 years", why


def test_a_planned_follow_up_is_no_study_duration() -> None:
    # a design paper's plan: dur10 gave "3 years"
    found, why = find_duration(
        "The trial compares drug X with placebo in heart failure. A total of 2,500 "
        "patients are planned to be included with a mean follow up of at least 3 years."
    )
    assert found is None, why


def test_a_follow_up_mean_is_still_read() -> None:
    assert find_duration("Median follow-up was 24 (range 12-60) months.")[0] == "24 months"


def test_a_failing_lead_is_rejected_quickly() -> None:
    # a 28-letter word before a decimal number: the old lead could cut the word into
    # pieces in millions of ways before failing (seconds to minutes)
    lead = " " + "a" * 28 + " 3.5 units "
    started = time.process_time()
    assert _STAT_LEAD.match(lead) is None
    assert time.process_time() - started < 1.0
    assert _STAT_LEAD.match(" was, in the mean, ") is not None
