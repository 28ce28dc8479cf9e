"""fixd11, review of dur11: a paper's self-name as a review must be the paper's (not an
ethics board's, not a review of its own patients), and a result series that the
abstract attributes to other studies is background, not the study's schedule."""

from __future__ import annotations

import time

from monitor.briefs.duration import _SELF_REVIEW, find_duration


def test_a_review_board_approved_study_is_no_review() -> None:
    found, why = find_duration(
        "In this review board-approved study, 50 patients were followed up for 2 years."
    )
    assert found == "2 years", why


def test_a_review_of_our_own_patients_keeps_its_follow_up() -> None:
    found, why = find_duration(
        "In this review of our experience with 50 patients, mean follow-up was 3 years."
    )
    assert found == "3 years", why


def test_a_narrative_review_still_has_none() -> None:
    found, why = find_duration(
        "In this review, we summarize rehabilitation after injury. Walking improved "
        "significantly at 6 and 12 months after injury in the trials we discuss."
    )
    assert found is None and "review" in why, why


def test_a_series_other_studies_reported_is_background() -> None:
    found, why = find_duration(
        "Previous studies have shown that walking improved 1 and 2 years after surgery. "
        "Thirty patients underwent the operation."
    )
    assert found is None, why


def test_the_study_s_own_series_beside_a_cited_one_is_read() -> None:
    found, why = find_duration(
        "Previous studies have shown that walking improved 1 and 2 years after surgery. "
        "Thirty patients underwent the operation. Scores improved significantly at 3 and "
        "6 months after surgery."
    )
    assert found == "6 months", why


def test_self_review_is_linear_on_a_long_word_after_review_of() -> None:
    for text in ("this review of " + "a" * 20_000, "this review of " + "a " * 20_000,
                 "this review" + " " * 20_000 + "board"):  # fmt: skip
        started = time.process_time()
        _SELF_REVIEW.search(text)
        assert time.process_time() - started < 0.5
