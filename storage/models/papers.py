"""Papers, the identifiers that dedupe them, where they were seen, and what they cite.

One row in ``paper`` per work.  ``paper_identifier`` holds every key that can
name the paper (normalized DOIs, PMID, PMCID, a feed's guid) with a unique
constraint per (kind, value): that constraint is what makes "one paper per DOI"
hold even when two jobs race.  ``title_key`` (title words + year) is a
fallback for records with neither DOI nor PMID and is deliberately not unique.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, orm_insert_sentinel, relationship

from storage.base import Base, JSONType, UTCDateTime


class Paper(Base):
    __tablename__ = "paper"
    # "not deleted" from an index, not from the row (its abstract and authors, ~5 KB):
    # the queue's count checks up to 1,001 papers (migration 0018)
    # the import's title fallback judges each same-title paper by its DOI and PMID from
    # this index, not from the ~5 KB row (migration 0019)
    __table_args__ = (
        Index("ix_paper_id_deleted_at", "id", "deleted_at"),
        Index("ix_paper_title_key_ids", "title_key", "pmid", "doi"),
        # the preprints' title keys, read by every import (storage/versions.py), without
        # a scan of every paper's row (migration 0020)
        Index(
            "ix_paper_preprint_title_key",
            "title_key",
            sqlite_where=text("is_preprint IS 1"),
            postgresql_where=text("is_preprint IS true"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doi: Mapped[str | None] = mapped_column(String(300), index=True)
    pmid: Mapped[str | None] = mapped_column(String(20), index=True)
    pmcid: Mapped[str | None] = mapped_column(String(20))
    title_key: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text, default="")
    abstract: Mapped[str] = mapped_column(Text, default="")
    journal: Mapped[str] = mapped_column(String(500), default="")
    journal_abbrev: Mapped[str] = mapped_column(String(200), default="")
    issn: Mapped[str | None] = mapped_column(String(20))
    published_on: Mapped[date | None] = mapped_column(Date)
    pub_year: Mapped[int | None] = mapped_column(Integer)
    pub_date_text: Mapped[str] = mapped_column(String(100), default="")
    authors: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    publication_types: Mapped[list[str]] = mapped_column(JSONType, default=list)
    mesh: Mapped[list[str]] = mapped_column(JSONType, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSONType, default=list)
    language: Mapped[str | None] = mapped_column(String(10))
    citation_status: Mapped[str | None] = mapped_column(String(40))
    is_book: Mapped[bool] = mapped_column(Boolean, default=False)
    is_preprint: Mapped[bool] = mapped_column(Boolean, default=False)
    url: Mapped[str | None] = mapped_column(Text)
    entrez_on: Mapped[date | None] = mapped_column(Date)
    revised_on: Mapped[date | None] = mapped_column(Date)
    extra: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Which kind of source wrote the bibliographic fields: PubMed wins over feeds.
    content_source: Mapped[str] = mapped_column(String(20))
    record_hash: Mapped[str] = mapped_column(String(40))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    first_source: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Lets one multi-row INSERT ... RETURNING hand back each new paper's id in
    # parameter order.  SQLite cannot order RETURNING by an autoincrement key,
    # so without it SQLAlchemy inserted papers one statement per row (the
    # largest cost of a first import).  SQLAlchemy fills it; nothing reads it.
    # (The import's own inserts, storage/bulk.py, number papers by rowid and leave it NULL.)
    _sentinel: Mapped[int | None] = orm_insert_sentinel("insert_sentinel")

    sightings: Mapped[list[PaperSighting]] = relationship(
        back_populates="paper", order_by="PaperSighting.seen_at", cascade="all, delete-orphan"
    )
    links: Mapped[list[PaperLink]] = relationship(
        back_populates="paper", foreign_keys="PaperLink.paper_id", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Paper {self.id} doi={self.doi} pmid={self.pmid}>"


class PaperIdentifier(Base):
    """Every key that names a paper; unique per (kind, value)."""

    __tablename__ = "paper_identifier"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # doi | pmid | pmcid | guid
    value: Mapped[str] = mapped_column(String(500))


class PaperSighting(Base):
    """One source saw the paper: kept forever, one row per (source, name, id)."""

    __tablename__ = "paper_sighting"
    __table_args__ = (UniqueConstraint("source", "source_name", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # pubmed | feed | import
    source_name: Mapped[str] = mapped_column(String(200))
    source_id: Mapped[str] = mapped_column(String(500))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    raw_ids: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # SHA-1 of the raw record last stored through this sighting (file imports
    # set it): a re-import of the same file skips records it matches
    fingerprint: Mapped[str | None] = mapped_column(String(40))

    paper: Mapped[Paper] = relationship(back_populates="sightings")


class PaperLink(Base):
    """A CommentsCorrections entry: ``paper`` is an ``kind`` of/for the target.

    The target is named by PMID or DOI as the source gave it, and resolved to
    ``target_paper_id`` when that paper is stored (now or later).
    """

    __tablename__ = "paper_link"
    __table_args__ = (
        UniqueConstraint("paper_id", "kind", "target_key"),
        Index("ix_paper_link_target_pmid", "target_pmid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    target_key: Mapped[str] = mapped_column(String(300))
    target_pmid: Mapped[str | None] = mapped_column(String(20))
    target_doi: Mapped[str | None] = mapped_column(String(300))
    target_paper_id: Mapped[int | None] = mapped_column(
        ForeignKey("paper.id", ondelete="SET NULL"), index=True
    )
    citation: Mapped[str | None] = mapped_column(Text)

    paper: Mapped[Paper] = relationship(back_populates="links", foreign_keys=[paper_id])
