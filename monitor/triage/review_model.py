"""A linear model that finds narrative reviews whose abstracts name no design.

Why a model here and rules elsewhere: a review that never says "review" reads
like a textbook paragraph ("Nasopharyngeal carcinoma is a tumour arising from
..."), and no phrase separates it from the introduction of a research paper.
What does separate them is the whole vocabulary: reviews talk of "recent
advances", "potential", "mechanisms" and "challenges", research of "were",
"patients", "significantly" and numbers.  A logistic regression over word and
word-pair TF-IDF learns that from publisher-tagged records.

It runs only where the rules found no design phrase (``asked``), so every
design a phrase names still comes from the phrase; and, at its full threshold,
where the population alone decided the design ("population: animal" or "in
vitro / computational", design_paper.POPULATION_ONLY: monitor.triage), papers
the training script never asks about.  ``scripts/train_review_model.py`` trains
it, offline, on the corpus records that are *not* MEDLINE-indexed (their
publishers' Review tags are the labels), so the MEDLINE answer key of
``scimon eval triage`` stays unseen; the script also picks the threshold on
those training records, never on the key.  The weights ship in
``review_model.json`` beside this module and need no library to apply: the
scoring below repeats scikit-learn's ``TfidfVectorizer(analyzer=analyze,
sublinear_tf=True)`` over the shipped vocabulary and
``LogisticRegression.predict_proba``; the training script checks it gives
the same probabilities before it writes.
"""

from __future__ import annotations

import json
import math
import string
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path  # not importlib.resources: +1.7 MiB in the classifying child
from typing import Any

from monitor.errors import ConfigError
from monitor.triage.confidence import sigmoid
from monitor.triage.design import NO_DESIGN
from storage.hashes import sha1

# words are what whitespace and ASCII punctuation leave: translating the bytes
# and splitting is three to four times faster than scikit-learn's regex
# tokenizer, with which the model took about a third of all triage time
_PUNCT = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))


# a short abstract is a few words, and normalised TF-IDF lets each weigh a lot:
# out of fold (scripts/train_review_model.py), of the abstracts under 80 words
# the model would call reviews at 0.5, 10 of 42 were tagged Review
MIN_WORDS = 80

# a logistic model's own decision boundary (``ReviewModel.threshold_laboratory``)
EVEN = 0.5


def readable(abstract: str) -> bool:
    """Long enough for the model (words counted by spaces, which is cheap)."""
    return abstract.count(" ") >= MIN_WORDS - 1


def asked(reason: str, counted: bool, abstract: str) -> bool:
    """Whether the model reads a paper the text rules gave ``reason`` with no
    design phrase (NO_DESIGN): only where no participants are ``counted`` (a
    paper that counts them is research: out of fold, 4 of the 15 such papers
    the model would call reviews at 0.5 were tagged Review) and the abstract is
    ``readable``.  The training script asks the same of its records, and picks
    the threshold on them.  The other papers the model reads, those whose
    design the population alone decided (design_paper.POPULATION_ONLY), are
    not asked here: monitor.triage reads them at the full threshold without
    this test, outside the training fold."""
    return reason.startswith(NO_DESIGN) and not counted and readable(abstract)


def model_text(title: str, abstract: str) -> str:
    """What the model reads: the lowercased title and abstract."""
    return f"{title} \n {abstract}"


def words(text: str) -> list[str]:
    """The words of a text.  Only ASCII bytes are translated, so UTF-8's
    multi-byte characters (and lone surrogates, passed through) stay whole."""
    return (
        text.encode("utf-8", "surrogatepass")
        .translate(_PUNCT)
        .decode("utf-8", "surrogatepass")
        .split()
    )


def analyze(text: str) -> list[str]:
    """The terms of a text: its words and its pairs of adjacent words.  The
    training script hands this to scikit-learn, so both tokenize alike."""
    found = words(text)
    return found + list(map(" ".join, pairwise(found)))


