"""Issue 20 (dur6): what a time in hours times in a study of people.  A span over which
the study gave its participants something or watched them is the study's duration; a
session, a single measurement, a time from an event, a washout, a time-to-event result
or an exposure per day is not (docs/brief-extraction.md, sixteenth round).  Fixtures
are written for the rule, not copied from a key; the kept ones fail on the old gate,
which dropped every time in hours in a study of people."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration

PEOPLE = "Forty patients undergoing knee surgery were randomised. "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a dosing or infusion period: the verb gives, "for" makes it a span
        ("Patients received a continuous infusion of the drug for 48 hours.", "48 hours"),
        ("The drug was administered over 24 hours by a pump.", "24 hours"),
        # the time names the course it is of
        ("Patients were given a 72-hour course of the antibiotic.", "72 hours"),
        ("Analgesia was compared over a 24-hour treatment period.", "24 hours"),
        # an observation period, the main verb after a fronted phrase
        ("During the first 36 hours after surgery, nurses recorded every dose.", "36 hours"),
        ("Pain and sedation were monitored for up to 12 hours after the first dose.", "12 hours"),
        # a stated follow-up in hours
        ("Patients were followed for 96 h postoperatively.", "96 hours"),
    ],
)
def test_hours_the_study_gave_or_watched_over_are_kept(sentence: str, expected: str) -> None:
    assert find_duration(PEOPLE + sentence)[0] == expected, find_duration(PEOPLE + sentence)[1]


@pytest.mark.parametrize(
    "sentence",
    [
        # each gives a time in hours without the span reading (a candidate the old gate
        # dropped wholesale); the reading drops it for what it times
        # a session: the time names something else than a course
        "Each participant completed a 24-h treadmill exercise session.",
        # a single measurement, a time from an event
        "Pain was assessed at 24 hours.",
        "Pain was assessed 24 h after the first dose.",
        # a laboratory incubation (the verb is no giving or watching of people)
        "Plasma was incubated over 24 hours.",
        # a span with no study act: a result over it
        "Over 24 hours, there were no differences between the groups.",
        "Blood pressure remained elevated over the 24-hour duration of the study.",
        # a baseline window before the treatment, an exposure per day
        "Vital signs were monitored over 12 h preceding the infusion.",
        "Patients were treated with the splint for 12 hours a day.",
    ],
)
def test_hours_that_time_no_span_of_the_study_are_dropped(sentence: str) -> None:
    assert find_duration(PEOPLE + sentence)[0] is None, find_duration(PEOPLE + sentence)[1]


def test_a_course_named_period_is_not_a_recruitment_window() -> None:
    # a "treatment period" is the course; "a 23-month period" alone stays a window
    text = "Sixty adults were enrolled. Efficacy was rated over a 6-week treatment period."
    assert find_duration(text)[0] == "6 weeks", find_duration(text)[1]
    assert find_duration("Nineteen patients were enrolled over a 23-month period.")[0] is None
    # a "study period" is the window the records came from, not a course
    window = "Over the 16-year study period, the incidence in adults increased by 2%."
    assert find_duration(window)[0] is None, find_duration(window)[1]


# fixdur (review of dur6)


def test_a_long_sentence_of_hours_is_read_in_linear_time() -> None:
    # each time in hours is read in a bounded window of its sentence: four times the
    # text takes about four times as long, not sixteen (dur6 copied and searched the
    # whole clause before every time: 20 KB -> 80 KB took 15x as long)
    import time

    from monitor.briefs.duration import choose_duration

    def cpu(kb: int) -> float:
        text = "patients were treated for 24 hours, " * (kb * 1000 // 36)
        runs = []
        for _ in range(3):
            started = time.process_time()
            choose_duration(text)
            runs.append(time.process_time() - started)
        return min(runs)

    small, large = cpu(20), cpu(80)
    assert large < 8 * small, (small, large)


@pytest.mark.parametrize(
    "sentence",
    [
        # the run of nouns a "24-h" modifies ends at its first preposition: "therapy"
        # is the preposition's, the hours are of the studies (a measurement)
        "All patients underwent 24-h impedance-pH studies off therapy.",
        # a list of times in a result sentence is no schedule of assessments
        "Pain scores at 12 h and 18 h were significantly higher in the caudal group compared"
        " to the block group.",
        # who was eligible: a section labelled for who took part
        "PARTICIPANTS: Babies born at term who received therapeutic hypothermia for 72 hours.",
    ],
)
def test_hours_past_their_noun_in_results_or_defining_people_are_dropped(
    sentence: str,
) -> None:
    assert find_duration(PEOPLE + sentence)[0] is None, find_duration(PEOPLE + sentence)[1]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a schedule of the study's own assessments keeps its last time
        ("Pain was assessed at 6, 12 and 24 hours.", "24 hours"),
        ("Serum levels were measured at 0, 24 and 48 hours.", "48 hours"),
        # a relative clause on the people may be the study's own arm
        ("The intervention group were 15 adults who received honey for 15 days.", "15 days"),
    ],
)
def test_schedules_and_courses_in_hours_are_still_kept(sentence: str, expected: str) -> None:
    assert find_duration(PEOPLE + sentence)[0] == expected, find_duration(PEOPLE + sentence)[1]
