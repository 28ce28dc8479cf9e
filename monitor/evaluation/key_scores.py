"""Score triage against the hand-labelled design key: ``scimon eval triage --key``.

Every record of the key is classified from its text alone
(``use_indexing=False``, keywords and MeSH hidden too), as a paper is before
NLM indexes it, and compared with the labeller's reading (docs/design-key/).

How the figures count, so that they say what issue 19 asks:

- Precision leaves out records the classifier called ``unclassified`` (it
  declined to decide); how many there were is reported beside it. Recall
  counts them as misses: a record the key calls an RCT and triage left
  unclassified is an RCT not found.
- Title-only records are scored apart as well; a title-only record called
  ``commentary`` that is not one is an error like any other, and the
  commentary precision on title-only records is its own figure.
- When the triage result carries per-design confidences
  (``Triage.confidence: dict[str, float]`` and ``Triage.design_confidence``;
  read with ``getattr``, so the evaluation works before they exist), a
  precision-recall curve per class over thresholds 0.1 to 0.9 and a
  reliability table (confidence against accuracy, per tenth) are added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from monitor.evaluation.design_key import UNCLASSIFIED, KeyRow
from monitor.evaluation.triage import ClassScore
from monitor.records import PaperRecord
from monitor.triage import Triage, TriageRules, classify_many

THRESHOLDS = tuple(round(0.1 * i, 1) for i in range(1, 10))
# the classes the confusion table shows one by one; the rest are pooled
MAIN_CLASSES = (
    "rct", "systematic_review", "case_report", "narrative_review", "observational",
    "animal", "in_vitro", "commentary", UNCLASSIFIED,
)  # fmt: skip
REST = "(rest)"
# issue 19: (class, minimum recall, minimum precision); None: no precision target
TARGETS: tuple[tuple[str, float, float | None], ...] = (
    ("rct", 0.95, 0.85),
    ("systematic_review", 0.95, 0.90),
    ("case_report", 0.90, 0.85),
    ("narrative_review", 0.75, 0.85),
    ("in_vitro", 0.70, None),
)
HUMAN_VS_ANIMAL_TARGET = 0.95
TITLE_ONLY_COMMENTARY_TARGET = 0.80


@dataclass(frozen=True)
class Scored:
    row: KeyRow
    title: str
    design: str
    population: str
    relevance: str
    reason: str
    confidence: Mapping[str, float] | None
    design_confidence: float | None


def _round(x: float) -> float:
    return round(x, 3)


def class_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, ClassScore]:
    """Per class from (gold, predicted) pairs.  A prediction of ``unclassified``
    is a miss for the gold class and a false positive of no design class (the
    classifier declined); the ``unclassified`` row itself says how often that
    label was right (its precision) and how many title-only records it caught."""
    out: dict[str, ClassScore] = {}
    for gold, pred in pairs:
        out.setdefault(gold, ClassScore())
        out.setdefault(pred, ClassScore())
        if gold == pred:
            out[gold].tp += 1
        else:
            out[gold].fn += 1
            out[pred].fp += 1
    return out


def curve(scored: list[Scored], cls: str) -> list[dict[str, Any]]:
    """Precision and recall of "confidence for ``cls`` >= t" at each threshold."""
    support = sum(1 for s in scored if s.row.design == cls)
    points = []
    for t in THRESHOLDS:
        chosen = [s for s in scored if s.confidence is not None and s.confidence.get(cls, 0.0) >= t]
        tp = sum(1 for s in chosen if s.row.design == cls)
        points.append(
            {
                "threshold": t,
                "predicted": len(chosen),
                "precision": _round(tp / len(chosen)) if chosen else None,
                "recall": _round(tp / support) if support else None,
            }
        )
    return points


def at_threshold(scored: list[Scored], threshold: float) -> dict[str, dict[str, Any]]:
    """Per class, the shown design counted only when its confidence reaches
    ``threshold`` (the shipped one: below it editors see "likely ..."), else
    as no prediction: what an editor who trusts only confident calls gets."""
    out: dict[str, dict[str, Any]] = {}
    classes = sorted({s.row.design for s in scored} - {UNCLASSIFIED})
    for cls in classes:
        support = sum(1 for s in scored if s.row.design == cls)
        chosen = [
            s for s in scored
            if s.design == cls and (s.design_confidence or 0.0) >= threshold
        ]  # fmt: skip
        tp = sum(1 for s in chosen if s.row.design == cls)
        out[cls] = {
            "predicted": len(chosen),
            "precision": _round(tp / len(chosen)) if chosen else None,
            "recall": _round(tp / support) if support else None,
        }
    return out


def reliability(scored: list[Scored]) -> dict[str, Any]:
    """Stated confidence of the design shown against how often it is right, per
    tenth of confidence; ``ece``: the gap weighted by each bin's share."""
    bins: list[list[Scored]] = [[] for _ in range(10)]
    for s in scored:
        if s.design_confidence is None or s.design == UNCLASSIFIED:
            continue
        bins[min(int(s.design_confidence * 10), 9)].append(s)
    rows = []
    total = sum(len(b) for b in bins)
    ece = 0.0
    for i, members in enumerate(bins):
        if not members:
            continue
        conf = sum(s.design_confidence or 0.0 for s in members) / len(members)
        acc = sum(1 for s in members if s.design == s.row.design) / len(members)
        ece += len(members) / total * abs(conf - acc)
        rows.append(
            {
                "bin": f"{i / 10:.1f}-{(i + 1) / 10:.1f}",
                "records": len(members),
                "mean_confidence": _round(conf),
                "accuracy": _round(acc),
            }
        )
    return {"records": total, "ece": _round(ece) if total else None, "bins": rows}


