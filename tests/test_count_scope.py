"""The scope step of the participant count (monitor/triage/count_scope.py):
counts of other studies, ages, years, statistics, sampling frames and follow-up
waves are not this study's sample, and saying nothing beats a wrong number.
Abstracts here are written for the test; issue 20 names the classes."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration
from monitor.triage import count_scope
from monitor.triage.count_scope import (
    _NO_ROLE,
    Contexts,
    Whose,
    _label_role,
    count_out_of_scope,
    follow_up_count,
    not_this_study,
    scope_context,
    section_role,
    sentence_out_of_scope,
)
from monitor.triage.participants import _BACKGROUND, _sentence_at, find_participants


@pytest.mark.parametrize(
    ("sentence", "previous_out", "out"),
    [
        ("A search of the literature from 1890 to 1990 found 24 children with HOA.", False, True),
        ("Previous studies of 300 patients reported no benefit.", False, True),
        ("Such cases have been reported in 12 adults since 1960.", False, True),
        ("We reviewed the literature and our 12 patients.", False, False),
        ("Among them were 10 boys and 14 girls.", True, True),
        ("In five patients, the lungs were normal.", True, True),
        ("We then enrolled 40 patients.", True, False),
        ("METHODS: Forty patients took part.", True, False),
        ("Forty patients took part.", False, False),
    ],
)
def test_sentence_scope(sentence: str, previous_out: bool, out: bool) -> None:
    assert (sentence_out_of_scope(sentence, previous_out) is not None) is out


@pytest.mark.parametrize(
    ("sentence", "number", "reason"),
    [
        ("Thirty day-old male rats were hemisected.", "Thirty", "an age"),
        ("Children aged 12 years old or more, 120 13-year-olds, took part.", "120", None),
        ("Patients seen between May 2018 and February 2020 were included.", "2020", "calendar"),
        ("Survival did not differ (n = 86 per group; HR 1.2, 95% CI 0.8-1.9).", "86", "statistic"),
        ("Survivors (n = 423) were followed.", "423", None),
        ("A case-control study nested within the ATBC cohort of 29133 smokers.", "29133", "drawn"),
        ("It included 126 cases and 247 controls nested within the cohort.", "126", None),
        (
            "Patients with leaks were identified from 2290 patients undergoing TAVR.",
            "2290",
            "drawn",
        ),
        ("We recruited from 12 hospitals 300 patients.", "300", None),
    ],
)
def test_count_scope(sentence: str, number: str, reason: str | None) -> None:
    found = count_out_of_scope(sentence, sentence.index(number))
    assert (found is None) if reason is None else (found is not None and reason in found)


def test_follow_up_wave_is_not_enrolment() -> None:
    assert follow_up_count("Two-year (n = 78) and 4-year (n = 46) follow-up ratings were done.")
    assert follow_up_count("Of these, 46 were seen at the final follow-up.")
    assert not follow_up_count("We enrolled 200 patients and followed them for 4 years.")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the literature's children, and the sentence after that goes on about them
        (
            "HOA is rare in children. A search of the literature revealed only 24 children "
            "(19 boys, 5 girls) with malignancy and HOA. Among them were 10 patients with "
            "carcinoma, 8 with osteosarcoma and 6 with lymphoma.",
            None,
        ),
        # the enrolled sample wins over those seen at follow-up waves
        (
            "METHODS: Youth meeting criteria (n = 200) were evaluated at baseline. Two-year "
            "(n = 78) and 4-year (n = 46) follow-up ratings were completed with those enrolled "
            "for long enough.",
            (200, "youth"),
        ),
        # a calendar year is never a count, and the stated count stays
        (
            "Seventy-six patients treated between May 2018 and February 2020 were included.",
            (76, "patients"),
        ),
        # a nested case-control study: the cohort is the frame, cases + controls the sample
        (
            "We conducted a nested case-control study within the ATBC cohort of 29133 male "
            "smokers. It included 126 cases and 247 controls.",
            (373, "participants"),
        ),
        # those who answered a survey, when nothing else is stated
        ("Of 113 (51%) eligible physicians, 58 completed the survey.", (58, "physicians")),
        # another source's finding is background, whatever verb follows its count (review
        # of session 13); a yearly incidence stays out; data on the study's own people stay
        (
            "Data from the national registry show that 294,000 people are living with SCI "
            "in the US. We interviewed 45 patients.",
            (45, "patients"),
        ),
        (
            "Approximately 17,000 new cases are identified each year in the US. We "
            "interviewed 45 patients.",
            (45, "patients"),
        ),
        ("Data on 25,310 patients are analysed in this registry study.", (25310, "patients")),
    ],
)
def test_participants_in_scope(abstract: str, expected: tuple[int, str] | None) -> None:
    found, why = find_participants(abstract)
    if expected is None:
        assert found is None, why
    else:
        assert found is not None, why
        assert found.number == expected[0], why


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        (
            "Women were randomly assigned to therapy or control. They completed questionnaires "
            "at baseline (T1), posttreatment (T2), 3 (T3), and 6 months (T4) posttreatment.",
            "6 months",
        ),
        (
            "Participants attended sessions over 4 months; weight was measured at 0, 4 months, "
            "and 1, 2, 3, and 4 years.",
            "4 years",
        ),
        # a list of ages is no assessment schedule
        ("Children were assessed at 6, 12 and 18 years of age.", None),
    ],
)
def test_duration_last_listed_time(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected


# whose people a count describes (twelfth round): a background section or sentence,
# a population, a data resource's holdings, a cited publication's patient


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a structured background section counts a population, the methods the sample
        (
            "BACKGROUND: About 17,000 people sustain a spinal cord injury in the US. "
            "METHODS: Forty-two patients were enrolled and randomised.",
            42,
        ),
        # unstructured opening background, a present-tense population figure
        (
            "Each year 17,000 people sustain a spinal cord injury. "
            "We enrolled 42 patients with chronic injury in a trial of training.",
            42,
        ),
        (
            "The prevalence of pressure injury is high and 300 patients are affected in our "
            "region. Forty-two patients were enrolled.",
            42,
        ),
        # a data resource's holdings, and nothing says this study enrolled them
        (
            "The data portal is a repository facilitating access to data for 3 370 929 "
            "individuals in 42 cohorts. It provides secure remote analysis.",
            None,
        ),
        # a registry study's own people: the enrolment verb says they are this study's
        (
            "The registry contains 5,070 consecutive patients who were enrolled in this study "
            "and followed for a year.",
            5070,
        ),
    ],
)
def test_not_this_study(abstract: str, expected: int | None) -> None:
    found, _reason = find_participants(abstract, "")
    assert (found.number if found else None) == expected


def test_background_section_with_this_study_marker_is_a_fallback() -> None:
    # a count in a background section that says it is this study's is used only
    # when nothing else is stated
    only = "BACKGROUND: We enrolled 30 patients in a pilot. The effect is unknown."
    found, _reason = find_participants(only, "")
    assert found is not None and found.number == 30


def test_a_cited_case_report_is_not_the_one_case() -> None:
    abstract = (
        "Hypertrophic osteoarthropathy is rare in children. In 1986 the authors published a "
        "case report of a patient with carcinoma who developed the disorder. The clinical "
        "features and their course are described."
    )
    found, _reason = find_participants(abstract, "Osteoarthropathy in childhood malignancy")
    assert found is None


@pytest.mark.parametrize(
    "text",
    [
        # no "this study" anywhere, but "we" ends the prefix before a word character
        "Background: Weak cues. Methods: Twelve were seen; twenty wereable. Results: 3 died.",
        "BACKGROUND: Injury is common. OBJECTIVE: To ask. PATIENTS AND METHODS: 40 adults.",
        # labels run into the sentence before, and one that straddles a prefix's end
        "Pain (SCI) PATIENTS AND METHODS: Sera of 20 men. RESULTS: We found 3 of them. ",
        "our study herein were enrolled. CONCLUSIONS: we ourselves herein.",
        "Cases are rare.\nDesign: 12 patients were studied by us. Setting: ward",
        # not ASCII (re answers), and a label with no colon before the offsets asked
        "Über 12 Patienten. METHODS: we enrolled 40 adults (β = 2). Results: ours",
        "No label here, 12 patients were included and we saw them all",
        "",
        # a label right after another: the search goes on where the first ended, and
        # there "^" must not match (only at the text's start, in RE2 as in re)
        "Aim: Background: we enrolled 12. Methods: Design: 30 rats.",
        # RE2 on a text with non-ASCII letters; a no-break space before the colon,
        # which only Python's \s reads as a space (that text is searched by re)
        "Zusammenfassung β. RESULTS: 40 Männer. Conclusions: we ± 2",
        "Intro\u00a0: 12 men. Methods\u00a0: 30 rats. Results: ours",
        "Intro\x0b: 12 men.\x1cMethods: 30 rats. Results: ours",
    ],
)
def test_contexts_answer_as_scope_context_at_every_offset(text: str) -> None:
    """``Contexts`` reads the text once and answers for every prefix what searching
    the prefix answers, including where "\\b" reads the prefix's last character
    differently from the full text's (a "we" that is the start of "weak")."""
    contexts = Contexts(text)
    for offset in range(len(text) + 3):
        assert contexts.at(offset) == scope_context(text, offset), offset
    # and asked backwards (a "this study" kept from a longer prefix must not answer)
    contexts = Contexts(text)
    for offset in reversed(range(len(text) + 3)):
        assert contexts.at(offset) == scope_context(text, offset), offset
    # and at negative offsets (a slice end counted from the text's end), mixed with
    # positive ones so that a "this study" kept from a prefix is there to be misused
    contexts = Contexts(text)
    for offset in range(-len(text) - 2, 0):
        assert contexts.at(len(text) + offset) == scope_context(text, len(text) + offset)
        assert contexts.at(offset) == scope_context(text, offset), offset


