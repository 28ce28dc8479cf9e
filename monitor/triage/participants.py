"""How many participants (or animals) a study had, as the abstract states it.

The rules are docs/card-labelling.md; the measure is ``scimon eval card``.  The
abstract is read sentence by sentence, and in each sentence the counts are
found by a small grammar, not by phrases:

- a number (digits, "1,204", "1 576", or words: "one hundred and sixty-four")
  followed within four words by a unit that is a kind of participant
  ("81 patients", "108 couples coping with pain", "Thirty albino Wistar
  rats"); what stands between must not make it something else ("95 percent of
  patients", "8 hours in patients") and what stands before must not label it
  ("C57BL/6", "T10", "type 2", "aged");
- "n = 32" after a participant noun or a study word ("adults (n = 302)",
  "a randomized trial (N = 599"), with that noun as its unit;
- a bare number that the sentence makes a count ("and 20 (11 male) were
  recruited"), with the sentence's unit;
- numbers joined to a count by "and" or commas share its unit ("Ten Black and
  10 White volunteers", "Ten patients with stroke, 10 with MS and 5 with SCI").

Each count gets the role its sentence gives it: a stated total ("a total of",
"overall"), enrolment ("enrolled", "randomised", "included", "received"),
plain, or analysis only ("analysed", "completed", "evaluable", the denominator
of "Among the 116 patients ..., 50 had"); a count of those screened or
eligible, a subgroup ("88 (23.3%)", "of whom") and a count in a sentence about
the world outside the study (incidence, prevalence) are no sample.  Precision
first: in a sentence that reports a result (a statistic, "died", "developed")
a count is the sample only when its role is established there (one of the
roles above, the sentence's subject that is not itself doing a result, a
design noun "a cohort of", what the study did "performed in 113 patients", a
methods label); otherwise the sentence gives no count, since such numbers are
subgroups more often than the sample.  Kinds of participant listed one after
another ("7 clinician trainers and 19 trainees", "40 patients and 40 controls")
are one mixed sample, summed, unless one of them is the total of the others.  Per
sentence, parallel counts are arms and are summed unless one of them is their
total; "32 patients in each of two groups" is 64, and a per-group count without
the number of groups is left.  Of the sentences' counts the one of the
strongest role wins, the largest of that role (a subgroup is smaller).

Reviews count only the participants of their included studies: a count next to
"studies"/"trials" or a role word, never one inside an outcome's parenthesis
with its effect estimate ("(8 studies with 37,807 patients; RR 1.66)"), and
never the number of studies; a total may be named before its number ("the total
number of patients was 3559") or in the meta-analysts' "k = 203, N = 210,622".
A case report with no count is one patient.
When nothing says how many, the answer is none: a wrong number is worse.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import pairwise
from typing import Protocol

from monitor.triage import count_confidence
from monitor.triage.count_scope import (
    POPULATION_RATES,
    THIS_STUDY,
    WORLD_WIDE,
    Contexts,
    Whose,
    cited_publication,
    count_out_of_scope,
    follow_up_count,
    not_this_study,
    sentence_out_of_scope,
)
from monitor.triage.fastre import (
    BytesPattern,
    Starts,
    compile_exact,
    compile_pattern,
    engine,
)
from monitor.triage.numbers import (
    BOUNDED_NUMBER,
    DIGITS,
    NUMBER,
    ONES,
    SCALES,
    TENS,
    WORDS,
    number_value,
)
from monitor.triage.numbers import words_value as words_value  # importable here, as before

# the number words and digit groups are shared with the evidence level (evid8); the
# old private names stay
_ONES, _TENS, _SCALES = ONES, TENS, SCALES
_NUMBER_WORDS = frozenset({*ONES, *TENS, *SCALES})  # every word a number in words is made of
_WORDS, _DIGITS, _NUMBER = WORDS, DIGITS, NUMBER

_UNIT_WORDS = (
    "patients", "participants", "subjects", "individuals", "persons", "people", "adults",
    "children", "adolescents", "youths?", "men", "women", "males", "females", "veterans",
    "volunteers", "respondents", "athletes", "survivors", "cases", "controls", "users",
    "inpatients", "outpatients", "caregivers", "carers", "mothers", "fathers", "parents",
    "infants", "neonates", "newborns", "girls", "boys", "students", "nurses", "physicians",
    "clinicians", "surgeons", "therapists", "workers", "employees", "residents", "donors",
    "families", "family members", "dyads", "couples", "pairs", "twins", "members", "trainees",
    "trainers", "recipients", "referrals", "gravidas", "asthmatics", "smokers", "competitors",
    "players", "soldiers", "pupils", "elderly", "decedents", "deaths", "consumers", "teens",
    "teenagers", "older adults", "wheelchair users", "healthy controls",
    "rats", "mice", "dogs", "cats", "pigs", "minipigs", "sheep", "horses", "monkeys",
    "macaques", "rabbits", "hamsters", "animals", "primates", "piglets", "ferrets",
)  # fmt: skip
_UNIT = r"(?:" + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + r")"
# compiled once: a pattern built inside a function is rebuilt and looked up per call
_UNIT_WORD = compile_exact(rf"\b{_UNIT}\b", re.IGNORECASE)
_TOTAL_WORD = compile_exact(r"\btotal\b", re.IGNORECASE)
_ANIMALS = frozenset(
    [
        "rats",
        "mice",
        "dogs",
        "cats",
        "pigs",
        "minipigs",
        "sheep",
        "horses",
        "monkeys",
        "macaques",
        "rabbits",
        "hamsters",
        "animals",
        "primates",
        "piglets",
        "ferrets",
    ]
)
# words that, standing between a number and its unit, unmake the count
_NOT_BETWEEN = frozenset(
    [
        "percent",
        "per",
        "cent",
        "percentage",
        "percentages",
        "proportion",
        "fraction",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "half",
        "halves",
        "fifth",
        "fifths",
        "tenth",
        "tenths",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "minute",
        "minutes",
        "min",
        # abbreviated times: "By 24 h, all patients had received opioids" counts nobody
        "h",
        "hr",
        "hrs",
        "wk",
        "wks",
        "mo",
        "mos",
        "yr",
        "yrs",
        "second",
        "seconds",
        "point",
        "points",
        "session",
        "sessions",
        "times",
        "fold",
        "million",
        "millions",
        "billion",
        "thousands",
        "hundreds",
        "dozen",
        "dozens",
        "mg",
        "ml",
        # micro units: "10 \u03bcg intrathecal morphine rats" reads "10 ug" (_LOOK_ALIKE)
        "ug",
        "ul",
        "um",
        "umol",
        "mcg",
        "kg",
        "cm",
        "mm",
        "gy",
        "in",
        "with",
        "at",
        "for",
        "from",
        "by",
        "versus",
        "vs",
        "than",
        "to",
        "on",
        "of",
        "as",
        "were",
        "was",
        "are",
        "had",
        "have",
        "received",
        "underwent",
        "who",
        "that",
        "which",
        "per-cent",
        "studies",
        "trials",
        "articles",
        "reports",
        "publications",
        "records",
        "papers",
        "cohorts",
        "groups",
        "arms",
        "sites",
        "centers",
        "centres",
        "hospitals",
        "countries",
        "items",
        "questions",
        "visits",
        "samples",
        "specimens",
        "eyes",
        "limbs",
        "teeth",
        "lesions",
        "tumors",
        "tumours",
        "procedures",
        "operations",
        "injections",
        "cycles",
        "doses",
    ]
)
# "Only 1 study excluded tetraplegic individuals": a singular study noun right after "1" or
# "one" is what the number counts (the plural nouns are in ``_NOT_BETWEEN``; a singular one
# there would drop "120 study participants", where "study" only qualifies the people)
_ONE_STUDY = re.compile(
    r"(?:study|trial|article|report|publication|paper|review|series|cohort)\b", re.I
)
# a word between may be a subtype with its numeral ("Eight poorly controlled type 2
# diabetic patients", "40 stage IV cancer patients"): the numeral names the disease's
# kind, and the number before it counts the people
_BETWEEN = (
    r"((?:[A-Za-z][\w'/.-]*,?\s+|\([A-Za-z][\w-]{0,9}\)\s+|"
    r"(?:[Tt]ype|[Ss]tage|[Gg]rade|[Cc]lass)\s+(?:[1-4]|I{1,3}|IV)[ABab]?,?\s+){0,4}?)"
)
# The three count patterns run with RE2 (monitor/triage/fastre.py), which has no
# look-behind: the character before the number is matched instead, so a number
# does not continue "C57BL/6", "T10", a decimal or a ratio.
_OPEN = r"(?:^|[^\w.,/±+-])"
_COUNT_RX = rf"{_OPEN}({_NUMBER})\s+{_BETWEEN}({_UNIT})\b"
# (a thin space around "=" some files store as ".." : "(n..=..84)")
# after "n =" a count is whole, so "n = 27.501" groups thousands with a dot
_N_DIGITS = rf"\d{{1,3}}(?:\.\d{{3}})+\b|{_DIGITS}"
_N_EQ_RX = rf"\b[nN](?:\s|\.\.\.?)*[=:](?:\s|\.\.\.?)*({_N_DIGITS})(?:\s+{_BETWEEN}({_UNIT})\b)?"
_BARE_ROLE_RX = (
    rf"{_OPEN}({_NUMBER})\s*(?:\([^()]{{0,80}}\)\s*)?(?:were|was|had been)\s+"
    r"(?:\w+\s+)?(?:recruited|enrolled|enroled|randomi[sz]ed|included|studied|treated|"
    r"allocated|assigned|evaluated|examined)\b"
    # "Of 113 eligible physicians, 58 completed the survey": those who answered
    rf"|{_OPEN}({_NUMBER})\s+(?:completed|returned|answered|responded to)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+)?(?:survey|questionnaire|interview)s?\b"
)
# a total named before its number: "the total number of patients was 3559",
# "the number of participants included reached 1,204"
_NUMBER_OF_RX = (
    rf"\bnumber of (?:[A-Za-z-]+\s+){{0,2}}?({_UNIT})\s+(?:(?:included|enrolled|analy[sz]ed|"
    rf"studied|recruited|randomi[sz]ed|involved|pooled|in|into|the|this|our|study|review|"
    rf"studies|trials|meta-analysis|analysis|total|overall)\s+){{0,5}}?"
    rf"(?:was|were|is|reached|totall?ed|amounted to|of)\s+(?:about\s+|approximately\s+)?"
    rf"({_DIGITS})\b"
)
# meta-analyses' notation: "(k = 203, N = 210,622)", k studies and N people
_K_N_RX = rf"\b[kK]\s*=\s*\d+\s*[,;]\s*[nN]\s*=\s*({_DIGITS})"
_NUMBER_OF = compile_pattern(_NUMBER_OF_RX, ignore_case=True)
# "147 of 553 (27%) individuals": a share, the percentage between the denominator and unit
_SHARE_OF_RX = (
    rf"{_OPEN}({_DIGITS})\s+(?:out\s+)?of\s+({_DIGITS})\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+"
    rf"{_BETWEEN}({_UNIT})\b"
)
_SHARE_OF = compile_pattern(_SHARE_OF_RX, ignore_case=True)
_K_N = compile_pattern(_K_N_RX)
_COUNT = compile_pattern(_COUNT_RX, ignore_case=True)
# number words at the head of what stands between a number and its unit
_LEAD_WORDS = re.compile(rf"({_WORDS})\s+", re.IGNORECASE)
_N_EQ = compile_pattern(_N_EQ_RX)
_BARE_ROLE = compile_pattern(_BARE_ROLE_RX, ignore_case=True)
# a number right before a count's unit-phrase, joined by "and"/commas: it counts too
_JOINED_BEFORE = re.compile(
    rf"(?<![\w.,/±+-])({_NUMBER})\s+((?:[A-Za-z][\w-]*\s+){{0,2}})(?:and|or|plus|,)\s*$",
    re.IGNORECASE,
)
# after a count, its complement: "and 151 nonrecipients", "and 40 non-users"
_NON_UNIT_AFTER = re.compile(rf",?\s+(?:and|or|versus|vs\.?)\s+({_NUMBER})\s+(non-?\w+)\b", re.I)
# people of earlier reports, between a number and its unit ("15 previous patients",
# "12 previously reported cases", "20 published cases")
# ("sixty-five previously untreated patients" are this study's)
_EARLIER_REPORTED = re.compile(
    r"\b(?:previous|published|earlier|previously\s+(?:reported|published|described))\b", re.I
)
# ... or right after the unit: "12 other patients previously reported".  The spaces
# around the optional comma are one run when it is absent (``\s*(?:,\s*)?``): written
# ``\s*,?\s*`` a run of n spaces or tabs after a count was split n ways before failing,
# a quadratic match (10,000 of them took ~2 s; fixp12)
_EARLIER_REPORTED_AFTER = re.compile(
    r"\s*(?:,\s*)?\(?(?:previously|earlier)\s+(?:reported|published|described)\b", re.I
)
# others' studies as a sentence's subject, with a finite "were published": "Earlier, 12
# trials with 5000 patients were published" (a review's "12 trials published since 2000
# were included" has no finite verb and counts its own material)
_PUBLISHED_STUDIES = re.compile(
    rf"\b(?:{BOUNDED_NUMBER})\s+(?:[\w-]+\s+)?(?:trials|studies|reports|articles|papers|series)\s+"
    r"(?:with|of|including|involving|enrolling|in)\b[^.;]{0,80}?\b(?:were|have been|had been)\s+"
    r"(?:published|reported)\b",
    re.I,
)


def _published_studies(sentence: str) -> bool:
    """``_PUBLISHED_STUDIES`` occurs in ``sentence``.  Each of its matches ends in
    "published" or "reported": an ASCII sentence with neither (case folded as
    ``re.I`` folds ASCII) is not searched (the search cost ~17 µs a sentence)."""
    if sentence.isascii():
        lowered = sentence.lower()
        if "published" not in lowered and "reported" not in lowered:
            return False
    return _PUBLISHED_STUDIES.search(sentence) is not None


# one person named before "and N other ...": "the proband and 3 other family members"
_ONE_AND_OTHERS = re.compile(
    r"\b(?:the|a|an|one|our)\s+(?:[\w-]+\s+)?(?:proband|index case|index patient|patient|"
    r"case|man|woman|boy|girl|child)\s+and\s+$",
    re.I,
)
# before a number joined to a count, one more of its list: "22 HFpEF, " before "17 HFmrEF
# and 15 HFrEF patients"
_LISTED_BEFORE = re.compile(
    rf"(?<![\w.,/±+-])({_NUMBER})\s+((?:[A-Za-z][\w-]*\s+)?[A-Za-z][\w-]*)\s*,\s*$", re.IGNORECASE
)
# after a count: ", 10 with multiple sclerosis and 5 with spinal cord injury"
_JOINED_AFTER = re.compile(
    rf"^(?:(?:[^.;:()]|\([A-Za-z][\w-]{{0,9}}\)){{0,60}}?(?:,|\band\b|\bor\b)\s+({_NUMBER})\s+"
    r"(?:with|had|in|from|who)\b|"
    # "Forty-six patients received A and 1555 received B": two arms, with no number
    # between them; after a comma, or after another number, the number is more often a
    # part of the count before ("For 100 patients, 53 underwent A and 47 B")
    rf"[^.;:()\d]{{0,60}}?\band\s+({_NUMBER})\s+(?:received|underwent)\b)",
    re.IGNORECASE,
)
# "two trials: one with 183 adults and one with 174 children": "one" stands for a study
# or a group that holds a count, and is none itself
_PRONOUN_ONE = re.compile(r"one\s+(?:with|of|in|from)\s+\d", re.I)
_PER_GROUP = re.compile(
    r"^\s*(?:\)\s*)?(?:(?:in|for) (?:each|every)|per|each|/)\s*(?:\w+\s+)?(?:group|arm|cohort)",
    re.I,
)
# "two groups of 20 female patients": the count of each of the groups named before it
_GROUPS_OF_BEFORE = re.compile(
    r"\b(?:two|three|four|five|six|[2-6])\s+(?:\w+\s+)?(?:groups|arms)\s+of\s+$", re.I
)
_GROUPS = re.compile(
    r"\b(two|three|four|five|six|2|3|4|5|6)\s+(?:\w+\s+){0,2}?(?:groups|arms|cohorts)\b", re.I
)
_SUBSET_AFTER = re.compile(r"^\s*[(\[]\s*\d+(?:\.\d+)?\s*%|^\s*%|^\s*of (?:the|these|them|whom)\b")
# "Forty-three patients (88% blunt, 12% penetrating)": a percentage that opens a description
# of the whole group is its composition, not the share a subgroup is of a larger one ("(47%)")
_COMPOSITION_AFTER = re.compile(r"^\s*[(\[]\s*\d+(?:\.\d+)?\s*%\s*(?!of\b)[A-Za-z]")
# "a randomized trial including 64 patients": "including" after the study is its enrolment,
# after people ("32 patients, including 12 ...") a subset of them
_STUDY_INCLUDING = re.compile(
    r"\b(?:trial|study|studies|cohort|analysis|series|survey|sample|registry|review|design|"
    r"investigation|population)\s+(?:\w+\s+)?including\s*$",
    re.I,
)
# "Five double-blind trials were identified including 848 patients", "14 articles
# (including 1115 patients)", "Seven studies were included in the meta-analysis, including
# 1 576 patients": what "including" includes is the nearest thing counted before it in its
# clause; when that is the studies (no people named or counted between), the count is their
# people, not a subset of people (parts9).  Not "reports" nor "records": adverse-event
# reports and case records are people ("82 reports of hepatotoxicity, including five deaths")
_STUDIES_THEN_INCLUDING = re.compile(
    r"\b(?:trials|studies|articles|papers|publications|RCTs|cohorts|surveys|datasets|"
    r"literatures?)\b(?P<between>[^\d;:]{0,60}?)\bincluding\s*$",
    re.I,
)


_EACH = re.compile(r"\beach\b", re.I)


def _studies_including(before: str) -> bool:
    """Whether "including" before a count follows the studies counted or named in its
    clause, with no people between (see _STUDIES_THEN_INCLUDING)."""
    found = _STUDIES_THEN_INCLUDING.search(before)
    if found is None:
        return False
    between = found.group("between")
    # "two studies, each including 20 patients": one study's people, not the studies'
    return _UNIT_WORD.search(between) is None and not _EACH.search(between)


# "Compared to 15 healthy controls": a comparison, not the end of a range ("5 to 15")
# "compared to 50 patients or fewer": a category's bound, not people counted
_THRESHOLD_AFTER = re.compile(r"\s+or\s+(?:fewer|more|less|greater|over|under)\b", re.I)
# "282 cases ... and an equal number of matched controls", "80 cases ... each matched to 2
# controls": controls stated as a multiple of the cases are part of the sample
_EQUAL_CONTROLS = re.compile(
    r"\ban? (?:equal|same|similar) number of (?:[\w-]+,?\s+){0,6}?controls\b", re.I
)
_MATCHED_K = re.compile(
    rf"\bmatched\b[^.;]{{0,60}}?\b(?:to|with)\s+({_WORDS}|\d)\s+(?:[\w-]+\s+){{0,2}}?controls\b",
    re.I,
)
_COMPARED_TO = re.compile(
    r"\b(?:compared|relative|in comparison|contrasted)\s+(?:to|with)\s*$", re.I
)
_SUBSET_BEFORE = re.compile(
    r"(?:of whom|of these|of them|among them|among whom|including)\s*$", re.I
)
_SCREEN = compile_exact(
    r"\b(?:screened|eligible|eligibility|approached|invited|assessed for|contacted|"
    r"identified as|potential|were excluded|declined)\b",
    re.I,
)
# "1387 eligible cases and 1459 frequency matched controls were recruited": the eligible
# people the clause's own verb takes in are the sample, not a pool screened ("Of 113
# eligible physicians, 58 completed": a comma and another count stand between)
_TAKEN_IN = re.compile(
    r"^[^,;.()\d]{0,80}?(?:\band\s+[\d,]+\s+[^,;.()\d]{0,60}?)?\b(?:were|was)\s+"
    r"(?:recruited|enrol+ed|included|randomi[sz]ed|studied|interviewed|analy[sz]ed)\b",
    re.I,
)
_SCREEN_OTHER = re.compile(
    r"\b(?:screened|eligibility|approached|invited|assessed for|contacted|identified as|"
    r"potential|were excluded|declined)\b",
    re.I,
)


def _eligible_taken(near: str, after: str) -> bool:
    """Whether "eligible" is the only screening word near a count whose own clause
    then takes its people in."""
    return bool(_TAKEN_IN.match(after)) and not _SCREEN_OTHER.search(near)


_OF_BEFORE = re.compile(rf"(?<![\w.,/±+-])({_NUMBER})\s+(?:out\s+)?of\s+$", re.IGNORECASE)
_LABEL_BEFORE = compile_exact(
    r"(?:aged|age|ages|mean|median|p\s*[<=>]|±|\btype|\bgrade|\bstage|\bclass|\blevel|"
    r"\bgroup|\bphase|\bday|\bdays|\bweek|\bweeks|\bvisit|\barm|\bstudy|\bfigure|\btable|"
    r"\bcohort|\bexperiment|\bto|\bversus|\bvs\.?|\bbetween|\bthan|\bof\s+the|"
    r"\bsection|\bscore|\bscale|[<≤=])\s*$",
    re.IGNORECASE,
)
_TOTAL_BEFORE = re.compile(
    r"(?:a total of|total of|in total|overall,?|altogether|totaling|totalling|"
    r"sample of|cohort of|series of|population of|consisted of|comprised|comprising|"
    r"involving|including a total of)\s*$",
    re.IGNORECASE,
)
_EXPLICIT_TOTAL = re.compile(
    r"(?:a total of|total of|in total|in all,|overall,?|altogether|totaling|totalling)\s*$",
    re.I,
)
# a count left after losses: those who completed, were evaluable, remained, or went
# into the (final) analysis, as against the number enrolled
_ANALYSED = compile_exact(
    r"\b(?:completed|evaluable|available for|remained|per-protocol|intention-to-treat|"
    r"intent-to-treat|dropped out|lost to|withdr[ae]w\w*)\b|"
    r"\b(?:in|into|for|to)\s+(?:the\s+)?(?:final\s+|primary\s+|main\s+|statistical\s+)?"
    r"analys[ie]s\b",
    re.IGNORECASE,
)
# "analysed" or "analysis" alone: the analysed-only count of a study that enrolled or
# randomised people (then some were lost); in a study whose work *is* the analysis
# ("the data of 27 patients were retrospectively analysed", "a retrospective analysis
# identified 40 children") it is the sample
_ANALYSIS_WORD = compile_exact(r"\banaly[sz](?:ed|is|es|ing)\b", re.IGNORECASE)
_ATTRITION_CONTEXT = compile_exact(
    r"\b(?:randomi[sz]ed|randomly|randomi[sz]ation|enrol+ed|recruited|allocated|"
    r"assigned)\b",
    re.IGNORECASE,
)
_ENROL = compile_pattern(
    r"\b(?:enrol+ed|enrol+ment|recruited|randomi[sz]ed|randomly|assigned|allocated|included|"
    r"participated|entered|studied|treated|underwent|consisted|comprised|involving|"
    r"prospectively|retrospectively|were followed|were evaluated|were examined|were reviewed|"
    r"were identified|took part|participating|sample|we (?:studied|examined|investigated|"
    r"report|present|describe|included|enrolled|recruited|analy[sz]ed|assessed|surveyed)|"
    r"identified|(?:are|is|were|was) (?:described|reported|presented|assessed|interviewed|"
    r"surveyed|tested|seen|registered|admitted|submitted|operated|matched|followed)|"
    r"inclusion criteria|met the criteria|pooled|received|divided into|given)\b",
    ignore_case=True,
)
# a population's size stated per year or world-wide, and (for large numbers) as those
# living with or affected by a condition: the words count_scope's population test reads too
_BACKGROUND = compile_exact(r"\b(" + "|".join(WORLD_WIDE) + r")\b", re.I)
_BACKGROUND_LARGE = compile_exact(
    r"\b(live with|living with|affects|are affected|" + "|".join(POPULATION_RATES) + r")\b", re.I
)
BACKGROUND_LARGE = 10_000
_OWN_STUDY = compile_exact(
    r"\b(we|our|this study|the study|included|enrolled|recruited|studied|analy[sz]ed|"
    r"identified|participated|underwent|received|randomi[sz]ed|completed|surveyed|used|"
    r"data from|collected|interviewed)\b",
    re.I,
)
# reviews: what says the abstract is one, and what marks an outcome's own numbers
_REVIEW = compile_pattern(
    r"systematic(?:ally)? review|meta-?analy|scoping review|umbrella review|"
    r"literature search|(?:searched|search of|searches of)\s+(?:[\w,/&-]+\s+){0,8}?"
    r"(?:databases?|pubmed|medline|embase|cochrane|web of science|scopus)",
    ignore_case=True,
)
_STUDY_WORDS = compile_exact(
    r"\b(?:studies|study|trials|RCTs|articles|publications|papers|reports|cohorts|included|"
    r"total|pooled from|involving|comprising|comprised|analy[sz]ed data)\b",
    re.I,
)
_EFFECT = re.compile(
    r"\b(?:RR|OR|HR|MD|SMD|WMD|CI|I2|I²|odds ratio|risk ratio|hazard ratio|mean difference|"
    r"relative risk|effect size|p\s*[<=>])\b",
    re.I,
)
# what a review counts besides people: an "n = N" after these counts them
_REVIEWED_BEFORE = re.compile(
    r"\b(?:studies|study|trials|RCTs|articles|publications|papers|reports|records|citations|"
    r"abstracts|reviews|meta-analyses)\b[^.;]*$",
    re.I,
)
_NUMBER_BEFORE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred)\b",
    re.I,
)


def _studies_counted(before: str) -> bool:
    """In a review, an unlabelled "n = N" right after studies counts them ("included
    studies (n = 32)"), unless the studies have their own number, when it counts
    their participants ("seven studies (n = 1358)")."""
    m = _REVIEWED_BEFORE.search(before)
    return m is not None and not _NUMBER_BEFORE.search(before[: m.start()])


_STUDY_ANCHOR = re.compile(
    # "85% of the group (n = 203)": the group with no name is the whole sample ("the PCA
    # group (n = 20)" is an arm, named)
    r"(?:trial|study|cohort|sample|population|data|participants|studies|survey|"
    r"(?:the|whole|entire|study) group)\s*[\[(]\s*$",
    re.I,
)
# one case: the abstract says it reports one, and names the person.  The verbs
# cue a case only as what the authors do now ("we present", "this clinical report
# describes", "reports a 45-year-old"; not "we previously reported"); bare,
# they are a review's or a protocol's ("may present in a clinically similar
# fashion", "cohorts ... to describe the prevalence", "published case reports
# were reviewed"), whose "a single patient" or "a newborn" is nobody counted.
# (A passive "... is presented" was tried as a cue and brought a review's
# "a newborn" back: see docs/brief-extraction.md, fifteenth round.)
_CASE_CUE = compile_pattern(
    r"\bcase report\b|\bcase of\b|\b(?:we|here|(?:the|this|our)\s+(?:[\w-]+\s+)?"
    r"(?:paper|article|report|authors?))\s+(?:\w+\s+)?(?:report|present|describe)s?\b|"
    # "we have presented / reported": the present perfect is this paper's report
    # ("we previously reported" stays out)
    r"\bwe\s+have\s+(?:report|present|describ)ed\b|"
    r"\b(?:report|present|describe)s?\s+(?:a|an|one)\b|"
    r"\b(?:this|the|present|our)\s+case\b|\d+-year-old\b|\bcase presentation\b",
    ignore_case=True,
)
_ONE_CASE_WORD = compile_pattern(
    # "reported a case", "report herein a seventh case" (an ordinal numbers the
    # case among the literature's; the paper still reports one)
    r"\b(?:report|present|describ)(?:e[sd]?|s|ed)?\s+(?:here(?:in)?\s+)?(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(case)\b"
    # "A case of twin abdominal gestation is presented": the passive names the case
    r"|\b(?:a|one)\s+(case)\s+of\b[^.;]{0,200}?\b(?:is|was)\s+(?:presented|reported|described)\b",
    ignore_case=True,
)
# a cue that names the case itself ("case report", "a case of", "this case", "reports a
# 45-year-old", "we describe an embryonal RMS", "the patient whose case we report"), not
# the bare "we present" / "here we describe" that opens a protocol, a technique, a survey
# or a recommendation
_CASE_NAMED = compile_pattern(
    r"\bcase report\b|\bcase of\b|\b(?:this|the|present|our|whose|his|her)\s+case\b|"
    r"\d+-year-old\b|"
    r"\bcase presentation\b|\b(?:report|present|describe)s?\s+(?:a|an|one)\b|"
    r"\bwe\s+have\s+(?:report|present|describ)ed\b",
    ignore_case=True,
)
# the case's person named again as the subject of what happened to them ("The patient
# received", "Our patient had", "the recipient presented"): in an abstract that reports
# a case and counts nobody, the one person it reports
_THE_PATIENT = compile_pattern(
    r"\b(?:the|our)\s+(patient|recipient|man|woman|boy|girl|child|infant)\s+"
    # (the past, not the present: "the patient is placed prone", "when the patient has a
    # vital capacity" is how a technique or a guideline speaks of anyone)
    r"(?:was|had|received|underwent|presented|developed|died|recovered|improved|"
    r"complained|chiefly|showed|required|remained|needed|whose)\b",
    ignore_case=True,
)
# more than one person in the report ("the first patient", "both patients", "two
# cases"): the case's "the patient" is then one of them
_SEVERAL = compile_pattern(
    r"\b(?:two|three|four|five|both|first|second|\d+)\s+(?:[\w-]+\s+)?"
    r"(?:patients?|cases?|children|sibs|siblings|observations)\b",
    ignore_case=True,
)
# a few cases the authors report: a number word before the case noun in a sentence
# where the authors report them ("We report two sibs", "Two case histories are
# reported", "Two examples of ... are presented", "described with three case reports")
_FEW_CASES = compile_pattern(
    r"\b(?:we|here)\s+(?:\w+\s+)?(?:report|present|describe)s?\s+(two|three|four|five)\s+"
    r"(cases|case reports|case histories|observations|sibs|siblings)\b"
    r"|\b(two|three|four|five)\s+(cases|case reports|case histories|observations)\s+"
    r"(?:of\s+[^.;]{0,120}?)?(?:are|were)\s+(?:presented|reported|described)\b"
    # "examples" only of something named ("Two examples of nasal encephaloceles"): a
    # bare "Two examples are presented" is a method's worked examples
    # and only when a disease or a person follows ("Two examples of its use" is a method's)
    r"|\b(two|three|four|five)\s+(examples)\s+of\s+(?:[\w-]+\s+){0,2}?"
    r"(?:\w+(?:osis|oses|itis|omas?|celes?|pathy|pathies|emias?|plasias?|trophy|syndromes?|"
    r"diseases?|disorders?|anomal(?:y|ies)|malformations?|lesions?|tumou?rs?|fractures?|"
    r"injur(?:y|ies)|infections?)|patients|children|men|women|sibs|siblings|families|twins)\b"
    r"[^.;]{0,120}?(?:are|were)\s+"
    r"(?:presented|reported|described)\b"
    r"|\b(?:described|presented|reported)\s+with\s+(two|three|four|five)\s+(case reports)\b",
    ignore_case=True,
)
# cited cases: "in the literature two cases were described"
_IN_LITERATURE = compile_exact(r"\bin\s+the\s+(?:\w+\s+)?literature\b", re.I)
_FEW_NOW = compile_exact(
    r"\bare\s+(?:presented|reported|described)\b|\bwith\s+\w+\s+case reports\b", re.I
)
_FEW = {"two": 2, "three": 3, "four": 4, "five": 5}
_ONE_CASE = compile_pattern(
    r"\b(?:a|an|one)\s+(?:\d+-(?:year|month|week|day)-old,?\s+)?(?:[\w-]+,?\s+){0,3}?"
    r"(man|woman|boy|girl|patient|infant|child|female|male|gentleman|lady|neonate|newborn|"
    r"recipient)\b"
    # "58-years old woman complained of": an age before a person, with no article
    r"|\b\d+[- ]years?[- ]old,?\s+(man|woman|boy|girl|patient|female|male)\b(?:[^-]|$)",
    ignore_case=True,
)
# a title that names one patient ("Complete clinical remission in a patient with ..."):
# the paper reports a case even when its abstract says neither "case" nor "report"
_ONE_CASE_TITLE = compile_pattern(
    r"\b(?:in|of)\s+an?\s+(?:\d+-(?:year|month)-old\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:patient|man|woman|boy|girl|child|infant|neonate)\b(?:[^-]|$)",
    ignore_case=True,
)
# a study of many: "patients were treated" (a case report speaks of its patient)
_MANY = compile_pattern(
    r"\b(?:patients|participants|subjects|cases)\s+(?:were|received|underwent|had been)\b",
    ignore_case=True,
)
# a sentence that assigns people to arms: its counts are arms of a sample already counted
_ASSIGNED = compile_exact(r"\b(?:randomi[sz]ed|randomly|assign(?:ed)?|allocat(?:ed|ion))\b", re.I)
_CONTROLS = compile_exact(
    r"\bcontrols\b|\b(?:as|a|healthy) control\b|\bcontrol (?:subjects|group|participants|"
    r"individuals|volunteers)\b",
    re.I,
)
# one more group of the sample, named as such ("In a fourth group a moderate contusion
# only was induced in 14 animals", "Another group of 12 volunteers ..."); "the second
# group" refers to a group counted before, so only the indefinite article counts
_ANOTHER_GROUP = compile_exact(
    r"\b(?:an?\s+(?:second|third|fourth|fifth|sixth|further|additional|separate)|another)"
    r"\s+group\b",
    re.I,
)
# "... in two patients. The other three patients responded moderately": the rest of the
# sample, as the sentence's subject ("In the other 11 children" is said of a part)
_THE_OTHER = re.compile(rf"\s*the other\s+(?:{_NUMBER})\b", re.I)
# "...; 20 (33%) had complete injuries": a number opening a clause on what some did
_PART_CLAUSE = re.compile(
    rf"(?:^|[,;:]\s*|\band\s+)({BOUNDED_NUMBER})\s+(?:\(\s*\d[\d.]*\s*%\s*\)\s*)?"
    r"(?:were|was|had|received|underwent|died|developed|showed|required|did)\b",
    re.I,
)
# "Of 30 patients, 12 received A": the sentence opens on the whole
_OF_TOTAL = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z ,&/-]{{1,40}}:\s*)?(?:of|among)\s+(?:the\s+)?{_DIGITS}", re.I
)


def _rest_of_total(before: str, total: int, rest: int) -> bool:
    """Whether "The other ``rest``" is the rest of the ``total`` the sentence ``before``
    counted ("Sixty patients were included; 20 patients had complete injuries. The other
    40 ...", "Of 30 patients, 12 received A. The other 18 ..."): then the total is the
    sample, and the rest is a part of it, not one more group."""
    if rest >= total:
        return False
    if _OF_TOTAL.match(before):
        return True
    # the part must count people of that sentence (a count the grammar reads there, or a
    # number opening a clause on what some of them did: "20 (33%) had ..."), not any
    # number in it (an age, a dose, a year, a score: "aged 20 years")
    parts = {c.value for c in _counts(before, False, frames=False)}
    parts.update(_value(m.group(1)) for m in _PART_CLAUSE.finditer(before))
    return any(part + rest == total for part in parts if part != total)


# where a sentence ends: ". Next", a line break, or before a structured-abstract label
_SENTENCE_END = compile_pattern(r"[.!?]\s+[A-Z0-9(\[]|\n+|[a-z]\s+[A-Z][A-Z /&-]{3,}:")
# the same program without captures on an ASCII text's bytes, whose offsets are the
# characters': ``_sentence_ends`` reads its spans without a match object each
_SENTENCE_END_BYTES = BytesPattern(_SENTENCE_END.pattern)
_SENTENCE_END_RE2 = engine(_SENTENCE_END) == "re2"


def _sentence_ends(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``_SENTENCE_END`` match in ``text``, in order, as its
    ``finditer`` finds them: for an ASCII text (most abstracts) the same RE2 program
    and match loop on the bytes (``fastre._matches``), found one at a time (the
    caller may stop early)."""
    if _SENTENCE_END_RE2 and text.isascii():
        return _SENTENCE_END_BYTES.iter_spans(text.encode())
    return (m.span() for m in _SENTENCE_END.finditer(text))


# a count that opens its sentence (after a structured-abstract label and a
# preposition or two) is what the sentence is about: "Thirty-two patients were
# treated", "METHODS: In 249 ship repair workers, ..."
_SUBJECT_BEFORE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z ,&/-]{1,40}:\s*)?(?:(?:in|of|among|from|for|on|overall,?|all|the|"
    r"these|our|we|here,?|then|data|a|an|total|consecutive|adult|young|\w+ly)\s+){0,3}"
    r"(?:[<>≥~]|over|more than|about|approximately|nearly|almost)?\s*$",
    re.I,
)
# "a cohort of", "a series of 12", "trial in 60": a design noun names the count
_DESIGN_BEFORE = re.compile(
    r"\b(?:study|trial|cohort|series|sample|survey|population|group|review|analysis|"
    r"experience|investigation|audit|records?|charts?|data|images|scans|samples|recordings)"
    r"\s+(?:of|in|on|among|from|with|"
    r"involving|including)\s+(?:the\s+)?$",
    re.I,
)

# what the study did to them: "was performed in 113 patients", "placed in 110
# patients", "images from 335 adolescents", "there were 234 children"
_DONE_TO = re.compile(
    r"(?:\b\w+(?:ed|en|wn)\s+(?:\w+\s+){0,3}?(?:in|on|for|from|of|to|with|by|among)|"
    r"\bthere (?:were|was)|\b(?!remaining|including|following|according|excluding)[a-z]+(?:ed|ing)|"
    r"\b(?:identified|described|assessed|observed|followed|interviewed|surveyed|tested|"
    r"reviewed|examined|evaluated))\s+(?:the\s+|all\s+)?$",
    re.I,
)

# what happened to some of them, not what the study did to them: "sRDH occurred in 63
# patients", "Complications developed in 12 patients" (``_DONE_TO`` reads any
# participle before "in" as the study's doing)
_EVENT_IN = re.compile(
    r"\b(?:occurred|developed|died|relapsed|recurred|appeared|arose|resolved|persisted|"
    r"improved|worsened|progressed)\s+(?:\w+\s+){0,2}?(?:in|among)\s+(?:the\s+|all\s+)?$",
    re.I,
)
# a sentence that reports a result: a statistic, or what happened to people
_RESULT = compile_pattern(
    r"\bp\s*[<=>≤]|\b95\s*%|\bCI\b|\b(?:odds|hazard|risk) ratio|\b(?:died|developed|"
    r"experienced|required|achieved|survived|relapsed|responded|improved|showed|were alive|"
    r"remained|suffered|occurred)\b",
    ignore_case=True,
)
# "Among the 116 patients undergoing surgery, 50 achieved ...": the count a
# result is a share of, at best those analysed
_DENOMINATOR = re.compile(
    r"\s*(?:[A-Z][A-Za-z ,&/-]{1,40}:\s*)?(?:of|among|amongst|in|for)\s+(?:the|all|these|our)?\s*"
    r"(?:remaining|included|enrolled|evaluable)?\s*$",
    re.I,
)
# a results or conclusions section, and a subject that does a result
_OUTCOME_LABEL = re.compile(r"\s*(?:RESULTS?|FINDINGS|CONCLUSIONS?|OUTCOMES?)\b[^:]{0,30}:")
_DOES_RESULT = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,3}?(?:died|developed|experienced|required|"
    r"achieved|survived|relapsed|responded|improved|showed|were alive|are alive|remained|"
    r"suffered|had (?:a |an )?(?:significant|higher|lower|better|worse|greater))\b",
    re.I,
)
# a sentence under a structured-abstract label that introduces the sample
_METHODS_LABEL = re.compile(
    r"\s*(?:METHODS?|PARTICIPANTS?|SUBJECTS?|PATIENTS?|DESIGN|SETTING|MATERIALS?|POPULATION|"
    r"STUDY DESIGN|SAMPLE)\b[^:]{0,40}:"
)

