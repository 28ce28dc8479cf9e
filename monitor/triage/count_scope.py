"""Whether a number the participant grammar found counts *this study's* people.

``monitor/triage/participants.py`` finds counts by grammar ("81 patients",
"n = 32", "20 were recruited").  The grammar cannot tell whose people they
are: a card that prints the 24 children of a literature search, the 29,133 men
of the cohort a case-control study was nested in, or a year ("between May 2018
and February 2020 were included") as the sample is worse than one that says
"Not specified" (docs/card-labelling.md, participants rules 1-3 and 8).  This
module is the scope step that runs after the grammar, on each sentence and
each count, and only ever removes or demotes counts, never adds one: when
unsure, say nothing.

Out of scope, by sentence:

- **other studies and the literature**: a sentence whose subject is earlier
  work ("a search of the literature revealed 24 children", "previous studies
  of 300 patients", "cases reported since 1960") and that does not also say it
  is the present study's ("we", "our", "this study", "the present case"); in a
  review, a sentence reporting its own literature search's result ("21 articles
  (738 animals) were identified in the literature search") is its own, since a
  review's participants are its included studies' (card-labelling rule 2);
- **background populations**: a count of the population a study was drawn
  from or nested in ("nested within a cohort of 29,133 smokers", "identified
  from 2,290 patients undergoing surgery"), when the same sentence counts the
  sample too, or the design says the count is the frame (nested, drawn from).

Whose people, by sentence role and subject (``not_this_study``):

- **background**: a count in a structured abstract's background section, or in an
  unlabelled opening sentence in the present tense before the abstract speaks of its own
  study, that states a population ("Each year 17,000 people sustain an SCI");
- **a data resource's holdings**: "a data repository facilitating access to data for
  3 370 929 individuals";
- such a count is dropped unless its sentence says it is this study's (``THIS_STUDY``),
  and then it is used only when no other count is stated; a background-section count that
  is not a population is such a fallback unless it says it is this study's;
- **a cited publication's case**: the one-case default never takes the patient of a
  sentence that dates a publication or places it in a named journal.

Out of scope, by count:

- **ages**: a number followed by "-year-old", "day-old", "years old" or "of age"
  ("120 13-year-olds" is counted by the grammar as 120; "13-year-olds" alone,
  or "Thirty day-old rats" as rats aged thirty days, are not counts);
- **statistics**: a count inside a parenthesis that carries an effect
  estimate, a p-value or a confidence interval ("(n = 86 per group; HR 1.2,
  95% CI ...)") reports an analysis, not the sample;
- **calendar years**: four digits from 1900 to 2100 next to a month or a
  calendar preposition ("February 2020 were included").

Demoted to "analysed" (used only when nothing else is stated):

- **follow-up counts**: the number seen at a follow-up wave ("Two-year (n = 78)
  and 4-year (n = 46) follow-up", "46 were seen at follow-up") is those who
  remained, not those enrolled.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from enum import StrEnum
from typing import Any

from monitor.triage.fastre import Exact, compile_exact, compile_pattern

# a publication dated in the past or placed in a named journal: "In 1986 the authors
# published a case report of a patient", "the report in the New England Journal ..."
_CITED_PUBLICATION_RX = (
    r"\b(?:in|since)\s+(?:1[89]|20)\d\d\b[^.;]{0,60}?\b(?:published|(?:reported|described)\s+(?:by|in)\s)|"
    r"\breports?\s+(?:published\s+)?in\s+(?:the\s+)?(?-i:[A-Z])\w*\s+(?-i:[A-Z])"
)
# earlier work as the sentence's subject
_OTHER_WORK = re.compile(
    r"\b(?:(?:the|a|of\s+the)\s+(?:\w+\s+){0,2}?literature|previous(?:ly)?\s+(?:\w+\s+)?"
    r"(?:studies|study|reports?|reported|published|trials?|series|described)|"
    r"prior (?:studies|reports|trials)|earlier (?:studies|reports|trials|series)|"
    r"(?:has|have|had) been (?:reported|described|published)|"
    r"(?:were|was|are|is) (?:previously |already )?(?:reported|described|published) "
    r"(?:in|by|since|before|so far|to date)|"
    r"(?:reported|published|described) (?:in the literature|so far|to date|since \d{4})|"
    r"a recent (?:\w+\s+){0,2}?(?:trial|study|report|series)|"
    r"(?:other|earlier|previous) (?:authors|investigators|groups)|et al\b|"
    # a publication dated in the past or placed in a named journal is earlier work
    rf"{_CITED_PUBLICATION_RX})",
    re.IGNORECASE,
)
_CITED_PUBLICATION = re.compile(_CITED_PUBLICATION_RX, re.IGNORECASE)


def cited_publication(sentence: str) -> bool:
    """Whether a sentence speaks of an earlier publication (dated or in a named
    journal), so that a case it mentions is that publication's, not this one's."""
    return ("ublish" in sentence or "eport" in sentence or "escribed" in sentence) and (
        _CITED_PUBLICATION.search(sentence) is not None
    )


# substrings one of which every _OTHER_WORK match holds (a test far cheaper than the regex)
_OTHER_WORK_CUES = (
    "literature", "previous", "prior ", "earlier ", " been ", "reported", "published",
    "described", "recent", "et al", "authors", "investigators", "groups", "report",
)  # fmt: skip
# what says a sentence is about the present study after all
_PRESENT = re.compile(
    r"\b(?:we|our|us|this (?:study|trial|report|series|cohort|paper|review|analysis)|"
    r"the present (?:study|case|series|report|analysis)|the current (?:study|series|analysis)|"
    r"herein|here)\b",
    re.IGNORECASE,
)
# the frame a sample was drawn from: "nested within the ATBC cohort of 29,133",
# "identified from 2,290 patients", "drawn from a registry of 12,000"
_FRAME_BEFORE = re.compile(
    r"(?:\bnested\b[^.;]{0,120}?\b(?:within|in)\s+(?:a|an|the)?\s*(?:[\w/-]+\s+){0,8}?"
    r"(?:cohort|population|study|trial|registry)\s+(?:of|with|including|comprising)\s+|"
    r"\b(?:identified|drawn|derived|sampled) (?:from|among|out of)\s+"
    r"(?:a |an |the |all )?(?:[A-Za-z-]+\s+){0,4}?)$",
    re.IGNORECASE,
)
_FRAME_CUES = ("nested", "Nested", "identified", "drawn", "derived", "sampled")
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand"
)
_LEADING_NUMBER = re.compile(
    rf"\d[\d,]*|(?:{_NUMBER_WORDS})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORDS}))*",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"^\s*[-–]?\s*(?:years?|yrs?|months?|weeks?|days?)[\s-]+olds?\b|^\s+(?:years?\s+)?of age\b",
    re.IGNORECASE,
)
_STATISTIC = re.compile(
    r"\b(?:RR|OR|HR|MD|SMD|WMD|CI|odds ratio|risk ratio|hazard ratio|mean difference|"
    r"relative risk|effect size)\b|\bp\s*[<=>≤≥]",
    re.IGNORECASE,
)
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# the denominator of a rate is no count of people: "tests ordered per 100 patients",
# "4.1 referrals per 10 patients", "infections per 1,000 person-days", "one in every 50 patients"
# (docs/card-labelling.md participants rule 3: proportions are never participants)
_RATE_BEFORE = re.compile(r"\b(?:per|every)\s+$", re.IGNORECASE)
# the people those counted look after, serve or hold on a list are another level of the
# study, not its participants: "nurse managers (n=15) responsible for 180 staff nurses",
# "practices serving 50,000 patients" ("caring for 43 men" is too often the study's own
# doing: an emotion's object, a department's patients)
_SERVED_BEFORE = re.compile(
    r"\b(?:responsible\s+for|serv(?:ing|e|es))\s+"
    r"(?:(?:a\s+total\s+of|about|approximately|around|over|more\s+than|some|nearly)\s+)?$",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTHS})\.?|\b(?:in|since|from|until|till|to|and|between|through|before|"
    r"after|during)|[-–/])\s*$",
    re.IGNORECASE,
)
_FOLLOW_UP_WAVE = re.compile(
    r"\b(?:at|by|for|completed|attended|seen at|returned for|available (?:at|for))\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?follow[\s-]?ups?\b|"
    r"\b[\w-]+[\s-](?:year|month|week)s?\s*(?:\([^()]{0,20}\)\s*)?(?:(?:and|,)\s*[\w-]+[\s-]"
    r"(?:year|month|week)s?\s*(?:\([^()]{0,20}\)\s*)?)*follow[\s-]?ups?\b",
    re.IGNORECASE,
)
_ENROLMENT = re.compile(
    r"\b(?:enrol+ed|recruited|randomi[sz]ed|included|consecutive|entered|were evaluated at "
    r"baseline)\b",
    re.IGNORECASE,
)


# what starts the present study's own account again after sentences about others
_OWN_ACCOUNT = re.compile(
    r"\b(?:enrol+ed|recruited|randomi[sz]ed|included|consecutive|we|our|this|present|"
    r"current|herein)\b|^\s*[A-Z][A-Z /&-]{3,}:",
    re.IGNORECASE,
)


# a structured abstract's section label at a sentence's start ("BACKGROUND:", "Methods -",
# "DESIGN, SETTING, AND PARTICIPANTS:", "Materials and Methods:"): up to six words
_LABEL = re.compile(r"^\s*([A-Z][A-Za-z]*(?:[ ,/&]+[A-Za-z]+){0,5})\s*[:\u2013]\s")
_ROLE_OF_LABEL = (
    ("background", re.compile(r"background|introduction|context|rationale|importance", re.I)),
    ("objective", re.compile(r"objective|aim|purpose|goal|question|hypothes", re.I)),
    ("conclusion", re.compile(r"conclusion|interpretation|implication|significance", re.I)),
    ("results", re.compile(r"result|finding|outcome", re.I)),
    ("methods", re.compile(r"method|design|setting|participant|patient|subject|sample|"
                           r"population|material|procedure|intervention|measure", re.I)),
)  # fmt: skip
# what says a sentence speaks of this study's own people: its authors, the study
# named as this one, or an enrolment verb in the past tense
THIS_STUDY = re.compile(
    r"\b(?:we|our|this (?:study|trial|report|series|cohort|paper|survey|analysis)|"
    r"the present (?:study|case|series|report|analysis)|the current (?:study|series|analysis)|"
    r"herein|(?:were|was) (?:\w+ly )?(?:enrol+ed|recruited|randomi[sz]ed|included|studied|"
    r"analy[sz]ed|surveyed|interviewed|followed|examined|evaluated|assessed|treated|"
    r"operated|reviewed|selected|invited))\b",
    re.IGNORECASE,
)
# a population's size stated as a fact of the world, not of a sample
# (the rate and the per-year or world-wide words are shared with participants.py's
# background test, which reads them in sentences that do not say they are the study's)
POPULATION_RATES = ("prevalence", "incidence")
WORLD_WIDE = ("worldwide", "globally", "each year", "every year", "annually", "per year")
_POPULATION = re.compile(
    r"\b(?:" + "|".join(POPULATION_RATES + WORLD_WIDE) + r"|"
    r"a year|nationwide|an estimated|it is estimated|(?:are|is) estimated)\b",
    re.IGNORECASE,
)
# a present-tense statement (background is said in the present, a sample in the past)
_PRESENT_TENSE = re.compile(
    r"\b(?:is|are|has|have|affects?|sustains?|suffers?|lives?|develops?|occurs?|remains?|"
    r"represents?|accounts? for)\b",
    re.IGNORECASE,
)
# a data resource as the subject, with what it holds: "a data repository facilitating
# access to data for 3 370 929 individuals", "the registry contains 12,000 patients"
_HOLDINGS = re.compile(
    r"\b(?:repository|repositories|database|databank|data ?bank|portal|biobank|registry|"
    r"archive|platform)\b[^.;]{0,80}?\b(?:contains?|holds?|hous(?:es|ing)|compris(?:es|ing)|"
    r"covers?|covering|access to|data (?:for|on))\b",
    re.IGNORECASE,
)


def section_role(sentence: str, current: str | None) -> str | None:
    """The section a sentence sits in: the role its structured-abstract label names
    (background, objective, methods, results, conclusion), else ``current`` (the
    label before it, which runs on until the next one); None when unlabelled."""
    label = _LABEL.match(sentence)
    if label is None:
        return current
    for role, pattern in _ROLE_OF_LABEL:
        if pattern.search(label.group(1)):
            return role
    return "other"  # a label of another kind ("CASE PRESENTATION:") ends the one before


class Whose(StrEnum):
    """Why a sentence's counts are not this study's sample (``not_this_study``): the kind
    the caller tests, whose value is the reason it reports.  Only ``BACKGROUND_SECTION``
    may still hold the sample (some journals put it under BACKGROUND)."""

    BACKGROUND_POPULATION = "a population in a background section"
    BACKGROUND_SECTION = "a background section"
    BACKGROUND_SENTENCE = "a background sentence stating a population"
    HOLDINGS = "a data resource's holdings"


# a number of people this large, said in the present tense before the abstract speaks of
# its study, is the world's, not a sample ("Over 85 590 000 individuals have been infected")
LARGE_POPULATION = 10_000
# ... unless the sentence presents it as the study's own sample, in any tense: a stated
# total ("a total of"), the object of a study's verbs ("are included", "were analysed"),
# or data on people said to be there to use ("data on/from ... are/were"); a registry or
# database study's sample is often this large and said in the present
_OWN_SAMPLE = re.compile(
    r"\ba total of\b|"
    r"\b(?:are|were|is|was|been|being)\s+(?:\w+ly\s+)?(?:included|enrol+ed|recruited|"
    r"randomi[sz]ed|analy[sz]ed|studied|identified|selected|examined|evaluated|assessed|"
    r"surveyed|interviewed|followed|sampled|extracted|retrieved|available)\b|"
    r"\bdata (?:on|from|of|for)\b[^.;]{0,120}?\b(?:are|were|was|is)\b",
    re.IGNORECASE,
)
# ... but not a sentence whose verb reports another source's finding ("Data from the
# national registry show that 294,000 people are living with SCI", "estimates suggest"):
# the count is that source's, background, whatever verb follows it; "we"/"our" make the
# finding the study's own
_OTHERS_FINDING = re.compile(
    r"\b(?:show|shows|showed|indicate[sd]?|suggest(?:s|ed)?|estimate[sd]?)\b", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:we|our)\b", re.IGNORECASE)


def _own_sample(sentence: str) -> bool:
    """The sentence presents its large count as the study's sample (``_OWN_SAMPLE``) and
    not as another source's finding (``_OTHERS_FINDING``)."""
    if not _OWN_SAMPLE.search(sentence):
        return False
    return not _OTHERS_FINDING.search(sentence) or bool(_FIRST_PERSON.search(sentence))


