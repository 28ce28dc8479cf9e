"""The hand-labelled design key (docs/design-key/): read it, find its records.

The key is ``source,record_id,title_only,design,population,relevance,note``
rows, ids and labels only: ``source`` is a file's path relative to the corpus
folder (../shared/corpus) and ``record_id`` the PMID, or the dataset's own id
where it has no PMIDs.  The records are read from the corpus each time,
never copied into the repository (other people's text).  The rules the
labels follow are in docs/design-labelling.md.

A source's format is told by its name, because the corpus keeps each
dataset as its owners published it: PubMed XML (``.xml``, ``.xml.gz``, and
easyPubMed's ``.txt.gz``), BibTeX (``.bib``, ``.bib.gz``), a screening CSV
(``.csv``, ``.csv.gz``: the SYNERGY layout ``pubmedID,title,...,abstracts``
or ``record_id,title,abstract``, else a PubMed-like export) and the
citation-screening tars (``titles_abstracts.tar.gz``: ``Titles/N`` and
``Abstracts/N``, one file per record).
"""

from __future__ import annotations

import csv
import gzip
import io
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from monitor.errors import ConfigError, InputError
from monitor.parse.bibliography import read_bibtex, read_csv_export
from monitor.parse.pubmed import PubmedParseError, iter_pubmed
from monitor.records import PaperRecord
from monitor.triage import POPULATIONS, RELEVANCE
from monitor.triage.design import DESIGNS

# a record whose text cannot decide its design (title only, a bare title)
UNCLASSIFIED = "unclassified"
KEY_DESIGNS = DESIGNS if UNCLASSIFIED in DESIGNS else (*DESIGNS, UNCLASSIFIED)
KEY_COLUMNS = ("source", "record_id", "title_only", "design", "population", "relevance", "note")
# every hand-labelled key of the repository (design and card): a model shipped with
# the code never trains on their records (key_ids), or `eval` would score in-sample
_DOCS = Path(__file__).resolve().parents[2] / "docs"
KEY_FOLDERS = (_DOCS / "design-key", _DOCS / "card-key")


def key_ids(folders: tuple[Path, ...] = KEY_FOLDERS) -> set[str]:
    """Every ``record_id`` of every key CSV in ``folders``, design and card keys.

    The training scripts of the shipped models (``scripts/train_review_model.py``,
    ``scripts/train_design_confidence.py``) leave out every corpus record whose
    PMID is one of these (issue 19's leak: key rows had been training records, so
    ``eval triage`` scored in-sample).  A glob, so a key added later is excluded
    without a change here; only that column is read, so a blind key's labels stay
    unread."""
    ids: set[str] = set()
    for folder in folders:
        for path in sorted(folder.glob("*.csv")):
            with path.open(newline="", encoding="utf-8-sig") as fh:
                ids.update((row.get("record_id") or "").strip() for row in csv.DictReader(fh))
    ids.discard("")
    return ids


@dataclass(frozen=True)
class KeyRow:
    source: str
    record_id: str
    title_only: bool
    design: str
    population: str
    relevance: str
    note: str

    @property
    def key(self) -> tuple[str, str]:
        return self.source, self.record_id


def read_key(path: Path) -> list[KeyRow]:
    """The key's rows; a label outside the allowed values, a bad ``title_only``
    or a record labelled twice names its line (a duplicate would weigh double)."""
    allowed = {"design": KEY_DESIGNS, "population": POPULATIONS, "relevance": RELEVANCE}
    rows: list[KeyRow] = []
    first: dict[tuple[str, str], int] = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in KEY_COLUMNS[:-1] if c not in (reader.fieldnames or ())]
        if missing:
            raise ConfigError(f"{path}: missing columns {', '.join(missing)}")
        for line, raw in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
            for column, values in allowed.items():
                if row[column] not in values:
                    raise ConfigError(
                        f"{path}: line {line}: {column} {row[column]!r} is not one of "
                        + ", ".join(values)
                    )
            if row["title_only"] not in ("0", "1"):
                raise ConfigError(f"{path}: line {line}: title_only must be 0 or 1")
            if not row["source"] or not row["record_id"]:
                raise ConfigError(f"{path}: line {line}: source and record_id are required")
            item = KeyRow(
                source=row["source"],
                record_id=row["record_id"],
                title_only=row["title_only"] == "1",
                design=row["design"],
                population=row["population"],
                relevance=row["relevance"],
                note=row.get("note", ""),
            )
            if item.key in first:
                raise ConfigError(
                    f"{path}: line {line}: {item.source}:{item.record_id} was labelled on "
                    f"line {first[item.key]} already"
                )
            first[item.key] = line
            rows.append(item)
    return rows


