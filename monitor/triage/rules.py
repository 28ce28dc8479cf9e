"""Triage rules: the tunable vocabulary of queries/triage.toml, compiled once.

The rules version is a hash of that file, the shared SCI vocabulary and the
code's own rule revision, so any change makes ``triage_pending`` re-triage
every paper on its next run (``scimon triage --all`` does it at once).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from monitor.config import format_validation_error, read_toml
from monitor.config_models import Phrase, Vocabulary
from monitor.errors import ConfigError
from monitor.records import PaperRecord
from monitor.triage.confidence import ConfidenceModel, load_confidence_model
from monitor.triage.fastre import Pattern, PatternHits, PatternSet, compile_pattern
from monitor.triage.review_model import ReviewModel, load_review_model
from monitor.vocabulary import term_regex

# bump when the rules written in code (design.py, participants.py) change
CODE_REVISION = "2026-12-06.4"


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _a_regex(pattern: str) -> str:
    """A maintainer's regular expression: valid, and not matching an empty or
    meaningless text (which would match every paper: "", "x*", "(a|)", "\\b", ".")."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{pattern!r} is not a valid pattern: {exc}") from exc
    if compiled.search("") is not None:
        raise ValueError(f"{pattern!r} matches an empty text, so it would match every paper")
    if compiled.search("xq zv") is not None:  # words of no subject: \b . \w match them
        raise ValueError(f"{pattern!r} matches any text, so it would match every paper")
    return pattern


Regex = Annotated[str, AfterValidator(_a_regex)]


class TopicConfig(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    label: str = Field(min_length=1)
    phrases: list[Phrase] = Field(min_length=1)


class RelevanceConfig(_Strict):
    off_topic: list[Regex] = Field(default_factory=list)
    other_populations: list[Phrase] = Field(default_factory=list)
    other_populations_not: list[Regex] = Field(default_factory=list)
    sci_text: list[Phrase] = Field(default_factory=list)
    # SCI named with its words apart or reordered ("injured rat spinal cord",
    # "contusion injury of the spinal cord"): regular expressions on lowercased text
    sci_patterns: list[Regex] = Field(default_factory=list)
    adjacent: list[Phrase] = Field(default_factory=list)
    adjacent_negated: list[Regex] = Field(default_factory=list)


class PopulationConfig(_Strict):
    human: list[Phrase] = Field(min_length=1)
    animal: list[Phrase] = Field(min_length=1)
    in_vitro: list[Phrase] = Field(default_factory=list)


class TriageFile(_Strict):
    relevance: RelevanceConfig = RelevanceConfig()
    population: PopulationConfig
    topic: list[TopicConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def _topic_ids_once(self) -> TriageFile:
        ids = [t.id for t in self.topic]
        if twice := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"topic id {', '.join(twice)} given more than once")
        return self


def phrases_regex(phrases: list[str]) -> Pattern:
    """Phrase list (``*`` truncation) as one alternation, for lowercased text.

    Triage lowercases each text once and matches case-sensitively: Python's
    ``re`` is about six times slower on long alternations with IGNORECASE.
    """
    if not phrases:
        return compile_pattern(r"[^\s\S]")  # matches nothing
    return compile_pattern("|".join(term_regex(p) for p in phrases))


def _sci_regex(path: Path, phrases: list[str], patterns: list[str]) -> Pattern:
    """The SCI phrases and the word-order patterns as one alternation (lowercased text)."""
    if not patterns:
        return phrases_regex(phrases)
    parts = [term_regex(p) for p in phrases] + [f"(?:{p})" for p in patterns]
    try:
        return compile_pattern("|".join(parts))
    except re.error as exc:
        raise ConfigError(f"{path}: relevance.sci_patterns: not a valid pattern: {exc}") from exc


def _regexes(path: Path, key: str, patterns: list[str]) -> Pattern:
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
    """Read and compile the triage rules; ConfigError names file, key and problem.

    ``review_model=False``: the rules alone (scripts/train_review_model.py
    trains the model on what they leave undecided)."""
    data = read_toml(path)
    try:
        conf = TriageFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from exc
    off_topic = _regexes(path, "relevance.off_topic", conf.relevance.off_topic)
    adjacent_negated = _regexes(path, "relevance.adjacent_negated", conf.relevance.adjacent_negated)
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(path.read_bytes())
    digest.update(repr(sorted(vocabulary.tiab) + sorted(vocabulary.mesh)).encode())
    digest.update(CODE_REVISION.encode())
    model = load_review_model() if review_model else None
    digest.update(model.version.encode() if model else b"no review model")
    confidence_model = load_confidence_model() if confidence else None
    digest.update(confidence_model.version.encode() if confidence_model else b"no confidence")
    topics = tuple((t.id, t.label, phrases_regex(t.phrases)) for t in conf.topic)
    # the query's vocabulary plus words that mean SCI in a paper's text but
    # would flood a PubMed search ("hemisection", "BBB locomotor score")
    sci_terms = sorted({*vocabulary.tiab, *vocabulary.mesh, *conf.relevance.sci_text})
    sci = _sci_regex(path, sci_terms, conf.relevance.sci_patterns)
    adjacent = phrases_regex(conf.relevance.adjacent)
    human = phrases_regex(conf.population.human)
    animal = phrases_regex(conf.population.animal)
    in_vitro = phrases_regex(conf.population.in_vitro)
    return TriageRules(
        version=digest.hexdigest()[:12],
        sci=sci,
        sci_mesh=frozenset(m.lower() for m in vocabulary.mesh),
        off_topic=off_topic,
        other_populations=phrases_regex(conf.relevance.other_populations),
        other_populations_not=_regexes(
            path, "relevance.other_populations_not", conf.relevance.other_populations_not
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
