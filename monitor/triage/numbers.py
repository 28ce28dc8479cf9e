"""Numbers as abstracts write them, in digits or words: one definition shared by the
participants grammar (monitor/triage/participants.py) and the evidence level's count of
people whose material was studied (monitor/briefs/evidence.py) (issue 20, evid8: the two
had diverged, evidence.py's own list reading "1,200" as no number and knowing no
hundreds)."""

from __future__ import annotations

import re

ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join(sorted({*ONES, *TENS, *SCALES}, key=len, reverse=True))
# "Eighty-one", "One hundred and sixty-four", "Eight-four" (sic): parts joined by
# hyphens or spaces, "and" only after a scale; at most eight parts ("one thousand two
# hundred and sixty-four"), so a run of number words ("one two three four ...") is not
# searched from every start to its end (cubic time on a long run: fixe8)
WORDS = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD})){{0,7}}"
# "1,200", "1 200", "12": a digit group is one number, never split at its comma
DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\s\d{3})+\b|\d+"
NUMBER = rf"(?:{DIGITS}|{WORDS})"
# NUMBER with its digit groups bounded too (at most 5: "1,234,567"), for a pattern searched
# across a whole abstract with a number before other optional words: unbounded groups let
# such a search try every length of a run of 3-digit numbers ("100 101 102 ...") from
# every start (400 of them took 0.8 s in one read_counts of a review, fixp8); the words
# are WORDS, bounded by fixe8 (1,500 number words had taken 20 s there)
BOUNDED_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}}){{1,4}}|\d{{1,3}}(?:\s\d{{3}}){{1,4}}\b|\d+|{WORDS})"


def words_value(phrase: str) -> int:
    """The value of a number in words: "twenty-one" 21, "two hundred and twelve"
    212, "one thousand two hundred" 1,200; "five and six" is 5; "eight-four"
    (a typing slip for eighty-four) 84."""
    total = current = 0
    previous = ""
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word == "and" and previous not in SCALES:
            break  # "five and six patients" are two numbers: the first is kept
        if word in ONES and previous == "eight" and current == 8:
            current = 80  # "Eight-four": the tens were meant
        previous = word
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
    return total + current


# More digits than any count of people, papers or specimens has (a billion is 10 digits):
# such a run is an identifier, a sequence or hostile input, never a count. Past Python's
# 4,300-digit limit int() would even raise, so every caller would crash on it.
MAX_COUNT_DIGITS = 9


def number_value(text: str) -> int:
    """The value of a :data:`NUMBER` match: "1,200" and "1 200" 1200, "twelve" 12;
    0 (no count, as "0 patients" is none) for a run of more than
    :data:`MAX_COUNT_DIGITS` digits."""
    if text[0].isdigit():
        digits = re.sub(r"[,.\s]", "", text)
        return int(digits) if len(digits) <= MAX_COUNT_DIGITS else 0
    return words_value(text)


_LONG_DIGIT_RUN = re.compile(rf"\d{{{MAX_COUNT_DIGITS + 1},}}")


def mask_long_digit_runs(text: str) -> str:
    """``text`` with every run of more than :data:`MAX_COUNT_DIGITS` digits masked: its
    first digit kept, the rest "_" (digits11, issues 20 and 9).

    Such a run is no count, time or dose, and a number pattern (``\\d+``) tried at each of
    its digits reads to its end: quadratic time, so 10,000 digits took minutes.  Masked,
    every number the readers try is at most :data:`MAX_COUNT_DIGITS` long.  The length is
    kept, so offsets hold; "_" is a word character as digits are, so word boundaries and
    ``\\w``/``\\S`` runs match as before; the first digit is kept, so a sentence that starts
    with the run still starts with a digit and a sentence with digits still has one."""
    if len(text) <= MAX_COUNT_DIGITS:
        return text
    return _LONG_DIGIT_RUN.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 1), text)
