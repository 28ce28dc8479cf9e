"""Read bibliographic exports that are not PubMed XML into PaperRecords.

Editors and reviewers keep reference lists as PubMed "Send to: CSV" files,
screening-tool CSVs and BibTeX (Zotero, Rayyan).  ``scimon eval relevance``
reads the labelled set's records from such files, so they go through the same
triage as fetched papers.  ``.gz`` files are read transparently.

BibTeX is parsed with bibtexparser (braces, ``@string`` macros and LaTeX
escapes such as ``{\\textless}`` are its business, not ours).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from pathlib import Path

from monitor.errors import InputError
from monitor.parse.doi import normalize_doi
from monitor.records import PaperRecord

_BRACES = re.compile(r"[{}]")
_SPACE = re.compile(r"\s+")
# escapes Zotero writes that bibtexparser's LaTeX decoding leaves alone
_LATEX = {r"\textless": "<", r"\textgreater": ">", r"\&": "&", r"\%": "%", r"\_": "_"}
_INLINE_TAGS = re.compile(r"</?(?:i|b|em|strong|sub|sup|scp)>", re.IGNORECASE)


def _open_text(path: Path) -> io.TextIOBase:
    """The file's text, gunzipped when needed; unreadable input is an InputError."""
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return io.StringIO(raw.decode("utf-8-sig"))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{path}: cannot read: {exc or type(exc).__name__}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _clean(value: str | None) -> str:
    """Text without protective braces, LaTeX escapes or inline HTML (``<i>``)."""
    if not value:
        return ""
    for escape, char in _LATEX.items():
        value = value.replace(escape, char)
    value = _INLINE_TAGS.sub("", _BRACES.sub("", value))
    return _SPACE.sub(" ", value).strip()


def _year(value: str) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", value or "")
    return int(match.group(1)) if match else None


def read_csv_export(path: Path, *, source_name: str | None = None) -> Iterator[PaperRecord]:
    """Records of a CSV export with Title and (optionally) Abstract, DOI, PMID columns.

    Column names are matched case-insensitively, so PubMed's own CSV layout
    and the exports of screening tools both work.  A row without a title is
    skipped; rows are keyed by PMID, else DOI, else row number.
    """
    name = source_name or path.name
    reader = csv.DictReader(_open_text(path))
    fields = {f.lower().strip(): f for f in reader.fieldnames or []}
    if "title" not in fields:
        raise InputError(f"{path}: no Title column (columns: {', '.join(fields) or 'none'})")

    def col(row: dict[str, str], *names: str) -> str:
        for n in names:
            if n in fields and row.get(fields[n]):
                value = row[fields[n]].strip()
                if value.upper() != "NA":
                    return value
        return ""

    for number, row in enumerate(reader, start=1):
        title = _clean(col(row, "title"))
        if not title:
            continue
        doi = normalize_doi(col(row, "doi"))
        pmid = col(row, "pmid", "entrezuid") or None
        yield PaperRecord(
            source="export",
            source_name=name,
            source_id=pmid or doi or f"row {number}",
            title=title,
            pmid=pmid,
            dois=(doi,) if doi else (),
            abstract=_clean(col(row, "abstract")),
            journal=_clean(col(row, "source", "journal", "journal/book")),
            pub_year=_year(col(row, "year", "publication year", "create date")),
        )


def read_bibtex(path: Path, *, source_name: str | None = None) -> Iterator[PaperRecord]:
    """Records of a BibTeX file; ``keywords`` (often MeSH mixed with author words) kept."""
    for record, _entry in read_bibtex_entries(path, source_name=source_name):
        yield record


def read_bibtex_entries(
    path: Path, *, source_name: str | None = None
) -> Iterator[tuple[PaperRecord, dict[str, str]]]:
    """Each record of a BibTeX file with its raw entry (a Rayyan ``note`` holds decisions)."""
    import bibtexparser  # type: ignore[import-untyped]
    from bibtexparser.bparser import BibTexParser  # type: ignore[import-untyped]
    from bibtexparser.customization import convert_to_unicode  # type: ignore[import-untyped]

    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    parser.customization = convert_to_unicode
    try:
        database = bibtexparser.load(_open_text(path), parser=parser)
    except InputError:
        raise
    except Exception as exc:  # bibtexparser raises assorted parser errors
        raise InputError(f"{path}: not readable as BibTeX: {exc}") from exc
    name = source_name or path.name
    for entry in database.entries:
        title = _clean(entry.get("title"))
        if not title:
            continue
        pmid = _clean(entry.get("pmid")) or None
        doi = normalize_doi(_clean(entry.get("doi")))
        keywords = tuple(
            k for k in (_clean(k) for k in re.split(r"[,;]", entry.get("keywords", ""))) if k
        )
        yield PaperRecord(
            source="export",
            source_name=name,
            source_id=str(entry.get("ID", "")),
            title=title,
            pmid=pmid,
            dois=(doi,) if doi else (),
            abstract=_clean(entry.get("abstract")),
            journal=_clean(entry.get("journal") or entry.get("journaltitle")),
            pub_year=_year(entry.get("year") or entry.get("date") or ""),
            keywords=keywords,
        ), entry
