"""Key findings, limitations, future research and practical implications, quoted from the abstract.

Extractive only: every item is a sentence of the abstract, unchanged, for a
writer to rewrite.  Nothing is paraphrased or invented; a field the abstract
does not state stays empty and the card says "Not stated in the abstract".
At most three sentences each.

- Key findings: result sentences that carry a finding (a number, a p-value,
  a confidence interval or a result verb), the most explicit first, then the
  first conclusion sentence; kept in the abstract's order.
- Limitations: the LIMITATIONS section, or sentences that say "limitations
  include", "was limited by".
- Future research: "further research is needed", "future studies should",
  "larger trials are warranted".
- Practical implications: the IMPLICATIONS section, or sentences about
  clinical practice ("clinicians should", "implications for rehabilitation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.briefs.sentences import Sentence, sentences_of

MAX_ITEMS = 3
NOT_STATED = "Not stated in the abstract"

_FUTURE = re.compile(
    r"\b(?:further|future|more|additional|larger|longer|well-designed|high-quality|prospective)"
    r"(?:[\s-]+[\w-]+){0,3}[\s-]+(?:research|studies|study|trials?|investigations?|work|"
    r"evidence|rcts?)\b[^.]*?\b(?:needed|required|warranted|necessary|should|must|"
    r"recommended|could|would|will)\b|\bremains? to be (?:determined|established|elucidated|"
    r"investigated|explored)\b|\bwarrants? further\b|\bfuture (?:research|studies|work|trials) "
    r"(?:should|could|will|may)\b",
    re.IGNORECASE,
)
_STATISTIC = re.compile(
    r"\bp\s*[<=>≤]\s*0?\.\d|\b95\s*%\s*(?:ci|confidence)|\b(?:or|hr|rr|smd|md|ci)\s*[=:]?\s*-?\d|"
    r"\d+(?:\.\d+)?\s*%",
    re.IGNORECASE,
)
_RESULT_VERB = re.compile(
    r"\b(?:improved|improvement|reduced|reduction|increased|decreased|associated|"
    r"significant(?:ly)?|differ(?:ed|ence)|higher|lower|greater|fewer|more likely|"
    r"less likely|predicted|effective|showed|found|revealed|demonstrated)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
# "we found that", "X resulted in": the authors stating a finding of their own
_OWN_FINDING = re.compile(
    r"\bwe (?:found|observed|show|showed|demonstrate|demonstrated|report)\b|\bresulted in\b|"
    r"\b(?:did not|failed to) (?:improve|reduce|reveal|show|differ|prevent|attenuate)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Findings:
    """Sentences quoted from the abstract; empty lists where it says nothing."""

    key_findings: list[str] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    future_research: list[str] = field(default_factory=list)
    practical_implications: list[str] = field(default_factory=list)


def _finding_score(sentence: Sentence) -> int:
    text = sentence.text
    score = 0
    if _STATISTIC.search(text):
        score += 2
    if _RESULT_VERB.search(text):
        score += 2
    if _NUMBER.search(text):
        score += 1
    if _OWN_FINDING.search(text):
        score += 1
    return score


def findings_of(title: str, abstract: str) -> Findings:
    sentences = [s for s in sentences_of(title, abstract) if s.role != "title"]
    future = [s for s in sentences if _FUTURE.search(s.text)]
    future_ids = {id(s) for s in future}
    limitations = [s for s in sentences if s.role == "limitations" and id(s) not in future_ids]
    implications = [s for s in sentences if s.role == "implications" and id(s) not in future_ids]
    taken = future_ids | {id(s) for s in limitations} | {id(s) for s in implications}

    results = [s for s in sentences if s.role == "results" and id(s) not in taken]
    conclusions = [s for s in sentences if s.role == "conclusion" and id(s) not in taken]
    # a result sentence must state a finding, not just "data were analysed"
    scored = [(s, _finding_score(s)) for s in results]
    scored = [(s, score) for s, score in scored if score >= 3 or (s.labelled and score >= 2)]
    room = MAX_ITEMS - (1 if conclusions else 0)
    best = sorted(scored, key=lambda pair: -pair[1])[:room]
    best_ids = {id(s) for s, _score in best}
    key = [s for s in results if id(s) in best_ids]
    key += conclusions[: MAX_ITEMS - len(key)]

    def texts(items: list[Sentence]) -> list[str]:
        return [s.text for s in items[:MAX_ITEMS]]

    return Findings(
        key_findings=texts(key),
        limitations=texts(limitations),
        future_research=texts(future),
        practical_implications=texts(implications),
    )