TOTAL, ENROL, PLAIN, ANALYSED = 4, 3, 2, 1
_ROLE_NAMES = {TOTAL: "stated total", ENROL: "enrolled", PLAIN: "stated", ANALYSED: "analysed"}


@dataclass(frozen=True)
class Participants:
    number: int
    unit: str

    def __str__(self) -> str:
        return f"{self.number:,} {self.unit}"


class HasText(Protocol):
    """What :func:`participants_of` reads of a record."""

    @property
    def title(self) -> str: ...
    @property
    def abstract(self) -> str: ...


_value = number_value


@dataclass
class _Count:
    value: int
    unit: str
    start: int
    end: int
    subset: bool = False
    screen: bool = False
    per_group: bool = False
    joined: bool = False  # shares its unit with a neighbouring count
    frame: bool = False  # the whole group a sentence opens on ("Of the 2,925 subjects ...")
    enrolled: bool = False  # its own verb says it is the sample ("20 were recruited")
    # how the grammar found it ("noun", "n_eq", "n_eq_anchor", "bare_role", "number_of",
    # "k_n"): one of the cues monitor/triage/count_confidence.py weighs
    kind: str = "noun"


# abbreviated times unmake a count only as written, in lower case ("24 h"): "464 Group H
# participants" names a group (fixp20)
_TIME_ABBREVIATIONS = frozenset(["h", "hr", "hrs", "wk", "wks", "mo", "mos", "yr", "yrs"])