@pytest.mark.parametrize(
    "label", ["METHODS", "Results", "Case Presentation", "Aim", "x", "", "Design, Setting"]
)
def test_label_role_is_section_role_after_any_section(label: str) -> None:
    """``_label_role`` (kept per label) says what ``section_role`` says after every
    section, a label that names no role keeping the one before."""
    for current in (None, "background", "objective", "methods", "results", "other"):
        role = _label_role(label)
        expected = section_role(label + ": ", current)
        assert (current if role == _NO_ROLE else role) == expected


def test_a_title_case_is_read_in_the_title_not_at_its_offset_in_the_abstract() -> None:
    # the one case is named in the title: whether it is a cited publication's is read in the
    # title's sentence, not in the abstract's sentence at the title's offset (which here
    # dates an earlier publication)
    abstract = (
        "In 1986 the authors published a report on this disorder. The clinical features and "
        "their course are described."
    )
    found, _reason = find_participants(abstract, "Osteoarthropathy in a man with lung cancer")
    assert found is not None and (found.number, found.unit) == (1, "man")


@pytest.mark.parametrize(
    ("sentence", "section", "kind"),
    [
        ("Each year 17,000 people sustain an SCI.", "background", Whose.BACKGROUND_POPULATION),
        ("Forty patients took part in a pilot.", "background", Whose.BACKGROUND_SECTION),
        ("We enrolled 40 patients in a pilot.", "background", None),
        ("Each year 17,000 people sustain an SCI.", None, Whose.BACKGROUND_SENTENCE),
        ("The registry contains 12,000 patients.", "methods", Whose.HOLDINGS),
    ],
)
def test_not_this_study_says_its_kind(
    sentence: str, section: str | None, kind: Whose | None
) -> None:
    # the caller tests the kind (only a background section's count may still be the
    # sample), not the wording of the reason
    assert not_this_study(sentence, section, own_seen=False) is kind


