"""The site's categories of a paper, matched on concepts in the right part of the abstract.

A category (queries/categories.toml) is one or more *concepts*: a set of terms,
the sentence roles where a term counts (``roles``: by default the title, the
objective, the outcomes, the results and the conclusion), and optionally
words one of which must stand in the same sentence (``context``).  A mention
in the background, in the eligibility criteria, or negated ("without
neuropathic pain", "no pain") does not count.  "Shoulder pain is common in
wheelchair users" as a first sentence is context; "pain intensity was the
primary outcome" makes the paper a Pain paper.

Every match carries its reason: the term, the role of the sentence, and the
sentence, so an editor can see why, and correct it in the app (the
correction is stored apart and wins over these rules, now and later).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from monitor.briefs.sentences import ROLES, Role, Sentence, sentences_of
from monitor.config import format_validation_error, read_toml
from monitor.config_models import Phrase
from monitor.errors import ConfigError
from monitor.vocabulary import term_regex

DEFAULT_ROLES: tuple[Role, ...] = ("title", "objective", "outcome", "results", "conclusion")

# a term is not the study's subject when one of these stands just before it in its clause
# ("no history of chronic pain", "without neuropathic pain", "non-painful"); a verb's
# negation is not the term's ("did not reduce pain", "no change in pain" are results on pain)
_NEGATION = re.compile(
    r"\b(?:no|without|absence of|absent|free of|excluding|except|other than|rather than|"
    r"non)\b((?:[\s-]+[\w-]+){0,3})[\s-]*$",
    re.IGNORECASE,
)
_NOT_NEGATING = re.compile(
    r"\b(?:change|changes|difference|differences|effect|effects|improvement|reduction|"
    r"increase|decrease|significant|significantly|worsening|benefit)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[;:,.()]|\b(?:but|and|while|whereas)\b")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConceptConfig(_Strict):
    terms: list[Phrase] = Field(min_length=1)
    context: list[Phrase] = Field(default_factory=list)
    # longer phrases holding a term that mean something else ("respiratory depression")
    unless: list[Phrase] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=lambda: list(DEFAULT_ROLES), min_length=1)


class CategoryConfig(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    label: str = Field(min_length=1, max_length=80)
    concept: list[ConceptConfig] = Field(min_length=1)


class CategoriesFile(_Strict):
    category: list[CategoryConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_and_labels_once(self) -> CategoriesFile:
        for what, values in (
            ("id", [c.id for c in self.category]),
            ("label", [c.label for c in self.category]),
        ):
            if twice := sorted({v for v in values if values.count(v) > 1}):
                raise ValueError(f"category {what} {', '.join(twice)} given more than once")
        return self


@dataclass(frozen=True)
class Concept:
    terms: re.Pattern[str]
    context: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    roles: frozenset[Role]


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    concepts: tuple[Concept, ...]


@dataclass(frozen=True)
class CategoryMatch:
    """Why a paper is in a category: which term, in which part of the abstract."""

    id: str
    label: str
    term: str
    role: Role
    sentence: str

    @property
    def reason(self) -> str:
        article = "an" if self.role[0] in "aeiou" else "a"
        where = "the title" if self.role == "title" else f"{article} {self.role} sentence"
        return f"{self.term!r} in {where}"


@dataclass(frozen=True)
class Categories:
    version: str
    categories: tuple[Category, ...]

    def label(self, category_id: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.label
        return category_id.replace("_", " ")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def match(self, title: str, abstract: str) -> list[CategoryMatch]:
        """The categories of a paper, in the file's order, each with its first reason."""
        sentences = sentences_of(title, abstract)
        out = []
        for category in self.categories:
            found = _first_match(category, sentences)
            if found is not None:
                out.append(found)
        return out


def _negated(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 60) : start]
    clause = _CLAUSE.split(before)[-1]
    negation = _NEGATION.search(clause)
    return negation is not None and not _NOT_NEGATING.search(negation.group(1))


def _first_match(category: Category, sentences: list[Sentence]) -> CategoryMatch | None:
    for sentence in sentences:
        low = sentence.text.lower()
        for concept in category.concepts:
            if sentence.role not in concept.roles:
                continue
            if concept.context is not None and not concept.context.search(low):
                continue
            excluded = (
                [(m.start(), m.end()) for m in concept.unless.finditer(low)]
                if concept.unless is not None
                else []
            )
            for hit in concept.terms.finditer(low):
                if _negated(low, hit.start()):
                    continue
                if any(start <= hit.start() and hit.end() <= end for start, end in excluded):
                    continue
                return CategoryMatch(
                    category.id,
                    category.label,
                    sentence.text[hit.start() : hit.end()],
                    sentence.role,
                    sentence.text,
                )
    return None


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(term_regex(p) for p in phrases))


def load_categories(path: Path) -> Categories:
    """Read and compile queries/categories.toml; ConfigError names file, key and problem."""
    data = read_toml(path)
    try:
        conf = CategoriesFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            format_validation_error(path, exc),
            f"roles are {', '.join(ROLES)}; see docs/configuration.md",
        ) from exc
    categories = tuple(
        Category(
            c.id,
            c.label,
            tuple(
                Concept(
                    _pattern(k.terms),
                    _pattern(k.context) if k.context else None,
                    _pattern(k.unless) if k.unless else None,
                    frozenset(k.roles),
                )
                for k in c.concept
            ),
        )
        for c in conf.category
    )
    version = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()[:12]
    return Categories(version, categories)
