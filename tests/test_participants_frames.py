"""A sentence that opens on the whole group ("Of the 2,925 subjects who attended ...,
904 received ..."): the group is the sample unless it was counted before, is a
screening frame beside a count, or a data source's holdings (issue 20, eleventh
round).  Invented sentences only."""

from __future__ import annotations

from monitor.triage.participants import _counts, read_counts


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


def test_the_counts_after_the_group_are_its_subsets() -> None:
    sentence = "Of the 2,925 subjects who attended the clinic, 904 subjects received a cushion."
    counts = _counts(sentence, False)
    assert [(c.value, c.frame, c.subset) for c in counts] == [
        (2925, True, False),
        (904, False, True),
    ]


def test_a_group_written_before_makes_the_later_count_the_sample() -> None:
    # the 300 were counted (as screened) in the sentence before, so "Of the 300
    # patients" only refers to them and the 120 enrolled are the sample
    text = (
        "We screened 300 patients for eligibility. "
        "Of the 300 patients, 120 patients were enrolled in the trial."
    )
    assert _chosen(text) == 120


def test_a_section_label_opens_on_a_capital() -> None:
    labelled = _counts("RESULTS: Of the 40 patients, 12 patients had pain.", False)
    assert labelled and labelled[0].frame and labelled[0].value == 40
    lower = _counts("in this study: of the 40 patients, 12 patients had pain.", False)
    assert not any(c.frame for c in lower)


def test_a_year_before_the_groups_words_is_part_of_its_name() -> None:
    counts = _counts("Among the 1998 seventy survivors, 20 patients had pain.", False)
    assert [(c.value, c.frame, c.subset) for c in counts] == [(70, True, False), (20, False, True)]
