"""Measure the card fields against a hand-labelled key: ``scimon eval card KEY``.

The key (docs/card-key/*.csv, made by docs/card-labelling.md) names each
abstract by its place in the recorded corpus (``source``: a PubMed XML file or
the SCI drug review's CSV export, relative to the corpus folder; ``record_id``:
the PMID, or the CSV's row number) and holds only labels, never text.  The
records are read from the corpus here, so the key can live in the repository.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.briefs.duration import duration_of
from monitor.briefs.evidence import COARSE, evidence_level_of
from monitor.errors import InputError
from monitor.evaluation.design_key import iter_source
from monitor.evaluation.triage import corpus_records
from monitor.records import PaperRecord
from monitor.triage import TriageRules, classify
from monitor.triage.participants import participants_of

# the SCI drug review's PubMed export: rows without PMIDs, named by their row number
CSV_SOURCE = "pubmed/Review_disease_modifying_effects_drugs_SCI/Data/df.pubmed.csv.gz"


def corpus_dir() -> Path:
    """``$SCIMON_CORPUS_DIR``, else ``../shared/corpus`` beside the repository."""
    env = os.environ.get("SCIMON_CORPUS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def _csv_records(path: Path, wanted: set[str]) -> dict[str, PaperRecord]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = csv.DictReader(io.StringIO(fh.read()))
        return {
            row[""]: PaperRecord(
                source="pubmed",
                source_name=path.name,
                source_id=row[""],
                title=row["Title"] or "",
                abstract="" if row["Abstract"] in (None, "NA") else row["Abstract"],
                journal=row["Source"] or "",
            )
            for row in rows
            if row[""] in wanted
        }


def load_records(root: Path, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], PaperRecord]:
    """(source, record id) -> the record, for each key row found in the corpus."""
    by_source: dict[str, set[str]] = {}
    for source, record_id in keys:
        by_source.setdefault(source, set()).add(record_id)
    out: dict[tuple[str, str], PaperRecord] = {}
    for source, wanted in sorted(by_source.items()):
        path = root / source
        if not path.exists():
            continue
        if source == CSV_SOURCE:
            found = _csv_records(path, wanted)
        elif source.startswith(("screening/", "pubmed-sci/")):
            # check9's records come from the SYNERGY screening CSVs (the PubMed RCT and
            # review pools are used up), check11's from pubmed-sci/'s BibTeX export; the
            # design key's reader knows their columns
            found = {rid: rec for rid, rec in iter_source(path) if rid in wanted}
        else:
            found = {r.pmid or "": r for r in corpus_records([path]) if r.pmid in wanted}
        out.update({(source, rid): rec for rid, rec in found.items()})
    return out


# targets of issue 20: (field, measure) -> (bound, "min" or "max")
TARGETS = {
    ("participants", "exact"): (0.90, "min"),
    ("participants", "false_count"): (0.03, "max"),
    ("duration", "exact_of_outputs"): (0.85, "min"),
    ("duration", "invented"): (0.05, "max"),
    ("evidence", "agreement"): (0.95, "min"),
}
COLUMNS = ("source", "record_id", "participants_n", "participants_unit", "duration",
           "coarse_level", "note")  # fmt: skip
# the human designs the agreement is over; preclinical, in vitro and other
# are scored too, apart
HUMAN_LEVELS = frozenset(
    ["sr_rct", "sr_other", "rct", "cohort", "case_control", "case_series", "cross_sectional"]
)


@dataclass(frozen=True)
class KeyRow:
    source: str
    record_id: str
    participants_n: int | None
    participants_unit: str
    duration: str | None
    coarse_level: str


# whole units that convert exactly: a length in months or years, in days or weeks, or in
# hours and days is the same length whichever unit states it ("60 months" is "5 years");
# weeks and months do not convert (4 weeks is not a month)
_EXACT_UNITS = {"month": ("month", 1), "year": ("month", 12), "day": ("hour", 24),
                "week": ("hour", 168), "hour": ("hour", 1)}  # fmt: skip


def _length(text: str) -> tuple[str, float] | None:
    """("month", 60.0) for "5 years"; None for a range or anything else."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?) (hour|day|week|month|year)s?", text)
    if not m:
        return None
    base, factor = _EXACT_UNITS[m.group(2)]
    return base, float(m.group(1)) * factor


