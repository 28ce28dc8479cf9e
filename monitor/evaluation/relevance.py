"""Measure SCI relevance against a hand-labelled set: ``scimon eval relevance``.

NLM's indexing says nothing about whether a paper is *about* spinal cord
injury or only mentions it, so relevance is scored against records labelled
by hand under written rules (docs/relevance-labelling.md).  The label file
lists ``source,id,label,note`` rows; a sources file (TOML) says where each
source's records are and in which format, relative to a corpus folder.  The
records themselves are never copied into the repository.

Two modes: ``text`` hides keywords and MeSH (the situation of a paper just
seen in a feed or not yet indexed); ``all`` gives the classifier whatever the
source carries (author keywords, and in some exports MeSH headings mixed in).
"""

from __future__ import annotations

import csv
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from monitor.config import format_validation_error
from monitor.errors import ConfigError, InputError
from monitor.evaluation.triage import ClassScore
from monitor.parse.bibliography import read_bibtex, read_csv_export
from monitor.parse.doi import normalize_doi
from monitor.parse.pubmed import PubmedParseError, iter_pubmed
from monitor.records import PaperRecord
from monitor.triage import RELEVANCE, TriageRules
from monitor.triage.relevance import relevance_of as classify_relevance

LABELS = RELEVANCE
Mode = Literal["text", "all"]


class SourceSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    format: Literal["pubmed-xml", "csv", "bibtex"]


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: dict[str, SourceSpec]


@dataclass(frozen=True)
class Label:
    source: str
    id: str
    label: str
    note: str


@dataclass
class RelevanceEvaluation:
    mode: str
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    errors: list[dict[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.confusion.values())

    def score(self, positive: set[str]) -> ClassScore:
        """Precision/recall of "predicted in ``positive``" against "labelled in ``positive``"."""
        s = ClassScore()
        for (gold, pred), n in self.confusion.items():
            if pred in positive and gold in positive:
                s.tp += n
            elif pred in positive:
                s.fp += n
            elif gold in positive:
                s.fn += n
        return s

    def as_dict(self) -> dict[str, Any]:
        def figures(s: ClassScore) -> dict[str, Any]:
            return {
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "f1": round(s.f1, 3),
                "support": s.tp + s.fn,
            }

        correct = sum(n for (g, p), n in self.confusion.items() if g == p)
        return {
            "mode": self.mode,
            "records": self.records,
            "accuracy": round(correct / self.records, 3) if self.records else 0.0,
            "core": figures(self.score({"core"})),
            "relevant": figures(self.score({"core", "peripheral"})),
            "per_label": {label: figures(self.score({label})) for label in LABELS},
            "confusion": [
                {"gold": g, "predicted": p, "count": self.confusion[(g, p)]}
                for g in LABELS
                for p in LABELS
            ],
            "misclassified": self.errors,
            "missing": self.missing,
        }


def read_labels(path: Path) -> list[Label]:
    """The labelled rows; a bad label or a record labelled twice names the line."""
    out: list[Label] = []
    first_line: dict[tuple[str, str], int] = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:  # a spreadsheet's BOM is fine
        reader = csv.DictReader(fh)
        needed = {"source", "id", "label"}
        if not needed <= set(reader.fieldnames or ()):
            raise ConfigError(f"{path}: needs columns source,id,label (has {reader.fieldnames})")
        for line, row in enumerate(reader, start=2):
            row = {k: v or "" for k, v in row.items()}  # short rows give None cells
            if row["label"] not in LABELS:
                raise ConfigError(
                    f"{path}: line {line}: label {row['label']!r} is not one of {', '.join(LABELS)}"
                )
            key = (row["source"], row["id"].strip())
            if key in first_line:
                # counted twice, a record would weigh double in every figure
                raise ConfigError(
                    f"{path}: line {line}: {key[0]}:{key[1]} was labelled on line "
                    f"{first_line[key]} already"
                )
            first_line[key] = line
            out.append(Label(row["source"], row["id"].strip(), row["label"], row.get("note", "")))
    return out


def read_sources(path: Path) -> dict[str, SourceSpec]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    try:
        return SourcesFile.model_validate(data).source
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from exc


def _records(spec: SourceSpec, path: Path) -> Iterator[PaperRecord]:
    if spec.format == "pubmed-xml":
        for item in iter_pubmed(path, source_name=path.name):
            if isinstance(item, PaperRecord):
                yield item
    elif spec.format == "csv":
        yield from read_csv_export(path)
    else:
        yield from read_bibtex(path)


def _keys(record: PaperRecord) -> Iterator[str]:
    """Every id a label may use for this record: PMID, DOI, the export's own key."""
    if record.pmid:
        yield record.pmid
    for doi in record.dois:
        yield normalize_doi(doi) or doi
    yield record.source_id


def _label_key(label_id: str) -> str:
    """A DOI in any written form matches the record's normalized DOI."""
    return normalize_doi(label_id) or label_id


def load_labelled_records(
    labels: list[Label], sources: dict[str, SourceSpec], corpus: Path
) -> tuple[list[tuple[Label, PaperRecord]], list[str]]:
    """Pair each label with its record; labels whose record is not found are returned apart."""
    wanted: dict[str, set[str]] = {}
    for label in labels:
        if label.source not in sources:
            raise ConfigError(f"label source {label.source!r} is not in the sources file")
        key = _label_key(label.id)
        wanted.setdefault(label.source, set()).add(key)
    found: dict[tuple[str, str], PaperRecord] = {}
    for name, ids in wanted.items():
        spec = sources[name]
        path = corpus / spec.path
        if not path.is_file():
            raise FileNotFoundError(f"source {name}: {path} is not a file")
        read = 0
        try:
            for record in _records(spec, path):
                read += 1
                for key in _keys(record):
                    if key in ids and (name, key) not in found:
                        found[(name, key)] = record  # the first row of a duplicated DOI wins
        except PubmedParseError as exc:
            raise InputError(f"source {name}: {path}: {exc}") from exc
        if read == 0:
            raise InputError(f"source {name}: no records read from {path} (format {spec.format})")
    pairs: list[tuple[Label, PaperRecord]] = []
    missing: list[str] = []
    for label in labels:
        match = found.get((label.source, _label_key(label.id)))
        if match is None:
            missing.append(f"{label.source}:{label.id}")
        else:
            pairs.append((label, match))
    return pairs, missing


def evaluate_relevance(
    pairs: Iterable[tuple[Label, PaperRecord]], rules: TriageRules, mode: Mode = "text"
) -> RelevanceEvaluation:
    result = RelevanceEvaluation(mode=mode)
    for label, record in pairs:
        seen = record if mode == "all" else replace(record, keywords=(), mesh=())
        predicted, reason = classify_relevance(seen, rules, use_indexing=mode == "all")
        result.confusion[(label.label, predicted)] += 1
        if predicted != label.label:
            result.errors.append(
                {
                    "source": label.source,
                    "id": label.id,
                    "gold": label.label,
                    "predicted": predicted,
                    "reason": reason,
                    "note": label.note,
                }
            )
    return result
