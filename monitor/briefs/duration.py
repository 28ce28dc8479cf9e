"""How long a study ran, as the card prints it ("12 weeks", "2 years").

The rules are docs/card-labelling.md; the measure is ``scimon eval card``.  A
time is a number (digits or words) and a unit (hours to years), and it is a
duration only in one of three roles the sentence gives it:

1. follow-up: "followed up for 2 years", "a median follow-up of 31.7 months",
   "at 6-month follow-up", "a 5-year prospective cohort";
2. intervention or study length: "an 8-week programme", "a 52-week trial",
   "treated for 28 days", "over 48 weeks", "4 months of supplementation";
3. a last assessment: "at 6 months", "6 months after surgery", "at week 24",
   "killed 72 hours later".

A stated follow-up wins, and a follow-up stated as a range is its maximum
("followed for 6 to 12 months", "median follow-up 24 (range 12-60) months");
otherwise the longest of the lengths and assessment times (the study lasted
until its last assessment).  A report of one case keeps only a follow-up or the
case's later state ("alive and disease-free 3 years postoperatively"): its
other times are events ("died 10 days after", "pain that lasted three months").
Everything else with a time unit is not the study's duration: ages ("aged 18-65 years", "at 6 years
of age", "a 45-year-old"), statistics ("41.3 ± 9.5 years", a decimal outside a
stated follow-up), frequencies ("every 3 weeks", "6-weekly"), outcome horizons
("5-year survival", "survival rates at 5 and 10 years"), averages ("an
average of 13 years after injury"), time since injury or onset ("injured > 1 year ago"), when a
drug was given ("within 8 hours of injury", "injected 3 months after injury"), delays and
gaps ("treatment delayed for 8 h", "visits separated by 1 week"), in a study of people a
time counted from onset, diagnosis, infection or stroke that they were not followed over
("measured 5 years after infection"),
calendar spans ("during a 10-year period, 1971-80", unless the sentence says the study
was longitudinal; "a 12-week intervention period" names its course and is none), in a study
of people a time in hours that is no span over which the study gave its people something
or watched them ("a 2-h stimulation period", "at 24 hours", "8 hours a day"; kept: "infused
for 48 hours", "followed for 72 h"), gestational ages ("36 weeks' gestation"), what a
sentence says should be done ("a need to monitor infants for 48 hours") and anything in a
systematic review, whose studies each had their own.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Protocol

from monitor.briefs.sentences import BACKGROUND_CUE, without_clauses, without_prescriptive
from monitor.triage.design_patterns import PROTOCOL, PROTOCOL_FUTURE
from monitor.triage.numbers import mask_long_digit_runs

_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty-eight": 48,
    "sixty": 60, "ninety": 90,
}  # fmt: skip
_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
# "2 1/2 years", "2½ years": a half written as a fraction is part of the number
_NUM = rf"(\d+(?:\.\d+)?(?:\s+1/2|½)?|{_WORDS})"
# what _NUM's digits are read as: "2 1/2" and "2.5 1/2" are a half more than their
# number (the grammar and the reader must agree, or a written time raises)
_HALF = re.compile(r"(\d+(?:\.\d+)?)(?:\s+1/2|½)")
_RANGE = rf"(?:{_NUM}\s*(?:-|–|to)\s*)?"
# a follow-up's range may carry its unit on both ends ("follow-up for 6 months to 9
# years"): only a follow-up's, whose range is its maximum ("6-9 years" would misstate a
# length, and "6 weeks to 6 months after admission" is assessment times)
_RANGE_UNITS = rf"(?:{_NUM}(?:\s*(?:hours?|days?|weeks?|months?|years?))?\s*(?:-|–|to)\s*)?"
# "7 d" is days; lower case only, as "3D" is an image
_UNIT = r"(hours?|hrs?|h|days?|(?-i:d)|weeks?|wks?|months?|mos?|years?|yrs?)"
_UNIT_ANY = _UNIT.replace("(", "(?:", 1)  # the same, not captured
# "12 weeks", "12-week", "10-14 days", and digits written against their unit ("28days",
# "24h"), as abstracts often print them
_Q = rf"{_RANGE}{_NUM}(?:[\s-]+|(?<=\d)){_UNIT}(?![\w-])"
_QF = rf"{_RANGE_UNITS}{_NUM}(?:[\s-]+|(?<=\d)){_UNIT}(?![\w-])"
_UNIT_NAMES = {
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "day": "day", "days": "day", "d": "day", "week": "week", "weeks": "week", "wk": "week",
    "wks": "week",
    "month": "month", "months": "month", "mo": "month", "mos": "month", "year": "year",
    "years": "year", "yr": "year", "yrs": "year",
}  # fmt: skip
# a month is a twelfth of a year, so "12 months" and "1 year" are one length and the
# first stated of the two is kept (not whichever rounding made longer)
_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}

_FOLLOW_UP = [
    re.compile(p, re.I)
    for p in (
        rf"follow(?:ed)?[\s-]?ups?\s+(?:\w+\s+){{0,4}}?(?:of|was|for|at|to|lasted|time|period|"
        rf"duration)\s+(?:\w+\s+){{0,3}}?(?:of\s+)?{_QF}",
        rf"{_QF}\s+(?:\w+\s+)?follow[\s-]?ups?\b",
        rf"\bfollowed(?:\s+up)?\s+(?:\w+\s+){{0,4}}?(?:for|over|during)\s+(?:a\s+)?(?:period\s+of\s+)?"
        rf"(?:up\s+to\s+)?{_QF}",
        rf"\b(?:a|an)\s+{_QF}\s+(?:prospective|longitudinal|retrospective)?\s*(?:cohort|follow)",
        # "a five to seven-year prospective randomized study": a prospective or longitudinal
        # study's span is its follow-up (a retrospective one's stays a window)
        rf"\b(?:a|an)\s+{_QF}\s+(?:prospective|longitudinal)\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:study|trial|cohort|series)\b",
        # "median follow-up 9.4 years": the time right after the follow-up, no verb between
        rf"follow(?:ed)?[\s-]?ups?\s+{_QF}",
        # "median follow-up = 28.7 months", "follow-up: 14 months"
        rf"follow(?:ed)?[\s-]?ups?\s*[=:]\s*{_QF}",
    )
]
# the follow-up patterns that give a central value with its spread: when one is found it
# is the follow-up, not the spread's maximum another pattern took
_CENTRAL_FOLLOW_UP = [
    re.compile(p, re.I)
    for p in (
        # "median follow-up was 24 (range 12-60) months": the unit after the spread
        rf"follow(?:ed)?[\s-]?ups?\s+(?:\w+\s+){{0,3}}?(?:of|was|were|:)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"([^\s\S])?{_NUM}\s*(?:[(\[][^()\[\]]{{0,40}}[)\]]|(?:±|\+/-)\s*\d+(?:\.\d+)?)\s*"
        rf"{_UNIT}(?![\w-])",
        # "followed up 8-24 months, with an average of 16.6 months": a follow-up's mean
        # or median given with its range is the mean or median (docs/card-labelling.md)
        rf"\bfollowed(?:\s+up)?\s+(?:for\s+)?(?:at\s+least\s+|a\s+minimum\s+of\s+)?(?:\d+(?:\.\d+)?\s*(?:-|–|to)\s*)?\d+(?:\.\d+)?\s*"
        rf"{_UNIT_ANY},?\s*\(?(?:with\s+)?(?:an?\s+)?(?:average|mean|median)\s*(?:of\s+|[,:=]\s*)?"
        rf"([^\s\S])?{_NUM}\s*{_UNIT}(?![\w-])",
        # "at last follow-up (mean eight months)", "follow-up: median 14 months": a mean or
        # median named right after the follow-up
        rf"follow(?:ed)?[\s-]?ups?\s*[(:,]\s*(?:was\s+)?(?:mean|median|average)\s*(?:of\s+|[:=]\s*)?"
        rf"([^\s\S])?{_NUM}(?:[\s-]+|(?<=\d)){_UNIT}(?![\w-])",
        # "monitored for a total of 2987 hours and a median of 14 (range 1-17) days": a
        # monitoring period's mean or median is its follow-up
        rf"\b(?:followed(?:\s+up)?|monitored)\s+(?:[\w-]+\s+){{0,8}}?\(?(?:mean|median|average)\s+"
        rf"(?:of\s+)?([^\s\S])?{_NUM}\s*(?:[(\[][^()\[\]]{{0,40}}[)\]]\s*)?{_UNIT}(?![\w-])",
        # "Follow-up has ranged from 25 to 90 months (Med = 46 months)": a range with
        # its median or mean after it is that median or mean
        rf"follow(?:ed)?[\s-]?ups?\s+(?:\w+\s+){{0,3}}?(?:from\s+)?\d+(?:\.\d+)?\s*(?:{_UNIT_ANY}\s+)?(?:-|–|to)\s*"
        rf"\d+(?:\.\d+)?\s*{_UNIT_ANY}(?:\s*[(,;]\s*|\s+(?=with\b))(?:with\s+)?(?:an?\s+)?"
        rf"(?:average|mean|median|med)\s*(?:of\s+|[,:=]\s*)?([^\s\S])?{_NUM}\s*{_UNIT}(?![\w-])",
        # "followed up for 16-78 months (mean, 41.1 months) in one group, and 12-71 months
        # (mean, 42.1 months) in the other": each group's mean is a follow-up's mean
        rf"\bfollowed(?:\s+up)?\s+(?:for\s+)?\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s*{_UNIT_ANY}\s*"
        r"\(\s*(?:average|mean|median)[^()]{0,30}\)[^.;()]{0,40}?\band\s+\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s*"
        rf"{_UNIT_ANY}\s*\(\s*(?:average|mean|median)\s*(?:of\s+|[,:=]\s*)?([^\s\S])?{_NUM}\s*"
        rf"{_UNIT}(?![\w-])",
        # "median observation time, 10.7 months", "observation periods: 28.7 ± 26.6
        # months": an observation time given as a mean, median or with its spread is the
        # follow-up (a bare "observation period" may be a window of recruitment)
        rf"\b(?:mean|median|average)\s+observation\s+(?:time|period)s?\s*(?:was\s+|of\s+|[,:=]\s*)"
        rf"([^\s\S])?{_NUM}\s*{_UNIT}(?![\w-])",
        rf"\bobservation\s+(?:time|period)s?\s*(?:was\s+|of\s+|[,:=]\s*)([^\s\S])?{_NUM}\s*"
        rf"(?:±|\+/-)\s*\d+(?:\.\d+)?\s*{_UNIT}(?![\w-])",
        # "followed up for a mean±SD duration of 8.3±7.0 years"
        rf"\bfollowed(?:\s+up)?\s+(?:for\s+)?(?:a\s+)?(?:mean|median|average)\s*(?:±\s*SD\s*)?"
        rf"(?:duration|time|period)\s+of\s+([^\s\S])?{_NUM}\s*(?:±|\+/-)\s*\d+(?:\.\d+)?\s*"
        rf"{_UNIT}(?![\w-])",
    )
]
# a follow-up whose own cue stands right before its time, where the same words elsewhere
# mark no study time ("ranged from" a spread, "at least" an age or an injury's age): read
# past ``_NOT_BEFORE`` (dur9 rules 2 and 4)
_FOLLOW_UP_CUED = [
    re.compile(p, re.I)
    for p in (
        # "Follow-up ranged from 17.8 to 44.8 months": a follow-up range is its maximum
        rf"follow(?:ed)?[\s-]?ups?\s+(?:period\s+|time\s+|duration\s+)?(?:ranged|ranging|varied|"
        rf"was)\s+from\s+{_QF}",
        # "followed ... for at least 3 years", "a minimum follow-up of 2 years"
        rf"\bfollowed(?:\s+up)?\s+(?:\S+\s+){{0,12}}?for\s+(?:at\s+least|a\s+minimum\s+of)\s+{_QF}",
        rf"\b(?:minimum|minimal)\s+(?:of\s+)?follow[\s-]?ups?\s+(?:\w+\s+)?(?:of|was)\s+{_QF}",
    )
]
# dur10: a follow-up's stated value read as one statistic, not by one pattern per
# wording.  After a follow-up's name ("follow-up", "followed up", "observation time"),
# in its clause, the first number that carries a unit, with the spread, bracket and
# range written around it ("13.78 ± 3.18 (12-24) months", "ranged from 2 to 54 (mean
# = 19) months", "5.73 years (range, 2.84 to 9.63 years)"), is read by what each
# number is (docs/card-labelling.md duration rules 2 and 4): a mean or median is the
# follow-up as given; with none, a range is its maximum; a spread (± SD) is neither.
_STAT_CUE = re.compile(r"\bfollow(?:ed)?[\s-]?ups?\b|\bobservation\s+(?:time|period)s?\b", re.I)
# not the tail of another number ("3.35", "AREN0532", "forty-four": no "four")
_STAT_NUM = rf"(?<![\w.,])(?:\d+(?:\.\d+)?|(?<![A-Za-z]-)(?:{_WORDS})\b)"
_STAT_BRACKET = r"\s*[(\[][^()\[\]]{0,80}[)\]]"
_STAT_SPREAD = r"\s*(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?"
# the statistic: number, optional spread and bracket, optional second end of a range
# (each end may carry its unit), the unit, and a bracket right after it
_STATISTIC = re.compile(
    rf"{_STAT_NUM}(?:{_STAT_SPREAD})?(?:{_STAT_BRACKET})?"
    rf"(?:\s*(?:{_UNIT_ANY}\s*)?(?:-|–|to)\s*{_STAT_NUM}(?:{_STAT_SPREAD})?(?:{_STAT_BRACKET})?)?"
    rf"\s*{_UNIT_ANY}(?![\w-])(?:{_STAT_BRACKET})?",
    re.I,
)
# what may stand between the follow-up's name and its statistic: a few words, no other
# time, no clause of another kind ("after", "since" a time counted from an event)
# One word per repetition (a word is followed by a space or the end): with ``\s*`` a
# word could be cut into pieces any number of ways, and a lead that fails (eleven
# words, a "3.5") took seconds to reject for one 24-letter word (fixd10).
_STAT_LEAD = re.compile(
    r"^\s*(?:(?!(?:after|since|before|aged?|ages|every|per|within|than)\b)[^\s.;]+(?:\s+|$)){0,10}$",
    re.I,
)
_STAT_CENTRAL = re.compile(
    rf"\b(?:mean|median|average|med)\b\s*(?:(?:was|of|is)\s+|[:=,]\s*)?({_STAT_NUM})"
    rf"(?:{_STAT_SPREAD})?\s*(?:{_UNIT})?(?![\w-])",
    re.I,
)
# (Spaces around an optional unit or bracket are one ``\s*`` when it is absent, here
# and in ``_STAT_CENTRAL_AFTER``: written ``\s*(?:unit)?\s*``, a number before n spaces
# split them n ways at each try, quadratic; 88 ms for 1,000 spaces, fixp12.)
_STAT_RANGE = re.compile(
    rf"({_STAT_NUM})\s*(?:{_UNIT}\s*)?(?:-|–|to)\s*({_STAT_NUM})\s*(?:{_UNIT})?(?![\w-])", re.I
)
# a mean written right after the statistic ("ranged from 25 to 47 months, with an
# average of (32.76±4.53) months"): the range's centre
_STAT_CENTRAL_AFTER = re.compile(
    rf",?\s*(?:with\s+)?(?:an?\s+)?(?:average|mean|median)\s*(?:of\s+|[:=,]\s*)?(?:[(\[]\s*)?"
    rf"({_STAT_NUM})(?:{_STAT_SPREAD})?\s*(?:[)\]]\s*)?{_UNIT}(?![\w-])",
    re.I,
)
# a mean or median named up to four words before the follow-up ("the mean time to the
# last follow-up was 5 months (range, 3-6 months)")
_STAT_CENTRAL_BEFORE = re.compile(r"\b(?:mean|median|average)\s+(?:\w+\s+){0,4}$", re.I)
# a follow-up whose mean or median was written before its name ("at average 68.7 months
# follow-up (range 12-174 months)"): the bracket after it is that mean's range
_CENTRAL_BEFORE_CUE = re.compile(
    rf"\b(?:mean|median|average)\s+(?:of\s+)?\d+(?:[.,]\d+)?\s*{_UNIT_ANY}\s+(?:\w+\s+)?$", re.I
)
# the follow-up named as the time of another measure ("the age at follow-up was 57
# years", "mean age at start of follow-up, 56.6 years"): that measure's value
_MEASURE_AT = re.compile(r"\b(?:age|aged)\s+(?:at|of)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
# the follow-up named beside the age ("the median age and follow-up times were 67 years
# (59-75) and 25 months", "the mean age and the mean follow-up are respectively 42 years
# and 10.8 months"): the first value is the age's
_MEASURE_AND = re.compile(r"\bages?\s+and\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
# the follow-up as the span something else was measured over or up to ("the mean
# duration of RC during the follow-up period was 7.86 years", "from the first episode to
# the end of the follow-up, was 21.78 years"): that measure's value when a verb gives it
_WITHIN_FOLLOW_UP = re.compile(
    r"\b(?:during|within|throughout|end\s+of)\s+(?:the\s+)?(?:\w+\s+)?$", re.I
)
# a bracket of confidence or interquartile limits is no range of the follow-up
_NOT_A_RANGE = re.compile(
    r"[(\[]\s*(?:95\s*%|ci\b|iqr\b|interquartile|quartiles?\b|sd\b|se\b)", re.I
)
# a follow-up that changed ("Median follow-up increased from 2.0 years in 2005 to 3.9
# years"): each number is the measure at one time, a change, not a span of the study
# or a range of follow-ups (fixd10)
_CHANGED_FROM = re.compile(
    r"\b(?:increas|decreas|rose|ris(?:e|es|ing)\b|fell|fall|declin|dropp|chang|improv|reduc|grew|"
    r"grow|lengthen|shorten|extend)\w*\s+(?:\w+\s+)?from\s*$",
    re.I,
)
# a list of values before the statistic ("was 5, 5, 4, and 3 years for the five
# cohorts"): each group's, not one follow-up
_LIST_LEAD = re.compile(r"\d\s*(?:,|\band\b|\bor\b)\s*(?:and\s+|or\s+)?$", re.I)


def _in_interval(text: str, at: int) -> bool:
    """Whether ``text[at]`` stands in a bracket that opens with a confidence or
    interquartile interval ("(IQR 9.5-30.9)", "(95% CI 1.6-6.4)")."""
    opened = max(text.rfind("(", 0, at), text.rfind("[", 0, at))
    closed = max(text.rfind(")", 0, at), text.rfind("]", 0, at))
    return opened > closed and bool(_NOT_A_RANGE.match(text, opened))


def _clause(text: str) -> str:
    """``text`` up to its sentence's end or a semicolon outside brackets ("(range: 3-60
    months; median 24 months)" is one statistic)."""
    depth = 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif (char == ";" and depth == 0) or (char == "." and not text[i + 1 : i + 2].isdigit()):
            return text[:i]
    return text