def not_this_study(
    sentence: str, section: str | None, own_seen: bool, largest: int = 0
) -> Whose | None:
    """Why a sentence's counts describe people other than this study's sample
    (its role is background, or its subject is a population or a data resource),
    or None when they may be its sample.

    ``section``: the structured-abstract section it sits in (``section_role``);
    ``own_seen``: an earlier sentence already spoke of this study (so an unlabelled
    sentence is no longer read as the abstract's opening background); ``largest``: the
    largest count the sentence states (one of ``LARGE_POPULATION`` or more in such an
    opening sentence is a population even with no population word, unless the sentence
    presents it as the study's own sample: ``_own_sample``).  The caller
    keeps a count whose sentence also says it is this study's (``THIS_STUDY``) as a
    count used only when nothing else is stated, never as the sample outright."""
    if section == "background":
        # a population figure there is nobody's sample; any other count there is
        # this study's only when it says so or nothing else is stated (some
        # journals put the study's own sample under BACKGROUND)
        if _POPULATION.search(sentence) or _HOLDINGS.search(sentence):
            return Whose.BACKGROUND_POPULATION
        return None if THIS_STUDY.search(sentence) else Whose.BACKGROUND_SECTION
    if (
        section is None
        and not own_seen
        and (
            _POPULATION.search(sentence)
            or (largest >= LARGE_POPULATION and not _own_sample(sentence))
        )
        and (_PRESENT_TENSE.search(sentence))
    ):
        return Whose.BACKGROUND_SENTENCE
    if _HOLDINGS.search(sentence):
        return Whose.HOLDINGS
    return None


