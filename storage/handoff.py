"""What a source hands storage to store: records, deletions and skipped records.

Storage must not import ``monitor`` (the parsers and their record class), so
the hand-off is typed here: :class:`RecordLike` is the shape of a record
storage relies on (``monitor.records.PaperRecord`` has it), and the two
markers that are not records are defined here and re-exported by monitor:
:class:`DeletedCitations` (``monitor.records``) and :class:`UnchangedRecord`
(``monitor.parse.raw_records``).  ``storage.ingest.ingest_records`` tells them
apart with ``isinstance``; anything else is a record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class RecordLike(Protocol):
    """The attributes of ``monitor.records.PaperRecord`` storage relies on.

    Read-only properties, so that a frozen dataclass has this shape.
    """

    @property
    def source(self) -> str: ...

    @property
    def source_name(self) -> str: ...

    @property
    def source_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def pmid(self) -> str | None: ...

    @property
    def dois(self) -> tuple[str, ...]: ...

    @property
    def pmcid(self) -> str | None: ...

    @property
    def abstract(self) -> str: ...

    @property
    def journal(self) -> str: ...

    @property
    def journal_abbrev(self) -> str: ...

    @property
    def issn(self) -> str | None: ...

    @property
    def published_on(self) -> date | None: ...

    @property
    def pub_year(self) -> int | None: ...

    @property
    def pub_date_text(self) -> str: ...

    @property
    def authors(self) -> tuple[Any, ...]: ...

    @property
    def publication_types(self) -> tuple[str, ...]: ...

    @property
    def mesh(self) -> tuple[str, ...]: ...

    @property
    def keywords(self) -> tuple[str, ...]: ...

    @property
    def language(self) -> str | None: ...

    @property
    def citation_status(self) -> str | None: ...

    @property
    def links(self) -> tuple[Any, ...]: ...

    @property
    def is_book(self) -> bool: ...

    @property
    def url(self) -> str | None: ...

    @property
    def entrez_on(self) -> date | None: ...

    @property
    def revised_on(self) -> date | None: ...

    @property
    def extra(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True)
class DeletedCitations:
    """A ``DeleteCitation`` block: PMIDs NLM withdrew; storage soft-deletes them."""

    pmids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnchangedRecord:
    """A record skipped unparsed: this source gave exactly these bytes before.

    Storage counts it as seen and as a duplicate, as it would have after
    parsing it (see monitor/parse/raw_records.py).  ``unchanged`` is always
    true: it was how storage recognised the marker before it was typed here.
    """

    pmid: str
    unchanged: bool = True


IngestItem = RecordLike | DeletedCitations | UnchangedRecord


class TrialLike(Protocol):
    """The attributes of ``monitor.records.TrialRecord`` storage relies on."""

    @property
    def nct_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def overall_status(self) -> str: ...

    @property
    def has_results(self) -> bool: ...

    @property
    def first_posted_on(self) -> date | None: ...

    @property
    def last_update_posted_on(self) -> date | None: ...

    @property
    def results_first_posted_on(self) -> date | None: ...

    @property
    def pmids(self) -> tuple[str, ...]: ...

    @property
    def dois(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A link as ``paper_link`` stores it (the columns a re-read would give)."""

    kind: str
    target_pmid: str | None
    target_doi: str | None
    citation: str | None


@dataclass(frozen=True, slots=True)
class WrittenPaper:
    """A paper a batch has just inserted or changed, as it now stands in the database.

    What storage hands back to its caller inside the batch's transaction, so
    that the caller can derive rows from the paper while it is still in memory
    (triage in the import pass) instead of reading it back: ``values`` are the
    paper's content columns (``storage.merge.CONTENT_FIELDS``) as written,
    ``links`` its ``paper_link`` rows.

    ``parsed`` is the record the paper was written from when it is a new paper
    holding exactly what that one record proposed (``storage.merge.record_values``
    and ``link_values`` of it, its source and source name; no stored paper or other
    record merged in, a PMID or DOI for its ``source_id``), else None: whatever was
    derived from that record as a new paper holds for this paper (the import's
    triage of parsed records, ``monitor.ingest.classifier``), without comparing
    the values.
    """

    paper_id: int
    values: Mapping[str, Any]
    content_source: str
    first_source: str
    links: tuple[StoredLink, ...]
    parsed: RecordLike | None = None


# called with the batch's session and papers, before the batch commits
AfterWrite = Callable[["Session", list[WrittenPaper]], None]
