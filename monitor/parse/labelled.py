"""Read screening decisions (include / exclude) with their records.

Two users: ``scimon labels import`` bootstraps a site's labels from a
reviewer's export, and ``scimon eval ranking`` replays labelled datasets.
Formats:

* CSV with a title column and a decision column (``include``/``decision``/
  ``label``/``label_included``/``label1``...: include, exclude, I, E, 1, 0,
  yes, no, true, false); Cohen 2006's drug-class CSVs (``label1`` I/E/digits,
  ``NA`` for missing) and ASReview's SYNERGY CSVs (``label_included``,
  ``label_abstract_screening``) are such CSVs;
* RIS, with the decision in an ``LB`` tag, ASReview's ``ASReview_relevant`` /
  ``ASReview_irrelevant`` notes or keywords, or Rayyan's inclusion note;
* BibTeX, with Rayyan's ``RAYYAN-INCLUSION: {"reviewer"=>true, ...}`` note;
* a folder of Wallace et al. 2010's citation-screening data
  (``titles_abstracts.tar.gz`` beside ``old/*titles.gz``).

``level``: "abstract" takes the title-and-abstract decision where a dataset
has both levels (what an editor decides from the queue), "final" the
full-text one.
"""

from __future__ import annotations

import csv
import gzip
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from monitor.errors import InputError
from monitor.parse.bibliography import _clean, _open_text, _year
from monitor.parse.doi import normalize_doi
from monitor.records import PaperRecord

LEVELS = ("abstract", "final")
_YES = {"include", "included", "i", "1", "yes", "y", "true", "relevant", "1.0", "asreview_relevant"}
_NO = {"exclude", "excluded", "e", "0", "no", "n", "false", "irrelevant", "-1", "-1.0",
       "asreview_irrelevant"}  # fmt: skip
# decision columns by level, most specific first (lower-case names)
_CSV_DECISION = {
    "abstract": ("label_abstract_screening", "label1", "include", "included", "decision",
                 "label", "label_included", "label2", "screening"),
    "final": ("label_included", "label2", "include", "included", "decision", "label",
              "label_abstract_screening", "label1", "screening"),
}  # fmt: skip
_RAYYAN = re.compile(r"RAYYAN-INCLUSION:\s*\{?([^}|]*)")
_RAYYAN_VOTE = re.compile(r'"([^"]+)"\s*=>\s*(\w+)')
_RAYYAN_REASONS = re.compile(r"RAYYAN-EXCLUSION-REASONS:\s*([^|}]+)")
_PUBMED_URL = re.compile(r"ncbi\.nlm\.nih\.gov/(?:pubmed/|pubmed\.ncbi[^/]*/)?(\d{1,9})\b")


@dataclass(frozen=True)
class Labelled:
    """One record with a reviewer's decision; ``order`` is its place in the file."""

    record: PaperRecord
    included: bool
    order: int
    reason: str | None = None


def decision(value: str) -> bool | None:
    """True (include), False (exclude) or None (undecided, unreadable).

    Cohen 2006's digits are exclusion-reason codes: exclude (as ASReview reads them).
    """
    v = value.strip().lower()
    if v in _YES:
        return True
    if v in _NO or (v.isdigit() and len(v) == 1):
        return False
    return None


def rayyan_decision(note: str) -> tuple[bool, str | None] | None:
    """Rayyan's votes in a note: include when at least half of the reviewers included.

    A tie counts as include: a screening team sends a record one reviewer
    wanted on to the full text.  Returns (included, exclusion reasons) or None.
    """
    match = _RAYYAN.search(note)
    if not match:
        return None
    votes = [v.lower() == "true" for _, v in _RAYYAN_VOTE.findall(match.group(1))]
    if not votes:
        return None
    reasons = _RAYYAN_REASONS.search(note)
    return 2 * sum(votes) >= len(votes), (reasons.group(1).strip() if reasons else None)