# a section label where a sentence begins anywhere in an abstract
_LABEL_IN_TEXT = re.compile(
    r"(?:^|[.?!]\s*|\n\s*)([A-Z][A-Za-z]*(?:[ ,/&]+[A-Za-z]+){0,5})\s*:\s|"
    # an upper-case label run into the sentence before: "(PBC) PATIENTS AND METHODS: Sera"
    r"\s((?-i:[A-Z]{3,}(?:[ ,/&]+[A-Z]{2,}){0,5}))\s*:\s"
)


def scope_context(text: str, offset: int) -> tuple[str | None, bool]:
    """The section in force at ``text[offset]`` (the last structured-abstract label
    before it) and whether the text before it already spoke of this study."""
    before = text[:offset]
    section: str | None = None
    for label in _LABEL_IN_TEXT.finditer(before):
        section = section_role((label.group(1) or label.group(2)) + ": ", section)
    return section, THIS_STUDY.search(before) is not None


# the same two searches as scope_context's, searched by RE2 where it answers as ``re``
# does (fastre.compile_exact): in Python's ``re`` they were about 4% of text-only
# triage, the label pattern tried at every position of the text before each count
_LABEL_EXACT = compile_exact(_LABEL_IN_TEXT.pattern)
_THIS_STUDY_EXACT = compile_exact(THIS_STUDY.pattern, re.IGNORECASE)
# ``Contexts`` goes on searching for labels where it stopped (``pos``/``endpos``), which
# ``Exact`` leaves to ``re``: RE2 searches there too when ``compile_exact`` cleared the
# pattern and it reads nothing at or past ``endpos`` (no ``$``, ``\b``, ``\Z`` or
# look-ahead; RE2's ``^`` matches at the text's start only, as ``re``'s does)
_LABEL_FAST = (
    compile_pattern(_LABEL_IN_TEXT.pattern)
    if isinstance(_LABEL_EXACT, Exact)
    and not re.search(r"\$|\\[bBZ]|\(\?[=!]", _LABEL_IN_TEXT.pattern)
    else _LABEL_IN_TEXT
)
# a character Python's \s matches and RE2's does not (RE2's is [\t\n\f\r ]): the only
# place the label pattern reads a text otherwise in RE2 (its other classes are ASCII,
# and RE2 reads UTF-8 a character at a time), so without one RE2 answers as ``re`` on
# any text: ``\v``, ``\x1c``-``\x1f``, a no-break or thin space...
_PYTHON_ONLY_SPACE = re.compile(r"[^\S\t\n\f\r ]")
_ASCII_PYTHON_ONLY_SPACES = ("\x0b", "\x1c", "\x1d", "\x1e", "\x1f")


