"""Issue 20, which value of a follow-up the card prints (docs/card-labelling.md
duration rules 2 and 4).  Fixtures are written for each rule, not copied from a key."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a median written with "=" is the follow-up, and wins over an approximate one
        ("Patients were seen (median follow-up = 28.7 months). Over an approximately "
         "2-year follow-up period, few relapsed.", "28.7 months"),
        # a range with its median after it is the median (rule 2)
        ("Follow-up has ranged from 25 to 90 months (Med = 46 months).", "46 months"),
        # a follow-up range with a unit on both ends is its maximum (rule 4)
        ("Seizures stopped during the postoperative follow-up for 6 months to 9 years.",
         "9 years"),
        # a list of follow-up times sharing one unit is its longest, in any order
        ("Two patients are well at 3.5 and 2.5 months follow-up.", "3.5 months"),
    ],
)  # fmt: skip
def test_which_follow_up_value(abstract: str, expected: str) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


def test_a_list_of_ages_is_no_follow_up() -> None:
    # "at ages 16 and 19 years" are the ages the adolescents were seen at
    text = "Adolescents recruited at a mean age of 14 years were followed up at ages 16 and 19 years."
    assert find_duration(text)[0] is None, find_duration(text)[1]


def test_a_treatment_range_with_two_units_is_not_split() -> None:
    # the two-unit range is a follow-up's only: an assessment "6 weeks to 6 months
    # after admission" still ends at 6 months
    text = "Patients were examined 3 weeks, and 6 weeks to 6 months after admission."
    assert find_duration(text)[0] == "6 months", find_duration(text)[1]


def test_a_list_of_times_ends_on_its_last_item_in_words() -> None:
    # "one and 6 months later" goes on the list past "72 hours"
    text = (
        "In 30 rats, evaluation was performed on admission, 24, 48, 72 hours and one "
        "and 6 months later."
    )
    assert find_duration(text)[0] == "6 months", find_duration(text)[1]


def test_the_gap_between_two_visits_is_no_duration() -> None:
    text = "All subjects received drug or placebo across two visits separated by 1 week."
    assert find_duration(text)[0] is None, find_duration(text)[1]


def test_a_rationale_and_design_paper_has_no_duration() -> None:
    # duration rule 6 names rationale-and-design papers with protocols
    title = "A randomised trial of two stents: rationale and design of the X trial"
    text = "The primary endpoint is death or stroke at 12 months post procedure."
    assert find_duration(text, title)[0] is None, find_duration(text, title)[1]


def test_a_time_after_a_transplant_is_an_assessment_and_the_first_stated_unit_wins() -> None:
    # "4 weeks posttransplant" is the same length as the later "28 days": the card
    # keeps the first stated of equal lengths
    text = (
        "In rats, pain was tested for 4 weeks posttransplant. By 28 days posttransplant, "
        "the effects were diminished."
    )
    assert find_duration(text)[0] == "4 weeks", find_duration(text)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a year, a count, a span of years or a grade before a comma is no item of a
        # list of follow-up times: only small numbers after "at" are
        ("In 2015, 3 years follow-up was obtained for 40 patients.", "3 years"),
        ("Forty patients (n = 40, 2 years follow-up) were studied.", "2 years"),
        ("Of 40 patients (1990-2005, 10 years follow-up), most improved.", "10 years"),
        ("Ten patients with grade 3, 2 years follow-up were studied.", "2 years"),
        # a cue before a number and a comma heads no list ("mean age 45,"), and a
        # fraction's "/" heads none ("1 1/2 and 2 years")
        ("Patients, mean age 45, 2 years follow-up, were studied.", "2 years"),
        ("Patients were assessed at 1 1/2 and 2 years follow-up.", "2 years"),
        ("Patients were assessed at 2 1/2 and 2 years follow-up.", "2.5 years"),
    ],
)  # fmt: skip
def test_a_number_before_a_comma_is_no_list_item(abstract: str, expected: str) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]
