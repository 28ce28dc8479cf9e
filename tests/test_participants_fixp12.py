"""fixp12: the participant grammar's searches stay linear on long runs of spaces or
words (a quadratic pattern took seconds on one long sentence; docs/brief-extraction.md,
"fixp12").  Each slow pattern's rewrite matches the same texts; the bounds below are
this process's CPU seconds (wall-clock bounds failed at load 55 with 0.03 s of CPU):
the quadratic versions took 10-30 s on these inputs."""

import time

from monitor.triage import participants
from monitor.triage.participants import find_participants

N = 60_000  # quadratic: ~36 x the 10,000-character times (0.4-1.8 s each before)


def _seconds(call: object, *args: object) -> float:
    start = time.process_time()
    call(*args)  # type: ignore[operator]
    return time.process_time() - start


def test_clause_lead_is_the_text_after_the_last_separator() -> None:
    assert participants._clause_lead("Group A, of 12 years; group 2 comprised") == (
        " group 2 comprised"
    )
    assert participants._clause_lead("no separator here") == "no separator here"
    assert participants._clause_lead("ends with a colon:") == ""
    assert _seconds(participants._clause_lead, "a" * N + ",") < 2


def test_clause_join_is_linear_on_spaces_after_a_comma() -> None:
    join = participants._CLAUSE_JOIN
    assert join.search("open instrumentation, and ") is not None
    assert join.search("open instrumentation;  whereas") is not None
    assert join.search("open instrumentation ,  x") is None
    assert _seconds(join.search, "," + " " * N + "x") < 2


def test_parenthesis_and_earlier_reported_are_linear_on_space_runs() -> None:
    # the same removal as before: the spaces before an aside go with it
    assert participants._without_parentheses("12 patients (8 men)  and 9 (3 men)") == (
        "12 patients  and 9"
    )
    assert _seconds(participants._PARENTHESIS.sub, "", "a" + " " * N + "x (b)") < 2
    assert participants._EARLIER_REPORTED_AFTER.match(" , (previously reported") is not None
    assert _seconds(participants._EARLIER_REPORTED_AFTER.match, "\t " * (N // 2) + "x") < 2


def test_a_long_blank_gap_in_a_sentence_is_read_quickly() -> None:
    # a tab-and-space run after a count (~3 s at 10,000 characters before; ~45 s here)
    sentence = "Twenty patients\t" + "\t " * (N // 2) + "30 patients were treated."
    start = time.process_time()
    p, _ = find_participants(sentence)
    assert time.process_time() - start < 2
    assert p is not None


def test_a_digit_run_longer_than_any_count_is_no_count() -> None:
    """Past Python's 4,300-digit int() limit the reader raised (a hostile or broken
    abstract crashed triage); a 20-digit run was shown as the card's participants."""
    from monitor.triage.numbers import number_value

    assert number_value("123,456,789") == 123456789
    assert number_value("1" * 10) == 0
    assert number_value("9" * 5000) == 0
    found, _ = find_participants("A study of " + "9" * 5000 + " patients with spinal cord injury.")
    assert found is None
    found, _ = find_participants("A study of " + "9" * 20 + " patients. We enrolled 40 patients.")
    assert found is not None and found.number == 40