def _between_counts(between: str) -> bool:
    for word in between.split():
        word = word.strip(",")
        lowered = word.lower()
        if lowered in _NOT_BETWEEN and (lowered not in _TIME_ABBREVIATIONS or word == lowered):
            return False
    return True


# "In this study 19 adult patients ...": the study named as this one, not "Study 2"
_THIS_STUDY_BEFORE = re.compile(r"\b(?:this|the|our|present|current)\s+study,?\s*$", re.I)


def _labelled(sentence: str, start: int) -> bool:
    """Whether the number at ``start`` labels rather than counts (an age, a cord
    level, a strain, a group's name, a range's end)."""
    before = sentence[max(0, start - 14) : start]
    if _LABEL_BEFORE.search(before):
        wider = sentence[max(0, start - 30) : start]
        return not (
            _TOTAL_BEFORE.search(wider)
            or _COMPARED_TO.search(wider)
            or _THIS_STUDY_BEFORE.search(wider)
        )
    char = sentence[start - 1 : start]
    return bool(char) and (char.isalnum() or char in "-/.")


# a sentence that opens on its people ("Patients were ...", "All eligible adults were")
_SUBJECT_UNIT = re.compile(rf"\s*(?:[A-Za-z][\w-]*\s+){{0,2}}?({_UNIT})\s+(?:were|was)\b", re.I)


def _unit_near(sentence: str, start: int) -> str | None:
    """The participant noun closest before ``start`` in its sentence (within 90
    characters), else the first after it."""
    window = sentence[max(0, start - 90) : start]
    found = list(_UNIT_WORD.finditer(window))
    if found:
        return found[-1].group(0).lower()
    after = _UNIT_WORD.search(sentence, start)
    if after:
        return after.group(0).lower()
    # "Patients were randomized to receive 500-mg doses of A every 8 hours (n = 116) or B
    # every 6 hours (n = 119)": the sentence's subject, however far back
    subject = _SUBJECT_UNIT.match(sentence)
    return subject.group(1).lower() if subject else None


def _mark(count: _Count, sentence: str) -> None:
    after = sentence[count.end : count.end + 40]
    before = sentence[max(0, count.start - 40) : count.start]
    after_count = sentence[count.end : count.end + 20]
    if (_SUBSET_AFTER.search(after_count) and not _COMPOSITION_AFTER.search(after_count)) or (
        _SUBSET_BEFORE.search(before)
        and not _STUDY_INCLUDING.search(before)
        and not _studies_including(sentence[max(0, count.start - 90) : count.start])
    ):
        count.subset = True
    # the clause around the count: "12 patients remained" is not screened because
    # "0 patients were excluded; " comes before it, nor "14 athletes" in "Out of 29
    # invited athletes, 14 athletes made use of ..."
    near = (
        sentence[max(0, count.start - 30) : count.start].rsplit(";", 1)[-1].rsplit(",", 1)[-1]
        + sentence[count.start : count.end]
        + sentence[count.end : count.end + 30].split(";", 1)[0]
    )
    if (
        _SCREEN.search(near)
        and not _TOTAL_BEFORE.search(before)
        and not count.enrolled
        and not _eligible_taken(near, sentence[count.end : count.end + 90])
    ):
        count.screen = True
    if _PER_GROUP.search(after) or _GROUPS_OF_BEFORE.search(before):
        count.per_group = True


_RANGE_AFTER = re.compile(r"\s*(?:[-\u2013]|to\b)\s*(\d{1,6})(?![\d,.])")


# what only a count follows: "a total of", "the data of", "included" ... "1994 patients" is
# the number of people there, though 1994 could name a year ("In 2019 patients were
# ...", "between 2009 and 2019 were evaluated" stay years)
_COUNT_ONLY_BEFORE = re.compile(
    r"\b(?:(?:total|sample|data|records|charts|cohort|series)\s+of|"
    r"(?:included|enrolled|recruited|studied|analy[sz]ed|surveyed|interviewed|involved|"
    r"involving|including|comprising|comprised))\s+$",
    re.IGNORECASE,
)


def _a_year(sentence: str, start: int, value: int) -> bool:
    """Whether a number written in digits at ``start`` is a year, not a count: one from
    1900 to 2100, unless the words before it take only a count ("a total of 2034
    individuals", "the available data of 1994 patients"); read over the 40 characters
    before it, so a long sentence costs no more."""
    if not 1900 <= value <= 2100:
        return False
    return _COUNT_ONLY_BEFORE.search(sentence[max(0, start - 40) : start]) is None


def _joined_year(sentence: str, start: int, joined: re.Match[str]) -> bool:
    """Whether the number ``_JOINED_BEFORE`` found at ``start`` is a year, when it is one
    from 1900 to 2100: the words between it and the "and" say so, a year when they name
    no people ("We analyzed 2015 NHANES data and 50 children": the people come after), a
    count when they do ("15 studies containing 2028 cases and 2725 controls"); with no
    words between, ``_a_year`` ("August, 2019 and 463 respondents")."""
    digits = joined.group(1)
    value = _value(digits) if digits.isdigit() else 0
    if not 1900 <= value <= 2100:
        return False
    words = joined.group(2)
    if words.strip():
        return not _UNIT_WORD.search(words)
    return _a_year(sentence, start, value)


