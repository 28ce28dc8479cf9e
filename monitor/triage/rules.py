"""Triage rules: the tunable vocabulary of queries/triage.toml, compiled once.

The file is read and checked by ``monitor.rule_spec.read_rule_spec``
(pydantic); this module compiles what it gives, and imports no pydantic, so
``scimon import``'s classifying child, which is sent the checked values, does
not either (issue 23).

The rules version is a hash of that file, the shared SCI vocabulary and the
code's own rule revision, so any change makes ``triage_pending`` re-triage
every paper on its next run (``scimon triage --all`` does it at once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from monitor.errors import ConfigError
from monitor.records import PaperRecord
from monitor.rule_spec import RuleSpec, read_rule_spec
from monitor.triage.confidence import ConfidenceModel, load_confidence_model
from monitor.triage.fastre import (
    Pattern,
    PatternHits,
    PatternSet,
    compile_pattern,
    lowercase_literals,
)
from monitor.triage.review_model import ReviewModel, load_review_model
from monitor.vocabulary import term_regex
from storage.hashes import sha1

if TYPE_CHECKING:
    from monitor.config_models import Vocabulary

# bump when the rules written in code (design.py, participants.py) change
CODE_REVISION = "2026-12-08.2"


class Lowered(NamedTuple):
    """A paper's title and abstract lowercased, once for every facet of its triage.

    Population, design, relevance and topics all match lowercase text, and
    lowercasing an abstract each time cost about 4 µs, three times a paper
    more than needed (a twentieth of triage).
    """

    title: str
    abstract: str

    @classmethod
    def of(cls, record: PaperRecord) -> Lowered:
        return cls(record.title.lower(), record.abstract.lower())

    def words(self, rules: TriageRules) -> PatternHits:
        """Which population and relevance patterns occur in title + abstract.

        One RE2 pass shared by population and relevance: two passes over the
        same text cost 0.48 s on the update file, one 0.19 s (2026-12-02).
        """
        return rules.words_set.present(f"{self.title}\n{self.abstract}")


class Reading(NamedTuple):
    """What population and relevance both read of a paper, once: its lowercased
    text and which of the rules' words occur in it (``Lowered.words``)."""

    lowered: Lowered
    words: PatternHits

    @classmethod
    def of(cls, record: PaperRecord, rules: TriageRules) -> Reading:
        lowered = Lowered.of(record)
        return cls(lowered, lowered.words(rules))


def phrases_regex(phrases: Sequence[str]) -> Pattern:
    """Phrase list (``*`` truncation) as one alternation, for lowercased text.

    Triage lowercases each text once and matches case-sensitively: Python's
    ``re`` is about six times slower on long alternations with IGNORECASE.
    """
    if not phrases:
        return compile_pattern(r"[^\s\S]")  # matches nothing
    return compile_pattern("|".join(term_regex(p) for p in phrases))


def _sci_regex(path: str, phrases: Sequence[str], patterns: Sequence[str]) -> Pattern:
    """The SCI phrases and the word-order patterns as one alternation (lowercased text).

    A pattern's literal text is lowered as the phrases are: matched case-sensitively
    against lowercased text, a maintainer's "ASIA" never matched (fixr20); its escapes
    are kept (``lowercase_literals``: lowering ``\\S`` would make it ``\\s``)."""
    if not patterns:
        return phrases_regex(phrases)
    parts = [term_regex(p) for p in phrases] + [f"(?:{lowercase_literals(p)})" for p in patterns]
    try:
        return compile_pattern("|".join(parts))
    except re.error as exc:
        raise ConfigError(f"{path}: relevance.sci_patterns: not a valid pattern: {exc}") from exc


def _regexes(path: str, key: str, patterns: Sequence[str]) -> Pattern:
    """Maintainers' regular expressions as one alternation; a bad one names its key."""
    try:
        # case-insensitive rather than lowercased: lowering a pattern turns \S into \s
        return compile_pattern(
            "|".join(f"(?:{p})" for p in patterns) or r"[^\s\S]", ignore_case=True
        )
    except re.error as exc:
        raise ConfigError(f"{path}: {key}: not a valid pattern: {exc}") from exc


