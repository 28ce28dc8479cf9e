"""A sentence that opens on the whole group ("Of the 2,925 subjects who attended ...,
904 received ..."): the group is the sample unless it was counted before, is a
screening frame beside a count, or a data source's holdings (issue 20, eleventh
round).  Invented sentences only."""

from __future__ import annotations

from monitor.triage.participants import read_counts


def _chosen(text: str) -> int | None:
    chosen = read_counts(text).chosen
    return chosen.value if chosen else None


def test_a_group_the_sentence_opens_on_is_the_sample_and_its_parts_are_subsets() -> None:
    text = (
        "A clinic population with spinal cord injury was followed for pressure injuries. "
        "Of the 2,925 subjects who attended the clinic, 904 received a cushion. "
        "Seven pressure injuries were seen in the cushion group (relative risk 0.4)."
    )
    assert _chosen(text) == 2925


def test_a_results_section_opening_on_the_included_patients() -> None:
    text = "RESULTS: Of the 471 patients included (57% male), 117 (24%) had neuropathic pain."
    assert _chosen(text) == 471


def test_a_screening_frame_counts_only_when_nobody_else_is_counted() -> None:
    alone = "Of the 2135 persons eligible for this study, 93.5% have been traced."
    assert _chosen(alone) == 2135
    beside = "Of the 1,200 patients screened, 300 patients were enrolled in the trial."
    assert _chosen(beside) == 300


def test_a_data_source_beside_a_count_is_not_the_sample() -> None:
    text = (
        "RESULTS: Among the 3,186,751 patients in the database, 3,946 older adults with "
        "diabetes were grouped by HbA1c quartile."
    )
    assert _chosen(text) == 3946


def test_a_group_counted_before_is_only_referred_to() -> None:
    text = (
        "We enrolled 262 patients after transplantation. Ninety-two survived 5 years. "
        "Of the 92 survivors, 60 completed quality-of-life measures."
    )
    assert _chosen(text) == 262
    again = (
        "We enrolled 120 patients with tetraplegia. "
        "Of the 120 patients, 100 completed the 6-month visit."
    )
    assert _chosen(again) == 120