def _counts(sentence: str, review: bool, frames: bool = True) -> list[_Count]:
    """A sentence's counts; ``frames``: whether a group the sentence opens on ("Of the
    2,925 subjects ...") is one (not when the abstract counted it before)."""
    found: dict[int, _Count] = {}
    for m in _COUNT.finditer(sentence):
        start = m.start(1)
        number = m.group(1)
        # read before a year's words move ``start``: "Of the 1998 seventy survivors, 20
        # ..." opens on the seventy (the year is part of the group's name), which the
        # text before the words alone ("Of the 1998 ") would not show
        frame = frames and _FRAME_OPENS.match(sentence[:start]) is not None
        if (lead := _LEAD_WORDS.match(m.group(2))) is not None:
            # "Between 1974 and 1978 three children": the year is no count, the words are
            start, number = m.start(2), lead.group(1)
        elif (not frame and _labelled(sentence, start)) or not _between_counts(m.group(2)):
            continue
        if not _between_counts(m.group(2)[len(lead.group(0)) if lead else 0 :]):
            continue
        if _EARLIER_REPORTED.search(m.group(2)) or _EARLIER_REPORTED_AFTER.match(sentence, m.end()):
            continue  # "Fifteen previous patients were found" in the literature: not this study's
        value = _value(number)
        # "the proband and 3 other family members": the one named before is one more
        if m.group(2)[:6].lower() == "other " and _ONE_AND_OTHERS.search(sentence[:start]):
            value += 1
        if value <= 0 or (m.group(1).isdigit() and _a_year(sentence, start, value)):
            continue
        if _THRESHOLD_AFTER.match(sentence, m.end()) or _THRESHOLD_AFTER.match(
            sentence, m.end(1)
        ):
            # "20 patients or more", "treated by one or more consulting physicians": a
            # bound on a number, not a count of people (card21)
            continue
        if value == 1 and _ONE_STUDY.match(m.group(2)[len(lead.group(0)) if lead else 0 :]):
            continue
        unit = m.group(3).lower()
        count = _Count(value, unit, start, m.end(), frame=frame)
        found[start] = count
        # "614 of 804 eligible gravidas": the first number is the count
        of, of_start = _search_before(_OF_BEFORE, sentence, start)
        if of is not None:
            count.screen = True
            if _TOTAL_BEFORE.search(sentence[max(0, of_start - 30) : of_start]):
                found[of_start] = _Count(_value(of.group(1)), unit, of_start, start)
        # "Ten Black and 10 White volunteers": the number before shares the unit
        joined, j_start = _search_before(_JOINED_BEFORE, sentence, start)
        if (
            joined is None
            and ")" in sentence[max(0, start - 160) : start]
            and not found.keys() - {start}
        ):
            # "Eleven SCI (spinal lesions between T6 and L1) and 14 able-bodied persons":
            # the same, read without the first group's parenthesised description; only
            # as the sentence's first groups (after "16 volunteers including 6 younger
            # (12-15 years) and 10 older", they are parts of the count before)
            joined, j_start = _joined_through_parentheses(sentence, start)
        if (
            joined is not None
            and not _labelled(sentence, j_start)
            and j_start not in found
            and _between_counts(joined.group(2))
            and not _joined_year(sentence, j_start, joined)
        ):
            found[j_start] = _Count(_value(joined.group(1)), unit, j_start, start, joined=True)
            count.joined = True
            # "22 HFpEF, 17 HFmrEF and 15 HFrEF patients": a list before, one by one
            while True:
                listed, l_start = _search_before(_LISTED_BEFORE, sentence, j_start)
                if (
                    listed is None
                    or _labelled(sentence, l_start)
                    or l_start in found
                    or not _between_counts(listed.group(2))
                ):
                    break
                found[l_start] = _Count(
                    _value(listed.group(1)), unit, l_start, j_start, joined=True
                )
                j_start = l_start
        # ", 10 with multiple sclerosis and 5 with spinal cord injury"
        tail_at = m.end()
        while tail := _JOINED_AFTER.search(sentence[tail_at:]):
            group = 1 if tail.group(1) else 2
            t_start = tail_at + tail.start(group)
            if (
                t_start in found
                or _labelled(sentence, t_start)
                or _PRONOUN_ONE.match(sentence, t_start)
            ):
                break
            t_end = tail_at + tail.end(group)
            found[t_start] = _Count(_value(tail.group(group)), unit, t_start, t_end)
            found[t_start].joined = count.joined = True
            tail_at = t_end
        # "160 MP recipients and 151 nonrecipients": the other group named by the unit
        # with a negating prefix, no unit word of its own
        if (other := _NON_UNIT_AFTER.match(sentence, m.end())) is not None and other.group(
            2
        ).lower().endswith(unit.split()[-1]):
            o_start = other.start(1)
            if o_start not in found and not _labelled(sentence, o_start):
                found[o_start] = _Count(
                    _value(other.group(1)), unit, o_start, other.end(), joined=True
                )
                count.joined = True
    # (substring tests first: each RE2 call costs its wrapper even when nothing matches)
    for m in _N_EQ.finditer(sentence) if ("=" in sentence or ":" in sentence) else ():
        start = m.start(1)
        if any(c.start <= start < c.end for c in found.values()):
            continue
        if (to := _RANGE_AFTER.match(sentence, m.end(1))) and int(to.group(1)) > _value(m.group(1)):
            continue  # "(n = 5-6/group)": a range of group sizes, no count ("N = 5144-2733
            # women" is a count and its part)
        unit = (m.group(3) or "").lower() or None
        kind = "n_eq"
        if (
            unit is None
            and review
            and _studies_counted(sentence[max(0, m.start() - 40) : m.start()])
        ):
            continue  # a review's "included studies (n = 32)": studies, not people
        if unit is None:
            unit = _unit_near(sentence, m.start())
            if unit is None:
                head = sentence[max(0, m.start() - 12) : m.start()]
                parallel = _parallel_arm(sentence, found, m.start())
                if parallel is not None:
                    # "(FeDs, n = 12) or no supplementation (FeDns, n = 12)": an arm
                    # listed beside one already counted takes its unit
                    unit = parallel
                elif not _STUDY_ANCHOR.search(head):
                    continue
                else:
                    unit, kind = "participants", "n_eq_anchor"
        value = _value(m.group(1))
        if value > 0:
            found[start] = _Count(value, unit, start, m.end(), kind=kind)
    for m in (
        _BARE_ROLE.finditer(sentence)
        if " wer" in sentence
        or " wa" in sentence
        or " had" in sentence
        or ("survey" in sentence or "questionnaire" in sentence or "interview" in sentence)
        else ()
    ):
        group = 1 if m.group(1) else 2
        start = m.start(group)
        if start in found or _labelled(sentence, start) or review:
            continue  # (in a review "494 were included" counts studies or records)
        value = _value(m.group(group))
        unit = _unit_near(sentence, start) or "participants"
        if m.group(group).isdigit() and _a_year(sentence, start, value):
            continue  # "diagnosed between 2009 and 2019 were evaluated": a year
        if value > 0:
            found[start] = _Count(value, unit, start, m.end(group), enrolled=True, kind="bare_role")
    # the sentence's test and the spans counted before the shares, each taken once, so
    # that a sentence of many shares costs linear time (docs/benchmarks.md)
    enrols: bool | None = None
    opens: list[int] = []
    reach: list[int] = []  # the furthest end of the spans opening up to each
    for m in _SHARE_OF.finditer(sentence) if "%" in sentence else ():
        # "HHV-6B+ BALF from 147 of 553 (27%) individuals": the share's denominator is those
        # studied, unless the sentence enrols ("614 of 804 (76%) eligible women enrolled")
        if enrols is None:
            enrols = _SAMPLE_VERB.search(sentence) is not None
            for start, end in sorted((c.start, c.end) for c in found.values()):
                opens.append(start)
                reach.append(max(end, reach[-1]) if reach else end)
        if enrols:
            break
        at = bisect_left(opens, m.start(2) + 1) - 1  # the last span opening at or before
        if at >= 0 and m.start(2) < reach[at]:
            continue  # inside a count read before
        if _labelled(sentence, m.start(1)) or not _between_counts(m.group(3)):
            continue
        value = _value(m.group(2))
        if value > 0:
            found[m.start(2)] = _Count(value, m.group(4).lower(), m.start(2), m.end())
    for m in _NUMBER_OF.finditer(sentence) if "umber of" in sentence else ():
        value = _value(m.group(2))
        if value > 0 and m.start(2) not in found:
            found[m.start(2)] = _Count(
                value, m.group(1).lower(), m.start(2), m.end(2), enrolled=True, kind="number_of"
            )
    for m in _K_N.finditer(sentence) if "=" in sentence else ():
        value = _value(m.group(1))
        if value > 0:
            found[m.start(1)] = _Count(
                value, "participants", m.start(1), m.end(1), enrolled=True, kind="k_n"
            )
    counts = sorted(found.values(), key=lambda c: c.start)
    for count in counts:
        _mark(count, sentence)
    if counts and counts[0].frame:
        counts = _within_frame(sentence, counts)
    if review:
        kept = []
        for count in counts:
            inner = _parenthesis(sentence, count.start)
            if inner is not None and _EFFECT.search(inner):
                continue  # one outcome's pooled numbers
            kept.append(count)
        counts = kept
    return counts


def _search_before(
    pattern: re.Pattern[str], sentence: str, at: int, width: int = 40
) -> tuple[re.Match[str] | None, int]:
    """``pattern`` searched in the ``width`` characters before ``at``, and where its
    first group stands in ``sentence`` (-1 when it does not match)."""
    begin = max(0, at - width)
    match = pattern.search(sentence[begin:at])
    return match, (begin + match.start(1) if match is not None else -1)


def _joined_through_parentheses(sentence: str, start: int) -> tuple[re.Match[str] | None, int]:
    """``_JOINED_BEFORE`` on the 160 characters before ``start`` with their parenthesised
    asides removed (none holding "=" or "%", which are counts or shares, not a group's
    description), and where the number it finds stands in ``sentence``."""
    begin = max(0, start - 160)
    kept: list[int] = []  # the sentence offset of each character kept
    depth = 0
    aside = ""
    for at in range(begin, start):
        char = sentence[at]
        if char == "(":
            depth += 1
        if depth:
            aside += char
        else:
            kept.append(at)
        if char == ")" and depth:
            depth -= 1
            if not depth:
                if "=" in aside or "%" in aside:
                    return None, -1
                aside = ""
    if depth:
        return None, -1
    text = "".join(sentence[at] for at in kept)
    # only what the asides brought within reach: the plain text was read already
    joined = _JOINED_BEFORE.search(text[-40:])
    if joined is None:
        return None, -1
    at = kept[len(text) - len(text[-40:]) + joined.start(1)]
    if at and not sentence[at - 1].isspace():
        return None, -1  # "Hospital #1 (training cohort) and 123 cases": a name's number
    return joined, at


# a sentence that opens on a group: "Of the 2,925 subjects who attended the clinic, 904
# received ...", "Among all 312 children seen, ..." (a section label may come first; a
# label opens on a capital, case-sensitively, so "in short: of the 40 ..." is no label)
_FRAME_OPENS = re.compile(
    r"^\s*(?:(?-i:[A-Z])[A-Za-z ,&/-]{1,40}:\s*)?(?:of|among|amongst)\s+(?:the|all|these|those)\s+"
    r"(?:(?:the|all)\s+)?$",
    re.IGNORECASE,
)


# the people a data source holds, not those a study took from it
_HELD_IN = re.compile(
    r"\bin (?:the|a|our|this)\s+(?:[\w-]+\s+){0,3}?(?:database|registry|register|claims)\b", re.I
)


def _within_frame(sentence: str, counts: list[_Count]) -> list[_Count]:
    """The counts of a sentence that opens on a group ("Of the 2,925 subjects who
    attended the clinic, 904 received radium treatment"): the counts after it are
    its parts, so the group is the sentence's count; a screening frame ("Of the 2135
    persons eligible, 93.5% have been traced") counts only when the sentence counts
    nobody else, since "Of the 1,200 screened, 300 were enrolled" enrolled 300
    (docs/card-labelling.md participants rule 1); so does a data source's holdings
    ("Of the 3,186,751 patients in the database, 3,946 older adults were eligible"), while
    a registry study with no other count studied them all.  Whether the group was counted
    before is read by ``read_counts``, which sees the whole abstract."""
    frame, rest = counts[0], counts[1:]
    clause = sentence[frame.end :].split(",", 1)[0]
    if (frame.screen or _HELD_IN.search(clause)) and rest:
        return rest
    frame.screen = False
    for count in rest:
        count.subset = True
    return counts