_NEXT_UNIT = re.compile(rf"(?<![\w]){_UNIT}(?![\w-])", re.I)


def _stat_unit(text: str, start: int) -> str | None:
    """The unit a number at ``text[start]`` is in: the next unit written after it."""
    m = _NEXT_UNIT.search(text, start)
    return m.group(1) if m else None


def _follow_up_statistic(sentence: str) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(central, maxima): the follow-ups this sentence states as a mean or median, and
    as a range's maximum, read from the statistic after each follow-up's name (see
    ``_STATISTIC``).  A plain single value is left to the ``_FOLLOW_UP`` patterns."""
    central: list[tuple[str, float]] = []
    maxima: list[tuple[str, float]] = []
    # "36·5 months": a raised point is a decimal point (same length, offsets kept)
    sentence = sentence.replace("·", ".")
    for cue in _STAT_CUE.finditer(sentence):
        before = sentence[max(0, cue.start() - 40) : cue.start()]
        if _MEASURE_AT.search(before) or _MEASURE_AND.search(before):
            continue
        clause = _clause(sentence[cue.end() : cue.end() + 160])
        stat = _STATISTIC.search(clause)
        lead = clause[: stat.start()] if stat else ""
        if stat is None or not _STAT_LEAD.match(lead) or _LIST_LEAD.search(lead):
            continue
        if _CHANGED_FROM.search(lead):
            continue  # "increased from 2.0 years ... to 3.9 years": a change, no span
        if lead.count(")") > lead.count("("):
            continue  # the name stood in a bracket the statistic is outside of
        if re.search(r"\b(?:hours?|days?|weeks?|months?|years?)\b", lead, re.I) and not re.search(
            r"\b(?:mean|median|average)\b[\s,:=]*(?:of\s+)?$", lead, re.I
        ):
            # a time before it the grammar could not read ("forty-four months (minimum,
            # twenty-four months)"), unless a mean or median names the statistic itself
            # ("(minimum 6-months, median 9.5 months)")
            continue
        if _WITHIN_FOLLOW_UP.search(before) and re.search(r"\b(?:was|were|is|are)\b", lead):
            continue  # "the duration of X during the follow-up period was 7.86 years"
        start = cue.end() + stat.start()
        if not _fits(sentence, start, cue.end() + stat.end(), decimals=True, central=True):
            continue
        text = stat.group(0)
        if lead.count("(") > lead.count(")"):
            # the statistic opens inside a bracket: the bracket is all of it ("(range:
            # 3-60 months; median 24 months)")
            text = clause[stat.start() :].split(")", 1)[0]
        # "Median follow-up was 24 (range 12-60) months": the mean or median named
        # before the statistic is its first number, unless that number opens a range
        named = _STAT_CENTRAL_BEFORE.search(before)
        named = named or re.search(r"\b(?:mean|median|average)\b", clause[: stat.start()], re.I)
        first = re.match(_STAT_NUM, text, re.I)
        inner = _STAT_CENTRAL.search(text)  # "2 to 54 (mean = 19) months"
        # "ranged from 25 to 47 months, with an average of (32.76±4.53) months": the
        # mean written right after the statistic is its centre as well
        inner = inner or _STAT_CENTRAL_AFTER.match(clause, stat.end())
        # "28.7 ± 5.2 [24-43] months", "14 months (range, 7-18 months)": a value given
        # with its spread or its range is their centre, named or not; a mean or median
        # named inside the bracket ("up to 7 years (median follow-up, 55 months)") wins
        spread = re.match(
            rf"{_STAT_NUM}\s*(?:±|\+/-|\+-|(?:{_UNIT_ANY}\s*)?[(\[][^()\[\]]*?"
            rf"(?:\d\s*(?:-|–|to)\s*\d|\brange\b|±|\+/-))",
            text,
            re.I,
        )
        opens_range = re.match(rf"{_STAT_NUM}\s*(?:-|–|to)\s", text, re.I)
        if named and first and not opens_range:
            value, unit = first.group(0), _stat_unit(text, 0)
        elif inner:
            value, unit = inner.group(1), inner.group(2) or _stat_unit(text, inner.start(1))
        elif spread and first and not opens_range:
            value, unit = first.group(0), _stat_unit(text, 0)
        elif _CENTRAL_BEFORE_CUE.search(before):
            continue  # the bracket is the range of a mean stated before the name
        else:
            # no mean or median: a range is its maximum, each end in its own unit or
            # the next one written ("three months to eight years", "12-24 months"),
            # not a confidence or interquartile interval
            ends = [
                normalise(None, m.group(3), unit)
                for m in _STAT_RANGE.finditer(text)
                if not _in_interval(text, m.start())
                and (unit := m.group(4) or _stat_unit(text, m.end(3)))
            ]
            if found_ends := [e for e in ends if e]:
                maxima.append(max(found_ends, key=lambda t: t[1]))
            continue
        if unit and (found := normalise(None, value, unit)):
            central.append(found)
    return central, maxima


_LENGTH = [
    re.compile(p, re.I)
    for p in (
        rf"{_Q},?\s+(?:[\w-]+,?\s+){{0,3}}?(?:program(?:me)?|intervention|trial|study|period|treatment|"
        r"course|training|supplementation|therapy|regimen|phase|protocol|programs|exercise)\b",
        rf"\b(?:treated|given|received|receive|administered|supplemented|continued|trained|"
        rf"performed|took|taken|applied|used|assigned|allocated|randomi[sz]ed|lasted|"
        rf"infusion|treatment|therapy|supplementation|training|intervention|administration)"
        rf"\s+(?:\S+\s+){{0,12}}?(?:for|over|during)\s+(?:a\s+(?:period\s+of\s+)?)?{_Q}",
        rf"\bover\s+(?:a\s+period\s+of\s+)?{_Q}",
        rf"{_Q}\s+of\s+(?:[\w-]+\s+){{0,2}}?(?:treatment|supplementation|therapy|training|"
        r"intervention|exercise|use|administration|placebo|follow)",
        rf"\b(?:treatment|supplementation|therapy|training|intervention|program(?:me)?|exercise)"
        rf"\s+(?:[\w-]+\s+){{0,2}}?(?:of|lasting|lasted)\s+{_Q}",
    )
]
# "agmatine 50 mg/kg for 10 days": a dose given for a time is the treatment's length,
# with or without a verb of giving (dur9 rule 5; animal and laboratory work only)
_DOSE_FOR = re.compile(
    rf"\b\d+(?:\.\d+)?\s*(?:mg|g|µg|μg|mcg|ng|ml|IU|U|units)(?:/kg)?(?:/(?:d|day|h))?"
    rf"(?:\s+(?:daily|a\s+day|per\s+day|twice\s+daily|once\s+daily|[a-z]{{1,12}}))?"
    rf"\s+for\s+{_Q}",
    re.I,
)
_LENGTH.append(_DOSE_FOR)
_ASSESSED = [
    re.compile(p, re.I)
    for p in (
        rf"\b(?:at|by|after|until|through)\s+(?:\d+\s*,\s*)*(?:[\w-]+\s+and\s+)?{_Q}",
        rf"{_Q}\s+(?:after|following)\s+(?:the\s+)?[A-Za-z][\w-]*",
        rf"{_Q}\s+post[\s-]?(?:the\s+)?(?:[\w-]+\s+)?(?:injury|surgery|treatment|operation|"
        r"operative|operatively|op|transplant(?:ation)?|randomi[sz]ation|baseline|intervention|"
        r"discharge|administration|implantation|training|procedure|hemisection|contusion|"
        r"trauma|enrol+ment|inclusion|admission)",
        # "at weeks 8, 16 and 24"; a number the list does not end on is no item
        # ("from baseline to week 76, 105 patients gained")
        r"\b(?:at|through|to|until)\s+(?:[\w,]+\s+){0,2}?(week|month|day)s?\s+"
        r"(\d+)(?:\s*(?:,|and)\s*(\d+)\b(?!\s*%|\s+(?!and\b|or\b)[A-Za-z]))*",
    )
]
# a list of assessment times whose last item carries the unit: "at baseline (T1),
# posttreatment (T2), 3 (T3), and 6 months (T4)", "at 0, 4 months, and 1, 2, 3, and 4
# years": the study ran to its last item
_LIST_ITEM = (
    rf"(?:baseline|enrol+ment|admission|discharge|randomi[sz]ation|(?:post|pre|end of )[\s-]?"
    rf"(?:treatment|intervention|training|test)|(?:\d+(?:\.\d+)?|{_WORDS})(?:[\s-]+{_UNIT})?)"
    r"\s*(?:[(\[][^()\[\]]{0,30}[)\]])?"
)
_LISTED = re.compile(
    rf"\b(?:at|on|after)\s+(?:{_LIST_ITEM}\s*(?:,\s*(?:and\s+)?|\s+and\s+)){{1,8}}"
    rf"(\d+(?:\.\d+)?)\s*(?:[(\[][^()\[\]]{{0,30}}[)\]]\s*)?{_UNIT}(?![\w-])",
    re.I,
)
# numbers listed before a follow-up's time, which carries their unit ("at 3.5 and 2.5
# months follow-up"): only after an "at" that heads the list, and only small numbers
# joined by the list, so a year, a count or a grade before a comma is no item ("In
# 2015, 3 years follow-up", "(n = 40, 2 years follow-up)", "grade 3, 2 years follow-up")
_LIST_NUMBER = r"\d{1,2}(?:\.\d+)?(?:\s+1/2|½)?"
_LIST_BEFORE = re.compile(rf"\bat\s+((?:{_LIST_NUMBER}\s*(?:,\s*(?:and\s+)?|\s+and\s+))+)$", re.I)
_LATER = re.compile(rf"{_Q}\s+later\b", re.I)
_KILLED = re.compile(r"\b(?:sacrific\w*|killed|euthani[sz]\w*|perfus\w*|harvest\w*)", re.I)
_FOR = re.compile(rf"\bfor\s+{_Q}", re.I)
# an assessment time is the study's only where the sentence speaks of assessing
_ASSESSING = re.compile(
    r"\b(?:assess\w*|measur\w*|evaluat\w*|examin\w*|follow\w*|visits?|questionnaires?|"
    r"record\w*|test(?:ed|ing)|reviewed|sacrificed|killed|euthani[sz]ed|perfus\w*|"
    r"harvested|scored|rated|interviewed|completed|post\w*|compared|observed|analy\w+|"
    r"assay\w*|monitor\w*|"
    r"investigat\w*|outcomes?|report\w*|histolog\w*)\b",
    re.I,
)
# a sentence that states a result of the study's people (a change, a difference, a
# test's p-value) names the times the study assessed them at, though no verb of
# assessing says so, when those times form an anchored series (``_SERIES``; dur11; the
# background before the aim is skipped as for every time)
_RESULT = re.compile(
    r"\b(?:improv(?:ed|ement|ements)|increased|decreased|reduced|reduction|declined|"
    r"recovered|recovery|differ(?:ed|ence|ences)|significant(?:ly)?|greater|lower|higher|"
    r"better|worse|peaked|matured)\b|\bp\s*[<=>≤]\s*0?\.\d",
    re.I,
)
# a result at two or more times counted from an event of the study ("at 6 weeks and 6
# months after injury", "28 and 56 days after transplantation", "after 1 month (p =
# 0.001) and 3 months") is a schedule the study assessed its people on.  A result at
# one time may be a horizon, a dose's timing or another study's, and a bare series ("at
# 8 and 20 weeks", "survival at 5 and 10 years") may be ages or an outcome's horizons:
# only an anchored series makes a result sentence one of assessing (dur11)
_SERIES_ITEMS = (
    rf"{_NUM}(?:[\s-]*{_UNIT_ANY})?(?:\s*[(\[][^()\[\]]{{0,30}}[)\]])?"
    rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:at|after|by)\s+)?{_NUM}[\s-]*{_UNIT_ANY}(?![\w-])"
)
_SERIES = re.compile(
    rf"\bafter\s+{_SERIES_ITEMS}|(?<![\w.]){_SERIES_ITEMS}(?:\s+(?:after|following|later)\b|"
    r"[\s-]+post\b)",
    re.I,
)
# what, close before or after a time, makes it no duration of the study
_NOT_BEFORE = re.compile(
    r"(?:aged?|ages|mean age|median age|±|\+/-|/|within|every|each|per|than|>|<|≥|≤|"
    # "treatment is delayed for 8 h", "a challenge delayed 3 days after trauma": when
    # something was given, not how long anyone was studied
    r"delayed(?:\s+(?:for|by))?|"
    # "two visits separated by 1 week": the gap between two times
    r"separated\s+by|"
    r"at least|since|history of|duration of (?:disease|injury|illness|symptoms)|average|"
    r"averaged|on average|"
    r"injured|ago|mean|median|sd|iqr|range|ranging|ranged|between|from|v|vs|versus|"
    # "patients over 75 years", "women under 40 years": who they are, by age
    r"(?:patients|persons|people|adults|individuals|children|women|men|subjects|"
    r"participants|girls|boys)\s+(?:aged\s+)?(?:over|above|under|below))\s*[(:]?\s*"
    # the cue may head a list the time ends ("at ages 16 and 19 years"): a list's last
    # join is "and" or "or", so "mean age 45, 2 years follow-up" keeps its follow-up;
    # a spread or fraction ("±", "/") heads no list ("at 1 1/2 and 2 years")
    r"(?:(?<![±/-])(?:\d+(?:\.\d+)?\s*,\s*)*\d+(?:\.\d+)?\s*,?\s+(?:and|or)\s+)?$",
    re.I,
)
_NOT_AFTER = re.compile(
    r"^(?:[\s-]*old|\s+of age|\s+ago|\s+(?:or|and)\s+(?:more|older|longer)|\s+since|"
    r"[\s-]+(?:survival|mortality|overall|event|disease|progression|relapse|recurrence|"
    r"risk|rate|incidence|prevalence|history|old|interval|intervals|apart|washout|prior|"
    r"before|earlier|into|of\s+(?:injury|age|life|gestation\w*|symptoms|disease|diagnosis|onset))|"
    # "22 weeks' gestation", "at 40 weeks gestational age": an age before birth
    r"['’]?\s+gestation\w*)",
    re.I,
)
# "5 years after diagnosis": how far into the illness, unless the study's people were
# assessed at it as at set times ("measured at 2 weeks and 12 months after diagnosis")
_FROM_ONSET_AFTER = re.compile(
    r"^\s+(?:after|from|since)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:diagnosis|onset|birth|symptoms?)",
    re.I,
)
_GIVEN = re.compile(
    r"\b(?:given|administered|administration|injected|injection|started|initiated|began|begun|dose|"
    r"transplanted|implanted|received|delivered|applied|treated with)\b",
    re.I,
)
_WINDOW = re.compile(
    r"\b(?:admitted|submitted|seen|registered|diagnosed|identified|referred|developing|"
    r"occurring|occurred|presented|operated|reviewed|records|charts)\b",
    re.I,
)
# a span over which the cases came ("were seen over 10 years", "admitted during a 5-year
# span"): the study's window of recruitment, not its people's follow-up
_SEEN_OVER = re.compile(
    r"\b(?:admitted|seen|registered|diagnosed|identified|referred|operated|recruited|"
    r"enrol+ed|collected)\s+(?:[\w-]+\s+){0,3}?(?:over|during)\s+(?:a\s+|the\s+)?"
    rf"(?:(?:period|span)\s+of\s+)?(?:(?:last|past)\s+)?{_Q}",
    re.I,
)
_CALENDAR = re.compile(r"\b(?:19|20)\d{2}\b")
# an outcome's horizon: "survival rates of these patients at 5 and 10 years"
_HORIZON_BEFORE = re.compile(
    r"\b(?:survival|mortality|rates?|incidence|risk|recurrence|relapse)\b[^.;]{0,40}?"
    r"\b(?:at|by|of|within)\s+(?:\d+(?:\.\d+)?\s*(?:,|and|or)\s*)*$",
    re.I,
)
# a report of one case: its times are events of the case ("pain that lasted three
# months", "died 10 days after"), so only a stated follow-up is a duration
_CASE_REPORT = re.compile(
    r"\bcase report\b|\bcase presentation\b|\b(?:we|this paper|this article) "
    r"(?:report|present|describe)s? (?:a|an|the case)\b|\b(?:a|an) \d+-(?:year|month)-old\b",
    re.I,
)
# how a case was at a later time ("alive and disease-free 3 years postoperatively",
# "one year later neither ultrasound nor CT showed ..."), not what happened to it
_STATUS = re.compile(
    r"\b(?:alive|free|(?:no|without) (?:\w+ )?(?:signs?|evidence|recurrence|relapse|metasta\w*)|"
    r"neither|persist\w*|remain\w*|showed no|recovered|normal|asymptomatic|well)\b",
    re.I,
)
_EVENT = re.compile(r"\b(?:died|death|developed|presented|lasted|admitted|history)\b", re.I)
# a longitudinal design's span is its follow-up, even with calendar dates ("a five-wave
# longitudinal study ... over a six months period (December 2020-May 2021)")
_LONGITUDINAL = re.compile(r"\blongitudinal\b|\bwaves?\b|\brepeated(?:ly)?\b", re.I)
_SINCE_INJURY = re.compile(r"\b(?:since|after|post)[\s-]?(?:injury|onset|diagnosis|stroke)\b", re.I)
_REVIEW = re.compile(
    r"systematic(?:ally)? review|meta-?analy|scoping review|umbrella review|"
    r"(?:searched|search of)\s+(?:[\w,/&-]+\s+){0,8}?(?:databases?|pubmed|medline|embase)",
    re.I,
)
# a title that reports the authors' own cases together with a review of others' ("Transverse
# sacral fractures: case series and literature review", "... : Case report and review of
# the literature"): both words in the title, which names what the paper is; the
# evidence level reads the same (evidence.evidence_level_of)
OWN_CASES_AND_REVIEW = re.compile(
    r"\b(?:case\s+(?:series|reports?)|(?:our|institutional)\s+(?:experience|series)|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+cases)\b"
    r"(?=[^.]{0,60}?\breview\b)",
    re.I,
)
# ... and in such a paper, a sentence about the reviewed literature ("Published cases
# were followed for 1 to 10 years", "In the literature, patients were followed up for a
# mean of 5 years") speaks of others' cases, unless it names the authors' own ("our")
# (fixc20)
_LITERATURE = re.compile(
    r"\b(?:literature|published|previously reported|reported (?:cases|patients|in)|"
    r"searched|search of|databases?|pubmed|medline|embase|studies|articles)\b",
    re.I,
)
_OURS = re.compile(r"\bour\b|\b(?:this|the present|the current) (?:case|patients?|series)\b", re.I)
# a follow-up named as one visit ("before the 4-week follow-up", "at each 6-month
# follow-up"): a time point of the schedule, not the span the people were followed
_VISIT = re.compile(
    rf"\b(?:the|each|every)\s+{_Q}\s+follow[\s-]?ups?\b(?!\s+(?:period|time|duration))", re.I
)
# a paper that names itself a review ("In this review, the authors summarize ...", "we
# review the evidence"): like a systematic review's, its times are those of the studies
# it cites (dur11).  Not a review of records ("this review of 120 patients' charts",
# "this review of our 40 patients"), which is a study of its own cases, nor an ethics
# board ("In this review board-approved study"; fixd11), nor a case report that reviews
# the literature on such cases ("We report a case ... We review the literature").  The
# evidence level reads the same self-name, with its looser wordings (evidence._NARRATIVE)
SELF_REVIEW = re.compile(
    r"\b(?:this|the\s+present)\s+(?:narrative\s+|brief\s+|literature\s+|critical\s+|mini-?)?"
    r"review\b(?![\s-]+board\b)(?!\s+of\s+(?:\d|our\b|(?:all\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:patients|cases|records|charts|files|notes)\b))|"
    r"\bwe\s+(?:briefly\s+)?review\s+(?:the|recent|current)\s+"
    r"(?:literature|evidence|advances|progress|studies|data|role|use|state)\b",
    re.I,
)
# a sentence that defines a group or states who was eligible says what the people had
# ("defined as having active infection for over 12 months", "included if symptoms
# lasted at least 6 weeks"), not how long they were studied
_DEFINES = re.compile(
    r"\b(?:defined as|definition|(?:inclusion|exclusion|eligibility|entry) criteri(?:a|on)|"
    r"(?:were|was) (?:eligible|included|excluded) if|eligible if|who had had|required to have)\b"
    # a section labelled for who took part ("PARTICIPANTS: Babies ... who received
    # therapeutic hypothermia for 72 hours") says who they were
    r"|^\s*(?:participants|eligibility|study population|population)\s*:",
    re.I,
)
# "Patients who received therapeutic hypothermia for 72 hours were identified": a relative
# clause the people were selected by (its main verb includes, identifies or enrols them, or
# it says they had it before) is their history, not the study's course; "15 subjects who
# received oral honey for 15 days" with no selecting verb is an arm the study gave
_SELECTED_BY = re.compile(
    r"\bwho\s+(?:had\s+(?:previously\s+|already\s+)?|previously\s+|already\s+)?"
    r"(?:received|underwent|undergone|been\s+treated|were\s+treated)\b[^.;]{0,160}?"
    r"(?=\b(?:were|was)\s+(?:retrospectively\s+|prospectively\s+|consecutively\s+|then\s+)?"
    r"(?:included|identified|enrol+ed|eligible|selected|reviewed|recruited|invited)\b)",
    re.I,
)
# where an abstract says what this paper set out to do; the sentences before it (after
# the title) are its background, unless they too speak of this study
_AIM = re.compile(
    r"\b(?:we|this (?:study|paper|article|report|work)|the present (?:study|work|paper)|"
    r"here(?:in)?,? we)\s+(?:\w+\s+)?(?:hypothesi[sz]e[ds]?|aim(?:ed|s)?|sought|seek|set out)\b|"
    r"\b(?:the|our|this study's) (?:aim|purpose|objective|goal)s? (?:of|was|is|were)\b"
    # "We report a case of ...": what the paper does, as an aim says it
    r"|\b(?:we|this (?:paper|article|report))\s+(?:report|present|describe)s?\b",
    re.I,
)
_OWN = re.compile(
    r"\b(?:we|our|the authors|this (?:study|trial|cohort|series)|enrol+ed|recruited|randomi[sz]ed|"
    r"included|consecutive)\b",
    re.I,
)
# a study period ("over a 23-month period", "a period of 5 years", "during the 2 1/2
# years of this retrospective study") is the window the study ran in; the card wants how
# long the people were followed or treated, and most such windows are when cases were
# gathered ("Nineteen patients were enrolled over a 23-month period", "a review of all
# repairs over a 29-month period").  A window is their course only when the sentence
# says the people were followed, treated or changed over it (``_COURSE``).
_PERIOD = [
    re.compile(p, re.I)
    for p in (
        rf"{_Q}[\s-]+(?:[\w-]+[\s-]+)?period\b",
        rf"\bperiod\s+of\s+{_Q}",
        rf"{_Q}\s+of\s+(?:this|the|our)\s+(?:[\w-]+\s+)?study\b",
    )
]
# a period whose own words name the course it times; not a "study period", the window the
# records or cases came from ("4807 cases during the 16 year study period")
_COURSE_PERIOD = re.compile(
    rf"{_Q}[\s-]+(?:treatment|therapy|infusion|dosing|administration|observation|"
    r"monitoring|follow[\s-]?up|intervention|training|supplementation)[\s-]+period\b",
    re.I,
)
_COURSE = re.compile(
    r"\blongitudinal\b|\bwaves?\b|\brepeated(?:ly)?\b|\bfollowed\b|\bmonitored\b|"
    r"\b(?:treated|received|given|administered|infused|trained|supplemented)\b"
    # "given a clinical diagnosis of": labelled, not treated
    r"(?!\s+(?:an?|the)\s+(?:[\w-]+\s+)?diagnos)|\bwere on\b|\bimprov\w*",
    re.I,
)
# what a protocol plans ("will be followed up for 1 year", "participants are to be
# randomised") is no study yet (docs/card-labelling.md duration rule 6)
# "patients are planned to be included with a mean follow up of at least 3 years" is
# such a plan too (fixd10: a design paper's follow-up was read as done).
_PLANNED = re.compile(
    r"\bwill\b|\bshall\b|\b(?:is|are) to be\b|\b(?:is|are) planned\b|\bplanned to\b", re.I
)
# a time in hours in a study of people is how long they were studied only when it is a
# span over which the study gave them something or watched them (``_hours_span``): a
# session, a single measurement or a drug's window ("a 2-h stimulation period",
# "recovered by 24 hours", "within 8 hours") is not; animal and laboratory work does run
# for hours (blood samples or cells taken from people do not make a study laboratory work)
_PEOPLE = re.compile(
    r"\b(?:patients?|participants?|subjects|volunteers|persons|people|men|women|children|"
    r"adults|adolescents|infants|individuals|cases)\b",
    re.I,
)
_NOT_PEOPLE = re.compile(
    r"\b(?:rats?|mice|mouse|murine|rodents?|rabbits?|dogs?|cats?|pigs?|piglets?|porcine|swine|"
    r"sheep|monkeys?|primates?|zebrafish|animals?|in vitro|cultured?|cell lines?)\b",
    re.I,
)
# What a time in hours times, in a study of people (docs/brief-extraction.md, sixteenth
# round).  After the time: an exposure per day or session ("3 hours a day") or a time
# counted back from an event ("the 5 h preceding the therapy") is no span.
_HOURS_NOT_AFTER = re.compile(
    r"^\s*(?:(?:a|per|each|every)\s+(?:day|night|session|week)\b|daily\b|nightly\b|/\s*d(?:ay)?\b|"
    r"(?:before|preceding|prior\s+to)\b)",
    re.I,
)
# the nouns of a course the study gave or watched ("a 48-hour course", "a 24-hour
# treatment period", "72-hour follow-up", "48 hours of infusion")
_COURSE_NOUN = re.compile(
    r"(?:treatments?|therap(?:y|ies)|infusions?|regimens?|courses?|administration|dosing|"
    r"medications?|observation|monitoring|follow[\s-]?ups?|study|trial)$",
    re.I,
)
# heads that say only that the time is a span, leaving what it times to the verb
_NEUTRAL_HEAD = re.compile(r"(?:period|duration|time|interval|window|span)$", re.I)
# the words that end the run of nouns a time in hours modifies ("24-h impedance-pH
# studies off therapy": "therapy" is the preposition's, not what the hours are of)
_NOUN_RUN_END = re.compile(
    r"(?:of|off|on|in|at|for|with|without|to|from|by|after|before|during|under|over|"
    r"and|or|but|the|a|an|was|were|is|are|had|has|per|each|every|versus|vs)$",
    re.I,
)
# a list of times in hours is a schedule of the study's own assessments only when its
# clause says the study assessed at them ("pain was assessed at 6, 12 and 24 hours"); a
# result at them is no schedule ("pain scores at 12 h and 18 h were higher")
_SCHEDULE = re.compile(
    r"\b(?:assessed|measured|recorded|collect(?:ed|ing)?|obtained|evaluated|sampled|monitored|"
    r"documented|determined|drawn|taken|performed|scored|rated|examined|tested|repeated|"
    r"analy[sz]ed|quantified|checked|registered)\b",
    re.I,
)
# how far on either side of a time in hours its reading looks: a clause of an ordinary
# abstract fits, and a very long "sentence" (a pasted table) stays linear in its length
_HOURS_WINDOW = 300
# the words a span preposition may carry before its time ("for the first 48 hours",
# "over a period of 24 h", "for up to 8 hours")
_SPAN_BEFORE = re.compile(
    r"\b(for|over|during|throughout|until|through|up\s+to)\s+(?:(?:the|a|an|first|initial|next|"
    r"entire|whole|total|period|of|up|to|approximately|about|at\s+least)\s+)*$",
    re.I,
)
# a study acting on its participants: giving them something or watching them
_STUDY_ACT = re.compile(
    r"\b(?:treat(?:ed|ment)|given|gave|administ(?:ered|ration)|infus(?:ed|ions?)|dos(?:ed|ing)|"
    r"received?|continued|maintained|applied|observed|observation|monitored|monitoring|"
    r"followed(?!\s+by)|assessed|evaluated|measured|recorded|collected|obtained|sampled|"
    r"documented|studied)\b",
    re.I,
)
# the items of a list of times in hours that this time ends, headed by "at", "on" or
# "after" ("at 4 h and 10 h", "at 0, 24 and 48 hours")
_HOURS_LIST = re.compile(
    rf"\b(?:at|on|after)\s+(?:(?:\d+(?:\.\d+)?|{_WORDS})(?:[\s-]*{_UNIT_ANY})?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+))+$",
    re.I,
)


def _hours_span(
    sentence: str, start: int, end: int, *, listed: bool = False, course: bool = False
) -> bool:
    """Whether the time in hours at sentence[start:end] is a span over which the study
    gave its people something or watched them (kept), not a session, a single
    measurement, a time from an event or a result (docs/brief-extraction.md, sixteenth
    round).  ``listed``: the time ends a list of assessment times, a schedule;
    ``course``: the pattern found it as a stated follow-up, which is a span of watching."""
    after = sentence[end : end + _HOURS_WINDOW]
    if _HOURS_NOT_AFTER.search(after):
        return False
    if course:
        return True
    words = re.findall(r"[A-Za-z][\w-]*", after[:50])[:4]
    of = bool(re.match(r"\s+of\s", after))
    if of:
        words = words[1:]
    # only the run of nouns right after the time: the first preposition or function
    # word ends what the time modifies
    run = next((i for i, w in enumerate(words) if _NOUN_RUN_END.fullmatch(w)), len(words))
    words = words[:run]
    if re.search(r"\d-[A-Za-z]+$", sentence[start:end]) or of:
        # "a 24-hour treatment period", "2-h arm-crank exercise", "48 hours of
        # infusion": the first course noun or neutral head among the next words says
        # what the hours are of
        for i, word in enumerate(words):
            if _COURSE_NOUN.search(word):
                return True
            if _NEUTRAL_HEAD.search(word):
                if i == 0:
                    break  # "the 24-hour duration": the verb decides
                return False  # "a 2-h stimulation period": a session's part
        else:
            if words:
                return False  # "2-h ergometer exercise", "8 hours of injury"
    elif words and _COURSE_NOUN.search(words[0]):
        return True  # "a 48 h infusion"
    before = sentence[max(0, start - _HOURS_WINDOW) : start]
    clause_start = max(before.rfind(c) for c in ";:") + 1
    if listed or _HOURS_LIST.search(before[clause_start:]):
        # the last of a list of assessment times: a schedule when its clause assesses
        stop = min(i for i in (after.find(";"), after.find(":"), len(after)) if i >= 0)
        return bool(_SCHEDULE.search(before[clause_start:] + " " + after[:stop]))
    if not _SPAN_BEFORE.search(before[clause_start:]):
        return False  # "at 2 hours", "by 24 hours", "1 h after": a point or a deadline
    # the verb it attaches to: in its clause before it, or the main clause after a
    # fronted phrase ("During the first 48 hours postoperatively, we collected ...")
    head = before[clause_start:]
    if "," not in head:
        rest = after
        comma = rest.find(",")
        stop = min(i for i in (rest.find(";"), rest.find(":"), len(rest)) if i >= 0)
        if 0 <= comma < stop:
            following = rest[comma + 1 : stop].split(",")[0]
            if _STUDY_ACT.search(following):
                return True
    return bool(_STUDY_ACT.search(head[head.rfind(",") + 1 :]))


# a time counted from the condition's start ("measured 5 years after infection", "in the
# first 3 months after stroke", "up to 3 months following SCI"): in a study of people it
# says how far into their illness they were, not how long they were studied, unless the
# sentence says they were followed or treated over it (``_COURSE``); in animal work the
# injury is the study's own start ("killed 28 days after injury")
_SINCE_ONSET = re.compile(
    rf"{_Q}\s+(?:after|following|post|since)[\s-]*(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:onset|diagnosis|infection|stroke|birth)\b",
    re.I,
)
# the items of a list of times that a time since onset ends ("1, 3 and 6 months after
# stroke", "2 weeks and 12 months after diagnosis"), and the "at" that may head them
_ONSET_LIST = re.compile(
    rf"(\bat\s+)?(?:(?:\d+(?:\.\d+)?|{_WORDS})(?:[\s-]+{_UNIT_ANY})?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$",
    re.I,
)


def _assessed_at(sentence: str, start: int) -> bool:
    """Whether the time at ``start`` ends a list of times headed by "at" in a sentence
    of assessing: the study's people assessed at set times after an event."""
    listed = _ONSET_LIST.search(sentence, 0, start)
    return bool(listed and listed.group(1) and _ASSESSING.search(sentence))