def _text_stream(path: Path) -> io.TextIOWrapper:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(
            gzip.GzipFile(path, "rb"), encoding="utf-8-sig", errors="replace", newline=""
        )
    return path.open(encoding="utf-8-sig", errors="replace", newline="")


def _screening_csv(path: Path) -> Iterator[tuple[str, PaperRecord]]:
    with _text_stream(path) as fh:
        reader = csv.DictReader(fh)
        fields = set(reader.fieldnames or ())
        if "pubmedID" in fields:
            id_col, abstract_col = "pubmedID", "abstracts"
        elif {"record_id", "title", "abstract"} <= fields:
            id_col, abstract_col = "record_id", "abstract"
        else:
            id_col = ""
        if id_col:
            for row in reader:
                rid = (row.get(id_col) or "").strip()
                title = (row.get("title") or "").strip()
                if rid and title:
                    abstract = (row.get(abstract_col) or "").strip()
                    abstract = "" if abstract == "NA" else abstract  # R's missing value
                    record = _record(path, rid, title, abstract, pmid=id_col == "pubmedID")
                    # SYNERGY's keywords are the MeSH headings: indexing, not text
                    mesh = tuple(k.strip() for k in (row.get("keywords") or "").split(";"))
                    yield rid, replace(record, mesh=tuple(m for m in mesh if m))
            return
    for record in read_csv_export(path):
        yield record.source_id, record


def _screening_tar(path: Path) -> Iterator[tuple[str, PaperRecord]]:
    titles: dict[str, str] = {}
    abstracts: dict[str, str] = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            folder, _, number = member.name.partition("/")
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None or folder not in ("Titles", "Abstracts"):
                continue
            text = handle.read().decode("utf-8", errors="replace").strip()
            (titles if folder == "Titles" else abstracts)[number] = text
    for number, title in titles.items():
        yield number, _record(path, number, title, abstracts.get(number, ""), pmid=False)


def _record(path: Path, rid: str, title: str, abstract: str, *, pmid: bool) -> PaperRecord:
    return PaperRecord(
        source="export",
        source_name=path.name,
        source_id=rid,
        title=title,
        pmid=rid if pmid else None,
        abstract=abstract,
    )


def iter_source(path: Path) -> Iterator[tuple[str, PaperRecord]]:
    """(record id, record) for every record of one corpus file; the id is the
    PMID where the record has one, else the dataset's own id."""
    name = path.name
    if name.endswith((".xml", ".xml.gz", ".txt.gz")):
        for item in iter_pubmed(path, source_name=name):
            if isinstance(item, PaperRecord):
                yield item.pmid or item.source_id, item
    elif name.endswith((".bib", ".bib.gz")):
        for record in read_bibtex(path):
            yield record.pmid or record.source_id, record
    elif name == "titles_abstracts.tar.gz":
        yield from _screening_tar(path)
    elif name.endswith((".csv", ".csv.gz")):
        yield from _screening_csv(path)
    else:
        raise InputError(f"{path}: no reader for this kind of file")


def load_key_records(
    rows: Iterable[KeyRow], corpus: Path
) -> tuple[list[tuple[KeyRow, PaperRecord]], list[str]]:
    """Each row with its record, in the key's order; rows whose record (or
    source file) is not found are returned apart as ``source:id`` strings."""
    rows = list(rows)
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.source, set()).add(row.record_id)
    found: dict[tuple[str, str], PaperRecord] = {}
    unreadable: set[str] = set()
    for source, ids in wanted.items():
        path = corpus / source
        if not path.is_file():
            unreadable.add(source)
            continue
        try:
            for rid, record in iter_source(path):
                if rid in ids and (source, rid) not in found:
                    found[(source, rid)] = record  # the first of a repeated PMID
        except (PubmedParseError, OSError, EOFError, tarfile.TarError) as exc:
            raise InputError(f"{path}: {exc}") from exc
    pairs: list[tuple[KeyRow, PaperRecord]] = []
    missing: list[str] = []
    for row in rows:
        match = found.get(row.key)
        if match is None:
            why = " (no such file)" if row.source in unreadable else ""
            missing.append(f"{row.source}:{row.record_id}{why}")
        else:
            pairs.append((row, match))
    return pairs, missing