def _parenthesis(sentence: str, at: int) -> str | None:
    """The text of the innermost parenthesis or bracket around ``at``, if any."""
    depth = 0
    for i in range(at - 1, -1, -1):
        ch = sentence[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                close = re.search(r"[)\]]", sentence[at:])
                return sentence[i : at + close.end() if close else len(sentence)]
            depth -= 1
    return None


_BRACKETS = re.compile(r"[()\[\]]")


def _in_parentheses(sentence: str, starts: list[int]) -> list[bool]:
    """For each of the ascending ``starts``, whether ``_parenthesis`` finds it within
    one: a single pass over the sentence's brackets (an opening one stays open until a
    closing one meets it), where asking each count walked the sentence back, a square
    in a sentence of many counts."""
    result: list[bool] = []
    depth = 0
    brackets = _BRACKETS.finditer(sentence)
    bracket = next(brackets, None)
    for start in starts:
        while bracket is not None and bracket.start() < start:
            if bracket.group() in "([":
                depth += 1
            elif depth:
                depth -= 1
            bracket = next(brackets, None)
        result.append(depth > 0)
    return result


def _in_background(sentence: str, number: int) -> bool:
    if _BACKGROUND.search(sentence) is None and (
        number < BACKGROUND_LARGE or _BACKGROUND_LARGE.search(sentence) is None
    ):
        return False
    return _OWN_STUDY.search(sentence) is None


# a statistic in the sentence: an event tested over a sample ("sRDH occurred in 63
# patients ..., p < 0.05") is an outcome of a larger group, written or not
_STATISTIC = re.compile(r"\bp\s*[<=>≤]|\b95\s*%|\bCI\b|\b(?:odds|hazard|risk) ratio", re.I)


def _larger_count(text: str, value: int) -> bool:
    """Whether ``text`` (the abstract and its title) counts more people than ``value``
    anywhere: "recovery occurred
    in 40 patients" with no statistic is a subgroup of a larger sample only when one is
    written; with none it is the best reading of the sample."""
    # the grammar's own counts of the whole text ("3,078 HCW were included", "733 of 754
    # (97.2%) consecutive patients"): read only for such a sentence, which is rare
    return any(c.value > value for c in _counts(text, False))


def _role(
    sentence: str, counts: list[_Count], enrolled: bool = True, text: str | None = None
) -> int | None:
    """What the sentence makes of its counts; None when a sentence that reports a
    result does not say they are the study's sample (precision first: a number
    with no established role there is a subgroup more often than the sample).
    ``enrolled``: the abstract says people were enrolled, recruited or randomised,
    so a bare "analysed" marks those left after losses (else the analysis is the
    study's own work and its count the sample)."""
    first = counts[0]
    before = sentence[max(0, first.start - 30) : first.start]
    if (
        _ANALYSED.search(sentence)
        or (enrolled and _ANALYSIS_WORD.search(sentence))
        or (not first.frame and _DENOMINATOR.match(sentence[: first.start]))
        or follow_up_count(sentence)
    ):
        return ANALYSED
    if _EXPLICIT_TOTAL.search(before) or _TOTAL_WORD.search(sentence):
        return TOTAL
    if not _RESULT.search(sentence):
        return PLAIN  # no result reported: a count stated here is the sample or its part
    if any(c.enrolled for c in counts) or _ENROL.search(sentence):
        return ENROL
    opens = _SUBJECT_BEFORE.search(sentence[: first.start])
    if (
        opens
        and not _OUTCOME_LABEL.match(sentence)
        and not _DOES_RESULT.match(sentence[counts[-1].end : counts[-1].end + 60])
    ):
        return PLAIN  # the sentence's subject ("Thirty-two patients were treated")
    lead = sentence[max(0, first.start - 60) : first.start]
    if (
        _DESIGN_BEFORE.search(before)
        or (
            _DONE_TO.search(lead)
            and (
                not _EVENT_IN.search(lead)
                or (
                    text is not None
                    and not _STATISTIC.search(sentence)
                    and not _larger_count(text, first.value)
                )
            )
        )
        or _METHODS_LABEL.match(sentence)
    ):
        return PLAIN  # a design's count ("a cohort of 60") or what was done to them
    return None  # a result about some of them: "21 patients in the severe group had ..."


# a time point of the study's schedule just before a count: "at baseline (n = 321), 6
# months (n = 211) and 12 months (n = 144)" counts one sample again, not arms
_TIME_POINT_BEFORE = re.compile(
    r"(?:\bbaseline|\bfollow[\s-]?up|\bvisit\s*\d*|\bwave\s*\d+|\bT\d|"
    r"\b(?:\d+|one|two|three|six|twelve|eighteen|twenty-four)[\s-]+"
    r"(?:days?|weeks?|months?|years?)(?:\s+(?:later|after\s+\w+|post[\w-]*))?)"
    r"\s*[,:]?\s*[(\[]?\s*(?:[nN]\s*=\s*)?$"
)


def _at_time_points(sentence: str, counts: list[_Count]) -> bool:
    """Each of two or more counts follows a time point of the schedule: the same
    people counted at successive assessments."""
    if len(counts) < 2:
        return False
    for c in counts:
        m = _TIME_POINT_BEFORE.search(sentence[max(0, c.start - 40) : c.start])
        if m is None:
            return False
        # "for 3 days (102 patients) or ... for 7 days (100 patients)": arms given
        # for lengths of treatment, not one sample at assessment times
        window = sentence[max(0, c.start - 60) : c.start]
        if _LENGTH_BEFORE.search(window[: len(window) - len(m.group(0))]):
            return False
    return True


_LENGTH_BEFORE = re.compile(r"\b(?:for|during|over)\s+$", re.IGNORECASE)


def _parallel_arm(sentence: str, found: dict[int, _Count], at: int) -> str | None:
    """The unit of an "n = N" count just before ``at`` in ``sentence`` (within 80
    characters, no other number between, joined by "or"/"and"/"versus"/a comma): an
    unlabelled "n = N" there is a parallel arm of the same people."""
    before = [c for c in found.values() if c.end <= at and c.kind == "n_eq"]
    if not before:
        return None
    last = max(before, key=lambda c: c.end)
    gap = sentence[last.end : at]
    if len(gap) > 80 or any(ch.isdigit() for ch in gap) or not _ARM_JOIN.search(gap):
        return None
    return last.unit


_ARM_JOIN = re.compile(r"\b(?:or|and|versus|vs)\b|,", re.IGNORECASE)


def _sentence_value(sentence: str, counts: list[_Count]) -> tuple[int, str, list[_Count]] | None:
    """The sample a sentence states: its total, or its arms summed; when its counts
    are one sample at successive time points, the first (those assessed at the
    start, the number studied: docs/card-labelling.md participants rule 1)."""
    counts = _without_restated_parts(sentence, [c for c in counts if not c.subset and not c.screen])
    counts = _without_composition(sentence, counts)
    if not counts:
        return None
    if _at_time_points(sentence, counts):
        return counts[0].value, counts[0].unit, counts[:1]
    per_group = [c for c in counts if c.per_group]
    if per_group and len(per_group) == len(counts):
        groups = _GROUPS.search(sentence)
        if groups is None:
            return None
        word = groups.group(1).lower()
        k = int(word) if word.isdigit() else _ONES[word]
        c = per_group[0]
        return c.value * k, c.unit, [c]
    counts = [c for c in counts if not c.per_group]
    if (assigned := _assigned_arms(sentence, counts)) is not None:
        return assigned.value, assigned.unit, [assigned]
    if (control := _control_clause(sentence, counts)) is not None:
        sample = _sentence_value(sentence, [c for c in counts if c is not control])
        if sample is not None:
            parts = [*sample[2], control]
            return sample[0] + control.value, _unit_of(parts), parts
    humans = [c for c in counts if c.unit not in _ANIMALS]
    counts = humans or counts  # people and animals are never summed
    if len(counts) == 1:
        only = counts[0]
        if only.unit != "controls" and "controls" in sentence:
            after = sentence[only.end :]
            if _EQUAL_CONTROLS.search(after):
                return 2 * only.value, "participants", counts[:1]
            matched = _MATCHED_K.search(after)
            per_case = _value(matched.group(1)) if matched else 0
            if 0 < per_case <= 10:
                return only.value * (1 + per_case), "participants", counts[:1]
        return only.value, only.unit, counts[:1]
    within = _in_parentheses(sentence, [c.start for c in counts])
    inside = [c for c, held in zip(counts, within, strict=True) if held]
    outside = [c for c, held in zip(counts, within, strict=True) if not held]
    if outside:
        joined = (
            _run_and_groups(sentence, outside)
            or _listed(sentence, outside)
            or _parallel_groups(sentence, outside)
            or _parallel_clauses(sentence, outside)
        )
        whole = [c for c in joined if 2 * c.value == sum(d.value for d in joined)]
        if len(joined) > 2 and whole:
            joined = whole[:1]  # "119 patients, 57 received A and 62 received B": the total
        # "Ten Black and 10 White volunteers" are one sample; else the largest
        total = sum(c.value for c in joined) if joined else max(c.value for c in outside)
        if not inside or total >= max(c.value for c in inside):
            largest = max(outside, key=lambda c: c.value)
            if joined:
                return total, _unit_of(joined), joined
            return total, largest.unit, [largest]
        # "randomized to A (102 patients) or B (100 patients)": arms in parentheses
        counts = inside
    counts = _without_subsets(sentence, counts)
    first, rest = counts[0].value, sum(c.value for c in counts[1:])
    if first == rest and not _matched_pair(counts):
        return first, counts[0].unit, counts[:1]  # "(N = 138) ... (n = 46), (n = 46), (n = 46)"
    # one sample classified twice: "A (n=6) versus B (n=14) in subacute (n=8) and
    # chronic (n=12) patients" is 20, not 40: the first run of parts is half of all
    total = first + rest
    run = 0
    for i, c in enumerate(counts[:-1]):
        run += c.value
        # between the parenthesis closing one run and the one opening the next
        gap = sentence[c.end : counts[i + 1].start]
        opens = gap.rfind("(")
        gap = _without_parentheses(gap[gap.find(")") + 1 : opens if opens >= 0 else len(gap)])
        if 2 * run == total and 0 < i < len(counts) - 2 and not _RUN_JOIN.search(gap):
            return run, _unit_of(counts[: i + 1]), counts[: i + 1]
    return total, _unit_of(counts), counts


def _without_restated_parts(sentence: str, counts: list[_Count]) -> list[_Count]:
    """The counts without those that restate part of a count before them, which are
    not another group of the sample (docs/brief-extraction.md, parts11): a bare number
    after a comma and before a qualifier ("2326 patients, 570 with MDI": those of the
    2,326 with MDI), and an "n = N" labelled as a subsample ("the whole sample (n = 87)
    or the subsample (n = 42)").  A run of such parts that sums to the count before it
    ("50 patients, 20 with A, 30 with B") is left to the whole-of-parts tests."""
    kept: list[_Count] = []
    for i, c in enumerate(counts):
        last = kept[-1] if kept else None
        if last is not None and c.value < last.value:
            gap = sentence[last.end : c.start]
            bare_subset = (
                gap.strip() == ","
                and last.kind == "noun"
                and c.end - c.start == len(sentence[c.start : c.end].split()[0])
                and _QUALIFIER_AFTER.match(sentence[c.end : c.end + 20]) is not None
                and sum(d.value for d in counts[i:]) != last.value
            )
            # "subgroup A (n = 30) and subgroup B (n = 20)": two parts, both labelled so
            since = counts[i - 2].end if i >= 2 else 0
            sub_label = (
                c.kind.startswith("n_eq")
                and _SUB_LABEL.search(_label_before(sentence, last.end, c.start)) is not None
                and _SUB_LABEL.search(_label_before(sentence, since, last.start)) is None
            )
            if bare_subset or sub_label:
                continue
        kept.append(c)
    return kept


def _label_before(sentence: str, since: int, at: int) -> str:
    """The words before an "(n = N)" at ``at`` back to ``since`` (the count before)."""
    text = sentence[since:at]
    opens = text.rfind("(")
    return text[:opens] if opens >= 0 else text


_QUALIFIER_AFTER = re.compile(r"\s+(?:with|without|who|having|had)\b", re.I)
_SUB_LABEL = re.compile(r"\bsub-?(?:samples?|groups?|sets?|stud(?:y|ies)|cohorts?)\b", re.I)


def _assigned_arms(sentence: str, counts: list[_Count]) -> _Count | None:
    """The sample of "adults (N = 138) were randomly assigned to A (n = 46), B (n = 46)
    or C (n = 46)": the arms named after the assignment verb are parts of the one count
    before it, whether or not the grammar found every arm (docs/card-labelling.md
    participants rule 1.1: the randomised count)."""
    if len(counts) < 2:
        return None
    first = counts[0]
    verb = _ASSIGNED.search(sentence, first.end)
    if verb is None or counts[1].start < verb.end():
        return None
    if all(c.value < first.value for c in counts[1:]):
        return first
    return None


# a group said to be the study's controls: "150 patients matched for age ... served as
# control group", "Ten volunteers were used as healthy controls"
_AS_CONTROLS = re.compile(
    r"\b(?:served|used|acted|(?:were|was)\s+(?:used|included|recruited|enrol+ed|studied))\s+"
    r"as\s+(?:the\s+|an?\s+)?(?:\w+\s+)?controls?\b",
    re.I,
)


def _control_clause(sentence: str, counts: list[_Count]) -> _Count | None:
    """The last count when it opens a clause of its own after a semicolon, every other
    count stands before that semicolon, and its clause says it served as the controls
    ("We analyzed the charts of 150 consecutive patients ...; 150 patients matched for
    age ... served as control group"): a group added to the sample (docs/card-labelling.md
    participants rule 5), as a control group in the next sentence is."""
    if len(counts) < 2:
        return None
    last = counts[-1]
    semi = sentence.rfind(";", 0, last.start)
    if semi < 0 or counts[-2].end > semi or sentence[semi + 1 : last.start].strip():
        return None
    clause = sentence[last.end :].split(";", 1)[0]
    if not _AS_CONTROLS.search(clause) or _ASSIGNED.search(clause):
        return None
    return last


def _run_and_groups(sentence: str, counts: list[_Count]) -> list[_Count]:
    """The counts joined to one unit ("22 HFpEF, 17 HFmrEF and 15 HFrEF patients"), with
    the groups listed after them as ``_listed`` or ``_parallel_groups`` would list them
    beside the run's last count ("... patients as well as 19 healthy volunteers"): the
    run is one group of the sample and the groups after it are others."""
    run = [c for c in counts if c.joined]
    if not run:
        return []
    after = [c for c in counts if c.start >= run[-1].end]
    if after and (
        _listed(sentence, [run[-1], *after]) or _parallel_groups(sentence, [run[-1], *after])
    ):
        return run + after
    return run


def _matched_pair(counts: list[_Count]) -> bool:
    """Two equal counts of different kinds of people ("(883 cases) ... (883 controls)"):
    groups matched one to one, not a total and its one part."""
    return len(counts) == 2 and counts[0].unit != counts[1].unit


# between two groups of one sample stated in parallel: what ends the gap before the next
# group ("..., and 4104 nonexposed subjects", "and in 5265", "compared these responses
# with those in 25 adult controls", "when compared with the risk among 2,021")
_GROUP_JOIN_END = re.compile(
    r"(?:\band|\bversus|\bvs\.?|\bcompared\b[^.;:]{0,60}?\b(?:with|to))\s+"
    r"(?:one\s+(?=with\s+$))?(?:(?:in|among|to|with|those|the|of)\s+){0,3}$",
    re.I,
)
# what makes a later count a part of an earlier one, or a clause of its own
# the words of a part cue (``_PART_CUE``; ``_PART_WORDS`` without its semicolon)
_PART_WORDS_RX = (
    r"\b(?:including|included|of whom|of these|of them|among them|among whom|consisting|"
    r"comprising|i\.e|namely)\b"
)
_PART_CUE = re.compile(_PART_WORDS_RX + r"|[;:]", re.I)
# a count that is the subject of its own clause ("55 were randomly assigned", "1000
# participants were male", "8 cases became seizure-free"): a part or a result, not a group
_CLAUSE_AFTER = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,3}?(?:were|was|had|have|has|became|did|died|"
    r"developed|showed|failed|achieved|received|underwent|exhibited|required)\b",
    re.I,
)


# a number standing alone between two groups ("13 studies with ... and 4 studies with"):
# another count may stand there; a cord level ("C6 to C8") or an age range ("aged 4-5
# years") does not
_STANDALONE_NUMBER = re.compile(r"(?<![\w.,/-])\d[\d,]*(?![\w./-])")
# what the same people went on to do (an attrition or analysis verb, as
# ``_ATTRITION_CONTEXT``'s counterpart): the subject's count is the earlier group's
# continuation, not a group of its own
_CONTINUED_AFTER = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:[\w-]+\s+){0,3}?(?:(?:were|was|had been)\s+(?:\w+ly\s+)?)?"
    r"(?:completed|finished|analy[sz]ed|remained|followed(?:\s+up)?|retained|"
    r"available for (?:follow-?up|analysis))\b",
    re.I,
)
# a second group of another kind than the first (as ``_matched_pair``'s cases and controls)
_OTHER_KIND = re.compile(r"\b(?:controls?|referents?|non-?exposed|unexposed|healthy)\b", re.I)
_NUMBER_TOKEN = re.compile(r"[\d,.]+|and", re.I)


def _one_group_twice(sentence: str, counts: list[_Count]) -> bool:
    """Two equal counts that mention one group twice: worded alike (numbers compared by
    value) or the second the first's continuation (``_CONTINUED_AFTER``), unless the
    second is another kind of person ("88 cases and 88 matched controls completed")."""
    if len(counts) != 2 or counts[0].value != counts[1].value:
        return False
    second = _described(sentence, counts[1])
    if _described(sentence, counts[0]) == second:
        return True
    continued = _CONTINUED_AFTER.match(sentence[counts[1].end : counts[1].end + 60])
    return continued is not None and not _OTHER_KIND.search(second)


def _described(sentence: str, count: _Count) -> str:
    """A count's wording without its number (lower-cased): "Forty patients" and "40
    patients" are worded alike."""
    words = sentence[count.start : count.end].lower().replace("-", " ").split()
    while words and (
        _NUMBER_TOKEN.fullmatch(words[0])
        or words[0] in _ONES
        or words[0] in _TENS
        or words[0] in ("hundred", "thousand")
    ):
        words.pop(0)
    return " ".join(words)


def _parallel_groups(sentence: str, counts: list[_Count]) -> list[_Count]:
    """Groups of one sample stated one after another with their own descriptions, too long
    for ``_listed`` ("in 5358 NRI-exposed subjects and in 5265 frequency-matched
    nonexposed subjects", "88 incident cases of histologically confirmed NPC in Zangwu
    County, China, and 176 matched controls"): summed (docs/card-labelling.md
    participants rules 1.2 and 5), where the largest alone was a wrong number.  Only when
    each later count follows an "and"/"versus"/"compared with" with no other number and
    no part cue ("including", "of whom", ";") between, is not the subject of its own
    clause, and no count is the total of the others."""
    if len(counts) < 2:
        return []
    values = [c.value for c in counts]
    # a total is the sum of at least two OTHER counts: two equal counts ("88 cases ... and
    # 88 matched controls") are two groups matched one to one (as ``_matched_pair``), not a
    # total and its one part
    if len(counts) > 2 and any(2 * v == sum(values) for v in values):
        return []  # a total and its parts
    # ... unless one group is mentioned twice: worded alike ("40 patients and 40 patients",
    # "Forty patients ... and 40 patients": numbers compared by value), or the second
    # count is the first's continuation ("Forty patients were enrolled and 40
    # participants completed"): the same people going on, not another group
    if _one_group_twice(sentence, counts):
        return []
    last = len(counts) - 2
    for i, (a, b) in enumerate(pairwise(counts)):
        gap = _without_parentheses(sentence[a.end : b.start])
        # "83 patients with A, 47 patients with B, ... and 24 healthy controls": a comma
        # lists a group when the list ends with a joining word
        joins = _GROUP_JOIN_END.search(gap) or (i < last and gap.rstrip().endswith(","))
        if (
            _STANDALONE_NUMBER.search(gap)
            or _PART_CUE.search(gap)
            or not joins
            or _CLAUSE_AFTER.match(sentence[b.end : b.end + 60])
        ):
            return []
    return counts


# the words that open a clause's count, back to the clause's start: a comma, a semicolon,
# a colon or the sentence's start ends them (``_clause_lead``)
_CLAUSE_ENDS = ",;:"
_LEAD_TOKEN = re.compile(r"[A-Za-z]+|\d+")
# a group's label: a number, a one-letter or roman-numeral name ("group 1", "group B")
# a group's label as written: a number, a capital letter or a Roman numeral ("group 1",
# "group B", "cohort II"); case-sensitive, so the article "a" and the pronoun-like "i",
# "v" of running text are words, not labels (fixp12 found re.I took them as labels)
_GROUP_LABEL = re.compile(r"\d+|[A-Z]|I{1,3}|IV|V")
# what a count's people had done to them in a methods clause: the treatment that makes a
# group an arm ("27 patients underwent open instrumentation", "65 were treated
# percutaneously")
_TREATED_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:underwent|received|(?:were|was)\s+(?:\w+ly\s+)?"
    r"(?:treated|managed|operated))\b",
    re.I,
)
_FUNCTION_WORDS = frozenset(
    ["of", "in", "on", "at", "to", "for", "from", "with", "among", "and", "or", "the", "a", "an",
     "all", "these", "those", "total", "were", "was"]
)  # fmt: skip
_STUDY_LEAD = frozenset(
    ["studies", "trials", "articles", "reports", "publications", "papers", "cohorts", "rcts",
     "datasets", "surveys"]
)  # fmt: skip
# what makes a later count a part of an earlier one (``_PART_CUE`` without its semicolon;
# one word list for both)
_PART_WORDS = re.compile(_PART_WORDS_RX, re.I)
# what joins two arms' clauses: "and", "whereas", "while", a semicolon, with their commas.
# The spaces after the comma and after the word are one ``\s*`` each: written
# ``[,;]\s*(?:and|...)?\s*$`` (parts12), a comma before n spaces and a word split the
# spaces between the two n ways at each of n starts, a quadratic search (a 10,000-space
# gap took ~0.5 s; fixp12)
_CLAUSE_JOIN = re.compile(
    r"(?:[,;]\s*(?:(?:and|whereas|while|but)\s*)?|\b(?:and|whereas|while|but)\s*)$", re.I
)


def _clause_lead(text: str) -> str:
    """``text`` after its last comma, semicolon or colon (all of it with none).  Found
    from the end: the regex ``[^,;:]*$`` parts12 searched with ran from each start to
    the next separator before failing, quadratic in a long clause (fixp12)."""
    return text[max(text.rfind(sep) for sep in _CLAUSE_ENDS) + 1 :]


def _lead_words(sentence: str, since: int, at: int) -> tuple[str, ...]:
    """The last three words before a count at ``at`` in its clause (from ``since``), each
    number or group label one "#" and a run of them one: "Group 1 comprised" and "group 2
    comprised", "Forty eight vertebrae from" and "48 vertebrae from" lead alike."""
    words: list[str] = []
    for token in _LEAD_TOKEN.findall(_clause_lead(sentence[since:at])):
        low = token.lower()
        label = _GROUP_LABEL.fullmatch(token) is not None or low in _NUMBER_WORDS
        word = "#" if label else low
        if not (word == "#" and words and words[-1] == "#"):
            words.append(word)
    return tuple(words[-3:])


