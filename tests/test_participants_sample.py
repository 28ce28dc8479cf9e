"""Which count is the sample (issue 20, ninth round): a later subgroup's "total",
subgroups as rivals, a CONSORT "N =, n =" parenthesis, one sample classified twice,
controls stated in the sentence after the patients.  Invented sentences only."""

from __future__ import annotations

from monitor.triage import count_confidence
from monitor.triage.participants import find_participants, read_counts


def _chosen(text: str) -> int | None:
    chosen = read_counts(text).chosen
    return chosen.value if chosen else None


def test_a_later_smaller_total_without_an_enrolment_verb_is_a_subgroup() -> None:
    text = (
        "METHODS: We retrospectively collected 140 wheelchair users with shoulder pain. "
        "RESULTS: A total of 52 patients underwent an injection, and 30 of them improved."
    )
    assert _chosen(text) == 140


def test_a_later_total_that_is_enrolled_still_wins() -> None:
    text = (
        "We screened 300 people with spinal cord injury in four clinics. "
        "A total of 120 patients were enrolled and randomized to two exercise programmes."
    )
    assert _chosen(text) == 120


def test_a_later_subgroup_in_a_result_sentence_is_no_rival() -> None:
    text = (
        "Bladder function was assessed in 64 consecutive patients with paraplegia. "
        "Incontinence improved in 21 patients (p = 0.02) after training."
    )
    people, why = find_participants(text)
    assert people is not None and people.number == 64, why
    reading = read_counts(text)
    assert "rival" not in count_confidence.features(reading.chosen, reading)  # type: ignore[arg-type]


def test_a_group_named_again_is_no_rival() -> None:
    text = (
        "Gait was measured in 48 patients with incomplete injury, including 15 using crutches. "
        "Step length was shorter in the 15 patients using crutches."
    )
    reading = read_counts(text)
    assert reading.chosen is not None and reading.chosen.value == 48
    assert "rival" not in count_confidence.features(reading.chosen, reading)


def test_upper_case_total_and_lower_case_subset_in_one_parenthesis() -> None:
    text = "Adolescents who reported pain were placed in the pain group (N = 210, girls n = 120)."
    assert _chosen(text) == 210


def test_arms_in_one_parenthesis_are_still_summed() -> None:
    text = "Patients were randomised to a walking programme (n = 34) or usual care (n = 38)."
    assert _chosen(text) == 72


def test_one_sample_classified_twice_is_counted_once() -> None:
    text = (
        "In the pilot trial we compared oral (n=5) versus topical treatment (n=11) in a group "
        "of acute (n=7) and chronic patients (n=9)."
    )
    assert _chosen(text) == 16


def test_three_arms_with_a_double_arm_are_summed() -> None:
    text = "Patients were allocated to A (n = 10), B (n = 10) or C (n = 20)."
    assert _chosen(text) == 40


def test_controls_in_the_next_sentence_begin_with_the_patients() -> None:
    text = (
        "Twenty-two patients with chronic tetraplegia were included. "
        "Seventeen able-bodied volunteers served as control subjects. "
        "Reflex thresholds were lower in patients (p < 0.01)."
    )
    reading = read_counts(text)
    assert reading.chosen is not None and reading.chosen.value == 39
    assert reading.chosen.sentence == 0
    people, why = find_participants(text)
    assert people is not None and people.number == 39, why


def test_four_named_groups_are_not_one_sample_classified_twice() -> None:
    text = (
        "The study was performed on recovered cases (n = 12), ward patients (n = 18), "
        "intensive care patients (n = 18), and healthy subjects (n = 12)."
    )
    assert _chosen(text) == 60


def test_a_year_is_no_bare_count() -> None:
    text = (
        "Wheelchair users seen between January 1st, 2012 and December 31st, 2019 were "
        "evaluated. RESULTS: A total of 75 patients had a pressure injury."
    )
    reading = read_counts(text)
    assert [c.value for c in reading.candidates] == [75]


def test_a_control_arm_of_a_randomised_sample_is_not_added() -> None:
    text = (
        "Participants (N = 120) were recruited online. "
        "They were randomly assigned to a feedback condition (n = 61) or a control condition."
    )
    assert _chosen(text) == 120


def test_a_review_counts_studies_with_unlabelled_numbers() -> None:
    for text in (
        "A systematic review of exercise after spinal cord injury was conducted. "
        "Included studies (n = 32) reported walking outcomes.",
        "We performed a systematic review of bladder management. Of 900 records screened, "
        "41 were included in the synthesis.",
    ):
        assert find_participants(text)[0] is None, text


def test_a_review_keeps_participants_of_numbered_studies() -> None:
    text = (
        "A systematic review and meta-analysis of spasticity treatments. "
        "Nine studies (n = 640) were included in the meta-analysis."
    )
    assert _chosen(text) == 640


def test_a_thin_space_stored_as_dots_around_n_equals() -> None:
    assert _chosen("All inpatients with tetraplegia (n..=..46) were rated twice.") == 46


def test_groups_in_separate_sentences_with_their_total_written_elsewhere() -> None:
    text = (
        "Pain after spinal cord injury was treated in a phase I trial. "
        "Twelve patients received a low dose for 2 days (Group 1). "
        "Eight patients received a high dose for 1 day (Group 2). "
        "Of the 20 patients treated, three stopped because of nausea."
    )
    assert _chosen(text) == 20


def test_numbered_studies_of_one_paper_are_summed() -> None:
    text = (
        "In Study 1, 140 wheelchair users were recruited for a survey of transfers. "
        "In Study 2, 60 wheelchair users were observed during transfers at home."
    )
    assert _chosen(text) == 200


def test_two_counts_of_one_numbered_study_are_not_studies() -> None:
    text = (
        "In Study 1, 140 wheelchair users were recruited for a survey of transfers. "
        "In Study 1, 60 wheelchair users were also interviewed."
    )
    assert _chosen(text) == 140
