"""parts12 (issue 20): groups of one sample stated in parallel clauses are summed
(docs/brief-extraction.md, "Issue 20, fifteenth pass (parts12)"; card rule 1.2)."""

from monitor.triage.participants import find_participants


def shown(abstract: str, title: str = "") -> int | None:
    p, _ = find_participants(abstract, title)
    return p.number if p else None


def test_groups_in_clauses_worded_alike_are_summed() -> None:
    # a semicolon between labelled groups: one sample in two groups, not the first alone
    assert shown("Group A comprised 31 patients; group B comprised 28 patients.") == 59
    # the same words before each count, a number among them ("40 knees from")
    assert (
        shown(
            "Forty knees from 22 patients treated with bracing and 40 knees from 25 patients "
            "treated with surgery were included."
        )
        == 47
    )


def test_arms_each_the_subject_of_their_treatment_are_summed() -> None:
    assert (
        shown("Eighteen patients underwent fusion, and 23 were treated with a brace alone.") == 41
    )
    assert shown("Twelve children received the drug, whereas 14 children received a placebo.") == 26


def test_not_results_nor_parts_nor_screening() -> None:
    # outcomes of one sample, reported with a statistic: not groups of it
    assert (
        shown(
            "In all, 60 patients were studied. Pain improved in 30 patients in group A and "
            "in 20 patients in group B (p = 0.04)."
        )
        == 60
    )
    # a part cue between: the later count is a part of the first
    assert shown("Group A comprised 40 patients, of whom group B comprised 12 patients.") == 40
    # events after treatment in a result sentence: not arms, and the sample stands
    assert (
        shown(
            "Ninety patients were enrolled. Later, 10 patients underwent reoperation and 6 "
            "were treated for infection, which required antibiotics."
        )
        == 90
    )


def test_one_sample_analysed_twice_is_not_two_groups() -> None:
    # the same people counted for two analyses, worded alike: the enrolled count stands
    text = (
        "One hundred thirty-seven patients were enrolled in the study. Data for efficacy were "
        "available for 126 patients; safety data were available for 128 patients."
    )
    assert shown(text) == 137
