"""How sure triage is of a design: a score in [0, 1] for each design.

The rules decide a design by the first cue that fires (design_decisions.py);
how often that is right depends on which decision fired, on what else the
paper says, and where (a trial cue in the title, in the abstract's own
sentences, or only in sentences about other studies: ``Paper.features``).
Two small logistic models over those binary features, trained offline by
``scripts/train_design_confidence.py`` on MEDLINE-indexed records of the
corpus (publication types and MeSH as silver labels, text only) and
calibrated on a part of them held out from fitting, give:

- ``right``: the probability that the rules' design is the indexers' design
  (Platt-scaled on the held-out part);
- ``alternatives``: a multinomial over the indexers' designs (temperature-
  scaled on the held-out part), which shares the rest of the probability among
  the other designs.

So ``confidence[rule design] = P(right)`` and the others split ``1 - P(right)``
in the proportions of the multinomial; the scores sum to one.  The weights
ship as data (``design_confidence.json``, with its version) and scoring is
plain Python sums over the few features a paper has: no library, nothing
trained or downloaded at run time.  ``explain`` names the features that
pushed P(right) up or down most, for the reasons editors read.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from operator import add
from pathlib import Path  # not importlib.resources: +1.7 MiB in the classifying child
from typing import Any

from monitor.errors import ConfigError
from monitor.triage.fastre import LEAN

MODEL_FILE = "design_confidence.json"
# answers ConfidenceModel.score keeps, cleared when full: about 1.3 kB each
# (tracemalloc, the update file's 3,034), so at most about 5 MB; 512 (~0.7 MB) in
# the import's classifying child, whose memory counts more than its CPU (fastre.LEAN)
MEMO_MAX = 512 if LEAN else 4_096


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for a large negative ``z`` (all three models)."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Scored:
    """A paper's design scores: each design's confidence, and what drove the shown one."""

    confidence: dict[str, float]
    right: float  # P(the rules' design is right)
    drivers: tuple[str, ...]  # "feature (+0.8)", strongest first


@dataclass(frozen=True)
class ConfidenceModel:
    version: str
    right_bias: float
    right_weights: dict[str, float]
    platt: tuple[float, float]  # calibrated logit = a * logit + b
    classes: tuple[str, ...]
    alt_bias: tuple[float, ...]
    alt_weights: dict[str, tuple[float, ...]]
    temperature: float
    # score()'s answers by (features, design): papers share them (the 20,788
    # records of the update file have 3,035 distinct ones), and a score is a
    # pure function of them, so a repeat is looked up instead of summed again
    _memo: dict[tuple[tuple[str, ...], str], Scored] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConfidenceModel:
        right, alt = data["right"], data["alternatives"]
        classes = tuple(alt["classes"])
        weights = {f: tuple(float(x) for x in w) for f, w in alt["weights"].items()}
        if any(len(w) != len(classes) for w in weights.values()) or len(alt["bias"]) != len(
            classes
        ):
            raise ValueError("alternatives: a weight row does not match the classes")
        return cls(
            version=str(data["version"]),
            right_bias=float(right["bias"]),
            right_weights={f: float(w) for f, w in right["weights"].items()},
            platt=(float(right["platt"][0]), float(right["platt"][1])),
            classes=classes,
            alt_bias=tuple(float(x) for x in alt["bias"]),
            alt_weights=weights,
            temperature=float(alt["temperature"]),
        )

    def right_logit(self, features: list[str]) -> float:
        weights = self.right_weights
        z = self.right_bias + sum(weights.get(f, 0.0) for f in features)
        return self.platt[0] * z + self.platt[1]

    def alternatives(self, features: list[str]) -> dict[str, float]:
        """P(indexers' design) over the model's classes, temperature-scaled."""
        logits = list(self.alt_bias)
        get = self.alt_weights.get
        # (map over operator.add: the same additions in the same order as a
        # comprehension over zip, without its frame; this showed in profiles)
        for row in filter(None, map(get, features)):
            logits = list(map(add, logits, row))
        top = max(logits)
        temperature = self.temperature
        exps = [math.exp((z - top) / temperature) for z in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def score(self, features: list[str], design: str) -> Scored:
        """Confidence of every design for a paper the rules called ``design``
        (the same ``Scored`` for the same features and design: do not change it)."""
        key = (tuple(features), design)
        if (known := self._memo.get(key)) is not None:
            return known
        if len(self._memo) >= MEMO_MAX:
            self._memo.clear()
        scored = self._memo[key] = self._score(features, design)
        return scored

    def _score(self, features: list[str], design: str) -> Scored:
        right = sigmoid(self.right_logit(features))
        alternatives = self.alternatives(features)
        rest = {c: p for c, p in alternatives.items() if c != design}
        total = sum(rest.values()) or 1.0
        confidence = {c: (1.0 - right) * p / total for c, p in rest.items()}
        confidence[design] = right
        return Scored(confidence, right, self.explain(features))

    def explain(self, features: list[str], n: int = 3) -> tuple[str, ...]:
        """The features that moved P(right) most, with their weights."""
        weighted = [(self.right_weights[f], f) for f in features if f in self.right_weights]
        weighted.sort(key=lambda item: -abs(item[0]))
        return tuple(f"{f} ({w:+.1f})" for w, f in weighted[:n])


def load_confidence_model(text: str | None = None) -> ConfidenceModel:
    """The shipped model (or one given as JSON ``text``); ConfigError if unreadable."""
    try:
        if text is None:
            text = Path(__file__).with_name(MODEL_FILE).read_text("utf-8")
        return ConfidenceModel.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise ConfigError(f"design confidence model {MODEL_FILE}: {exc}") from exc