@dataclass(frozen=True)
class TriageRules:
    version: str
    sci: Pattern
    sci_mesh: frozenset[str]
    off_topic: Pattern
    other_populations: Pattern
    other_populations_not: Pattern
    adjacent: Pattern
    adjacent_negated: Pattern
    human: Pattern
    animal: Pattern
    in_vitro: Pattern
    topics: tuple[tuple[str, str, Pattern], ...]  # (id, label, pattern)
    # every topic's pattern, tested in one pass over the text
    topic_set: PatternSet
    # sci, off_topic, adjacent, animal, human and in-vitro words in one pass over
    # title and abstract (see Lowered.words): most papers have few of them, and
    # each absent one is never searched
    words_set: PatternSet
    # finds narrative reviews the design phrases miss (review_model.py); None
    # in the training script, which needs the rules' own answers
    review_model: ReviewModel | None = None
    # scores each design in [0, 1] (confidence.py); None in its training script
    confidence_model: ConfidenceModel | None = None

    @property
    def confidence_model_version(self) -> str:
        return self.confidence_model.version if self.confidence_model else ""


def load_rules(
    path: Path, vocabulary: Vocabulary, *, review_model: bool = True, confidence: bool = True
) -> TriageRules:
    """Read, check and compile the triage rules; ConfigError names file, key and problem.

    ``review_model=False``: the rules alone (scripts/train_review_model.py
    trains the model on what they leave undecided)."""
    spec = read_rule_spec(path, vocabulary)
    return build_rules(spec, review_model=review_model, confidence=confidence)


def build_rules(
    spec: RuleSpec, *, review_model: bool = True, confidence: bool = True
) -> TriageRules:
    """Compile rules read and checked by ``read_rule_spec`` (``load_rules``'s second half).

    Imports no pydantic: the classifying child of ``scimon import`` builds its
    rules from a spec the storing process sent it."""
    path = spec.path
    off_topic = _regexes(path, "relevance.off_topic", spec.off_topic)
    adjacent_negated = _regexes(path, "relevance.adjacent_negated", spec.adjacent_negated)
    digest = sha1(usedforsecurity=False)
    digest.update(spec.source)
    digest.update(repr(sorted(spec.tiab) + sorted(spec.mesh)).encode())
    digest.update(CODE_REVISION.encode())
    model = load_review_model() if review_model else None
    digest.update(model.version.encode() if model else b"no review model")
    confidence_model = load_confidence_model() if confidence else None
    digest.update(confidence_model.version.encode() if confidence_model else b"no confidence")
    topics = tuple((id_, label, phrases_regex(phrases)) for id_, label, phrases in spec.topics)
    # the query's vocabulary plus words that mean SCI in a paper's text but
    # would flood a PubMed search ("hemisection", "BBB locomotor score")
    sci_terms = sorted({*spec.tiab, *spec.mesh, *spec.sci_text})
    sci = _sci_regex(path, sci_terms, spec.sci_patterns)
    adjacent = phrases_regex(spec.adjacent)
    human = phrases_regex(spec.human)
    animal = phrases_regex(spec.animal)
    in_vitro = phrases_regex(spec.in_vitro)
    return TriageRules(
        version=digest.hexdigest()[:12],
        sci=sci,
        sci_mesh=frozenset(m.lower() for m in spec.mesh),
        off_topic=off_topic,
        other_populations=phrases_regex(spec.other_populations),
        other_populations_not=_regexes(
            path, "relevance.other_populations_not", spec.other_populations_not
        ),
        adjacent=adjacent,
        adjacent_negated=adjacent_negated,
        human=human,
        animal=animal,
        in_vitro=in_vitro,
        topics=topics,
        topic_set=PatternSet([pattern for _id, _label, pattern in topics]),
        words_set=PatternSet([sci, off_topic, adjacent, animal, human, in_vitro]),
        review_model=model,
        confidence_model=confidence_model,
    )