@dataclass(frozen=True)
class ReviewModel:
    """Term weights ``{term: (idf, coefficient)}`` (a word pair as a tuple),
    the intercept and the probability at or above which a paper is called a
    narrative review."""

    weights: dict[str | tuple[str, ...], tuple[float, float]]
    intercept: float
    threshold: float
    version: str
    # the threshold for an abstract with no design of its own (``threshold_for``);
    # the file's "threshold_no_design", else ``threshold``
    threshold_no_design: float = -1.0
    # idf x coefficient and idf squared per term, for probability()'s sums
    _dot: dict[str | tuple[str, ...], float] = field(init=False, repr=False, compare=False)
    _square: dict[str | tuple[str, ...], float] = field(init=False, repr=False, compare=False)
    # the last text counted and its counts: ``explain`` reads the text ``probability``
    # has just read (design_of asks both of a paper the model calls a review)
    _last: list[tuple[str, Counter[str | tuple[str, ...]]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if self.threshold_no_design < 0.0:
            object.__setattr__(self, "threshold_no_design", self.threshold)
        dot = {t: idf * c for t, (idf, c) in self.weights.items()}
        object.__setattr__(self, "_dot", dot)
        object.__setattr__(self, "_square", {t: idf * idf for t, (idf, _) in self.weights.items()})

    @classmethod
    def from_json(cls, raw: bytes, source: str = "review model") -> ReviewModel:
        try:
            data: dict[str, Any] = json.loads(raw)
            weights: dict[str | tuple[str, ...], tuple[float, float]] = {
                (tuple(t.split(" ")) if " " in t else str(t)): (float(i), float(c))
                for t, i, c in data["terms"]
            }
            model = cls(
                weights=weights,
                intercept=float(data["intercept"]),
                threshold=float(data["threshold"]),
                version=sha1(raw, usedforsecurity=False).hexdigest()[:12],
                threshold_no_design=float(data.get("threshold_no_design", data["threshold"])),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{source}: not a review model: {exc}") from exc
        numbers = [model.intercept, *(x for pair in weights.values() for x in pair)]
        thresholds = (model.threshold, model.threshold_no_design)
        if (
            not weights
            or not all(0.0 < t < 1.0 for t in thresholds)
            or not all(map(math.isfinite, numbers))
        ):
            raise ConfigError(
                f"{source}: no terms, a threshold outside (0, 1) or a weight not finite"
            )
        return model

    def threshold_for(self, reason: str) -> float:
        """The probability at or above which a paper the text rules gave ``reason``
        is called a narrative review.  An abstract in which no decision found any
        design of its own (``reason`` is exactly NO_DESIGN: no design phrase, no
        laboratory words, no participants counted, since ``asked`` was true) is
        research that says nothing of its design or, far more often, a review that
        never says "review" (a textbook paragraph on a disease): the model's
        probability is the only evidence either way, so a lower bar serves.  A
        paper with laboratory words (BENCH_REASON) has a design of its own, in
        vitro, which the model must outweigh at the full threshold."""
        return self.threshold_no_design if reason == NO_DESIGN else self.threshold

    def threshold_laboratory(self) -> float:
        """The bar for a paper whose design only its laboratory words gave (the
        population, or bench words) and whose abstract names no work of its own
        (``RESEARCH_OWN``, asked by monitor.triage): words about animals or cells
        are not an experiment, so nothing of the paper's own outweighs the model,
        which decides at its own boundary, "more likely a review than not"
        (``EVEN``; never above the full threshold).  Seen design halves (design7):
        reviews of animal or laboratory work scored 0.36-0.83 there, and all but
        one of the animal and in-vitro papers decided so, 0.20 or less."""
        return min(self.threshold, EVEN)

    def probability(self, text: str) -> float:
        """P(narrative review) for lowercased ``title + " \\n " + abstract``.

        The sums run in C (``map`` over per-term products) with a correction
        for the few terms that occur more than once: a fifth fewer
        instructions than ``explain``, which only the papers above the
        threshold need."""
        counts = self._counts(text)
        dot = sum(map(self._dot.__getitem__, counts))
        square = sum(map(self._square.__getitem__, counts))
        for term, count in counts.items():
            if count > 1:  # sublinear tf: 1 + ln(count) instead of the 1 summed above
                idf, coefficient = self.weights[term]
                tf = 1.0 + math.log(count)
                dot += (tf - 1.0) * idf * coefficient
                square += (tf * tf - 1.0) * idf * idf
        return sigmoid(self.intercept + dot / (math.sqrt(square) or 1.0))

    def explain(self, text: str, top: int = 3) -> tuple[float, list[str]]:
        """The probability and the terms that pushed it up most (for reasons)."""
        values = []
        for term, count in self._counts(text).items():
            idf, coefficient = self.weights[term]
            values.append((term, (1.0 + math.log(count)) * idf, coefficient))
        norm = math.sqrt(sum(v * v for _, v, _ in values)) or 1.0
        contributions = [(term, v / norm * c) for term, v, c in values]
        z = self.intercept + sum(c for _, c in contributions)
        best = sorted(contributions, key=lambda tc: tc[1], reverse=True)
        terms = [" ".join(t) if isinstance(t, tuple) else t for t, c in best[:top] if c > 0]
        return sigmoid(z), terms

    def _counts(self, text: str) -> Mapping[str | tuple[str, ...], int]:
        """How often each known term occurs (TfidfVectorizer's counts, unknown
        terms dropped).  Word pairs as tuples: hashing a tuple of two words
        already hashed is cheaper than joining and hashing a new string.

        The answer may be the one kept for the last text, shared with the next
        caller (and thread) that asks about that text: read-only (``Mapping``;
        ``probability`` and ``explain`` only read it).  The kept entry is read
        once, so another thread replacing it between the check and the read
        cannot hand back another text's counts."""
        last = self._last
        entry = last[0] if last else None
        if entry is not None and entry[0] is text:
            return entry[1]
        found = words(text)
        known = self.weights.__contains__
        counts: Counter[str | tuple[str, ...]] = Counter(filter(known, found))
        counts.update(filter(known, pairwise(found)))
        last[:] = [(text, counts)]
        return counts


def load_review_model() -> ReviewModel:
    """The model shipped with the package."""
    raw = Path(__file__).with_name("review_model.json").read_bytes()
    return ReviewModel.from_json(raw, "monitor/triage/review_model.json")
