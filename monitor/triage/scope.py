"""Which sentences of an abstract speak of the paper's own design.

A design cue is a mention, not a design, when its sentence is about other
people's studies ("a paucity of randomized trials", "only four were RCTs",
"previous trials have shown") or about work wanted, planned or criticised
("a randomized trial is required", "future trials should", "poorly designed
trials").  Rather than list such sentences, one mechanism in the spirit of
NegEx/ConText puts a whole sentence out of scope when a trigger occurs in it
(the triggers are data: ``SCOPE_OTHER``, ``SCOPE_WANTED`` and ``OWN_WORK`` in
monitor/triage/design_patterns.py):

- a sentence about other studies is out of scope for the cues of primary
  designs (trials, cases, cohorts, qualitative work), unless it also speaks of
  the paper's own work ("we", "our", "this study");
- a sentence about wanted or planned work is out of scope for every family but
  protocols, whose own design is planned work.

Out-of-scope sentences are blanked (replaced by spaces, so offsets hold) and
the cue families read the blanked texts (see design_paper.Paper).  Most
abstracts hold no trigger (the abstract's one RE2 pass says so), and then the
texts are the abstract itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from monitor.triage.design_patterns import OWN_WORK, SCOPE_LITERATURE, SCOPE_OTHER, SCOPE_WANTED
from monitor.triage.fastre import BytesPattern

# a sentence ends at . ? ! followed by white space (not "2.5 cm"), or by the "; " that
# joins a structured abstract's sections ("... motor blockade.; Fifty-three women were
# included in this randomized study"): without it the two sections were one sentence,
# and a trigger in the background ("preliminary studies have suggested") set the
# methods' own randomisation aside with it
_END = re.compile(r"(?<=[.?!]);?\s+")


@dataclass(frozen=True)
class Scoped:
    """The abstract as the cue families read it, and why sentences were set aside."""

    primary: str  # without sentences about other studies or wanted work
    reviews: str  # without sentences about wanted work (reviews speak of other studies)
    triggers: tuple[str, ...]  # the trigger phrases that set sentences aside


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ? ! followed by white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in _END.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# on UTF-8 bytes without captures, matched by RE2 directly: google-re2's str wrapper
# (encoding, converting offsets, a match object each) cost more than the match
_WANTED, _OTHER, _OWN = (BytesPattern(p.pattern) for p in (SCOPE_WANTED, SCOPE_OTHER, OWN_WORK))
_LITERATURE = BytesPattern(SCOPE_LITERATURE.pattern)
# the sentence ends on the same bytes by ``re``'s finditer, one C loop (RE2's Match
# once per sentence cost 1.5x as much): RE2's ``\s`` is [\t\n\f\r ] (not \v, which
# Python's is too), written out so that both engines match the same bytes
_SENTENCE_END = re.compile(rb"[.?!];?[\t\n\f\r ]+")


def scoped(abstract: str, literature: bool = False) -> Scoped:
    """Blank the sentences whose cues are not the paper's own design; with
    ``literature`` (an abstract naming no work of its own), sentences about the
    literature in the generic present too (``SCOPE_LITERATURE``).  One reading of
    a :class:`Scan` (which says how)."""
    return Scan(abstract).scoped(literature)


class Scan:
    """One abstract's trigger matches and sentence ends, found once for both of its
    readings (``scoped``): design_paper.Paper.scope reads the literature's
    reading first and falls back on the plain one when the paper names work of
    its own, and scanning the abstract again for it was a second pass of every
    trigger pattern, the sentence ends and ``OWN_WORK`` (speed10, issue 19).

    Each trigger pattern runs once over the whole abstract, on its bytes (a
    search per sentence cost more than the design scan itself); its matches are
    then placed in their sentences, which end after . ? ! and white space.
    ``triggers=False``: the caller knows ``SCOPE_OTHER`` and ``SCOPE_WANTED``
    match nowhere in the abstract (its ``SCOPE_TRIGGERS``, their alternation, is
    not among the abstract set's hits), so they are not searched."""

    __slots__ = ("_ends", "_own", "abstract", "data", "other", "wanted")

    def __init__(self, abstract: str, triggers: bool = True) -> None:
        self.abstract = abstract
        self.data = data = abstract.encode()
        self.wanted: list[tuple[int, int]] = _WANTED.spans(data) if triggers else []
        self.other: list[tuple[int, int]] = _OTHER.spans(data) if triggers else []
        self._ends: list[int] | None = None
        self._own: list[tuple[int, int]] | None = None

    def _sentence_ends(self) -> list[int]:
        """Sentence i is data[ends[i - 1]:ends[i]] (from 0 for the first)."""
        if self._ends is None:
            ends = [m.start() + 1 for m in _SENTENCE_END.finditer(self.data)]
            ends.append(len(self.data))
            self._ends = ends
        return self._ends

    def _own_spans(self) -> list[tuple[int, int]]:
        if self._own is None:
            self._own = _OWN.spans(self.data)
        return self._own

    def scoped(self, literature: bool = False) -> Scoped:
        """The abstract with its out-of-scope sentences blanked (``scoped``)."""
        abstract, data, wanted, other = self.abstract, self.data, self.wanted, self.other
        if literature:
            other = sorted(other + _LITERATURE.spans(data))
        if not wanted and not other:
            return Scoped(abstract, abstract, ())
        # a match at ``at`` lies in sentence bisect_right(ends, at).  Each sentence's
        # trigger is its first match (the spans come in order); a sentence with no
        # trigger is kept
        ends = self._sentence_ends()
        in_wanted: dict[int, tuple[int, int]] = {}
        for span in wanted:
            in_wanted.setdefault(bisect_right(ends, span[0]), span)
        in_other: dict[int, tuple[int, int]] = {}
        for span in other:
            in_other.setdefault(bisect_right(ends, span[0]), span)
        if in_other:
            # "other studies" in a sentence that speaks of the paper's own work is kept
            for start, _end in self._own_spans():
                in_other.pop(bisect_right(ends, start), None)
        if not in_wanted and not in_other:
            return Scoped(abstract, abstract, ())
        primary = bytearray(data)
        reviews = bytearray(data)
        triggers: list[str] = []
        for sentence in sorted(in_wanted.keys() | in_other.keys()):
            start = ends[sentence - 1] if sentence else 0
            end = ends[sentence]
            blank = b" " * (end - start)
            primary[start:end] = blank
            if sentence in in_wanted:
                reviews[start:end] = blank
                at, to = in_wanted[sentence]
            else:
                at, to = in_other[sentence]
            triggers.append(data[at:to].decode())
        return Scoped(primary.decode(), reviews.decode(), tuple(triggers))