@pytest.mark.parametrize("word", count_scope.WORLD_WIDE)
def test_one_list_of_world_wide_words_for_both_background_tests(word: str) -> None:
    sentence = f"About 500 people are injured {word} in the region."
    assert _BACKGROUND.search(sentence) is not None
    assert not_this_study(sentence, None, own_seen=False) is Whose.BACKGROUND_SENTENCE


def test_one_case_sentence_is_split_as_the_counts_are() -> None:
    text = "Background text here. In 1986 the authors published a case of a man? Next one."
    assert _sentence_at(text, text.index("a man")) == (
        "In 1986 the authors published a case of a man?"
    )


def test_a_large_count_in_a_present_tense_opening_is_the_world_not_the_sample() -> None:
    # no population word ("prevalence", "each year"): the size and the tense say it
    abstract = (
        "Over 85 590 000 individuals have been infected with the virus. Patients (56 "
        "children and 63 adults) with confirmed infection were randomly enrolled in this study."
    )
    found, _reason = find_participants(abstract, "")
    assert found is not None and found.number == 119
    # a large sample presented as the study's own in a present-tense opening sentence
    # (a stated total, the object of the study's verbs, data on people) is its sample
    assert find_participants(
        "A total of 15,320 patients with SCI are included in this registry analysis.", ""
    )[0] == find_participants("15,320 patients with SCI were included.", "")[0]
    for sentence in (
        "A total of 15,320 patients with SCI are included in this registry analysis.",
        "Data on 12,500 adults with SCI are available from the national database.",
        "Records of 20,400 veterans with SCI are analysed in this report.",
    ):
        assert not_this_study(sentence, None, False, 12_000) is None, sentence
        found, _reason = find_participants(sentence, "")
        assert found is not None and found.number >= 12_000, sentence
    # once the abstract speaks of its study, a large count is its own
    assert not_this_study("A total of 12,000 patients are included.", None, True, 12_000) is None


