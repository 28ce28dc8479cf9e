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
from dataclasses import dataclass

from monitor.triage.design_patterns import OWN_WORK, SCOPE_OTHER, SCOPE_WANTED
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
_SENTENCE_END = BytesPattern(rb"[.?!];?\s+")


def scoped(abstract: str) -> Scoped:
    """Blank the sentences whose cues are not the paper's own design.

    Each trigger pattern runs once over the whole abstract, on its bytes (a
    search per sentence cost more than the design scan itself); its matches are
    then placed in their sentences, which end after . ? ! and white space."""
    data = abstract.encode()
    wanted = [(start, data[start:end]) for start, end in _WANTED.spans(data)]
    other = [(start, data[start:end]) for start, end in _OTHER.spans(data)]
    if not wanted and not other:
        return Scoped(abstract, abstract, ())
    own = [start for start, _end in _OWN.spans(data)] if other else []
    primary = bytearray(data)
    reviews = bytearray(data)
    triggers: list[str] = []
    start = 0
    ends = [start + 1 for start, _end in _SENTENCE_END.spans(data)] + [len(data)]
    for end in ends:
        in_wanted = next((w for at, w in wanted if start <= at < end), None)
        in_other = None
        if in_wanted is None:
            in_other = next((o for at, o in other if start <= at < end), None)
            if in_other is not None and any(start <= at < end for at in own):
                in_other = None
        if in_wanted is not None or in_other is not None:
            blank = b" " * (end - start)
            primary[start:end] = blank
            if in_wanted is not None:
                reviews[start:end] = blank
            triggers.append((in_wanted or in_other or b"").decode())
        start = end
    if not triggers:
        return Scoped(abstract, abstract, ())
    return Scoped(primary.decode(), reviews.decode(), tuple(triggers))
