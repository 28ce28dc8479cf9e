"""parts13: counts the grammar dropped for the number's form, not its sense
(docs/brief-extraction.md, "parts13"): a count from 1900 to 2100 after words that take
only a count, a non-ASCII letter among the words before the people, a disease subtype's
numeral among them; and group labels read case-sensitively."""

import time

from monitor.triage import participants
from monitor.triage.participants import find_participants


def _count(abstract: str) -> int | None:
    shown = find_participants(abstract)[0]
    return shown.number if shown is not None else None


def test_a_count_that_could_be_a_year_is_a_count_after_count_words() -> None:
    assert _count("We pooled 12 cohort studies for a total of 2034 adult individuals.") == 2034
    assert _count("The available data of 1994 patients from 10 hospitals were included.") == 1994
    assert _count("Across the region we studied 1987 patients with a fracture.") == 1987


def test_a_year_before_people_stays_a_year() -> None:
    assert _count("In 2019 patients with burns were admitted to a regional unit.") is None
    assert _count("Adults treated between 2009 and 2019 were evaluated for pain.") is None
    assert _count("From 2010 patients were followed by the same nurse.") is None


def test_a_non_ascii_letter_in_the_words_before_the_people() -> None:
    assert _count("We studied 70 HIV-infected, antiretroviral-na\u00efve Ugandan women.") == 70
    assert _count("Forty \u03b2-blocker users were interviewed at home.") == 40
    # the offsets are kept: the phrase quoted is the text's own length
    assert participants._ascii_words("na\u00efve \u03b2 \u00d7 caf\u00e9") == "naive x \u00d7 cafe"


def test_a_subtype_numeral_among_the_words_before_the_people() -> None:
    assert _count("Twelve poorly controlled type 2 diabetic patients were studied.") == 12
    assert _count("We enrolled 40 grade 3 glioma patients at two centres.") == 40
    # the numeral itself is no count
    assert _count("Insulin was given in type 2 patients and dose was titrated.") is None


def test_group_labels_are_read_as_written() -> None:
    assert participants._GROUP_LABEL.fullmatch("B") is not None
    assert participants._GROUP_LABEL.fullmatch("II") is not None
    assert participants._GROUP_LABEL.fullmatch("a") is None
    assert participants._GROUP_LABEL.fullmatch("i") is None


def test_the_new_forms_stay_linear_on_long_inputs() -> None:
    for text in (
        "a total of" + " " * 10_000 + "1994 patients",
        "1994 " + "type 2 " * 2_000 + "patients",
        "na\u00efve " * 2_000,
        "We studied 20 " + "stage " * 5_000 + "patients.",
    ):
        start = time.process_time()
        find_participants(text)
        assert time.process_time() - start < 2
