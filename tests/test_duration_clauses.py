"""The card's duration reader on text it must survive and on advice sharing a sentence
with the study's own follow-up (issue 20, durfix).  Invented sentences only."""

from __future__ import annotations

import random

from monitor.briefs.duration import find_duration
from monitor.briefs.sentences import clauses, without_prescriptive
from monitor.briefs.time_direction import time_direction


def test_a_decimal_with_a_half_is_read_not_raised_on() -> None:
    found, _ = find_duration("Forty patients were followed for 2.5 1/2 years.")
    assert found == "3 years"


def test_advice_in_a_later_clause_keeps_the_studys_follow_up() -> None:
    but = (
        "After a median follow-up of 36 months, no recurrence was observed, "
        "but longer follow-up is needed."
    )
    assert find_duration(but)[0] == "36 months"
    semicolon = "Forty patients were followed for 24 months; all patients must be screened yearly."
    assert find_duration(semicolon)[0] == "24 months"


def test_a_time_inside_the_advice_is_still_not_the_studys() -> None:
    text = "Our data show a need to monitor premature infants for 48 hours after surgery."
    assert find_duration(text)[0] is None
    text = "Ten infants were studied, and they should be monitored for 48 hours after surgery."
    assert find_duration(text)[0] is None


def test_only_the_prescriptive_clause_is_blanked_with_offsets_kept() -> None:
    text = "Patients were followed for 2 years, but trials are needed. Next."
    assert clauses(text, 0, 58) == [(0, 34), (34, 58)]
    blanked = without_prescriptive(text, 0, 58)
    assert len(blanked) == len(text)
    assert blanked.startswith("Patients were followed for 2 years ")
    assert "needed" not in blanked and blanked.endswith(" Next.")


def test_time_direction_reads_the_studys_clause_beside_advice() -> None:
    abstract = (
        "We aimed to describe pain after spinal cord injury. Forty patients were assessed "
        "every month; all patients should be screened for pain."
    )
    found = time_direction("Pain", abstract)
    assert found is not None and found.kind == "cohort"
    advice = "We aimed to describe pain after spinal cord injury. Pain should be rated every month."
    assert time_direction("Pain", advice) is None


_FRAGMENTS = (
    "Forty patients", "were followed for", "2.5 1/2", "2 1/2", "2½", "3.5", "twelve",
    "10-14", "years", "months", "weeks", "d", "24h", "28days", "after injury", ";", ",",
    "but", "longer follow-up is needed", "must be screened", "median follow-up of",
    "follow-up", "to", "-", "1/2", "½", "(range 1-5 years)", "Of the", "mean", "±", ".",
    "over a 10-year period", "1990-2000", "should", "A review of", "RESULTS:",
)  # fmt: skip


def test_find_duration_never_raises_on_recombined_fragments() -> None:
    rng = random.Random(20)
    for _ in range(3000):
        words = rng.choices(_FRAGMENTS, k=rng.randint(1, 14))
        find_duration(" ".join(words), rng.choice(("", "Pain after injury")))
