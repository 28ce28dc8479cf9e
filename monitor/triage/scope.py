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

# a sentence ends at . ? ! followed by white space (not "2.5 cm")
_END = re.compile(r"(?<=[.?!])\s+")


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


def scoped(abstract: str) -> Scoped:
    """Blank the sentences whose cues are not the paper's own design."""
    primary = list(abstract)
    reviews = list(abstract)
    triggers: list[str] = []
    changed = False
    for start, end in sentences(abstract):
        sentence = abstract[start:end]
        wanted = SCOPE_WANTED.search(sentence)
        other = None if wanted else SCOPE_OTHER.search(sentence)
        if other is not None and OWN_WORK.search(sentence) is not None:
            other = None
        if wanted is None and other is None:
            continue
        changed = True
        blank = [" "] * (end - start)
        primary[start:end] = blank
        if wanted is not None:
            reviews[start:end] = blank
            triggers.append(wanted.group(0))
        elif other is not None:
            triggers.append(other.group(0))
    if not changed:
        return Scoped(abstract, abstract, ())
    return Scoped("".join(primary), "".join(reviews), tuple(triggers))