def _same_duration(a: str | None, b: str | None) -> bool:
    """Whether two durations are the same: the same text, or the same length in units
    that convert exactly (the card prints the unit the abstract states, the key may
    write another; docs/brief-extraction.md, dur9)."""

    def norm(text: str | None) -> str | None:
        if not text:
            return None
        text = re.sub(r"\s+", " ", text.strip().lower().replace("–", "-"))
        return re.sub(r"^1 (\w+?)s$", r"1 \1", text)

    first, second = norm(a), norm(b)
    if first == second:
        return True
    if first is None or second is None:
        return False
    lengths = _length(first), _length(second)
    return lengths[0] is not None and lengths[0] == lengths[1]


def read_key(path: Path) -> list[KeyRow]:
    """The rows of a card key (docs/card-key/README.md says what they hold)."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS[:-1] if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: not a card key (missing columns {', '.join(missing)})")
            rows = list(reader)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the card key ({exc})") from exc
    out: list[KeyRow] = []
    for i, row in enumerate(rows, start=2):
        number = (row["participants_n"] or "").strip()
        if number and not number.isdigit():
            raise InputError(f"{path}:{i}: participants_n {number!r} is not a whole number")
        level = (row["coarse_level"] or "").strip()
        if level not in COARSE:
            known = ", ".join(COARSE)
            raise InputError(f"{path}:{i}: coarse_level {level!r} is not one of {known}")
        out.append(
            KeyRow(
                source=row["source"].strip(),
                record_id=row["record_id"].strip(),
                participants_n=int(number) if number else None,
                participants_unit=(row["participants_unit"] or "").strip(),
                duration=(row["duration"] or "").strip() or None,
                coarse_level=level,
            )
        )
    return out


@dataclass
class CardEvaluation:
    """Counts behind each figure; the rates are derived, so the arithmetic is tested once."""

    rows: int = 0
    found: int = 0  # key rows whose record is in the corpus
    # participants
    with_number: int = 0
    exact: int = 0
    wrong: int = 0
    missed: int = 0
    without_number: int = 0
    false_count: int = 0
    unit_same: int = 0  # of the exact numbers, unit equal to the key's (loosely)
    # duration
    outputs: int = 0
    duration_exact: int = 0
    duration_stated: int = 0
    duration_found: int = 0  # of the stated, found exactly
    duration_none: int = 0
    invented: int = 0
    # evidence
    levels: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, predicted)
    errors: list[dict[str, Any]] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)

    @staticmethod
    def _rate(num: int, den: int) -> float | None:
        return round(num / den, 3) if den else None

    def agreement(self, human_only: bool = False) -> tuple[int, int]:
        pairs = [(k, p, n) for (k, p), n in self.levels.items()]
        if human_only:
            pairs = [t for t in pairs if t[0] in HUMAN_LEVELS]
        return sum(n for k, p, n in pairs if k == p), sum(n for _, _, n in pairs)

    def as_dict(self) -> dict[str, Any]:
        agree, total = self.agreement()
        human_agree, human_total = self.agreement(human_only=True)
        figures = {
            "participants": {
                "exact": self._rate(self.exact, self.with_number),
                "false_count": self._rate(self.false_count, self.without_number),
                "miss": self._rate(self.missed, self.with_number),
                "wrong": self._rate(self.wrong, self.with_number),
                "unit_same_of_exact": self._rate(self.unit_same, self.exact),
                "counts": {
                    "with_number": self.with_number,
                    "exact": self.exact,
                    "wrong": self.wrong,
                    "missed": self.missed,
                    "without_number": self.without_number,
                    "false_count": self.false_count,
                },
            },
            "duration": {
                "exact_of_outputs": self._rate(self.duration_exact, self.outputs),
                "invented": self._rate(self.invented, self.duration_none),
                "found_of_stated": self._rate(self.duration_found, self.duration_stated),
                "counts": {
                    "outputs": self.outputs,
                    "exact": self.duration_exact,
                    "stated": self.duration_stated,
                    "none_stated": self.duration_none,
                    "invented": self.invented,
                },
            },
            "evidence": {
                "agreement": self._rate(agree, total),
                "agreement_human_designs": self._rate(human_agree, human_total),
                "counts": {
                    "agree": agree,
                    "rows": total,
                    "human_agree": human_agree,
                    "human_rows": human_total,
                },
                "confusion": [
                    {"key": k, "predicted": p, "count": n}
                    for (k, p), n in sorted(self.levels.items())
                ],
            },
        }
        targets = {}
        for (fld, measure), (bound, kind) in TARGETS.items():
            value: float | None = figures[fld][measure]  # type: ignore[index]
            met = None if value is None else (value >= bound if kind == "min" else value <= bound)
            sign = ">=" if kind == "min" else "<="
            targets[f"{fld}.{measure}"] = {"value": value, "target": f"{sign} {bound}", "met": met}
        return {"rows": self.rows, "found": self.found, "absent": self.absent, **figures,
                "targets": targets, "errors": self.errors}  # fmt: skip


def score_row(result: CardEvaluation, row: KeyRow, predicted: dict[str, Any]) -> None:
    """Add one abstract's predictions (``participants``: (n, unit) or None,
    ``duration``: str or None, ``coarse``: str) to the counts."""
    errors: list[str] = []
    got = predicted["participants"]
    if row.participants_n is not None:
        result.with_number += 1
        if got is None:
            result.missed += 1
            errors.append(f"participants missed (key {row.participants_n})")
        elif got[0] == row.participants_n:
            result.exact += 1
            key_unit = row.participants_unit.lower().rstrip("s")
            if key_unit and key_unit in got[1].lower():
                result.unit_same += 1
        else:
            result.wrong += 1
            errors.append(f"participants {got[0]} (key {row.participants_n})")
    else:
        result.without_number += 1
        if got is not None:
            result.false_count += 1
            errors.append(f"participants {got[0]} where the key has none")
    duration = predicted["duration"]
    if row.duration is not None:
        result.duration_stated += 1
    else:
        result.duration_none += 1
    if duration is not None:
        result.outputs += 1
        if _same_duration(duration, row.duration):
            result.duration_exact += 1
            result.duration_found += 1
        elif row.duration is None:
            result.invented += 1
            errors.append(f"duration {duration!r} where the key has none")
        else:
            errors.append(f"duration {duration!r} (key {row.duration!r})")
    elif row.duration is not None:
        errors.append(f"duration missed (key {row.duration!r})")
    result.levels[(row.coarse_level, predicted["coarse"])] += 1
    if predicted["coarse"] != row.coarse_level:
        errors.append(f"evidence {predicted['coarse']} (key {row.coarse_level})")
    if errors:
        result.errors.append({"source": row.source, "record_id": row.record_id,
                              "errors": errors})  # fmt: skip


def evaluate_card(
    rows: list[KeyRow], rules: TriageRules, root: Path | None = None
) -> CardEvaluation:
    """Score the card fields of every key row whose record is in the corpus at
    ``root`` (default :func:`corpus_dir`).  Design comes from the text only
    (no indexing), as for the new papers whose cards are written."""
    records = load_records(root or corpus_dir(), [(r.source, r.record_id) for r in rows])
    result = CardEvaluation(rows=len(rows))
    for row in rows:
        record = records.get((row.source, row.record_id))
        if record is None:
            result.absent.append(f"{row.source}#{row.record_id}")
            continue
        result.found += 1
        triage = classify(record, rules, use_indexing=False)
        people = participants_of(record)
        score_row(
            result,
            row,
            {
                "participants": (people.number, people.unit) if people else None,
                "duration": duration_of(record),
                "coarse": evidence_level_of(record, triage).coarse,
            },
        )
    return result