def _parallel_clauses(sentence: str, counts: list[_Count]) -> list[_Count]:
    """Groups of one sample each stated in a clause of its own, in the same words
    (docs/card-labelling.md participants rule 1.2: per-group counts are summed):
    "Group 1 comprised 26 patients; group 2 comprised 24 patients", "48 vertebrae from 27
    patients for A and 48 vertebrae from 29 patients for B", or each the subject of the
    treatment that makes it an arm ("Twenty-seven patients underwent open
    instrumentation, and 65 were treated percutaneously").  ``_parallel_groups`` refuses
    these (a semicolon, a number in the gap, a count that is the subject of its own
    clause), and the largest alone was a wrong number.  Not in a sentence that reports a
    result ("12 patients improved in group A and 10 in group B" are outcomes) or counts
    those analysed ("efficacy data were available for 126 patients; safety data were
    available for 128 patients": one sample analysed twice), nor across
    a part cue ("of whom", "including"), nor when one count is the total of the others."""
    if len(counts) < 2 or _RESULT.search(sentence) or _ANALYSED.search(sentence):
        return []
    values = [c.value for c in counts]
    if len(counts) > 2 and any(2 * v == sum(values) for v in values):
        return []
    if _one_group_twice(sentence, counts):
        return []
    since = 0
    for a, b in pairwise(counts):
        gap = sentence[a.end : b.start]
        if _PART_WORDS.search(gap):
            return []
        lead_a = _lead_words(sentence, since, a.start)
        lead_b = _lead_words(sentence, a.end, b.start)
        # a content word must match: "74 of 81 patients at visit 4 ... 61 of 71 patients at
        # visit 5" lead alike ("# of") but are shares of one sample at two visits; "Thirteen
        # studies with 16,648 patients ..., and 4 studies with 6,990 patients" are pools of
        # a review's analyses, which may share people, not groups of one sample
        mirrored = (
            bool(lead_a)
            and lead_a == lead_b
            and any(w != "#" and w not in _FUNCTION_WORDS for w in lead_a)
            and not _STUDY_LEAD.intersection(lead_a)
        )
        treated = (
            _TREATED_AFTER.match(sentence[a.end : a.end + 60]) is not None
            and _TREATED_AFTER.match(sentence[b.end : b.end + 60]) is not None
            and a.unit == b.unit
            and _CLAUSE_JOIN.search(_without_parentheses(gap)) is not None
        )
        if not (mirrored or treated):
            return []
        since = a.end
    return counts


# what lists one more group of the same classification ("A (n = 20), B (n = 30) and C")
_RUN_JOIN = re.compile(r"[,;]|\b(?:and|or|versus|vs)\b", re.I)
_UPPER_N = re.compile(r"N\s*=\s*$")
_LOWER_N = re.compile(r"n\s*=\s*$")


_MALE = frozenset(["men", "males", "boys"])
_FEMALE = frozenset(["women", "females", "girls"])
_SEXES = _MALE | _FEMALE
# what stands between a count and the count of one sex that describes it: "Thirty-seven
# patients, 27 females, were treated", "120 adults (64 women)", "40 patients, of whom 22 men"
_COMPOSITION_GAP = re.compile(r"\s*[,(]\s*(?:of\s+whom\s+|including\s+)?$", re.I)
_OTHER_SEX_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|;\s*)$", re.I)
# a list going on after a count: "40 patients, 25 women with osteoporosis and 30 controls"
_LIST_GOES_ON = re.compile(r"[^\d;().]{0,60}?(?:,\s*(?:and\s+)?|\band\s+)$", re.I)


def _other_sex(first: _Count, second: _Count, sample: _Count) -> bool:
    """Whether ``second`` is the other sex of ``first``, both the make-up of
    ``sample`` ("N = 15, eight males and seven females"): the opposite sex, together
    no more than the sample (fixp20: "37 patients, 27 females; 30 healthy men served
    as controls" counts the men as a second group)."""
    opposite = _FEMALE if first.unit in _MALE else _MALE
    return second.unit in opposite and first.value + second.value <= sample.value


def _without_composition(sentence: str, counts: list[_Count]) -> list[_Count]:
    """Counts without the one-sex count that describes the count right before it
    (docs/card-labelling.md participants rule 5 sums kinds of participant, not a
    sample and its make-up): "Thirty-seven patients, 27 females" is 37.  Both sexes
    counted ("828 men; 1,238 women") are two groups and stay; so does a sex count
    that follows another sex count or is not smaller, and one a comma joins to a
    list that goes on to another kind ("40 patients, 25 women with osteoporosis and
    30 healthy controls": three groups, fixp20)."""
    kept: list[_Count] = []
    dropped: _Count | None = None
    sample: _Count | None = None
    for i, c in enumerate(counts):
        last = kept[-1] if kept else None
        if (
            last is not None
            and c.unit in _SEXES
            and last.unit not in _SEXES
            and c.value < last.value
            and (gap := _COMPOSITION_GAP.match(sentence[last.end : c.start]))
            and not (
                "(" not in gap.group(0)
                and i + 1 < len(counts)
                and counts[i + 1].unit not in _SEXES
                and _LIST_GOES_ON.match(sentence[c.end : counts[i + 1].start])
            )
        ):
            dropped, sample = c, last
            continue
        if (
            dropped is not None
            and sample is not None
            and _other_sex(dropped, c, sample)
            and _OTHER_SEX_GAP.match(sentence[dropped.end : c.start])
        ):
            # "(N = 15, eight males and seven females)": the other sex of the same make-up
            dropped = None
            continue
        dropped = None
        kept.append(c)
    return kept


def _without_subsets(sentence: str, counts: list[_Count]) -> list[_Count]:
    """Parenthesised counts without the subsets that follow a total in the same
    parenthesis by the CONSORT convention: upper-case "N =" a total, lower-case
    "n =" a part of it ("(N = 365, males n = 207)" is 365)."""
    kept: list[_Count] = []
    for c in counts:
        last = kept[-1] if kept else None
        if (
            last is not None
            and c.value < last.value
            and _LOWER_N.search(sentence[max(0, c.start - 6) : c.start])
            and _UPPER_N.search(sentence[max(0, last.start - 6) : last.start])
            and not re.search(r"[()\[\]]", sentence[last.end : c.start])
        ):
            continue
        kept.append(c)
    return kept


_LIST_GAP = re.compile(r"\s*(?:,|;|\band\b|\bplus\b|\bas well as\b)\s*(?:and\s+)?$", re.I)
# between two groups of one sample, what may stand before the joining word: the first
# group's qualifier ("26 patients with CPFE and 33 ...", "nine patients with painful
# neuropathy compared to 10 healthy controls"; parentheses are removed first)
_GROUP_QUALIFIER = (
    r"(?:\s*(?:with|without|who|from|having|undergoing|receiving|fed|on|in)\b[^,;:\d]{0,60}?)?"
)
_QUALIFIER_START = re.compile(r"\s*(?:with|without|who|from|having|undergoing|receiving)\b", re.I)
# groups compared with each other are one sample (docs/card-labelling.md participants
# rules 1.2 and 5: arms summed, patients and healthy controls summed)
_COMPARED_GAP = re.compile(
    _GROUP_QUALIFIER + r"\s*(?:(?:were|was)\s+(?:\w+\s+){0,2}?(?:and\s+)?)?"
    r"(?:compared|matched|contrasted)\s+(?:\w+\s+)?(?:to|with|against)\s*",
    re.I,
)
_QUALIFIED_LIST_GAP = re.compile(
    _GROUP_QUALIFIER + r"\s*(?:,\s*)?(?:\band\b|\bversus\b|\bvs\.?)\s*", re.I
)
# a bracketed aside with the spaces before it.  The spaces are taken from the start of
# their run only (``(?<!\s)``): tried from every space of a long run not followed by a
# bracket, ``\s*`` ran to the run's end each time, a quadratic sub (10,000 spaces in
# a sentence took ~1.3 s; fixp12).  The same matches: a match from inside a run needs
# a bracket after it, and then the run's first space starts one first.
_PARENTHESIS = re.compile(r"(?<!\s)\s*[(\[][^()\[\]]*[)\]]")


def _without_parentheses(text: str) -> str:
    """``text`` with its parenthesised asides removed (innermost first)."""
    while True:
        shorter = _PARENTHESIS.sub("", text)
        if shorter == text:
            return text
        text = shorter


def _listed(sentence: str, counts: list[_Count]) -> list[_Count]:
    """Counts of different kinds of participant listed one after the other ("7
    clinician trainers and 19 able-bodied trainees", "828 men; 1,238 women"):
    one sample of mixed groups (docs/card-labelling.md participants rule 5)."""
    if len(counts) < 2:
        return []
    values = [c.value for c in counts]
    if len(values) > 2 and any(2 * v == sum(values) for v in values):
        return []  # "54 athletes, 29 men and 25 women": a total and its parts
    if _one_group_twice(sentence, counts):
        return []  # "40 patients, and 40 participants remained": the same people
    # one kind of person listed twice ("20 patients and 30 patients") says nothing of
    # groups; named groups do: a qualifier or a comparison between them
    same_unit = len({c.unit for c in counts}) < 2
    for a, b in pairwise(counts):
        gap = sentence[a.end : b.start]
        if not same_unit and _LIST_GAP.fullmatch(gap):
            continue
        bare = _without_parentheses(gap)
        if _COMPARED_GAP.fullmatch(bare):
            continue
        qualified = _QUALIFIER_START.match(bare) is not None
        if (qualified or not same_unit) and _QUALIFIED_LIST_GAP.fullmatch(bare):
            continue
        return []
    return counts


def _unit_of(counts: Sequence[_Count] | Sequence[Candidate]) -> str:
    """The unit the counts share, else "participants"."""
    units = {c.unit for c in counts}
    return units.pop() if len(units) == 1 else "participants"


