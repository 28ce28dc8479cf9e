"""Typed records that flow from the parsers into storage.

Parsers (PubMed XML, journal feeds) produce these frozen dataclasses; they are
pure data, so parsers can be tested without a database and storage can be tested
without parsers.  Storage receives them through :mod:`storage.ingest`, which
types them by their attributes (``storage.handoff.RecordLike``), never by
``monitor`` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.handoff import WrittenPaper
    from storage.models import Paper

# a DeleteCitation block's PMIDs: storage defines what it accepts (storage/handoff.py)
from storage.authors import expand
from storage.handoff import DeletedCitations as DeletedCitations


@dataclass(frozen=True, slots=True)
class Author:
    """One author as printed: ``last`` may hold a collective name."""

    last: str
    fore: str = ""
    initials: str = ""
    orcid: str | None = None
    affiliation: str | None = None

    @property
    def display(self) -> str:
        """``Last AB`` as PubMed prints it, or the collective name."""
        return f"{self.last} {self.initials}".strip() if self.initials else self.last

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> Author:
        """An author as storage keeps it (a JSON object; absent keys are empty)."""
        return cls(
            last=stored.get("last", ""),
            fore=stored.get("fore", ""),
            initials=stored.get("initials", ""),
            orcid=stored.get("orcid"),
            affiliation=stored.get("affiliation"),
        )


@dataclass(frozen=True, slots=True)
class Link:
    """A CommentsCorrections entry: this paper is an ``kind`` of/for another.

    ``kind`` is PubMed's RefType verbatim (``ErratumFor``, ``RetractionIn``,
    ``CommentOn``, ``UpdateOf``, ``ExpressionOfConcernFor``...).
    """

    kind: str
    pmid: str | None = None
    doi: str | None = None
    citation: str | None = None


@dataclass(frozen=True, slots=True, weakref_slot=True)
class PaperRecord:
    """One bibliographic record as a source saw it.

    ``source`` is ``"pubmed"`` or ``"feed"``; ``source_name`` the query, feed or
    file that produced it; ``source_id`` the source's own identifier (PMID,
    feed guid or link).  ``dois`` holds every DOI the record carries, raw, in
    the order the source gave them (the first is the article's own DOI).
    Weakly referable: an import's classifier keeps the answers for records it
    sent by a weak reference to each (monitor/ingest/classifier.py).
    """

    source: str
    source_name: str
    source_id: str
    title: str
    pmid: str | None = None
    dois: tuple[str, ...] = ()
    pmcid: str | None = None
    abstract: str = ""
    journal: str = ""
    journal_abbrev: str = ""
    issn: str | None = None
    published_on: date | None = None
    pub_year: int | None = None
    pub_date_text: str = ""
    authors: tuple[Author, ...] = ()
    publication_types: tuple[str, ...] = ()
    mesh: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    language: str | None = None
    citation_status: str | None = None
    links: tuple[Link, ...] = ()
    is_book: bool = False
    url: str | None = None
    entrez_on: date | None = None
    revised_on: date | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # SHA-1 of the raw record bytes (monitor/parse/raw_records.py), set by imports
    # so that a re-import can skip the record unparsed; not content
    fingerprint: str | None = field(default=None, compare=False)


# what triage reads of a PaperRecord: every field but authors, extra and the fingerprint
_TRIAGE_FIELDS = tuple(
    f.name for f in fields(PaperRecord) if f.name not in ("authors", "extra", "fingerprint")
)


def for_triage(record: PaperRecord) -> tuple[Any, ...]:
    """``record``'s fields triage reads, as a plain tuple: what an import sends its
    classifying child (monitor/ingest/classifier.py).  Authors (with affiliations)
    and extra fields are ~40% of a pickled record and triage reads neither
    (``record_from_written`` and ``as_written`` drop them); a tuple pickles without
    the field names.  :func:`from_triage` rebuilds the record."""
    return tuple(getattr(record, name) for name in _TRIAGE_FIELDS)


def from_triage(values: tuple[Any, ...]) -> PaperRecord:
    """The record :func:`for_triage` sent: without authors, extra and fingerprint."""
    return PaperRecord(**dict(zip(_TRIAGE_FIELDS, values, strict=True)))


def record_from_row(paper: Paper, *, for_triage: bool = False) -> PaperRecord:
    """Rebuild a PaperRecord from a stored paper (for re-triage).

    Typed with storage's model (imported for type checking only, so parsers
    still load without the ORM): mypy checks every attribute read here
    against the column it comes from.  ``for_triage``: without authors and
    extra fields, which triage does not read and
    ``storage.triage.papers_to_triage`` does not load.
    """
    p = paper
    values: dict[str, Any] = {name: getattr(p, name) for name in _STORED_FIELDS}
    if not for_triage:
        values["authors"], values["extra"] = expand(p.authors), p.extra
    return record_from_stored(
        p.id, values, p.content_source, p.first_source, p.links or (), for_triage=for_triage
    )


def record_from_written(paper: WrittenPaper) -> PaperRecord:
    """The PaperRecord triage reads, from a paper an import batch has just written.

    The same record :func:`record_from_row` rebuilds from the database for
    triage, built from what the batch holds in memory (triage in the import
    pass, ``monitor.triage.run.InlineTriage``).
    """
    return record_from_stored(
        paper.paper_id,
        paper.values,
        paper.content_source,
        paper.first_source,
        paper.links,
        for_triage=True,
    )


def record_from_stored(
    paper_id: int,
    values: Mapping[str, Any],
    content_source: str,
    first_source: str,
    links: Iterable[Any],
    *,
    for_triage: bool = False,
) -> PaperRecord:
    """A PaperRecord from a paper's stored columns and its ``paper_link`` rows."""
    authors = (
        ()
        if for_triage
        else tuple(
            Author.from_stored(a) for a in (values.get("authors") or []) if isinstance(a, dict)
        )
    )
    stored: dict[str, Any] = {name: values[name] for name in _STORED_AS_IS}
    stored.update({name: tuple(values[name] or ()) for name in _STORED_AS_LISTS})
    pmid, doi = values["pmid"], values["doi"]
    return PaperRecord(
        source=content_source,
        source_name=first_source,
        source_id=pmid or doi or str(paper_id),
        dois=(doi,) if doi else (),
        authors=authors,
        links=tuple(
            Link(kind=ln.kind, pmid=ln.target_pmid, doi=ln.target_doi, citation=ln.citation)
            for ln in links
        ),
        extra=(
            {}
            if for_triage
            else {str(k): str(v) for k, v in (values.get("extra") or {}).items()}
        ),
        **stored,
    )


