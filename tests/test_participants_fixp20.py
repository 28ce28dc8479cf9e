"""fixp20 (review of parts20): the fraction fallback read where the grammar's counts are
not read (other studies' people, a background sentence), its pattern's backtracking, and
the one-sex make-up rule taking a listed group or another group's men for the sample's."""

import time

from monitor.triage.participants import _FRACTION_OF, find_participants, read_counts


def _count(abstract: str) -> int | None:
    shown = find_participants(abstract)[0]
    return shown.number if shown is not None else None


def test_a_fraction_of_other_studies_people_is_not_the_sample() -> None:
    text = (
        "Previous studies reported that 17 of 57 patients improved after surgery. "
        "We examined outcomes after surgery. Outcomes improved."
    )
    assert read_counts(text).chosen is None


def test_a_rate_in_a_background_section_is_not_the_sample() -> None:
    text = (
        "BACKGROUND: About 1 of 3 patients with spinal cord injury develop pain. "
        "METHODS: We reviewed charts. RESULTS: Pain improved in most."
    )
    assert read_counts(text).chosen is None


def test_the_fraction_in_a_results_section_is_still_read() -> None:
    text = (
        "BACKGROUND: Fractures follow VP. METHODS: We reviewed charts. "
        "RESULTS: New fractures were observed in 17 of 57 patients."
    )
    assert _count(text) == 57


def test_fraction_pattern_is_linear_on_runs_of_digit_groups_and_spaces() -> None:
    for text in ("100 " * 3000 + "x of 5 patients", "1" + " " * 6000 + "x of 5 patients"):
        start = time.perf_counter()
        list(_FRACTION_OF.finditer(text))
        assert time.perf_counter() - start < 1.0


def test_a_listed_group_of_one_sex_is_still_summed() -> None:
    # a list of three groups: the women are one of them, not the patients' make-up
    text = "We enrolled 40 patients, 25 women with osteoporosis and 30 healthy controls."
    assert read_counts(text).chosen.value == 95  # type: ignore[union-attr]


def test_only_the_other_sex_of_the_make_up_is_dropped() -> None:
    # 27 + 30 exceed the 37 patients: the 30 men are not the patients' other sex
    text = "Thirty-seven patients, 27 females; 30 healthy men served as controls."
    assert read_counts(text).chosen.value == 67  # type: ignore[union-attr]
    text = "Patients (N = 15, eight males and seven females) were enrolled."
    assert read_counts(text).chosen.value == 15  # type: ignore[union-attr]
    text = "We included 64 patients (35 men, 29 women) and 40 controls (20 men, 20 women)."
    assert read_counts(text).chosen.value == 104  # type: ignore[union-attr]


# second round: the changes the shipped rules made on the 20,788 unkeyed records, read
# one by one (docs/brief-extraction.md, "Review (fixp20)")


def test_a_group_named_h_is_not_a_time() -> None:
    text = "We tested sera of 464 Group H participants."
    assert read_counts(text).chosen.value == 464  # type: ignore[union-attr]
    assert read_counts("By 24 h, all patients had received opioids.").chosen is None


def test_a_slash_with_words_before_the_people_is_no_fraction() -> None:
    # a 5/6 nephrectomy, a TLR 7/8 agonist: names, not parts of a group
    assert read_counts("We tested it. RESULTS: 5/6 Nx rats were polyuric.").chosen is None
    assert read_counts("We made it. A TLR 7/8 agonist-into mice was given.").chosen is None


def test_the_numerator_is_the_sample_when_its_verb_takes_it_in() -> None:
    text = "We screened charts. RESULTS: Ninety-eight of the 336 assessed patients met the inclusion criteria."
    assert read_counts(text).chosen.value == 98  # type: ignore[union-attr]
    text = "We studied outcome. 889 of 1198 survivors were evaluated at 10 years of age."
    assert read_counts(text).chosen.value == 889  # type: ignore[union-attr]
    text = "We surveyed ICU patients. The response rate was 272 of 394 ICU patients (36%)."
    assert read_counts(text).chosen.value == 272  # type: ignore[union-attr]


def test_a_rate_in_the_conclusions_or_after_a_day_is_not_the_sample() -> None:
    text = "We studied tracing. CONCLUSIONS: Impact was low because 2 of 3 cases were not reached."
    assert read_counts(text).chosen is None
    text = "We modelled counties. Use is associated with mortality at day 100 of 2012 individuals."
    assert read_counts(text).chosen is None
