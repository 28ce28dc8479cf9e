"""Which papers go into a week's digest, in which section, in what order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from monitor.ranking import digest_priority
from storage.digests import Candidate
from storage.sections import SECTIONS, section_of
from storage.trials import TrialNews

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")
_CONCLUSION = re.compile(r"^(CONCLUSIONS?|INTERPRETATION|IMPLICATIONS?|"
                         r"CONCLUSIONS? AND RELEVANCE|DISCUSSION)\s*:\s*", re.I | re.M)  # fmt: skip


def excerpt(abstract: str, sentences: int) -> str:
    """The conclusion section's first sentences, else the abstract's."""
    if not abstract:
        return ""
    text = abstract
    match = _CONCLUSION.search(abstract)
    if match:
        text = abstract[match.end() :].split("\n", 1)[0]
    else:
        text = re.sub(r"^[A-Z][A-Z /&-]{2,40}:\s*", "", abstract.split("\n", 1)[0])
    parts = _SENTENCE.split(text.strip())
    out = " ".join(parts[:sentences]).strip()
    return out if len(out) <= 600 else out[:597].rsplit(" ", 1)[0] + "…"


@dataclass
class Section:
    key: str
    title: str
    items: list[Candidate] = field(default_factory=list)
    more: int = 0


@dataclass
class DigestContent:
    week: str
    since: datetime
    until: datetime
    sections: list[Section]
    counts: dict[str, Any]
    corrections: list[tuple[int, str, str, str | None]]
    # the Trials section: news by group (recruiting, results, ended), see storage.trials
    trials: dict[str, list[TrialNews]] = field(default_factory=dict)

    @property
    def paper_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def paper_ids(self) -> list[int]:
        return [c.id for s in self.sections for c in s.items]


def arrange(candidates: list[Candidate], today: date, cap: int) -> list[Section]:
    """Group into sections; core before peripheral, then by the ranking score (the
    learned blend once a preference model exists, else the fixed priority) with recency.

    Only relevant papers are candidates (storage.digests.candidates): an
    off-topic paper never reaches the digest, whatever the model scores it.
    """
    sections = {key: Section(key, title) for key, title in SECTIONS}
    ranked = sorted(
        candidates,
        key=lambda c: (
            c.relevance != "core",
            -digest_priority(c.priority if c.score is None else c.score, c.first_seen_at, today),
            c.id,
        ),
    )
    for c in ranked:
        # the rule the review queue's section filter applies too (storage.sections)
        section = sections[section_of(c.design, c.population)]
        if len(section.items) < cap:
            section.items.append(c)
        else:
            section.more += 1
    return [s for s in sections.values() if s.items]
