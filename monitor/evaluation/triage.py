"""Measure triage against NLM's indexers: ``scimon eval triage PATH...``.

MEDLINE-indexed records (citation status MEDLINE) carry publication types and
MeSH assigned by NLM's indexers; they are the answer key.  The classifier sees
the title, the abstract and the journal's name, never the publication types or
MeSH (``use_indexing=False``), which is the situation of the ~98% of new
records that are not indexed yet.

Two more views keep the figures honest.  The key's records *with an
abstract* are scored apart, because a title alone rarely says what a paper
is.  And records outside the key that already carry a design publication
type (supplied by the publisher, or added before MEDLINE indexing ends) are a
second, larger sample the rules were not written against; their untagged
records are not negatives (publishers rarely tag), so only recall is given.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.app import App
from monitor.parse.pubmed import PubmedParseError, iter_pubmed
from monitor.records import PaperRecord
from monitor.triage import TriageRules, classify
from monitor.triage.design import design_from_indexing

log = logging.getLogger(__name__)

NOTICE_TYPES = {"published erratum", "retraction of publication", "expression of concern"}
TARGETS = {  # class: (minimum recall, minimum precision), from issue 4
    "rct": (0.95, 0.85),
    "systematic_review": (0.95, 0.90),
    "case_report": (0.90, 0.85),
}


def gold_design(record: PaperRecord) -> str:
    """The indexers' design: publication types and MeSH design descriptors; else
    "animal" for research indexed Animals and not Humans (NLM has no publication
    type for animal studies, and without this every animal study scimon finds
    would count as an error); else "other"."""
    found = design_from_indexing(record.publication_types, record.mesh)
    if found:
        return found[0]
    return "animal" if gold_population(record) == "animal" else "other"


def gold_population(record: PaperRecord) -> str | None:
    mesh = {m.lower() for m in record.mesh}
    if "animals" in mesh and "humans" not in mesh:
        return "animal"
    if "humans" in mesh:
        return "human"
    return None


@dataclass
class ClassScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def scores_of(confusion: Counter[tuple[str, str]]) -> dict[str, ClassScore]:
    classes = sorted({g for g, _ in confusion} | {p for _, p in confusion})
    out = {c: ClassScore() for c in classes}
    for (gold, pred), n in confusion.items():
        if gold == pred:
            out[gold].tp += n
        else:
            out[pred].fp += n
            out[gold].fn += n
    return out


def design_targets(confusion: Counter[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    scores = scores_of(confusion)
    out: dict[str, dict[str, Any]] = {}
    for cls, (min_recall, min_precision) in TARGETS.items():
        s = scores.get(cls, ClassScore())
        out[cls] = {
            "recall": round(s.recall, 3),
            "precision": round(s.precision, 3),
            "support": s.tp + s.fn,
            # None: nothing to measure (the class neither in the key nor predicted);
            # predictions of a class the key lacks are false positives, not "no data"
            "met": (s.recall >= min_recall and s.precision >= min_precision)
            if s.tp + s.fn + s.fp
            else None,
        }
    return out


@dataclass
class Evaluation:
    records: int = 0  # MEDLINE-indexed: the key
    records_read: int = 0  # every PubMed record read
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    with_abstract: Counter[tuple[str, str]] = field(default_factory=Counter)  # the same, abstracts
    # records outside the key with a design publication type: (gold, predicted)
    outside: Counter[tuple[str, str]] = field(default_factory=Counter)
    # the key's records triage left "unclassified" (title only, no design named), by
    # gold design: misses of that design, and predictions of none (no precision)
    unclassified: Counter[str] = field(default_factory=Counter)
    # the key's title-only records: (gold, predicted), for title-only commentary precision
    title_only: Counter[tuple[str, str]] = field(default_factory=Counter)
    # the key's (gold, predicted, confidence in the predicted design), for the curves
    scored: list[tuple[str, str, float]] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)  # "name: why"
    # pmid, gold, predicted, the rule or phrase that decided, title
    misclassified: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    population_total: int = 0
    population_correct: int = 0
    population_errors: list[str] = field(default_factory=list)
    notices_total: int = 0
    notices_found: int = 0
    notices_missed: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, ClassScore]:
        return scores_of(self.confusion)

    def curves(self) -> dict[str, list[dict[str, Any]]]:
        """Precision and recall of each target class (and narrative reviews) when only
        predictions at least this confident count: what a confidence filter trades."""
        out: dict[str, list[dict[str, Any]]] = {}
        for cls in (*TARGETS, "narrative_review"):
            support = sum(1 for gold, _, _ in self.scored if gold == cls)
            rows = []
            for step in range(10):
                threshold = step / 10
                kept = [g for g, p, c in self.scored if p == cls and c >= threshold]
                right = sum(1 for g in kept if g == cls)
                rows.append({
                    "threshold": threshold,
                    "predicted": len(kept),
                    "precision": round(right / len(kept), 3) if kept else None,
                    "recall": round(right / support, 3) if support else None,
                })  # fmt: skip
            out[cls] = rows
        return out

    @property
    def population_accuracy(self) -> float:
        return self.population_correct / self.population_total if self.population_total else 0.0

    def targets(self) -> dict[str, dict[str, Any]]:
        out = design_targets(self.confusion)
        out["human_vs_animal"] = {
            "accuracy": round(self.population_accuracy, 3),
            "support": self.population_total,
            "met": self.population_accuracy >= 0.95 if self.population_total else None,
        }
        out["notices_with_pubtypes"] = {
            "found": self.notices_found,
            "support": self.notices_total,
            "met": self.notices_found == self.notices_total if self.notices_total else None,
        }
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "records_read": self.records_read,
            "classes": {
                c: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                    "support": s.tp + s.fn,
                }
                for c, s in self.scores().items()
                if c != "unclassified"  # a class of no record: see ``unclassified``
            },
            "confusion": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in sorted(self.confusion.items())
            ],
            "targets": self.targets(),
            "with_abstract": {
                "records": sum(self.with_abstract.values()),
                "targets": design_targets(self.with_abstract),
            },
            "outside_key": {
                "records": sum(self.outside.values()),
                "recall": {
                    c: {"found": s.tp, "support": s.tp + s.fn, "recall": round(s.recall, 3)}
                    for c, s in scores_of(self.outside).items()
                    if s.tp + s.fn
                },
            },
            "unclassified": {
                "records": sum(self.unclassified.values()),
                "by_gold": dict(sorted(self.unclassified.items())),
            },
            "title_only": {
                "records": sum(self.title_only.values()),
                "classes": {
                    c: {"precision": round(s.precision, 3), "predicted": s.tp + s.fp}
                    for c, s in scores_of(self.title_only).items()
                    if s.tp + s.fp
                },
            },
            "confidence_curves": self.curves(),
            "skipped_files": self.skipped_files,
            "misclassified": [
                {"pmid": p, "gold": g, "predicted": d, "reason": why, "title": title}
                for p, g, d, why, title in self.misclassified
            ],
            "population_errors": self.population_errors,
            "notices_missed": self.notices_missed,
        }


def evaluate_records(records: Iterable[PaperRecord], rules: TriageRules) -> Evaluation:
    result = Evaluation()
    for rec in records:
        result.records_read += 1
        lowered = {p.lower() for p in rec.publication_types}
        if lowered & NOTICE_TYPES:
            result.notices_total += 1
            if classify(rec, rules, use_indexing=True).design == "notice":
                result.notices_found += 1
            else:
                result.notices_missed.append(rec.pmid or "")
        gold = gold_design(rec)
        if rec.citation_status != "MEDLINE":
            if gold not in ("other", "notice"):
                result.outside[(gold, classify(rec, rules, use_indexing=False).design)] += 1
            continue
        result.records += 1
        triage = classify(rec, rules, use_indexing=False)
        if not rec.abstract:
            result.title_only[(gold, triage.design)] += 1
        # an "unclassified" record is a miss of its gold design (recall) and no
        # prediction of any design (no class's precision counts it)
        if triage.design == "unclassified":
            result.unclassified[gold] += 1
        result.confusion[(gold, triage.design)] += 1
        result.scored.append((gold, triage.design, triage.design_confidence))
        if rec.abstract:
            result.with_abstract[(gold, triage.design)] += 1
        if gold != triage.design:
            reason = triage.reasons["design"][0]
            result.misclassified.append((rec.pmid or "", gold, triage.design, reason, rec.title))
        gold_pop = gold_population(rec)
        if gold_pop is not None:
            result.population_total += 1
            predicted = "animal" if triage.population == "animal" else "human"
            if predicted == gold_pop:
                result.population_correct += 1
            else:
                result.population_errors.append(rec.pmid or "")
    return result


def pubmed_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the ``.xml``/``.xml.gz`` files under the folders named."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.name.endswith((".xml", ".xml.gz"))))
        else:
            out.append(path)
    return out


def corpus_records(
    paths: Iterable[Path], *, since: int | None = None, skipped: list[str] | None = None
) -> Iterator[PaperRecord]:
    """Each PubMed record under ``paths`` once (the first seen of a PMID);
    ``since``: only those published in or after that year.

    Folders are searched for PubMed XML.  A file that is not well-formed XML
    is logged, named in ``skipped`` and left (its records before the damage
    still count): one bad download must not hide the rest.
    """
    seen: set[str] = set()
    for path in pubmed_files(paths):
        try:
            for item in iter_pubmed(path, source_name=path.name):
                if not isinstance(item, PaperRecord):
                    continue
                if since is not None and (item.pub_year is None or item.pub_year < since):
                    continue
                if item.pmid not in seen:
                    seen.add(item.pmid or "")
                    yield item
        except (PubmedParseError, OSError, EOFError) as exc:
            log.warning("evaluation file skipped file=%s reason=%s", path, exc)
            if skipped is not None:
                skipped.append(f"{path}: {exc}")


def evaluate_files(
    paths: Iterable[Path], rules: TriageRules, *, since: int | None = None
) -> Evaluation:
    """Score every record of the files once (``corpus_records``); ``since``:
    only those published in or after that year (indexing conventions for old
    records differ from those scimon's new papers will get).  Damaged files
    are named in ``skipped_files``."""
    skipped: list[str] = []
    result = evaluate_records(corpus_records(paths, since=since, skipped=skipped), rules)
    result.skipped_files = skipped
    return result


def score_corrections(app: App) -> dict[str, Any]:
    """``scimon eval triage --corrections``: today's rules against editors' corrections.

    Each corrected paper is classified again by the current rules (the stored
    triage already carries the editor's value); per facet, how often the rules
    now agree with the editor, and the disagreements.
    """
    from monitor.records import record_from_row
    from monitor.triage.run import rules_for
    from storage.labels import corrected_papers

    rules = rules_for(app)
    facets: dict[str, dict[str, Any]] = {}
    with app.sessions() as session:
        rows = corrected_papers(session)
        records = [record_from_row(p) for p, _ in rows]
        triages = [classify(r, rules) for r in records]
        for (paper, corrected), triage in zip(rows, triages, strict=True):
            for facet, value in corrected.items():
                said = str(getattr(triage, facet))
                entry = facets.setdefault(facet, {"corrections": 0, "agree": 0, "pairs": Counter(),
                                                  "disagreements": []})  # fmt: skip
                entry["corrections"] += 1
                if said == value:
                    entry["agree"] += 1
                else:
                    entry["pairs"][(said, value)] += 1
                    entry["disagreements"].append({"paper_id": paper.id, "pmid": paper.pmid,
                                                   "rules": said, "editor": value,
                                                   "title": paper.title})  # fmt: skip
    out = {}
    for facet, e in sorted(facets.items()):
        out[facet] = {
            "corrections": e["corrections"],
            "agree": e["agree"],
            "accuracy": round(e["agree"] / e["corrections"], 3),
            "confusion": [
                {"rules": a, "editor": b, "count": n} for (a, b), n in e["pairs"].most_common()
            ],
            "disagreements": e["disagreements"],
        }
    return {"rules_version": rules.version, "papers": len(rows), "facets": out}
