"""fixp13: review of parts13 (docs/brief-extraction.md, "Review (fixp13)").

parts13 reads each non-ASCII letter as an ASCII one so that RE2's ASCII ``\\w`` sees
"na\u00efve" as one word; the phrase the card quotes and the sentence a brief looks up
must still be the abstract's own text, and every other character keeps its meaning."""

import time

from monitor.briefs import evidence
from monitor.triage import participants
from monitor.triage.participants import find_participants, read_counts


def test_the_quoted_phrase_keeps_the_abstracts_own_letters() -> None:
    abstract = "We studied 70 HIV-infected, antiretroviral-na\u00efve \u00c6gyptian women."
    shown, why = find_participants(abstract)
    assert shown is not None and shown.number == 70
    assert "antiretroviral-na\u00efve \u00c6gyptian women" in why
    chosen = read_counts(abstract).chosen
    assert chosen is not None
    assert chosen.phrase in abstract
    assert "\u00c6gyptian" in chosen.phrase


def test_a_brief_finds_the_counts_sentence_in_the_abstract() -> None:
    # the sentence is looked up in the abstract to see the heading it stands under:
    # one under BACKGROUND is not the review's own cases
    abstract = (
        "BACKGROUND: We reviewed 12 r\u00e9sum\u00e9-style cases of our own institution. "
        "METHODS: A literature review of 40 reports."
    )
    assert evidence._own_cases("A review", abstract) is None


def test_a_combining_mark_stays_inside_its_word() -> None:
    # "nai\u0308ve": the letter and its diaeresis as two characters (decomposed form)
    assert (
        find_participants("We studied 70 HIV-infected, antiretroviral-nai\u0308ve Ugandan women.")[0]
        is not None
    )
    assert participants._ascii_words("nai\u0308ve") == "naixve"
    # a mark after no letter is no letter
    assert participants._ascii_words("2\u0308 ") == "2\u0308 "


def test_every_kind_of_character_keeps_its_place() -> None:
    samples = (
        "\u00df\u00e6\u00f8\u03bc\u03b1\u03b2\u4e2d\u6587\U0001f600\u2013\u2265\u00d7\u00b1"
        "\u00a0\u2009\u00b5\u2163\u00bd\u00b2\u0131\u0130\ufb01\u2122\u0660\ud800\u0301"
    )
    assert len(participants._ascii_words(samples)) == len(samples)
    # symbols keep their meaning: "\u2265 18" is still a threshold, "\u00d7" a product
    assert participants._ascii_words("\u2265 18 \u00b1 2 \u00d7 3") == "\u2265 18 \u00b1 2 \u00d7 3"
    # a letter before a digit makes it no count's start ("\u03b22-agonist")
    assert participants._ascii_words("\u03b22") == "x2"


def test_a_year_after_count_words_is_a_year_when_a_year_follows() -> None:
    # a range or a second year after it: years, whatever the words before
    assert read_counts("We included 2012 to 2016 patients in the trial.").chosen is None
    chosen = read_counts("The data of 2005 and 2006 were compared in 80 patients.").chosen
    assert chosen is not None and chosen.value == 80


def test_the_wide_text_stays_linear() -> None:
    for text in ("\u00e9" * 20_000, "a\u0301" * 10_000, "\u4e2d" * 20_000 + " 12 patients"):
        start = time.process_time()
        find_participants(text)
        assert time.process_time() - start < 2


def test_a_year_joins_no_count_after_it() -> None:
    # the number before "and" shares the count's people, unless it names a year
    chosen = read_counts("We analyzed 2015 NHANES data and 50 children.").chosen
    assert chosen is not None and chosen.value == 50
    chosen = read_counts("In 2015 NHANES data and 50 children were examined.").chosen
    assert chosen is not None and chosen.value == 50
    chosen = read_counts("We included 2019 data and 45 patients.").chosen
    assert chosen is not None and chosen.value == 45
    # counts still join: no year, or words before it that take only a count
    chosen = read_counts("Ten Black and 10 White volunteers took part.").chosen
    assert chosen is not None and chosen.value == 20


def test_the_chosen_count_is_one_of_the_candidates_as_written() -> None:
    reading = read_counts("Thirty na\u00efve patients and 12 \u00e6gyptian controls were studied.")
    assert reading.chosen is not None
    assert reading.chosen in reading.candidates
    assert all(c.phrase.isascii() is False for c in reading.candidates)


def test_a_micro_unit_is_a_unit_not_a_word_before_the_people() -> None:
    # parts13 read "\u03bcg" as the word "xg": a dose became the count of rats
    assert read_counts("Rats given 10 \u03bcg intrathecal morphine rats were compared.").chosen is None
    assert read_counts("Rats given 10 \u00b5l intrathecal saline rats were compared.").chosen is None
    assert participants._ascii_words("\u00b5g \u03bcM") == "ug uM"
    # as "mg": the same reading as the ASCII unit
    assert read_counts("Rats given 10 mg intrathecal morphine rats were compared.").chosen is None


def test_a_joined_count_that_could_be_a_year_names_its_people() -> None:
    chosen = read_counts("Ten studies containing 2028 cases and 2725 controls were pooled.").chosen
    assert chosen is not None and chosen.value == 4753
    chosen = read_counts("A survey ran in August, 2019 and 463 respondents were included.").chosen
    assert chosen is not None and chosen.value == 463