def _sentences(text: str, first: int = 0, last: int | None = None) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a text; with ``first`` and ``last``
    (the first and last places a count may begin), only the sentences from the one
    holding ``first`` to the one holding ``last``: splitting the rest of a long
    abstract was a quarter of the time ``find_participants`` took."""
    out: list[tuple[int, str]] = []
    base = start = _sentence_start(text, first) if first else 0
    for m_start, m_end in _sentence_ends(text[base:] if base else text):
        at = m_start + base
        if text[at] == "\n":
            end, following = at, m_end + base
        else:
            end = following = at + 1
            while following < len(text) and text[following].isspace():
                following += 1
        if end > start:
            out.append((start, text[start:end]))
        start = following
        if last is not None and start > last + 1:  # a start may be the char before
            return out
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` begins: after the last sentence end in the
    600 characters before it (0 when there is none, or the window may cut one)."""
    low = max(0, at - 600)
    start = 0
    for m_start, m_end in _sentence_ends(text[low:at]):
        if low and m_start == 0:
            continue  # a match at the window's edge may be part of a longer one
        begin = m_start + low
        if text[begin] == "\n":
            start = m_end + low
        else:
            start = begin + 1
            while start < len(text) and text[start].isspace():
                start += 1
    return start if start <= at else 0


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` that holds ``text[at]``, split where ``_sentences``
    splits (one splitter for the count and for the one-case test)."""
    start = _sentence_start(text, at)
    end = _SENTENCE_END.search(text[at:])
    return text[start : at + end.start() + 1 if end else len(text)].strip()


# any count at all: one pass of RE2 over a text says which sentences to read
_ANY = compile_pattern(
    "|".join(f"(?:{p})" for p in (_COUNT_RX, _N_EQ_RX, _BARE_ROLE_RX, _NUMBER_OF_RX, _SHARE_OF_RX)),
    ignore_case=True,
)
_ANY_STARTS = Starts(_ANY)


# a sentence about what is planned, not what was done: a protocol's target sample
_FUTURE = re.compile(
    r"\b(?:will|shall)\s+(?:\w+\s+)?(?:be|recruit|enrol+|include|randomi[sz]e|involve|"
    r"comprise|consist)\b|\bto be (?:recruited|enrol+ed|randomi[sz]ed|included)\b|"
    r"\bplan(?:ned|s)? to (?:recruit|enrol+|include|randomi[sz]e)\b|"
    # a plan in the present: "we propose to enrol 10 patients", "we aim to recruit 200"
    # (the past "we aimed to include" may be followed by who was included)
    r"\b(?:propose|proposes|aim|aims|intend|intends|expect|expects|seek|seeks)\s+to\s+"
    r"(?:recruit|enrol+|include|randomi[sz]e|study|involve)\b",
    re.IGNORECASE,
)
# a sample size calculation: the number needed for a power, not the number studied ("The
# sample size of 320 participants allows for 20% drop-out and has 80% power"); a completed
# study states whom it took in elsewhere
_POWER_CALCULATION = re.compile(
    r"\bsample\s+size\b[^.;]{0,160}?\b(?:power|detect)|"
    r"\b(?:power|detect)\w*\b[^.;]{0,160}?\bsample\s+size\b|"
    r"\b(?:were|was|are|is)\s+(?:needed|required)\s+to\s+(?:detect|achieve|provide|give)\b",
    re.IGNORECASE,
)
# a completed intake in the sentence of a sample size calculation ("... were enrolled;
# the sample size was calculated to detect ..."): the count before it was studied
_TOOK_IN = re.compile(
    r"\b(?:were|was)\s+(?:\w+\s+)?(?:enrol+ed|included|recruited|randomi[sz]ed|studied)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """One sentence's statement of how many were studied, with how it was found:
    what monitor/triage/count_confidence.py weighs before the card prints it."""

    value: int
    unit: str
    role: int  # TOTAL, ENROL, PLAIN or ANALYSED (ENROL only where a result is reported)
    phrase: str
    kinds: frozenset[str]  # how its counts were found (_Count.kind, "words", "joined", ...)
    parts: tuple[int, ...]  # the counts summed (one for a single count)
    sentence: int  # its sentence's place among the sentences with a count (title: -1)
    text: str = ""  # its sentence
    enrolled: bool = False  # a count's own verb says it is the sample ("20 were recruited")
    in_title: bool = False

    # read from the sentence only when asked: at run time only the chosen count is judged
    @cached_property
    def enrol_cue(self) -> bool:
        """An enrolment verb in its sentence ("enrolled", "included")."""
        return self.enrolled or bool(_ENROL.search(self.text))

    @cached_property
    def result(self) -> bool:
        """Its sentence reports a result (a statistic, "died", ...)."""
        return bool(_RESULT.search(self.text))

    @cached_property
    def future(self) -> bool:
        """Its sentence speaks of what will be done (a protocol's plan)."""
        lowered = self.text.lower()  # a substring test first: the regex is the slow part
        if not any(cue in lowered for cue in ("will", "shall", "plan", "to be", " to ")):
            return False
        return bool(_FUTURE.search(self.text))


@dataclass(frozen=True)
class CountReading:
    """Everything the grammar read of an abstract's counts: the one it chose (the
    strongest role, the largest of that role), the others, and why."""

    chosen: Candidate | None
    candidates: tuple[Candidate, ...]
    review: bool
    reason: str
    text: str = ""  # the abstract and title read, for cues about the chosen number
    # why the card may not print the chosen count whatever its confidence ("" when it may):
    # a protocol's planned sample, one analysis's pool in a review
    withhold: str = ""


_WIDE_SPACES = re.compile("[\u00a0\u2002-\u200a\u202f]")
# "762 mother\u2013newborn pairs": a dash joining two words is a hyphen (the words between a
# number and its unit are read with ASCII hyphens); a dash between numbers is a range, kept
_DASHES = ("\u2010", "\u2011", "\u2013")


def _word_dashes(text: str) -> str:
    """``text`` with each dash between two letters a hyphen (same length, offsets
    kept); found with str.find, a regex over the whole abstract cost a fifth of the
    reading's time."""
    chars: list[str] | None = None
    for dash in _DASHES:
        at = text.find(dash)
        while at != -1:
            if 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha():
                if chars is None:
                    chars = list(text)
                chars[at] = "-"
            at = text.find(dash, at + 1)
    return "".join(chars) if chars is not None else text


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


# Greek and Cyrillic letters drawn like Latin ones, typed for them in some records
# ("\u0399n an integrated cohort of 1997 patients": a Greek capital iota opens "In")
# and the micro sign and Greek mu as "u": "10 \u03bcg" is "10 ug", a unit like "10 mg"
# (``_NOT_BETWEEN``), not a word before the people
_LOOK_ALIKE = dict(
    zip(
        "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4"
        "\u03a5\u03a7\u03bf\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420"
        "\u0421\u0422\u0425\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u00b5\u03bc",
        "ABEZHIKMNOPTYXoABEKMHOPCTXaeopcxyuu",
        strict=True,
    )
)


@cache
def _ascii_letter(char: str) -> str:
    """One ASCII letter for a non-ASCII letter (the Latin letter it is drawn as, its
    base letter, else "x"); any other character as it is."""
    if not char.isalpha():
        return char
    if char in _LOOK_ALIKE:
        return _LOOK_ALIKE[char]
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base.isascii() and base.isalpha() else "x"


def _ascii_char(m: re.Match[str]) -> str:
    """``_ascii_letter`` of a match; a combining mark after a letter ("nai\u0308ve", the
    decomposed form) is a letter of that word too, "x"."""
    char = m.group()
    if char.isalpha():
        return _ascii_letter(char)
    at = m.start()
    if at and unicodedata.combining(char) and m.string[at - 1].isalpha():
        return "x"
    return char


def _ascii_words(text: str) -> str:
    """``text`` with each non-ASCII letter one ASCII letter (same length, offsets kept).
    RE2's ``\\w`` and ``\\b`` are ASCII (monitor/triage/fastre.py), so a letter such as the
    "\u00ef" of "antiretroviral-na\u00efve" or the "\u03b2" of "\u03b2-blocker" ended the word
    in the middle and the words between a number and its people ("70 HIV-infected,
    antiretroviral-na\u00efve Kenyan women") no longer read as words: no count at all.
    Symbols ("\u2265", "\u00b1", "\u00d7"), digits and emoji stay as they are."""
    return _NON_ASCII.sub(_ascii_char, text)


def reading_form(text: str) -> str:
    """The text as the grammar reads it, the same length (every offset kept): wide
    spaces as spaces, a dash between letters a hyphen, non-ASCII letters ASCII
    ones.  A sentence of a ``Candidate`` (its ``text``) is a slice of this form, so
    whoever looks it up in the abstract looks in this form (monitor/briefs/evidence.py)."""
    if text.isascii():
        return text
    return _ascii_words(_word_dashes(_WIDE_SPACES.sub(" ", text)))


def _as_written(reading: CountReading, abstract: str, title: str) -> CountReading:
    """``reading`` with each candidate's phrase, and the reason quoting it, in the
    abstract's own characters ("na\u00efve", "\u03b2-blocker", not "naive",
    "x-blocker"): the grammar read ``reading_form``, same length, so a phrase found
    there is the same slice of the text as written.  The sentences (``text``) stay in
    the form read: the confidence step finds them in ``reading.text``."""
    if abstract.isascii() and title.isascii():
        return reading
    forms: list[tuple[str, str]] = []  # made when a phrase is not in the text as written

    def part_written(phrase: str) -> str:
        if phrase in abstract or phrase in title:
            return phrase  # most: an abstract's "\u00b1" or "\u2265" is no phrase's
        if not forms:
            forms.extend([(reading_form(abstract), abstract), (reading_form(title), title)])
        for form, text in forms:
            at = form.find(phrase) if form is not text else -1
            if at >= 0:
                return text[at : at + len(phrase)]
        return phrase

    def written(phrase: str) -> str:
        # a sum's phrase is its parts' phrases joined ("30 patients + 12 controls")
        return " + ".join(map(part_written, phrase.split(" + ")))


    reason = reading.reason
    restored: dict[int, Candidate] = {}  # by id: the chosen one is among the candidates

    def as_written(candidate: Candidate) -> Candidate:
        nonlocal reason
        key = id(candidate)
        if key not in restored:
            phrase = written(candidate.phrase)
            if phrase != candidate.phrase:
                reason = reason.replace(candidate.phrase, phrase)
                candidate = replace(candidate, phrase=phrase)
            restored[key] = candidate
        return restored[key]

    candidates = tuple(as_written(c) for c in reading.candidates)
    chosen = as_written(reading.chosen) if reading.chosen is not None else None
    return replace(reading, chosen=chosen, candidates=candidates, reason=reason)


# a title naming a study's protocol or design paper, not a clinical protocol ("A safe and
# cost-effective protocol for the management of esophageal coins" reports 57 children)
_PROTOCOL_TITLE = re.compile(
    r"\b(?:study|trial|review)\s+protocol(?![-\w])|"
    r"\bprotocol\s+(?:for|of)\s+(?:a|an|the)\b[^:.]{0,80}?\b(?:trial|study|review)\b|"
    # "...: protocol and baseline demographics", "...: protocol.", not ": protocol-specified
    # final analysis" nor "A protocol for the reduction of setup errors" (a clinical one)
    r"(?:^|:\s*)(?:a\s+)?protocol(?:\s*$|\s*[.:;]|\s+(?:and|&)\s)|"
    r"\brationale,?\s+(?:and|&)\s+(?:study\s+)?design\b|\bdesign,?\s+(?:and|&)\s+rationale\b",
    re.IGNORECASE,
)


def read_counts(abstract: str, title: str = "") -> CountReading:
    """The grammar's reading of an abstract's counts (the title is read only when
    the abstract states none): every sentence's candidate and the one chosen, its
    phrases quoted as written (``_as_written``)."""
    return _as_written(_withheld(_read_counts(abstract, title), abstract, title), abstract, title)


def _withheld(reading: CountReading, abstract: str, title: str) -> CountReading:
    """``reading`` with why the card may not print its count, when it may not."""
    if reading.chosen is None:
        return reading
    if title and _PROTOCOL_TITLE.search(title):
        # "... study protocol for a randomised controlled trial", "rationale and design":
        # a paper that reports no study yet (docs/card-labelling.md participants rule 8)
        return replace(reading, withhold="a protocol's planned sample")
    if reading.review and _one_analysis_pool(abstract, reading.chosen.value):
        return replace(reading, withhold="one analysis's pooled count, not the review's total")
    if not reading.review and _nested_levels(reading.chosen, abstract):
        return replace(
            reading, withhold="clinicians and their patients, two levels of a cluster design"
        )
    return reading


_STAFF = (
    r"(?:physicians|clinicians|doctors|nurses|GPs|general\s+practitioners|practitioners|"
    r"pharmacists|therapists|surgeons|providers|midwives|health\s+professionals|staff)"
)
_STAFF_WORD = re.compile(rf"\b{_STAFF}\b", re.IGNORECASE)
# the clinicians are the unit of allocation: "Physicians were randomly assigned",
# "a group-randomized trial", "cluster randomised by GP"
_STAFF_ALLOCATED = re.compile(
    rf"\b{_STAFF}\b[^.;]{{0,40}}?\b(?:were|was)\s+(?:\w+\s+){{0,2}}?"
    r"(?:randomi[sz]ed|assigned|allocated)\b|\b(?:cluster|group)[- ]randomi[sz]ed\b",
    re.IGNORECASE,
)


def _nested_levels(chosen: Candidate, abstract: str) -> bool:
    """Clinicians and the patients they treat counted in one phrase ("Seventy community
    physicians and 2978 fee-for-service Medicare patients") in a study that allocates
    the clinicians (or their groups) are two levels of one design, not two groups to
    sum (docs/card-labelling.md participants rule 5 sums kinds of participant at one
    level).  Which level the card counts (the units randomised, or the people whose
    outcomes were measured) the grammar cannot tell, so it says nothing."""
    if len(chosen.parts) != 2:
        return False
    phrases = chosen.phrase.split(" + ")
    if len(phrases) != 2 or not all(phrase in chosen.text for phrase in phrases):
        return False  # (two groups of one sentence, not of two)
    staff = [phrase for phrase in phrases if _STAFF_WORD.search(phrase)]
    return len(staff) == 1 and _STAFF_ALLOCATED.search(abstract) is not None


_STUDY_NOUNS = r"(?:studies|trials|articles|RCTs|publications|cohorts|reports|papers)"
# "13 studies with 16,648 patients were analyzed to assess ...": a review's pool of people
# (searched over the whole abstract: RE2 where it answers as re, ``compile_exact``; re's
# search of it was ~200 us an abstract, speed11)
_POOLED = compile_exact(
    rf"\b({BOUNDED_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_STUDY_NOUNS}\s+(?:with|including|involving|of|"
    rf"comprising|enrolling)\s+(?:a\s+total\s+of\s+)?({_DIGITS})\b",
    re.IGNORECASE,
)
# "We included 15 studies", "15 studies were included", "15 studies met the criteria"
_INCLUDED_STUDIES = re.compile(
    rf"\bincluded\s+({BOUNDED_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_STUDY_NOUNS}\b(?!\s+(?:with|of|involving))|"
    rf"\b({BOUNDED_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?{_STUDY_NOUNS}\s+(?:were|was)\s+(?:finally\s+)?"
    r"(?:included|selected)\b",  # not "identified": a search finds more than it keeps
    re.IGNORECASE,
)
# the pool's sentence names what it was pooled for
_POOLED_FOR = re.compile(
    r"\b(?:for|in)\s+the\s+analys[ie]s\s+of\b|"
    r"\banaly[sz]ed\s+to\s+(?:assess|evaluate|examine|compare|investigate|determine)\b",
    re.IGNORECASE,
)


def _one_analysis_pool(abstract: str, value: int) -> bool:
    """Whether a review's chosen count is the people of one of its analyses, not of all
    the studies it included (docs/card-labelling.md participants rule 2: the total
    across the included studies, otherwise none): the count is pooled from fewer
    studies than the review says it included ("We included 15 studies. 13 studies with
    16,648 patients were analyzed ..."), or its sentence names the analysis it was
    pooled for ("12 publications with 2389 patients were included for the analysis
    of disease severity")."""
    if "with" not in abstract and "involving" not in abstract and "including" not in abstract:
        return False
    pools = [m for m in _POOLED.finditer(abstract) if _value(m.group(2)) == value]
    if not pools:
        return False
    included = [_value(m.group(1) or m.group(2)) for m in _INCLUDED_STUDIES.finditer(abstract)]
    for pool in pools:
        studies = _value(pool.group(1))
        if included and studies < max(included):
            return True
        if _POOLED_FOR.search(_sentence_at(abstract, pool.start())):
            return True
    return False


def _read_counts(abstract: str, title: str = "") -> CountReading:
    if not abstract and not title:
        return CountReading(None, (), False, "no abstract")
    # "(n\u00a0=\u2009651)": RE2's \s is ASCII, so a no-break or thin space hid the
    # count; each becomes one plain space (offsets kept), ASCII text untouched
    # (a C-level class substitution: str.translate with a dict cost a quarter of the time)
    abstract, title = reading_form(abstract), reading_form(title)
    # one RE2 pass says where counts may begin; most abstracts without one never
    # pay for the review test or the sentence split
    texts = [(abstract, _ANY_STARTS(abstract), False)]
    texts.append((title, _ANY_STARTS(title) if title else [], True))
    if not texts[0][1] and not texts[1][1]:
        return _one_case(abstract, title, None, ())
    review = _is_review(abstract, title)
    enrolled = bool(_ATTRITION_CONTEXT.search(abstract))
    candidates: list[Candidate] = []
    fallback: list[Candidate] = []  # counts of this study said where others' people are
    # the section and "this study" before each count, the abstract scanned once
    contexts: Contexts | None = None
    for text, starts, in_title in texts:
        previous: tuple[int, str] | None = None  # the count of the sentence before
        previous_used: list[_Count] = []
        previous_phrases: list[str] = []
        previous_role = PLAIN
        previous_place = -1
        previous_text = ""
        # the last sample counted, kept across sentences with no count ("In a fourth
        # group ..." may follow a sentence of times between): (value, unit, counts,
        # role, phrases, place)
        earlier: tuple[tuple[int, str], list[_Count], int, list[str], int] | None = None
        out = False  # the sentence before was about other studies
        index = -1
        for offset, sentence in _sentences(text, starts[0], starts[-1]) if starts else []:
            # a count begins in this sentence (or at its first character's neighbour)
            at = bisect_left(starts, offset - 1)
            if at == len(starts) or starts[at] >= offset + len(sentence):
                previous, out = None, False
                continue
            index += 1
            counts = _counts(sentence, review)
            counted = bool(counts)
            if (
                counts
                and counts[0].frame
                and count_confidence.written(text[:offset], counts[0].value)
            ):
                # "Of the 92 survivors, ...": a group counted before, referred to again
                counts = _counts(sentence, review, frames=False)
            # other studies' people (monitor/triage/count_scope.py)
            out = not in_title and sentence_out_of_scope(sentence, out, review) is not None
            if out or (counts and _published_studies(sentence)):
                counts = []
            counts = [c for c in counts if count_out_of_scope(sentence, c.start) is None]
            if (
                counts
                and any(cue in sentence for cue in ("ample size", " needed to ", " required to "))
                and (calculation := _POWER_CALCULATION.search(sentence))
                # "Twenty-four patients were enrolled; the sample size was calculated to
                # detect ...": an intake reported before the calculation is the study's
                and not _TOOK_IN.search(sentence, 0, calculation.start())
            ):
                # a sample size calculation: planned, not studied, and no place among the
                # sentences that count people (the count after it is still the first)
                counts, counted = [], False
                index -= 1
            # whose people: a background sentence, a population, a data resource's holdings
            whose = None
            if counts and not in_title:
                # the section in force where the first count stands, what came before
                if contexts is None or contexts.text is not text:
                    contexts = Contexts(text)
                section, own_seen = contexts.at(offset + counts[0].start)
                whose = not_this_study(sentence, section, own_seen, max(c.value for c in counts))
                if (
                    whose is not None
                    and whose is not Whose.BACKGROUND_SECTION
                    and not THIS_STUDY.search(sentence)
                ):
                    counts = []
            if not counts:
                previous = None
                if counted:
                    earlier = None  # others' people or the world's came between
                continue
            if review and not _STUDY_WORDS.search(sentence):
                continue
            value = _sentence_value(sentence, counts)
            if value is None or _in_background(sentence, value[0]):
                previous = earlier = None
                continue
            found, used = (value[0], value[1]), list(value[2])
            role = PLAIN if in_title else _role(sentence, counts, enrolled, f"{abstract}\n{title}")
            if (
                previous is None
                and earlier is not None
                and len(counts) == 1
                and _ANOTHER_GROUP.search(sentence)
            ):
                # "(13 rats). Hypothermia was continued for 3 hours. In a fourth group
                # ... 14 animals": one more group of the sample counted before
                previous, previous_used, previous_role, previous_phrases, previous_place = earlier
            controls = (
                previous is not None
                and len(counts) == 1
                and (
                    _CONTROLS.search(sentence)
                    or _ANOTHER_GROUP.search(sentence)
                    or _THE_OTHER.match(sentence)
                )
                # "They were randomly assigned to A (n = 109) or a control condition":
                # an arm of the sample counted before, not controls added to it
                and not _ASSIGNED.search(sentence)
            )
            if role is None and not controls:
                previous = earlier = None
                continue
            kinds = {c.kind for c in used}
            phrases = [sentence[c.start : c.end] for c in used]
            place = -1 if in_title else index
            if (
                controls
                and previous is not None
                and _THE_OTHER.match(sentence)
                and _rest_of_total(previous_text, previous[0], found[0])
            ):
                # the rest of the total counted before: that total is the sample
                found, used, phrases = previous, previous_used, previous_phrases
                kinds = {c.kind for c in used}
                controls = False
                place = -1 if in_title else previous_place
                role = max(role or PLAIN, previous_role)
            if controls and previous is not None:
                # the sample begins in the sentence counted before
                place = -1 if in_title else previous_place
                # "Eighteen patients were enrolled. Thirteen healthy individuals served
                # as control subjects.": the controls are part of the sample
                found = (previous[0] + found[0], "participants")
                kinds |= {c.kind for c in previous_used} | {"controls"}
                used = previous_used + used
                phrases = previous_phrases + phrases
                role = max(role or PLAIN, previous_role)
            previous, previous_used, previous_role = found, used, role or PLAIN
            previous_phrases, previous_place, previous_text = phrases, place, sentence
            earlier = (previous, previous_used, previous_role, previous_phrases, place)
            if any(p[:1].isalpha() for p in phrases):
                kinds.add("words")
            if any(c.joined for c in used):
                kinds.add("joined")
            candidate = Candidate(
                value=found[0],
                unit=found[1],
                role=role or PLAIN,
                phrase=" + ".join(phrases),
                kinds=frozenset(kinds),
                parts=tuple(c.value for c in used),
                sentence=place,
                text=sentence,
                enrolled=any(c.enrolled for c in counts),
                in_title=in_title,
            )
            if whose is not None:
                # says it is this study's, but where others' people are: only when
                # nothing else is stated
                fallback.append(candidate)
                continue
            candidates.append(candidate)
        if not candidates:
            candidates.extend(fallback)
        best = _best(candidates)
        if best is not None and not in_title and not review:
            whole = _groups_total(best[2], candidates, abstract) or _studies_of_paper(
                best[2], candidates
            )
            if whole is not None:
                candidates.append(whole)
                best = (best[0], whole.value, whole)
        if best is not None:
            return CountReading(
                best[2],
                tuple(candidates),
                review,
                f"{_ROLE_NAMES[best[0]]}: {best[2].phrase!r}",
                abstract + " " + title,
            )
    return _one_case(abstract, title, review, tuple(candidates))


def _groups_total(chosen: Candidate, candidates: list[Candidate], text: str) -> Candidate | None:
    """Groups stated in separate sentences whose total the abstract writes elsewhere
    in a phrase the grammar does not count ("Twenty patients received A. Nine patients
    received B. ... Of the 29 patients treated, four died"): the chosen group and one
    or two groups of other sentences, of the same unit, add up to a number written
    with that unit (docs/card-labelling.md participants rule 1.2)."""
    if len(chosen.parts) != 1 or chosen.unit in ("participants", "controls"):
        return None
    others = [
        c
        for c in candidates
        if c.sentence != chosen.sentence
        and c.unit == chosen.unit
        and c.role >= PLAIN
        and len(c.parts) == 1
        and c.value < chosen.value * 20
    ]
    if not others:
        return None
    written: set[int] = set()
    for m in re.finditer(
        rf"(?<![\w.,])(\d[\d,]*)\s+(?:[\w-]+\s+){{0,2}}?{re.escape(chosen.unit)}\b", text
    ):
        written.add(_value(m.group(1)))
    for total in sorted((t for t in written if t > chosen.value), reverse=True):
        rest = total - chosen.value
        for i, a in enumerate(others):
            group = [a] if a.value == rest else []
            for b in others[i + 1 :]:
                if not group and a.value + b.value == rest and a.sentence != b.sentence:
                    group = [a, b]
            if group:
                return _joined(chosen, [chosen, *group], total, chosen.unit)
    return None


def _joined(chosen: Candidate, parts: list[Candidate], value: int, unit: str) -> Candidate:
    """One candidate for the sample made of ``parts`` (the chosen count among them),
    counted ``value``: it ranks as the chosen one and begins where the first part does."""
    return Candidate(
        value=value,
        unit=unit,
        role=chosen.role,
        phrase=" + ".join(c.phrase for c in parts),
        kinds=frozenset().union(*(c.kinds for c in parts)),
        parts=tuple(c.value for c in parts),
        sentence=min(c.sentence for c in parts),
        text=chosen.text,
        enrolled=chosen.enrolled,
    )


# "In Experiment 2, participants (N = 274) ...": one of a paper's numbered studies
_NUMBERED_STUDY = re.compile(
    r"\b(?:Experiment|Study|Studies)\s+(\d|I{1,3}V?|one|two|three|four)\b(?!\s*(?:and|,|-|–)\s*(?:\d|I|one|two|three|four)\b)"
)


def _studies_of_paper(chosen: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """A paper of several numbered experiments or studies, each with its own sample in
    its own sentence ("In Experiment 1, participants (N = 589) ... In Experiment 2,
    participants (N = 274)"): its participants are their sum (docs/card-labelling.md
    participants rule 5), when the chosen count is one of them."""
    labelled: dict[str, Candidate] = {}
    for c in candidates:
        labels = {m.group(1).lower() for m in _NUMBERED_STUDY.finditer(c.text)}
        if len(labels) != 1 or c.role < PLAIN:
            continue
        label = labels.pop()
        if label in labelled:
            return None  # two counts of one experiment: groups, not studies
        labelled[label] = c
    if len(labelled) < 2 or chosen not in labelled.values():
        return None
    parts = list(labelled.values())
    return _joined(chosen, parts, sum(c.value for c in parts), _unit_of(parts))


def _rank(candidate: Candidate, earlier: list[Candidate]) -> int:
    """The role a candidate ranks by: enrolled and merely stated rank alike; a "total"
    smaller than a count of an earlier sentence, with no enrolment verb of its own, is
    a subgroup's total ("A total of 101 patients underwent adjustment" after "162 cases
    were collected") and ranks as a plain count."""
    role = candidate.role
    if role == ENROL:
        return PLAIN
    if (
        role == TOTAL
        and not candidate.enrolled
        and any(
            d.sentence < candidate.sentence and d.value > candidate.value and d.role >= PLAIN
            for d in earlier
        )
        and not _SAMPLE_VERB.search(candidate.text)
    ):
        return PLAIN
    return role


# the verbs that make a count the sample itself, not what some of it underwent or
# received (narrower than _ENROL, which also reads "treated", "received", "underwent")
_SAMPLE_VERB = re.compile(
    r"\b(?:enrol+(?:ed|ing|ment)|recruit(?:ed|ing|ment)|randomi[sz](?:ed|ation)|included|"
    r"participa(?:ted|nts?|ting)|entered|took part|studied|consisted|comprised|sample|"
    r"followed)\b",
    re.IGNORECASE,
)


def _best(candidates: list[Candidate]) -> tuple[int, int, Candidate] | None:
    """The sample among one text's candidates: the strongest rank, the largest of it."""
    best: tuple[int, int, Candidate] | None = None
    for i, candidate in enumerate(candidates):
        key = (_rank(candidate, candidates[:i]), candidate.value)
        if best is None or key > best[:2]:
            best = (key[0], candidate.value, candidate)
    return best


def count_participants(abstract: str, title: str = "") -> tuple[Participants | None, str]:
    """The grammar's count, sure or not: what design rules read ("a case series of
    up to 20"), where a number near the truth serves better than none."""
    reading = read_counts(abstract, title)
    chosen = reading.chosen
    return (Participants(chosen.value, chosen.unit) if chosen else None), reading.reason


def find_participants(abstract: str, title: str = "") -> tuple[Participants | None, str]:
    """(participants, the phrase that gave them) or (None, reason): the count the
    card shows, withheld when the confidence model is not sure of it.

    ``title``: read only when the abstract states no count ("CT features of
    4121 patients with COVID-19: a meta-analysis")."""
    return shown(read_counts(abstract, title))


def shown(reading: CountReading) -> tuple[Participants | None, str]:
    """What a reading lets the card print: its count when sure enough
    (monitor/triage/count_confidence.py), else none with the reason."""
    chosen = reading.chosen
    if chosen is None:
        return None, reading.reason
    sure, why = count_confidence.judge(reading)
    if not sure:
        return None, f"withheld, {why}: {reading.reason}"
    return Participants(chosen.value, chosen.unit), f"{reading.reason} ({why})"


def _is_review(abstract: str, title: str) -> bool:
    return bool(_REVIEW.search(abstract) or _REVIEW.search(title))


def _one_case(
    abstract: str, title: str, review: bool | None, candidates: tuple[Candidate, ...]
) -> CountReading:
    """One patient, when the abstract reports a case and counts nobody
    (``review``: None when not yet known)."""
    is_review = _is_review(abstract, title) if review is None else review
    cue = _CASE_CUE.search(abstract + " " + title) or _ONE_CASE_TITLE.search(title)
    if cue and not _MANY.search(abstract) and not is_review:
        one = (
            _ONE_CASE.search(abstract) or _ONE_CASE.search(title) or _ONE_CASE_WORD.search(abstract)
        )
        named = (
            _CASE_NAMED.search(abstract + " " + title)
            or _ONE_CASE_TITLE.search(title)
            or _ONE_CASE_WORD.search(abstract)
        )
        if one is None and named and not _SEVERAL.search(abstract):
            one = _THE_PATIENT.search(abstract)
        # (read from the text the match came from: the title's offsets are not the abstract's)
        if one is not None and cited_publication(_sentence_at(one.string, one.start())):
            one = None  # "In 1986 the authors published a case report of a patient"
        if one is not None:
            noun = next(g for g in one.groups() if g).lower()
            noun = "patient" if noun == "case" else noun
            unit = {"female": "woman", "lady": "woman", "male": "man", "gentleman": "man"}
            chosen = Candidate(
                1, unit.get(noun, noun), PLAIN, one.group(0), frozenset(["one_case"]), (1,), -1
            )
            return CountReading(
                chosen, (*candidates, chosen), is_review, f"one case: {one.group(0)!r}"
            )
    lower = abstract.lower()
    # (a number word first: the pattern's search cost more than the rest of this test)
    if not is_review and any(word in lower for word in _FEW):
        few = _FEW_CASES.search(abstract)
        sentence = _sentence_at(abstract, few.start()) if few is not None else ""
        # the same cue as one case, or the report in the present ("Two case histories are
        # reported here"): a past "two cases were described" with no cue is the literature's
        if (
            few is not None
            and (cue or _FEW_NOW.search(few.group(0)))
            and not cited_publication(sentence)
            and not _IN_LITERATURE.search(sentence)
        ):
            number, noun = (g for g in few.groups() if g)
            few_unit = "siblings" if noun.lower() in ("sibs", "siblings") else "cases"
            chosen = Candidate(
                _FEW[number.lower()],
                few_unit,
                PLAIN,
                few.group(0),
                frozenset(["one_case"]),
                (1,),
                -1,
            )
            return CountReading(
                chosen, (*candidates, chosen), is_review, f"a few cases: {few.group(0)!r}"
            )
    if not is_review and not candidates and (found := _denominator(abstract)) is not None:
        return CountReading(found, (found,), is_review, f"denominator: {found.phrase!r}")
    return CountReading(None, candidates, is_review, "no participant count stated")


# a part of a group written over the group: "85/180 patients had complete records",
# "new fractures in 17 of 57 patients undergoing VP" (numerator first, denominator second)
# (the numerator's digit groups bounded, and one way only to read the white space before
# "/" or "of": unbounded groups and "\s*(?:/|\s+of)" tried every split of a run of
# 3-digit numbers or of spaces from every start, quadratic: fixp20)
_FRACTION_OF = re.compile(
    rf"(?<![\w.,/±+-])({BOUNDED_NUMBER})(?:\s*/|\s+of\s+(?:the\s+|all\s+)?)(\d{{1,6}})\s+"
    rf"{_BETWEEN}({_UNIT})\b",
    re.IGNORECASE,
)


# what every fraction holds, "/" or "of" before the whole's digits, searched by RE2 in one
# pass: nearly every abstract has " of ", and ``_FRACTION_OF`` (``re``, for its look-behind)
# tried at every position of the abstracts with no count cost parts20 +12.9% of triage's
# instructions per paper (fixp20, callgrind)
_FRACTION_CUE = compile_pattern(r"(?:/|of\s+(?:the\s+|all\s+)?)\d{1,6}\s", ignore_case=True)


def _denominator(abstract: str) -> Candidate | None:
    """The group a study reports its results over, when it states no count of its own
    (docs/card-labelling.md participants rule 1: the people studied, however the
    abstract writes them): the denominator of its fractions of people ("91/125
    patients completed the 12-month follow-up", "in 17 of 57 patients undergoing VP").
    Only one group: fractions over two different denominators are subgroups or arms
    the grammar cannot add, and the card says nothing."""
    if _FRACTION_CUE.search(abstract) is None:
        return None
    found: list[tuple[int, re.Match[str]]] = []
    contexts: Contexts | None = None
    for m in _FRACTION_OF.finditer(abstract):
        part, whole = _value(m.group(1)), _value(m.group(2))
        if not 0 <= part < whole or whole < 2 or not _between_counts(m.group(3)):
            continue
        if m.group(3) and "/" in abstract[m.end(1) : m.start(2)]:
            continue  # "5/6 Nx rats", "TLR 7/8 agonist-into mice": a name, not a fraction
        sentence = _sentence_at(abstract, m.start())
        if _labelled(abstract, m.start(1)):
            continue  # "mortality at day 100 of 2012 individuals"
        if contexts is None:
            contexts = Contexts(abstract)
        if not _own_fraction(sentence, whole, contexts.at(m.start(2))):
            continue
        found.append((whole, m))
    if found and (pair := _two_kinds(abstract, found)) is not None:
        return pair
    if not found or len({whole for whole, _ in found}) > 1:
        return None
    whole, m = found[0]
    text = _sentence_at(abstract, m.start())
    phrase = m.group(0).lstrip(" (")
    if _NUMERATOR_TAKEN_IN.search(abstract, m.end(), m.end() + 80) or _RESPONSE_RATE.search(
        abstract, max(0, m.start() - 40), m.start(1)
    ):
        # "889 of 1198 survivors were evaluated", "the response rate was 272 of 394":
        # the part is the people studied, the whole the frame they came from (rule 1)
        whole = _value(m.group(1))
    return Candidate(
        whole, m.group(4).lower(), ANALYSED, phrase, frozenset(["fraction"]), (whole,), 0, text
    )


# a second fraction joined to a first by "and", over people of another kind: "23/108
# patients and 22/120 relatives", "in 5 of 40 patients and 2 of 31 controls" (the head
# noun read as written, any plural: the groups need not be words ``_UNIT`` knows)
_AND_FRACTION = re.compile(
    rf",?\s+and\s+(?:in\s+)?({BOUNDED_NUMBER})(?:\s*/|\s+of\s+(?:the\s+|all\s+)?)"
    r"(\d{1,6})\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s)\b",
    re.IGNORECASE,
)


# the people nouns the count grammar knows (``_UNIT_WORDS``) and, for the groups it does
# not list ("relatives", "partners", "dentists", "physicians", "employees"), the endings
# a person named by role or kinship, beside the grammar's count nouns: a closed list, not
# word endings ("-ers", "-ees" read "knees", "markers", "degrees" and "chambers" as people:
# session 20's review, rev20); a thing the grammar sets aside as a count's noun ("samples",
# "specimens", "centers") is never one
_UNIT_SET = frozenset(w.replace("s?", "s") for w in _UNIT_WORDS)
_ROLE_OR_KIN = frozenset(
    (
        "relatives", "caregivers", "carers", "parents", "mothers", "fathers", "siblings",
        "spouses", "partners", "families", "members", "nurses", "physicians", "clinicians",
        "doctors", "surgeons", "therapists", "physiotherapists", "pharmacists", "students",
        "residents", "trainees", "survivors", "workers", "employees", "providers", "teachers",
        "controls", "volunteers", "respondents", "informants",
    )
)  # fmt: skip


def _people_noun(noun: str) -> bool:
    """Whether a fraction's head noun names people: a count noun of the grammar, or a
    role or kinship noun (fixc21: card21's second fraction took any plural, so "22/120
    samples" was summed as people)."""
    noun = noun.lower()
    return noun in _UNIT_SET or (noun in _ROLE_OR_KIN and noun not in _NOT_BETWEEN)


def _two_kinds(abstract: str, found: list[tuple[int, re.Match[str]]]) -> Candidate | None:
    """Two groups of different people each written as a fraction of its own whole and
    joined by "and" ("23/108 patients and 22/120 relatives"): docs/card-labelling.md
    participants rule 5 sums the kinds of people a study names (228 participants),
    where two wholes of one kind may be the same people twice and are not added.
    Only when every fraction found is over one of the two wholes."""
    for whole, m in found:
        second = _AND_FRACTION.match(abstract, m.end())
        if second is None:
            continue
        part, other = _value(second.group(1)), _value(second.group(2))
        noun, other_noun = m.group(4).lower(), second.group(3).lower().split()[-1]
        if not 0 <= part < other or other_noun == noun or other == whole:
            continue
        if not _people_noun(other_noun):
            # "... and 22/120 samples": a fraction of things, not a second group of
            # people, is a measure on the first group and adds nobody (fixc21)
            return None
        if any(w not in (whole, other) for w, _ in found):
            return None
        total = whole + other
        phrase = abstract[m.start(1) : second.end()].lstrip(" (")
        return Candidate(
            total, "participants", ANALYSED, phrase, frozenset(["fraction"]), (whole, other),
            0, _sentence_at(abstract, m.start()),
        )  # fmt: skip
    return None


# the part of a fraction taken into the study by its own verb ("Ninety-eight of the 336
# assessed patients met the inclusion criteria", "Thirty-nine of 45 patients (...) were
# analyzed"), read from the fraction's end over at most one bracket
_NUMERATOR_TAKEN_IN = re.compile(
    r"\s*(?:\([^()]{0,80}\)\s*)?(?:[\w-]+\s+){0,6}?(?:(?:were|was)\s+(?:\w+\s+)?"
    r"(?:enrol+ed|included|recruited|randomi[sz]ed|studied|evaluated|analy[sz]ed|assessed|"
    r"examined|followed\s+up|surveyed|interviewed)|met\s+(?:the\s+|our\s+)?(?:inclusion|"
    r"eligibility|study)\s+criteria|(?:completed|returned|answered|responded\s+to)\s+"
    r"(?:the\s+)?(?:survey|questionnaire|interview))\b",
    re.IGNORECASE,
)
# the part as those who answered or were taken in: "the response rate was 272 of 394",
# "after enrolling 1852/4200 children"
_RESPONSE_RATE = re.compile(
    r"(?:\bresponse\s+rate\s+(?:was|of)|\benrol+ing|\brecruiting)\s+(?:only\s+)?$",
    re.IGNORECASE,
)


def _own_fraction(sentence: str, whole: int, context: tuple[str | None, bool]) -> bool:
    """Whether a fraction's group may be this study's: read as the grammar reads a
    sentence's counts (other studies' people, a background section or population,
    the world's numbers are not the sample; ``count_scope``), and, being a fallback,
    dropped wherever the grammar would keep a count only for want of another (a
    background section: "BACKGROUND: About 1 of 3 patients develop pain")."""
    if cited_publication(sentence) or sentence_out_of_scope(sentence) is not None:
        return False
    if _published_studies(sentence) or _in_background(sentence, whole):
        return False
    section, own_seen = context
    if section == "conclusion":
        return False  # a rate the conclusions draw ("because 2 of 3 cases were not reached")
    return not_this_study(sentence, section, own_seen, whole) is None


def participants_of(record: HasText) -> Participants | None:
    """The participants a card shows for a record (title read when the abstract
    gives no count); None when neither states how many."""
    return find_participants(record.abstract or "", record.title or "")[0]