def _blank_since_onset(sentence: str) -> str:
    """``sentence`` with its times since onset blanked (``_SINCE_ONSET``), each with the
    list it ends, so a list is kept or blanked as a whole.  Kept: a list headed by "at"
    in a sentence of assessing ("motor function was assessed at 1, 3 and 6 months after
    stroke"), as assessments of the study's people at set times after an event are
    their follow-up; "measured 5 years after infection" says how far into their illness
    they were."""
    assessing = bool(_ASSESSING.search(sentence))
    out, last = [], 0
    for m in _SINCE_ONSET.finditer(sentence):
        listed = _ONSET_LIST.search(sentence, last, m.start())
        start = listed.start() if listed else m.start()
        if listed and listed.group(1) and assessing:
            continue  # see _assessed_at
        out.append(sentence[last:start] + " " * (m.end() - start))
        last = m.end()
    return "".join(out) + sentence[last:]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])|\n+")


class HasText(Protocol):
    """What :func:`duration_of` reads of a record."""

    @property
    def title(self) -> str: ...
    @property
    def abstract(self) -> str: ...


class Candidate(NamedTuple):
    """A time that may be the study's duration, with the role its sentence gave it
    ("follow-up", "length0" for the first ``_LENGTH`` pattern, "assessed2", ...) and
    the index of that sentence (0 is the title), so a choice can be explained and
    its reliability measured per role."""

    shown: str
    days: float
    role: str
    sentence: int