# issue 20: a review's own search and selection results are its own counts (its
# participants are the included studies' total, docs/card-labelling.md rule 2), while
# the literature it speaks of otherwise, and a case report's search, stay other work
@pytest.mark.parametrize(
    ("sentence", "review", "out"),
    [
        ("Fourteen articles (512 rats) were identified in the literatures search.", True, False),
        ("In the literature search, 9 trials with 640 patients were included.", True, False),
        ("A systematic search of the published literature yielded 11 studies (n = 803).", True,
         False),
        ("Searching the literature retrieved 7 cohorts of 1,204 adults.", True, False),
        # a case report's search finds other people, not its own
        ("Fourteen articles (512 rats) were identified in the literatures search.", False, True),
        ("A search of the literature from 1890 to 1990 found 24 children with HOA.", False, True),
        # earlier work stays other work in a review, search words or not
        ("Previous studies of 300 patients were identified in the literature search.", True,
         True),
        ("The literature describes 300 patients with this lesion.", True, True),
        ("Such cases have been reported in 12 adults since 1960.", True, True),
        # a search named without a result of its own says nothing of whose people
        ("The literature search shows that 300 patients had pain.", True, True),
    ],
)  # fmt: skip
def test_a_reviews_own_search_results_are_its_own(sentence: str, review: bool, out: bool) -> None:
    assert (sentence_out_of_scope(sentence, review=review) is not None) is out


def test_a_reviews_participants_from_its_own_search_sentence() -> None:
    abstract = (
        "This systematic review and meta-analysis asks whether drug X improves recovery "
        "after spinal cord injury in animals. Fourteen articles (512 rats) were identified "
        "in the literatures search. Drug X improved locomotor scores."
    )
    found, why = find_participants(abstract, "")
    assert found is not None and found.number == 512, why
    # the same sentence in a case report's literature review is other people
    report = (
        "We describe a man with a spinal cord injury treated with drug X. Fourteen "
        "articles (512 rats) were identified in the literatures search."
    )
    found, _why = find_participants(report, "")
    assert found is None or found.number != 512
