"""Issue 20, precision of the card's duration: a time is shown only in a role the card
wants (docs/card-labelling.md duration rules 3 and 6).  Each fixture is written for
the rule, not copied from a key."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import choose_duration, find_duration


@pytest.mark.parametrize(
    "abstract",
    [
        # a window in which cases were gathered is no follow-up
        "Nineteen patients were enrolled over a 23-month period. Outcomes were compared.",
        # the people were treated, but the calendar years or "admitted" say the window
        # is when they came (each fails with the window gate disabled)
        "During a 12-year period, 1980 to 1992, 64 children were treated for SCI at our center.",
        "Over a 6-year period, 52 patients who were admitted with SCI received methylprednisolone.",
        "A review of all hernia repairs over a 29-month period was undertaken.",
        "During the 2 1/2 years of this retrospective study, 400 admissions were made.",
    ],
)
def test_a_study_window_is_not_a_duration(abstract: str) -> None:
    assert find_duration(abstract)[0] is None, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the window is the people's course: they were treated or followed over it
        ("During a 9 week period, the patients were treated with a low-sodium diet.", "9 weeks"),
        ("A longitudinal survey of 300 adults over a six months period.", "6 months"),
    ],
)
def test_a_window_the_people_were_treated_or_followed_over_is_kept(
    abstract: str, expected: str
) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    "abstract",
    [
        "Twelve participants rested for 1 h before a 2-h cycling exercise period.",
        # an assessment hours after surgery (fails with the hours gate disabled)
        "Pain was assessed at 24 hours after surgery in 15 patients.",
    ],
)
def test_hours_in_a_study_of_people_are_sessions_or_measurements(abstract: str) -> None:
    assert find_duration(abstract)[0] is None, find_duration(abstract)[1]


def test_hours_in_animal_work_are_kept() -> None:
    abstract = "Rats received the drug after contusion. All rats were killed 72 hours later."
    assert find_duration(abstract)[0] == "72 hours"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Exercise after SCI: study protocol for a randomised trial",
         "Participants are followed up for 12 months after the programme."),
        ("", "Patients will be randomised to two arms and followed up for 12 months."),
        ("", "A cohort of adults with long COVID. Participants will be followed for 24 months."),
    ],
)  # fmt: skip
def test_a_protocols_planned_follow_up_is_not_a_duration(title: str, abstract: str) -> None:
    assert find_duration(abstract, title)[0] is None, find_duration(abstract, title)[1]


def test_a_plan_sets_aside_its_clause_not_the_studys_own_beside_it() -> None:
    abstract = (
        "We identified 120 adults with SCI, who will be analysed here; mean follow-up was 2 years."
    )
    assert find_duration(abstract)[0] == "2 years", find_duration(abstract)[1]
    # the plan's own clause still gives none
    abstract = "We enrolled 40 adults, and they will be followed for 10 years."
    assert find_duration(abstract)[0] is None, find_duration(abstract)[1]


def test_study_protocol_of_a_treatment_is_not_a_protocol_paper() -> None:
    abstract = (
        "Children were given methylprednisolone by the NASCIS study protocol. "
        "Motor scores were assessed at 3 months postinjury."
    )
    assert find_duration(abstract)[0] == "3 months"


def test_the_chosen_time_carries_its_role_and_sentence() -> None:
    best, why = choose_duration("Forty adults. They trained for 8 weeks.")
    assert best is not None and best.shown == "8 weeks"
    assert best.role == "length1" and best.sentence == 1
    # the reason a reader sees names the role in words, not by its internal id
    assert "a treatment's or study's length" in why and "length1" not in why


def test_given_a_diagnosis_is_no_treatment_over_the_window() -> None:
    abstract = (
        "Included were individuals hospitalized over a 5-year period who were given a "
        "clinical diagnosis of lung fibrosis."
    )
    assert find_duration(abstract)[0] is None, find_duration(abstract)[1]


def test_blood_samples_do_not_make_a_study_of_people_laboratory_work() -> None:
    abstract = (
        "Fourteen volunteers performed a 2-h arm-crank exercise period. Blood samples were "
        "taken before and after it."
    )
    assert find_duration(abstract)[0] is None, find_duration(abstract)[1]


@pytest.mark.parametrize(
    "abstract",
    [
        # a delay is when something was given, not how long anyone was studied
        "In rats, the potency of the drug is reduced if treatment is delayed for 8 h.",
        "In pigs a challenge delayed 3 days after trauma raised TNF compared with controls.",
        # a time counted from the condition's start, in a study of people, says how far
        # into their illness they were
        "Antibody breadth was measured 5 years after infection in 20 patients.",
        "Scores changed more in patients in the first 3 months after stroke compared with others.",
        # a list with no "at" is blanked as a whole, not its last item only
        "In 80 patients, quality of life was measured 2 weeks and 12 months after diagnosis.",
    ],
)
def test_a_time_from_an_event_that_is_not_the_studys_start_is_no_duration(abstract: str) -> None:
    assert find_duration(abstract)[0] is None, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # followed over it: the time since onset is their follow-up
        ("Patients were followed and assessed 2 years after infection.", "2 years"),
        # in animal work the event is the study's own start
        ("Rats were assessed 6 weeks after stroke.", "6 weeks"),
        # the study's people assessed at set times after an event: their follow-up,
        # the list kept as a whole
        (
            "In 120 patients, motor function was assessed at 1, 3 and 6 months after stroke.",
            "6 months",
        ),
        (
            "In 80 patients, quality of life was measured at 2 weeks and 12 months after "
            "diagnosis.",
            "12 months",
        ),
    ],
)
def test_a_time_from_onset_is_kept_when_followed_or_in_animals(
    abstract: str, expected: str
) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


def test_an_administration_after_injury_is_when_a_drug_was_given() -> None:
    text = (
        "Rats were given vehicle or an antagonist at 1 hr before injury, followed by "
        "estradiol administration at 15 mins and 24 hrs postinjury, and compared."
    )
    assert find_duration(text)[0] is None, find_duration(text)[1]
