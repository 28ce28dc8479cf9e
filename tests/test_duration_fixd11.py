"""fixd11, review of dur11: a paper's self-name as a review must be the paper's (not an
ethics board's, not a review of its own patients), and a result series that the
abstract attributes to other studies is background, not the study's schedule.  The
evidence level reads the same self-name (one definition, ``SELF_REVIEW``).
Fixture text written for these tests (not taken from any key or corpus record)."""

from __future__ import annotations

import time

import pytest

from monitor.briefs.duration import SELF_REVIEW, find_duration
from monitor.briefs.evidence import evidence_level_of
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record

CITED = "Previous studies have shown that walking improved 1 and 2 years after surgery. "


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # an ethics board, not the paper's kind
        ("In this review board-approved study, 50 patients were followed up for 2 years.",
         "2 years"),
        # a review of the authors' own patients is a study of them
        ("In this review of our experience with 50 patients, mean follow-up was 3 years.",
         "3 years"),
        # a result series the abstract gives to other studies is background ...
        (CITED + "Thirty patients underwent the operation.", None),
        # ... and does not outrun the study's own series beside it
        (CITED + "Thirty patients underwent the operation. Scores improved significantly "
         "at 3 and 6 months after surgery.", "6 months"),
        # a negated result with its own verb of assessing is still the study's times
        ("Thirty patients were treated. Outcomes did not improve at 1 and 2 years after "
         "surgery.", "2 years"),
    ],
)  # fmt: skip
def test_duration(abstract: str, expected: str | None) -> None:
    found, why = find_duration(abstract)
    assert found == expected, why


def test_a_mini_review_still_has_none() -> None:
    found, why = find_duration(
        "In this mini-review, we summarize rehabilitation after injury. Walking improved "
        "significantly at 6 and 12 months after injury in the trials we discuss."
    )
    assert found is None and "review" in why, why


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a paper scimon's design rules left open that calls itself a mini-review: the
        # same self-name duration reads (before fixd11 evidence knew no "mini-review")
        ("This mini-review summarizes recent advances in stem cell therapy for injury.",
         "Level 5: narrative review (expert opinion)"),
        # an ethics board's name is no review's
        ("In this review board-approved study, 50 patients were randomly assigned to two "
         "groups and followed for 2 years.", "Level 2: individual RCT"),
    ],
)  # fmt: skip
def test_evidence_reads_the_same_self_name(abstract: str, expected: str) -> None:
    record = make_record(title="Care after injury", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    level = evidence_level_of(record, TriageStub("other", "human", participants_of(record)))
    assert level.label == expected, level.reason


def test_self_review_is_linear_on_long_hostile_text() -> None:
    for text in ("this review of " + "a" * 20_000, "this review of " + "a " * 20_000,
                 "this review" + " " * 20_000 + "board", "this review-" * 5_000):  # fmt: skip
        started = time.process_time()
        SELF_REVIEW.search(text)
        assert time.process_time() - started < 0.5
