"""How many participants (or animals) a study had, as the abstract states it.

Patterns, in order of trust: "A total of 120 patients", "949 patients",
"two hundred and twelve rats", "n = 32".  The unit must be a kind of
participant, and what stands between the number and the unit must not make
the number something else: "95 percent of patients", "8 hours in patients",
"a score of 20 points in patients" and "5 million people" are no counts.  A
number that labels rather than counts is left too: strains and genes
("C57BL/6 mice", "Cx43 mice"), cord levels ("T10 contusion rats", "C5
tetraplegic patients"), "type 2 diabetes patients", "grade 3 patients", ages,
years and percentages.  Of several counts the largest is taken (the whole
sample rather than a subgroup), except counts in sentences about the world
outside the study ("300,000 people live with SCI in the USA").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.triage.fastre import Match, compile_pattern

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORD = "|".join([*_ONES, *_TENS, *_SCALES])
_UNITS = (
    r"patients|participants|subjects|individuals|persons|people|adults|children|adolescents|"
    r"men|women|veterans|volunteers|respondents|athletes|survivors|cases|users|"
    r"inpatients|outpatients|caregivers|mothers|parents|infants|neonates|newborns|girls|boys|"
    r"students|nurses|physicians|clinicians|surgeons|workers|residents|donors|families|dyads|"
    r"rats|mice|dogs|cats|pigs|minipigs|sheep|horses|monkeys|macaques|rabbits|hamsters|animals"
)
# up to three words between number and unit ("32 consecutive adult patients",
# "24 C57BL/6 mice"); _NOT_BETWEEN says which of them unmake a count
_ADJ = r"((?:[A-Za-z][\w/'-]*\s+){0,3}?)"
_NOT_BETWEEN = frozenset([
    "percent", "per", "cent", "percentage", "percentages", "proportion", "fraction", "third",
    "thirds", "quarter", "quarters", "half", "halves", "fifth", "fifths", "tenth", "tenths",
    "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "minute", "minutes", "second", "seconds", "point", "points", "session", "sessions", "times",
    "fold", "million", "millions", "billion", "thousands", "hundreds", "dozen", "dozens", "mg",
    "ml", "kg", "cm", "mm", "in", "with", "at", "for", "from", "by", "versus", "vs", "than",
    "to", "on"
])  # fmt: skip
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)"
_TOTAL = compile_pattern(
    rf"\b(?:a total of|total of|overall,?)\s+{_NUM}\s+{_ADJ}({_UNITS})\b", ignore_case=True
)
_TOTAL_WORDS = ("otal", "OTAL", "verall", "VERALL")  # what _TOTAL needs, in any case
# the number must open a word, or follow ">" ("more than"): not continue
# "C57BL/6", "T10", "SARS-CoV-2", a decimal, a ratio or another number (RE2
# has no look-behind, so the character before it is matched: group 1)
_PLAIN = compile_pattern(rf"(^|[\s(\[>~≥≈]){_NUM}\s+{_ADJ}({_UNITS})\b", ignore_case=True)
_N_EQ = compile_pattern(r"\b[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\b")
_WORD = compile_pattern(
    rf"\b((?:{_NUMBER_WORD})(?:(?:[\s-]+and)?[\s-]+(?:{_NUMBER_WORD}))*)\s+{_ADJ}({_UNITS})\b",
    ignore_case=True,
)
# a number after these labels a group, a level or a time, and counts nothing
_BAD_BEFORE = re.compile(
    r"(aged|age|mean|median|p\s*[<=>]|±|\bof\s+the|\btype|\bgrade|\bstage|\bclass|\blevel|"
    r"\bgroup|\bphase|\bday|\bweek|\bvisit|\barm|\bcohort|\bstudy|\bfigure|\btable)\s*$",
    re.I,
)
# a sentence about the world outside the study ("19 million people annually",
# "SCI affects 300,000 people in the USA"): its counts are not the sample.  Words of
# time and place say so of any count; "living with", "affects" only of a count of
# 10,000 or more ("15 people living with SCI were interviewed" is the sample), and
# neither when the sentence speaks of the study ("we enrolled ...", "data from ...")
_BACKGROUND = re.compile(r"\b(worldwide|globally|each year|every year|annually|per year)\b", re.I)
_BACKGROUND_LARGE = re.compile(r"\b(live with|living with|affects|are affected)\b", re.I)
BACKGROUND_LARGE = 10_000
_OWN_STUDY = re.compile(
    r"\b(we|our|this study|the study|included|enrolled|recruited|studied|analy[sz]ed|"
    r"identified|participated|underwent|received|randomi[sz]ed|completed|surveyed|used|"
    r"data from|collected|interviewed)\b",
    re.I,
)
_SENTENCE_MARKS = (". ", "; ", "? ", "! ", "\n")  # (the parsers collapse whitespace)
_SENTENCE_REACH = 400  # characters looked at either side of a count


@dataclass(frozen=True)
class Participants:
    number: int
    unit: str

    def __str__(self) -> str:
        return f"{self.number:,} {self.unit}"


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def words_value(phrase: str) -> int:
    """The value of a number in words: "twenty-one" 21, "two hundred and twelve"
    212, "one thousand two hundred" 1,200; "five and six" is 5."""
    total = current = 0
    previous = ""
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word == "and" and previous not in _SCALES:
            break  # "five and six patients" are two numbers: the first is kept
        previous = word
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
    return total + current


def _counts(between: str) -> bool:
    """Whether the words between a number and its unit leave it a count."""
    return not any(w.lower() in _NOT_BETWEEN for w in between.split())


def _in_background(abstract: str, match: Match, number: int) -> bool:
    """Whether the count is in a sentence about the world outside the study.
    (The sentence is looked for within a bounded reach, so a long text of
    many counts costs linear time.)"""
    reach = max(0, match.start() - _SENTENCE_REACH)
    limit = match.end() + _SENTENCE_REACH
    start = max(abstract.rfind(mark, reach, match.start()) for mark in _SENTENCE_MARKS)
    ends = [i for mark in _SENTENCE_MARKS if (i := abstract.find(mark, match.end(), limit)) >= 0]
    sentence = abstract[start + 1 if start >= 0 else reach : min(ends, default=limit)]
    if _BACKGROUND.search(sentence) is None and (
        number < BACKGROUND_LARGE or _BACKGROUND_LARGE.search(sentence) is None
    ):
        return False
    return _OWN_STUDY.search(sentence) is None


def find_participants(abstract: str) -> tuple[Participants | None, str]:
    """(participants, the phrase that gave them) or (None, reason)."""
    if not abstract:
        return None, "no abstract"
    # most abstracts say neither "total" nor "overall" (in any case): four substring
    # tests cost less than the scan, and less than lowercasing the abstract
    if any(w in abstract for w in _TOTAL_WORDS):
        for match in _TOTAL.finditer(abstract):
            number = _number(match.group(1))
            if number > 0 and _counts(match.group(2)):
                return Participants(number, match.group(3).lower()), match.group(0)
    best: tuple[int, Participants, str] | None = None
    for match in _PLAIN.finditer(abstract):
        start = match.start(2)
        before = abstract[max(0, start - 12) : start]
        if _BAD_BEFORE.search(before) or not _counts(match.group(3)):
            continue
        number = _number(match.group(2))
        if 1 < number < 10_000_000 and not (1900 <= number <= 2100 and "," not in match.group(2)):
            if best is not None and number <= best[0]:
                continue
            if _in_background(abstract, match, number):
                continue
            best = (
                number,
                Participants(number, match.group(4).lower()),
                abstract[start : match.end()],
            )
    if best is not None:
        return best[1], best[2]
    for match in _WORD.finditer(abstract):
        value = words_value(match.group(1))
        if value > 1 and _counts(match.group(2)) and not _in_background(abstract, match, value):
            return Participants(value, match.group(3).lower()), match.group(0)
    for match in _N_EQ.finditer(abstract):
        if (number := _number(match.group(1))) > 0:
            return Participants(number, "participants"), match.group(0)
    return None, "no participant count stated"