def read_labelled(path: Path, *, level: str = "abstract") -> list[Labelled]:
    """Every labelled record of ``path`` (file or Wallace folder), in file order."""
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r} (one of {', '.join(LEVELS)})")
    if path.is_dir():
        return list(_read_wallace(path, level))
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".csv"):
        return list(_read_csv(path, level))
    if name.endswith((".ris", ".txt")):
        return list(_read_ris(path))
    if name.endswith(".bib"):
        return list(_read_bibtex(path))
    raise InputError(f"{path}: not a labelled CSV, RIS, BibTeX file or screening folder")


def _read_csv(path: Path, level: str) -> Iterator[Labelled]:
    reader = csv.DictReader(_open_text(path))
    fields = {f.lower().strip(): f for f in reader.fieldnames or []}
    if "title" not in fields:
        raise InputError(f"{path}: no title column (columns: {', '.join(fields) or 'none'})")
    label_col = next((fields[c] for c in _CSV_DECISION[level] if c in fields), None)
    if label_col is None:
        raise InputError(
            f"{path}: no include/exclude column (one of {', '.join(_CSV_DECISION[level])})"
        )

    def col(row: dict[str, str], *names: str) -> str:
        for n in names:
            if n in fields and row.get(fields[n]):
                value = row[fields[n]].strip()
                if value.upper() != "NA":
                    return value
        return ""

    rows = list(reader)
    # Cohen 2006 codes I / E / a digit (an exclusion reason): only I includes
    coded = any((row.get(label_col) or "").strip() in ("I", "E") for row in rows)
    order = 0
    for number, row in enumerate(rows, start=1):
        title = _clean(col(row, "title"))
        value = (row.get(label_col) or "").strip()
        included = value == "I" if coded and value else decision(value)
        if not title or included is None or col(row, "duplicate_record_id"):
            continue
        doi = normalize_doi(col(row, "doi"))
        pmid = col(row, "pmid", "pubmedid", "pubmed_id", "entrezuid") or None
        pmid = pmid.removesuffix(".0") if pmid else None
        year = _year(col(row, "year", "publication year", "pub_year"))
        keywords = tuple(k.strip() for k in col(row, "keywords").split(";") if k.strip())
        record = PaperRecord(
            source="export",
            source_name=path.name,
            source_id=pmid or doi or col(row, "record_id") or f"row {number}",
            title=title,
            pmid=pmid,
            dois=(doi,) if doi else (),
            abstract=_clean(col(row, "abstract", "abstracts")),
            journal=_clean(col(row, "journal", "source", "journal/book")),
            pub_year=year,
            published_on=_date(col(row, "date", "publication date", "published")),
            keywords=keywords,
        )
        yield Labelled(record, included, order, col(row, "reason", "exclusion_reason") or None)
        order += 1


def _date(value: str) -> date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _read_ris(path: Path) -> Iterator[Labelled]:
    entry: dict[str, list[str]] = {}
    order = 0
    for line in [*_open_text(path), "ER  - "]:
        match = re.match(r"^([A-Z][A-Z0-9])  -( (.*))?$", line.rstrip("\r\n"))
        if not match:
            continue
        tag, value = match.group(1), (match.group(3) or "").strip()
        if tag != "ER":
            entry.setdefault(tag, []).append(value)
            continue
        labelled = _ris_entry(entry, path.name, order)
        entry = {}
        if labelled is not None:
            yield labelled
            order += 1