# what a role id means, for the reason a reader sees ("length1" is the second
# ``_LENGTH`` pattern's; the ids stay, for per-role measurement: docs/brief-extraction.md)
_ROLE_NAMES = {
    "length": "a treatment's or study's length",
    "assessed": "an assessment time",
    "listed": "the last of listed assessment times",
    "killed later": "animals killed later",
}


def role_name(role: str) -> str:
    """The readable name of a candidate's ``role`` id ("length0" -> "a treatment's or
    study's length"); an id without one is shown as it is."""
    return _ROLE_NAMES.get(role.rstrip("0123456789"), role)


def _tag(times: list[tuple[str, float]], role: str, sentence: int) -> list[Candidate]:
    return [Candidate(shown, days, role, sentence) for shown, days in times]


def _number(text: str) -> float:
    lowered = text.lower()
    if lowered in _WORD_VALUES:
        return float(_WORD_VALUES[lowered])
    half = _HALF.fullmatch(text)
    return float(half.group(1)) + 0.5 if half else float(text)


def _show(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def normalise(low: str | None, value: str, unit: str) -> tuple[str, float] | None:
    """("12 weeks", length in days) for a time as written; None when it is no
    length ("0 days")."""
    name = _UNIT_NAMES[unit.lower()]
    number = _number(value)
    if number <= 0:
        return None
    shown = _show(number)
    if low is not None:
        start = _number(low)
        if 0 < start < number:
            shown = f"{_show(start)}-{shown}"
    plural = "" if shown == "1" else "s"
    return f"{shown} {name}{plural}", number * _DAYS[name]


def _fits(sentence: str, start: int, end: int, *, decimals: bool, central: bool = False) -> bool:
    """Whether the time at sentence[start:end] may be the study's: no age,
    statistic, frequency, horizon, or drug timing.  ``central``: a pattern found
    the time as a follow-up's mean or median, so the word before it is that."""
    before = sentence[max(0, start - 24) : start]
    after = sentence[end : end + 30]
    if (not central and _NOT_BEFORE.search(before)) or _NOT_AFTER.search(after):
        return False
    if _FROM_ONSET_AFTER.search(after) and not _assessed_at(sentence, start):
        return False
    horizon = _HORIZON_BEFORE.search(sentence[max(0, start - 70) : start])
    if horizon and not re.search(r"\bfollow", horizon.group(0), re.I):
        # "relapse with a median follow-up of 11 years": the follow-up's own time, not
        # the outcome's horizon (dur9 rule 1)
        return False
    text = sentence[start:end]
    return decimals or not re.search(r"\d\.\d", text)


def _times(
    pattern: re.Pattern[str],
    sentence: str,
    *,
    decimals: bool,
    ranges: bool = False,
    range_max: bool = False,
    central: bool = False,
    people: bool = False,
    course: bool = False,
) -> list[tuple[str, float]]:
    """The times ``pattern`` finds that may be the study's.  ``ranges``: a range
    is kept as written ("10-14 days" of treatment); ``range_max``: a range is its
    maximum (a follow-up "of 6 to 12 months" is "12 months", docs/card-labelling.md
    duration rule 4); otherwise a range is a spread of times, not the study's.
    ``people``: a study of people, whose times in hours must be spans of the study
    (``_hours_span``; ``course`` as there)."""
    out: list[tuple[str, float]] = []
    for m in pattern.finditer(sentence):
        groups = m.groups()
        if len(groups) == 3 and groups[0] in ("week", "month", "day", "Week", "Month", "Day"):
            # "at week 24" / "Weeks 8 and 24": the last number, in the unit before
            numbers = [g for g in groups[1:] if g]
            found = normalise(None, numbers[-1], groups[0])
            if found:
                out.append(found)
            continue
        low, value, unit = groups
        if low is not None and not (ranges or range_max):
            continue  # "8.6 to 27 years after": a spread of times, not the study's
        start = m.start(2) if low is None else m.start(1)
        if range_max:
            low = None
            # "at 3.5 and 2.5 months follow-up": the follow-up is the list's longest
            listed = _LIST_BEFORE.search(sentence[max(0, start - 40) : start])
            if listed and value[0].isdigit():
                items = re.findall(_LIST_NUMBER, listed.group(1))
                value = max([value, *items], key=_number)
        if not _fits(sentence, start, m.end(3), decimals=decimals, central=central):
            continue
        if _UNIT_NAMES[unit.lower()] == "hour":
            if value.isdigit() and int(value) < 1:
                continue
            if people and not _hours_span(sentence, start, m.end(3), course=course):
                continue
        found = normalise(low, value, unit)
        if found:
            out.append(found)
    return out


def _listed_times(sentence: str, *, people: bool = False) -> list[tuple[str, float]]:
    """The last item of each list of assessment times in ``sentence`` (see
    ``_LISTED``), when it may be the study's (no age, horizon or statistic; in a study
    of people no time in hours per day or before an event, ``_hours_span``)."""
    out: list[tuple[str, float]] = []
    value, unit = _LISTED.groups - 1, _LISTED.groups  # the items' own units come first
    for m in _LISTED.finditer(sentence):
        if not _fits(sentence, m.start(value), m.end(unit), decimals=False):
            continue
        if (
            people
            and _UNIT_NAMES[m.group(unit).lower()] == "hour"
            and not _hours_span(sentence, m.start(value), m.end(unit), listed=True)
        ):
            continue
        found = normalise(None, m.group(value), m.group(unit))
        if found:
            out.append(found)
    return out


def _given_after_injury(sentence: str) -> bool:
    """Whether a time "after injury" (onset, diagnosis) in ``sentence`` says when a drug
    was given: a giving word governs it, in the same clause within 60 characters before
    ("injected into the cord 3 months after injury"), not anywhere in the sentence
    ("high-dose therapy ... compared with placebo ... up to 2 months after injury" is
    how long the trial compared them)."""
    for m in _SINCE_INJURY.finditer(sentence):
        window = re.split(
            r"[;:]|,\s+(?:and|but|whereas|while)\b", sentence[max(0, m.start() - 60) : m.start()]
        )
        if _GIVEN.search(window[-1]):
            return True
    return False


# a rationale-and-design paper reports no study yet (duration rule 6 names it)
_RATIONALE = re.compile(r"\b(?:rationale and design|design and rationale)\b")


def _is_protocol(title: str, abstract: str) -> bool:
    """Whether the paper is a protocol: a title that names one (triage's pattern, or a
    "rationale and design" paper, ``_RATIONALE``), or a trial told in the future tense
    (triage's pattern): it planned its follow-up but reports none
    (duration rule 6).  Not "study protocol" in an abstract, which in clinical papers is
    as often the treatment's ("the NASCIS study protocol") as the paper's."""
    lowered = title.lower()
    return bool(
        PROTOCOL.search(lowered)
        or _RATIONALE.search(lowered)
        or PROTOCOL_FUTURE.search(abstract.lower())
    )


def find_duration(abstract: str, title: str = "") -> tuple[str | None, str]:
    """(duration, why) or (None, why)."""
    best, why = choose_duration(abstract, title)
    return (best.shown if best else None), why


def choose_duration(abstract: str, title: str = "") -> tuple[Candidate | None, str]:
    """The candidate the rules choose, with why, or (None, why)."""
    # every pattern below reads numbers (_NUM's \d+) from each digit it may start at: a run
    # of more digits than any time has is masked once, here, so each reading stops within
    # MAX_COUNT_DIGITS digits and the whole reader is linear (digits11; 10,000 digits took
    # 456 s), and no run is read as a number float() makes infinite
    abstract, title = mask_long_digit_runs(abstract), mask_long_digit_runs(title)
    text = f"{title}. {abstract}" if title else abstract
    if not abstract:
        return None, "no abstract"
    # a paper whose title reports its own cases beside a review of the literature ("case
    # series and literature review", "Case report and literature review") keeps its
    # own cases' stated follow-up, and only that: its other times may be its studies'
    # (card20)
    own_cases = bool(OWN_CASES_AND_REVIEW.search(title))
    if _REVIEW.search(text) and not own_cases:
        return None, "a review: its studies each had their own duration"
    if SELF_REVIEW.search(text) and not _CASE_REPORT.search(text) and not own_cases:
        # a case report that reviews the literature keeps its case's own follow-up
        return None, "a paper that names itself a review: its times are its studies'"
    if _is_protocol(title, abstract):
        return None, "a protocol: its follow-up is planned, no study yet"
    follow: list[Candidate] = []
    central: list[Candidate] = []  # a follow-up's mean or median given with its spread
    lengths: list[Candidate] = []
    status: list[Candidate] = []  # a case's state at a later time
    visits: set[str] = set()  # follow-ups named as one visit ("before the 4-week follow-up")
    sentences = _SENTENCE_END.split(text)
    people = bool(_PEOPLE.search(text)) and not _NOT_PEOPLE.search(text)
    aim = next((i for i, s in enumerate(sentences) if _AIM.search(s)), None)
    for n, sentence in enumerate(sentences):
        if aim is not None and 0 < n < aim and not _OWN.search(sentence):
            continue  # the background before the paper says what it set out to do
        # "a need to monitor infants for 48 hours": advice, not this study; only the
        # advice's clause, as the study's own may share its sentence
        sentence = without_prescriptive(sentence)
        # what a protocol plans, not what a study did: only the plan's clause ("who will
        # be analysed here; mean follow-up was 2 years" keeps its follow-up)
        sentence = without_clauses(_PLANNED, sentence)
        if not re.search(r"\d|\b(?:one|two|three|four|five|six|twelve)\b", sentence, re.I):
            continue
        if own_cases and _LITERATURE.search(sentence) and not _OURS.search(sentence):
            continue  # the review's cases, not the paper's own (fixc20)
        if people and not _COURSE.search(sentence):
            # blanked, not cut, so the sentence's other times keep their context
            sentence = _blank_since_onset(sentence)
        visits.update(t[0] for t in _times(_VISIT, sentence, decimals=True, people=people))
        for pattern in _FOLLOW_UP:
            follow.extend(
                _tag(
                    _times(
                        pattern,
                        sentence,
                        decimals=True,
                        range_max=True,
                        people=people,
                        course=True,
                    ),
                    "follow-up",
                    n,
                )
            )
        for pattern in _FOLLOW_UP_CUED:
            follow.extend(
                _tag(
                    _times(
                        pattern,
                        sentence,
                        decimals=True,
                        range_max=True,
                        central=True,
                        people=people,
                        course=True,
                    ),
                    "follow-up",
                    n,
                )
            )
        for pattern in _CENTRAL_FOLLOW_UP:
            central.extend(
                _tag(
                    _times(
                        pattern,
                        sentence,
                        decimals=True,
                        range_max=True,
                        central=True,
                        people=people,
                        course=True,
                    ),
                    "follow-up (mean or median)",
                    n,
                )
            )
        stated_central, stated_maxima = _follow_up_statistic(sentence)
        central.extend(_tag(stated_central, "follow-up (mean or median)", n))
        follow.extend(_tag(stated_maxima, "follow-up", n))
        calendar = bool(_CALENDAR.search(sentence))
        if defines := _DEFINES.search(sentence):
            # the definition's scope is what follows its cue: who the people were,
            # not how long they were studied
            sentence = sentence[: defines.start()]
        elif "who" in sentence and (selected := _SELECTED_BY.search(sentence)):
            # the people's history, blanked (offsets kept): what they had before the study
            sentence = (
                sentence[: selected.start()]
                + " " * (selected.end() - selected.start())
                + sentence[selected.end() :]
            )
        found_lengths = [
            t
            for i, pattern in enumerate(_LENGTH)
            # a dose "for N days" in a study of people is as often a cited trial's or a
            # label's ("usual dosages are 20 mg/day for 4 weeks") as the study's own: only
            # animal and laboratory work reads it (dur9 rule 5, narrowed on unkeyed text)
            if not (people and pattern is _DOSE_FOR)
            for t in _tag(
                _times(pattern, sentence, decimals=False, ranges=i == 1, people=people),
                f"length{i}",
                n,
            )
        ]
        arms = {m.group(0).lower() for m in _FOR.finditer(sentence)}
        if len(arms) > 1 and re.search(r"\b(?:or|versus|vs)\b", sentence):
            found_lengths = []  # arms of different lengths: no one duration
        if (
            "period" in sentence.lower()
            and (calendar or _WINDOW.search(sentence))
            and not _LONGITUDINAL.search(sentence)
        ):
            # "during a 10-year period, 1971-80", "during a 2-year period, 12 cases were
            # admitted": when the cases came, not how long each was studied
            found_lengths = []
        if found_lengths and not _COURSE.search(sentence):
            windows = {
                t[0]
                for pattern in _PERIOD
                for t in _times(pattern, sentence, decimals=True, ranges=True)
            }
            # "a 24-hour treatment period", "a 12-week observation period": a period
            # its own words name as the course is no window of recruitment
            courses = {t[0] for t in _times(_COURSE_PERIOD, sentence, decimals=True, ranges=True)}
            found_lengths = [t for t in found_lengths if t.shown not in windows - courses]
        if found_lengths and not _LONGITUDINAL.search(sentence) and "follow" not in sentence:
            # "137 children were seen over 10 years": when the cases came, with or
            # without the word "period"
            seen = {t[0] for t in _times(_SEEN_OVER, sentence, decimals=True, ranges=True)}
            found_lengths = [t for t in found_lengths if t.shown not in seen]
        lengths.extend(found_lengths)
        if _given_after_injury(sentence):
            continue  # "injected 3 months after injury": when it was given
        if _KILLED.search(sentence):
            lengths.extend(
                _tag(_times(_LATER, sentence, decimals=False, people=people), "killed later", n)
            )
        assessing = bool(
            _ASSESSING.search(sentence)
            # a result others reported ("Previous studies have shown ... 1 and 2 years
            # after surgery") is background wherever it stands (fixd11)
            or (
                _RESULT.search(sentence)
                and _SERIES.search(sentence)
                and not BACKGROUND_CUE.search(sentence)
            )
        )
        is_status = bool(_STATUS.search(sentence)) and not _EVENT.search(sentence)
        if not (assessing or is_status):
            continue
        if assessing:
            lengths.extend(
                t
                for t in _tag(_listed_times(sentence, people=people), "listed", n)
                if t.days >= 0.5
            )
        for i, pattern in enumerate(_ASSESSED):
            found = [
                t
                for t in _tag(
                    _times(pattern, sentence, decimals=False, people=people), f"assessed{i}", n
                )
                if t.days >= 0.5
            ]
            if assessing:
                lengths.extend(found)
            if is_status:
                # a case's later state needs no verb of assessing: "four years after
                # treatment, the patient is without recurrence"
                status.extend(found)
    if central:
        best = max(central, key=lambda t: t.days)
        return best, "follow-up (mean or median)"
    assessed = [t for t in lengths if t.role.startswith(("assessed", "listed"))]
    if follow and all(t.shown in visits for t in follow) and assessed:
        # a follow-up named as one visit of a schedule is one of its assessment times:
        # the study lasted until the last of them (card20)
        best = max([*follow, *assessed], key=lambda t: t.days)
        return best, f"last assessment (a follow-up visit among them: {role_name(best.role)})"
    if follow:
        best = max(follow, key=lambda t: t.days)
        return best, "follow-up"
    if own_cases:
        return None, "own cases beside a review: no follow-up of its cases stated"
    if _CASE_REPORT.search(text):
        if status:
            best = max(status, key=lambda t: t.days)
            return best, "a case's last stated status"
        return None, "a case report states no follow-up: its times are events of the case"
    if lengths:
        best = max(lengths, key=lambda t: t.days)
        return best, f"longest length or last assessment ({role_name(best.role)})"
    return None, "no study duration stated"


def duration_of(record: HasText) -> str | None:
    """The study duration a card shows ("12 weeks"), or None ("Not specified")."""
    return find_duration(record.abstract or "", record.title or "")[0]