def _python_only_space(text: str) -> bool:
    """Whether ``text`` holds a ``_PYTHON_ONLY_SPACE`` (on an ASCII text, five finds
    in C instead of a pattern tried at each character)."""
    if text.isascii():
        return any(space in text for space in _ASCII_PYTHON_ONLY_SPACES)
    return _PYTHON_ONLY_SPACE.search(text) is not None


_NO_ROLE = "no label"  # ``_label_role``'s answer when a label names no role at all


@functools.lru_cache(maxsize=1024)
def _label_role(label: str) -> str:
    """``section_role(label + ": ", current)`` for every ``current``: the role the label
    names, or ``_NO_ROLE`` when it is not a label (the current section runs on).  The same
    few labels ("METHODS", "Results") come back in abstract after abstract."""
    role = section_role(label + ": ", None)
    return _NO_ROLE if role is None else role


class Contexts:
    """``scope_context(text, offset)`` for one text asked at several offsets (the
    participant grammar asks at each sentence that keeps a count), each answer the
    same, for less: both searches by RE2 where the engines agree
    (``compile_exact``), and some not made at all.

    - Sections: the labels a prefix holds are the text's labels that end inside it, in
      the same order (every ``_LABEL_IN_TEXT`` match ends at ":" and one white-space
      character after the first colon past its start, so a match cannot end elsewhere
      in a shorter prefix, nor one begin inside it).  The text is searched once, up to
      the furthest offset asked, each label's section kept with where it ends; an
      offset's section is the last one ending at or before it (``bisect``).  Before,
      each offset searched its whole prefix again.
    - Every ``_LABEL_IN_TEXT`` match holds a colon, so a prefix without one has no
      section label (a fifth of the grammar's calls on the update file).
    - A ``THIS_STUDY`` match found in one prefix and ending before that prefix's end
      reads the same characters, its closing ``\\b`` included, in any prefix that
      holds it, so it answers for those without another search.  (One ending right
      at a prefix's end may not: there ``\\b`` reads the end of the text, and a
      longer prefix may go on with a word character, "we" of "weak".)
    """

    __slots__ = ("_colon", "_ends", "_labels", "_own", "_pos", "_scanned", "_sections", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._colon = text.find(":")  # the first colon, -1 when none
        # the end of a "this study" match that holds in every prefix it fits in
        self._own = -1
        # the labels found so far: where each ends, the section in force after it
        self._ends: list[int] = []
        self._sections: list[str | None] = []
        self._scanned = 0  # every label that ends at or before this offset is found
        self._pos = 0  # where the search for the next label starts (the last one's end)
        # RE2 answers as ``re`` on the whole text (abstracts with "±" or "β" included)
        self._labels: Any = _LABEL_IN_TEXT if _python_only_space(text) else _LABEL_FAST

    def _section(self, offset: int) -> str | None:
        """The section in force at ``offset`` (0 <= offset <= len(text))."""
        if offset > self._scanned:
            if 0 <= self._colon < offset:
                ends, sections = self._ends, self._sections
                section = sections[-1] if sections else None
                for label in self._labels.finditer(self.text, self._pos, offset):
                    role = _label_role(label.group(1) or label.group(2))
                    if role != _NO_ROLE:
                        section = role
                    ends.append(label.end())
                    sections.append(section)
                if ends:
                    self._pos = ends[-1]
            self._scanned = offset
        at = bisect_right(self._ends, offset)
        return self._sections[at - 1] if at else None

    def at(self, offset: int) -> tuple[str | None, bool]:
        """What ``scope_context(self.text, offset)`` answers."""
        text = self.text
        if offset < 0:  # a negative slice end: not asked by the grammar
            return scope_context(text, offset)
        offset = min(offset, len(text))
        section = self._section(offset)
        if 0 <= self._own <= offset:
            return section, True
        before = text[:offset]
        found = _THIS_STUDY_EXACT.search(before)
        if found is not None and found.end() < len(before):
            self._own = found.end()
        return section, found is not None


# the literature as what a search went through: "the literature(s) search", "a search of
# the published literature", "searching the literature" (bounded: at most three words
# between the search and the literature)
_LITERATURE_SEARCH = re.compile(
    r"\bliteratures?\s+(?:search(?:es|ing)?|review|retrieval|screening)\b|"
    r"\bsearch(?:es|ed|ing)?\s+(?:(?:of|in|through)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"literatures?\b",
    re.IGNORECASE,
)
# what a search's own result is said with: what it identified, included, yielded ...
_SEARCH_RESULT = re.compile(
    r"\b(?:identified|included|retrieved|yielded|yields?|selected|eligible|found|revealed|"
    r"met|screened|obtained|returned|resulted\s+in|located)\b",
    re.IGNORECASE,
)


def _reviews_own_search(sentence: str) -> bool:
    """Whether a review's sentence reports its own search's result ("Fourteen articles
    (512 rats) were identified in the literature search"): it states a result
    (``_SEARCH_RESULT``) and the literature it names is only what the search went
    through, so that with those search phrases blanked no other earlier work is left
    ("Previous studies of 300 patients were identified in the literature search"
    stays other work).  Only a review's search counts its own people: a case
    report's literature search finds other patients (hence the caller's ``review``)."""
    if not _SEARCH_RESULT.search(sentence) or not _LITERATURE_SEARCH.search(sentence):
        return False
    blanked = _LITERATURE_SEARCH.sub(lambda found: " " * len(found.group(0)), sentence)
    return _OTHER_WORK.search(blanked) is None


def sentence_out_of_scope(
    sentence: str, previous_out: bool = False, review: bool = False
) -> str | None:
    """Why a sentence's counts are not this study's, or None when they may be.

    ``previous_out``: the sentence before counted other studies' people, so one
    that goes on counting without turning back to this study ("Among them were
    10 patients ...", "In five patients, ...") is about them too; a present-study
    word, an enrolment verb or a structured-abstract label turns back.
    ``review``: the abstract is a systematic review or meta-analysis, whose own
    search and selection results ("21 articles (738 animals) were identified in the
    literature search") count its participants (docs/card-labelling.md rule 2),
    not other work (``_reviews_own_search``)."""
    lowered = sentence.lower()
    if (
        any(cue in lowered for cue in _OTHER_WORK_CUES)
        and _OTHER_WORK.search(sentence)
        and not _PRESENT.search(sentence)
        and not (review and _reviews_own_search(sentence))
    ):
        return "a sentence about other studies or the literature"
    if previous_out and not _OWN_ACCOUNT.search(sentence):
        return "a sentence going on about other studies' people"
    return None


def count_out_of_scope(sentence: str, start: int) -> str | None:
    """Why the count whose number begins at ``sentence[start]`` is not a count of
    this study's participants, or None when it may be."""
    number = _LEADING_NUMBER.match(sentence, start)
    if number is None:
        return None
    after = sentence[number.end() : number.end() + 20]
    if ("old" in after or "age" in after) and _AGE_AFTER.match(after):
        return "an age"
    digits = number.group(0)
    if (
        digits.isdigit()
        and len(digits) == 4
        and 1900 <= int(digits) <= 2100
        and _YEAR_BEFORE.search(sentence[max(0, start - 12) : start])
    ):
        return "a calendar year"
    near = sentence[max(0, start - 40) : start]
    if _RATE_BEFORE.search(near):
        return "the denominator of a rate"
    if ("for" in near or "serv" in near) and _SERVED_BEFORE.search(near):
        return "the people those counted serve (another level of the study)"
    inner = _parenthesis(sentence, start)
    if inner is not None and _STATISTIC.search(inner):
        return "a number inside a statistic"
    window = sentence[max(0, start - 220) : start]
    if any(cue in window for cue in _FRAME_CUES) and _FRAME_BEFORE.search(window):
        return "the population the sample was drawn from"
    return None


def follow_up_count(sentence: str) -> bool:
    """Whether a sentence counts those seen at a follow-up wave rather than those
    enrolled (such a count is the sample only when nothing else is stated)."""
    return (
        "ollow" in sentence
        and _FOLLOW_UP_WAVE.search(sentence) is not None
        and not _ENROLMENT.search(sentence)
    )


def _parenthesis(sentence: str, at: int) -> str | None:
    """The text of the parenthesis or bracket that ``at`` stands in, if it opened
    within 200 characters and nothing closed since (a nested one is let be)."""
    low = max(0, at - 200)
    opened = max(sentence.rfind("(", low, at), sentence.rfind("[", low, at))
    if opened < 0 or ")" in sentence[opened:at] or "]" in sentence[opened:at]:
        return None
    close = re.search(r"[)\]]", sentence[at:])
    return sentence[opened : at + close.end() if close else len(sentence)]
