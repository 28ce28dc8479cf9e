"""How many participants (or animals) a study had, as the abstract states it.

Patterns, in order of trust: "n = 32", "A total of 120 patients", "949
patients", "twenty rats".  Numbers that are ages, durations, doses, years or
percentages are never taken: the unit must be a kind of participant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.triage.fastre import compile_pattern

_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100,
}  # fmt: skip
_UNITS = (
    r"patients|participants|subjects|individuals|persons|people|adults|children|adolescents|"
    r"men|women|veterans|volunteers|respondents|athletes|survivors|cases|users|"
    r"inpatients|outpatients|caregivers|rats|mice|dogs|pigs|minipigs|monkeys|rabbits|animals"
)
_ADJ = r"(?:[A-Za-z-]+\s+){0,3}?"
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)"
_TOTAL = compile_pattern(
    rf"\b(?:a total of|total of|overall,?)\s+{_NUM}\s+{_ADJ}({_UNITS})\b", ignore_case=True
)
_TOTAL_WORDS = ("otal", "OTAL", "verall", "VERALL")  # what _TOTAL needs, in any case
# the number must not continue another number, a decimal or a percentage:
# RE2 has no look-behind, so the character before it is matched (group 1)
_PLAIN = compile_pattern(rf"(^|[^\d.,%-]){_NUM}\s+{_ADJ}({_UNITS})\b", ignore_case=True)
_N_EQ = compile_pattern(r"\b[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\b")
_WORD = compile_pattern(
    rf"\b({'|'.join(_WORDS)})(?:[\s-]({'|'.join(_WORDS)}))?\s+{_ADJ}({_UNITS})\b",
    ignore_case=True,
)
_BAD_BEFORE = re.compile(r"(aged|age|mean|median|p\s*[<=>]|±|\bof\s+the)\s*$", re.I)


@dataclass(frozen=True)
class Participants:
    number: int
    unit: str

    def __str__(self) -> str:
        return f"{self.number:,} {self.unit}"


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def find_participants(abstract: str) -> tuple[Participants | None, str]:
    """(participants, the phrase that gave them) or (None, reason)."""
    if not abstract:
        return None, "no abstract"
    # most abstracts say neither "total" nor "overall" (in any case): four substring
    # tests cost less than the scan, and less than lowercasing the abstract
    if any(w in abstract for w in _TOTAL_WORDS) and (match := _TOTAL.search(abstract)):
        return Participants(_number(match.group(1)), match.group(2).lower()), match.group(0)
    best: tuple[int, Participants, str] | None = None
    for match in _PLAIN.finditer(abstract):
        start = match.start(2)
        before = abstract[max(0, start - 12) : start]
        if _BAD_BEFORE.search(before):
            continue
        number = _number(match.group(2))
        if 1 < number < 10_000_000 and not (1900 <= number <= 2100 and "," not in match.group(2)):
            found = Participants(number, match.group(3).lower())
            if best is None or number > best[0]:
                best = (number, found, abstract[start : match.end()])
    if best is not None:
        return best[1], best[2]
    if match := _WORD.search(abstract):
        value = _WORDS[match.group(1).lower()]
        if match.group(2):
            value += _WORDS[match.group(2).lower()]
        return Participants(value, match.group(3).lower()), match.group(0)
    if match := _N_EQ.search(abstract):
        return Participants(_number(match.group(1)), "participants"), match.group(0)
    return None, "no participant count stated"