def _animal_or_not(population: str) -> str:
    return "animal" if population == "animal" else "human"


@dataclass
class KeyEvaluation:
    scored: list[Scored] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # the confidence below which the shown design is only "likely" (config
    # [triage] likely_below, when the installed code has it)
    shipped_threshold: float | None = None

    def _pairs(self, title_only: bool | None = None) -> list[tuple[str, str]]:
        return [
            (s.row.design, s.design)
            for s in self.scored
            if title_only is None or s.row.title_only == title_only
        ]

    def classes(self, title_only: bool | None = None) -> dict[str, dict[str, Any]]:
        scores = class_scores(self._pairs(title_only))
        return {
            cls: {
                "precision": _round(s.precision) if s.tp + s.fp else None,
                "recall": _round(s.recall) if s.tp + s.fn else None,
                "f1": _round(s.f1),
                "support": s.tp + s.fn,
                "predicted": s.tp + s.fp,
            }
            for cls, s in sorted(scores.items())
        }

    def confusion(self) -> list[dict[str, Any]]:
        def group(cls: str) -> str:
            return cls if cls in MAIN_CLASSES else REST

        cells = Counter((group(g), group(p)) for g, p in self._pairs())
        return [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(cells.items())]

    def title_only(self) -> dict[str, Any]:
        rows = [s for s in self.scored if s.row.title_only]
        called = [s for s in rows if s.design == "commentary"]
        right = sum(1 for s in called if s.row.design == "commentary")
        decided = [s for s in rows if s.design != UNCLASSIFIED]
        return {
            "records": len(rows),
            "predicted": dict(Counter(s.design for s in rows).most_common()),
            "gold": dict(Counter(s.row.design for s in rows).most_common()),
            "commentary_predicted": len(called),
            "commentary_precision": _round(right / len(called)) if called else None,
            "commentary_errors": len(called) - right,
            "decided": len(decided),
            "decided_accuracy": (
                _round(sum(1 for s in decided if s.design == s.row.design) / len(decided))
                if decided
                else None
            ),
        }

    def population(self) -> dict[str, Any]:
        exact = sum(1 for s in self.scored if s.population == s.row.population)
        pairs = [s for s in self.scored if s.row.population in ("human", "animal")]
        right = sum(1 for s in pairs if _animal_or_not(s.population) == s.row.population)
        confusion = Counter((s.row.population, s.population) for s in self.scored)
        return {
            "records": len(self.scored),
            "accuracy": _round(exact / len(self.scored)) if self.scored else None,
            "human_vs_animal": {
                "records": len(pairs),
                "accuracy": _round(right / len(pairs)) if pairs else None,
            },
            "confusion": [
                {"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(confusion.items())
            ],
        }

    def relevance(self) -> dict[str, Any]:
        exact = sum(1 for s in self.scored if s.relevance == s.row.relevance)
        core = ClassScore()
        for s in self.scored:
            gold, pred = s.row.relevance == "core", s.relevance == "core"
            core.tp += gold and pred
            core.fp += pred and not gold
            core.fn += gold and not pred
        confusion = Counter((s.row.relevance, s.relevance) for s in self.scored)
        return {
            "accuracy": _round(exact / len(self.scored)) if self.scored else None,
            "core": {
                "precision": _round(core.precision),
                "recall": _round(core.recall),
                "support": core.tp + core.fn,
            },
            "confusion": [
                {"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(confusion.items())
            ],
        }

    def targets(self) -> dict[str, dict[str, Any]]:
        classes = self.classes()
        out: dict[str, dict[str, Any]] = {}
        for cls, min_recall, min_precision in TARGETS:
            c = classes.get(cls)
            recall = c["recall"] if c else None
            precision = c["precision"] if c else None
            met: bool | None = None
            if recall is not None:
                met = recall >= min_recall and (
                    min_precision is None or (precision or 0.0) >= min_precision
                )
            out[cls] = {
                "recall": recall,
                "precision": precision,
                "target": f"R>={min_recall}" + (f" P>={min_precision}" if min_precision else ""),
                "met": met,
            }
        hva = self.population()["human_vs_animal"]["accuracy"]
        out["human_vs_animal"] = {
            "accuracy": hva,
            "target": f"accuracy>={HUMAN_VS_ANIMAL_TARGET}",
            "met": None if hva is None else hva >= HUMAN_VS_ANIMAL_TARGET,
        }
        cp = self.title_only()["commentary_precision"]
        out["title_only_commentary"] = {
            "precision": cp,
            "target": f"P>={TITLE_ONLY_COMMENTARY_TARGET}",
            "met": None if cp is None else cp >= TITLE_ONLY_COMMENTARY_TARGET,
        }
        return out

    def confidences(self) -> dict[str, Any] | None:
        """PR curves and reliability, or None when triage gives no confidences."""
        with_conf = [s for s in self.scored if s.confidence is not None]
        if not with_conf:
            return None
        classes = sorted({s.row.design for s in with_conf} - {UNCLASSIFIED})
        shipped = self.shipped_threshold
        return {
            "records": len(with_conf),
            "curves": {cls: curve(with_conf, cls) for cls in classes},
            "shipped_threshold": shipped,
            "at_shipped_threshold": at_threshold(with_conf, shipped) if shipped else None,
            "reliability": reliability(with_conf),
        }

    def as_dict(self) -> dict[str, Any]:
        unclassified = sum(1 for s in self.scored if s.design == UNCLASSIFIED)
        return {
            "records": len(self.scored),
            "missing": self.missing,
            "predicted_unclassified": unclassified,
            "classes": self.classes(),
            "classes_with_abstract": self.classes(title_only=False),
            "confusion": self.confusion(),
            "title_only": self.title_only(),
            "population": self.population(),
            "relevance": self.relevance(),
            "targets": self.targets(),
            "confidence": self.confidences(),
            "misclassified": [
                {
                    "record": f"{s.row.source}:{s.row.record_id}",
                    "gold": s.row.design,
                    "predicted": s.design,
                    "reason": s.reason,
                    "title": s.title,
                    "note": s.row.note,
                }
                for s in self.scored
                if s.design != s.row.design
            ],
        }


def _confidence(triage: Triage) -> tuple[Mapping[str, float] | None, float | None]:
    conf = getattr(triage, "confidence", None)
    top = getattr(triage, "design_confidence", None)
    return (
        dict(conf) if isinstance(conf, Mapping) else None,
        float(top) if isinstance(top, int | float) else None,
    )


def evaluate_key(pairs: Iterable[tuple[KeyRow, PaperRecord]], rules: TriageRules) -> KeyEvaluation:
    """Classify each keyed record from its text alone and keep it beside its labels."""
    pairs = list(pairs)
    # text only: no publication types, MeSH or keywords (some exports carry MeSH
    # among the keywords)
    records = [replace(r, keywords=(), mesh=(), publication_types=()) for _, r in pairs]
    triages = classify_many(records, rules, use_indexing=False)
    result = KeyEvaluation()
    for (row, record), triage in zip(pairs, triages, strict=True):
        confidence, top = _confidence(triage)
        result.scored.append(
            Scored(
                row=row,
                title=record.title,
                design=triage.design,
                population=triage.population,
                relevance=triage.relevance,
                reason=(triage.reasons.get("design") or [""])[0],
                confidence=confidence,
                design_confidence=top,
            )
        )
    return result