def _ris_entry(entry: dict[str, list[str]], name: str, order: int) -> Labelled | None:
    def first(*tags: str) -> str:
        return next((v for t in tags for v in entry.get(t, []) if v), "")

    title = _clean(first("TI", "T1", "CT"))
    if not title:
        return None
    included: bool | None = None
    reason = None
    for value in entry.get("LB", []):
        included = decision(value) if included is None else included
    for value in entry.get("N1", []) + entry.get("KW", []):
        if included is not None:
            break
        rayyan = rayyan_decision(value)
        if rayyan is not None:
            included, reason = rayyan
        elif "asreview_relevant" in value.lower() or "asreview_irrelevant" in value.lower():
            included = "asreview_relevant" in value.lower()
    if included is None:
        return None
    pmid = first("AN") if first("AN").isdigit() else None
    for url in entry.get("UR", []):
        if pmid is None and (m := _PUBMED_URL.search(url)):
            pmid = m.group(1)
    doi = normalize_doi(first("DO"))
    keywords = tuple(
        k for k in entry.get("KW", []) if "asreview" not in k.lower() and "RAYYAN" not in k
    )
    record = PaperRecord(
        source="export",
        source_name=name,
        source_id=pmid or doi or f"record {order + 1}",
        title=title,
        pmid=pmid,
        dois=(doi,) if doi else (),
        abstract=_clean(" ".join(entry.get("AB", []) + entry.get("N2", []))),
        journal=_clean(first("JO", "T2", "JF", "JA")),
        pub_year=_year(first("PY", "Y1", "DA")),
        published_on=_date(first("DA", "Y1", "PY").replace("/", "-")),
        keywords=keywords,
    )
    return Labelled(record, included, order, reason)


def _read_bibtex(path: Path) -> Iterator[Labelled]:
    from monitor.parse.bibliography import read_bibtex_entries

    order = 0
    for record, entry in read_bibtex_entries(path):
        note = entry.get("note", "")
        rayyan = rayyan_decision(note)
        if rayyan is not None:
            included, reason = rayyan
        else:
            found = decision(entry.get("include", "") or entry.get("decision", ""))
            if found is None:
                continue
            included, reason = found, None
        if record.pmid is None:
            key = str(entry.get("ID", ""))
            url = _PUBMED_URL.search(entry.get("url", ""))
            pmid = url.group(1) if url else (key if key.isdigit() else None)
            record = replace(record, pmid=pmid, source_id=pmid or record.source_id)
        month = entry.get("month", "").strip()
        if record.pub_year and month.isdigit() and 1 <= int(month) <= 12:
            record = replace(record, published_on=date(record.pub_year, int(month), 1))
        yield Labelled(record, included, order, reason)
        order += 1


def _read_wallace(folder: Path, level: str) -> Iterator[Labelled]:
    """Wallace 2010: text in a tar (Titles/N, Abstracts/N), labels in ``old/*titles.gz``.

    micro_nutrients numbers its label rows 1..4010 in order of the file
    number N (13 numbers are missing); the other two key them by N.
    """
    texts = folder / "titles_abstracts.tar.gz"
    labels = sorted((folder / "old").glob("*titles.gz")) if (folder / "old").is_dir() else []
    if not texts.exists() or not labels:
        raise InputError(f"{folder}: not a citation-screening folder (titles_abstracts.tar.gz, "
                         "old/*titles.gz)")  # fmt: skip
    titles: dict[int, str] = {}
    abstracts: dict[int, str] = {}
    with tarfile.open(texts) as tar:
        for member in tar:
            kind, _, name = member.name.partition("/")
            member_file = tar.extractfile(member) if name.isdigit() else None
            if member_file is None:
                continue
            text = member_file.read().decode("utf-8", "replace").strip()
            (titles if kind == "Titles" else abstracts)[int(name)] = text
    numbers = sorted(titles)
    ranked = "micro" in folder.name
    column = 1 if level == "abstract" else 2
    with gzip.open(labels[0], "rt", encoding="ascii") as lines:
        rows = [line.split(None, 3) for line in lines if line.strip()]
    order = 0
    for row in rows:
        key = int(row[0])
        number = numbers[key - 1] if ranked else key
        title = titles.get(number, "")
        if not title:
            continue
        record = PaperRecord(
            source="export",
            source_name=folder.name,
            source_id=str(number),
            title=title,
            abstract=abstracts.get(number, ""),
        )
        yield Labelled(record, float(row[column]) > 0, order)
        order += 1
