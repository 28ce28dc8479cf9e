"""parts20 (issue 20): causes read row by row on check13/check14 (docs/brief-extraction.md,
"seventeenth pass"): a time abbreviation read as the people's number, the group a study
reports fractions over when it states no count of its own, and a one-sex count that
describes the count before it summed as a second group."""

import time

from monitor.triage.participants import find_participants, read_counts


def _count(abstract: str) -> int | None:
    shown = find_participants(abstract)[0]
    return shown.number if shown is not None else None


def test_an_abbreviated_time_before_people_is_no_count() -> None:
    assert read_counts("By 24 h, all patients had received opioids.").chosen is None
    assert read_counts("At 6 wks, all subjects walked unaided.").chosen is None


def test_the_denominator_of_fractions_of_people_is_the_sample() -> None:
    assert _count("In all, 85/180 patients had complete medication records.") == 180
    assert _count("91/125 patients completed the 12-months follow-up. Pain fell.") == 125
    assert _count("New fractures were observed in 17 of 57 patients undergoing VP.") == 57


def test_two_denominators_or_a_stated_count_leave_the_fraction_alone() -> None:
    # two groups the grammar cannot add: say nothing
    assert _count("Pain improved in 12 of 20 patients and function in 3 of 15 patients.") is None
    # a count the grammar reads wins over any fraction
    assert _count("We enrolled 40 patients. Pain improved in 12 of 20 patients given A.") == 40
    # a review's fraction is one analysis's, not the included studies' total
    assert _count("A systematic review of 12 studies. Complications in 13 of 737 patients.") != 737


def test_a_one_sex_count_describing_the_sample_is_not_summed() -> None:
    assert _count("Results: Thirty-seven patients, 27 females, were treated.") == 37
    assert _count("We enrolled 120 adults (64 women) with chronic SCI.") == 120
    assert _count("Patients (N = 15, eight males and seven females) were enrolled.") == 15
    # both sexes are two groups of one sample, summed as before
    assert _count("The cohort comprised 828 men and 1,238 women.") == 2066


def test_fraction_search_is_linear() -> None:
    text = "1 of " * 5000 + "patients."
    start = time.perf_counter()
    read_counts(text)
    assert time.perf_counter() - start < 5.0