# PaperRecord fields a stored paper keeps under the same name (lists as JSON lists)
_STORED_AS_IS = (
    "title", "pmid", "pmcid", "abstract", "journal", "journal_abbrev", "issn", "published_on",
    "pub_year", "pub_date_text", "language", "citation_status", "is_book", "url", "entrez_on",
    "revised_on",
)  # fmt: skip
_STORED_AS_LISTS = ("publication_types", "mesh", "keywords")
_STORED_FIELDS = ("doi", *_STORED_AS_IS, *_STORED_AS_LISTS)


@dataclass(frozen=True, slots=True)
class TrialRecord:
    """One registered trial as ClinicalTrials.gov (API v2) describes it.

    Trials are their own kind of record (``trial`` table), not papers: they
    have no DOI to dedupe by, and editors follow their status, not their text.
    Dates a registry gives to the month only (``2020-06``) stay text;
    the posting dates the registry stamps itself are whole dates.
    """

    nct_id: str
    title: str
    official_title: str = ""
    brief_summary: str = ""
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    study_type: str = ""
    overall_status: str = ""
    why_stopped: str = ""
    enrollment: int | None = None
    enrollment_type: str = ""
    start_date: str = ""
    completion_date: str = ""
    first_posted_on: date | None = None
    last_update_posted_on: date | None = None
    results_first_posted_on: date | None = None
    locations_count: int = 0
    countries: tuple[str, ...] = ()
    sponsor: str = ""
    has_results: bool = False
    pmids: tuple[str, ...] = ()
    dois: tuple[str, ...] = ()
