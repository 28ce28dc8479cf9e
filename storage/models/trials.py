"""Registered trials (ClinicalTrials.gov), the changes editors care about, and their papers.

A trial is its own kind of record: one ``trial`` row per NCT id (unique), the
registry's fields as last fetched.  ``trial_event`` keeps each change that
matters to editors (registered, now recruiting, completed, results posted,
terminated, withdrawn, suspended) with the registry's date and when scimon saw
it, so the digest can say what happened this week.  ``trial_link`` joins
trials and papers both ways; a link is stored as soon as one side names the
other (a trial's reference, a paper's NCT id) and its missing side is filled
in when that record arrives, as ``paper_link`` targets are.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, JSONType, UTCDateTime
from storage.models import papers as _papers  # noqa: F401  (paper.id, which its foreign keys name)


class Trial(Base):
    __tablename__ = "trial"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nct_id: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    official_title: Mapped[str] = mapped_column(Text, default="")
    brief_summary: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[list[str]] = mapped_column(JSONType, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSONType, default=list)
    interventions: Mapped[list[str]] = mapped_column(JSONType, default=list)
    phases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    study_type: Mapped[str] = mapped_column(String(40), default="")
    overall_status: Mapped[str] = mapped_column(String(40), default="", index=True)
    why_stopped: Mapped[str] = mapped_column(Text, default="")
    enrollment: Mapped[int | None] = mapped_column(Integer)
    enrollment_type: Mapped[str] = mapped_column(String(20), default="")
    # as the registry gives them: a day or only a month ("2020-06")
    start_date: Mapped[str] = mapped_column(String(10), default="")
    completion_date: Mapped[str] = mapped_column(String(10), default="")
    first_posted_on: Mapped[date | None] = mapped_column(Date)
    last_update_posted_on: Mapped[date | None] = mapped_column(Date)
    results_first_posted_on: Mapped[date | None] = mapped_column(Date)
    locations_count: Mapped[int] = mapped_column(Integer, default=0)
    countries: Mapped[list[str]] = mapped_column(JSONType, default=list)
    sponsor: Mapped[str] = mapped_column(String(500), default="")
    has_results: Mapped[bool] = mapped_column(Boolean, default=False)
    pmids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    dois: Mapped[list[str]] = mapped_column(JSONType, default=list)
    record_hash: Mapped[str] = mapped_column(String(40))
    first_source: Mapped[str] = mapped_column(String(200))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<Trial {self.nct_id} {self.overall_status}>"


class TrialEvent(Base):
    """A change of a trial that editors follow, kept forever."""

    __tablename__ = "trial_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trial.id", ondelete="CASCADE"), index=True)
    # registered | recruiting | completed | results_posted | terminated | withdrawn | suspended
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str | None] = mapped_column(String(40))
    # the registry's date for it (first posted, last update posted, results first posted)
    occurred_on: Mapped[date | None] = mapped_column(Date)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class TrialLink(Base):
    """A trial and a paper that name each other (``via``: reference | mention).

    ``reference``: the trial's referencesModule lists the paper (``target_key``
    ``pmid:<n>`` or ``doi:<doi>``; ``paper_id`` filled when the paper is
    stored).  ``mention``: the paper names the NCT id (DataBankList, abstract;
    ``target_key`` ``paper:<id>``; ``trial_id`` filled when the trial is stored).
    """

    __tablename__ = "trial_link"
    __table_args__ = (UniqueConstraint("nct_id", "via", "target_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nct_id: Mapped[str] = mapped_column(String(20), index=True)
    via: Mapped[str] = mapped_column(String(20))
    target_key: Mapped[str] = mapped_column(String(320))
    target_pmid: Mapped[str | None] = mapped_column(String(20))
    target_doi: Mapped[str | None] = mapped_column(String(300))
    trial_id: Mapped[int | None] = mapped_column(
        ForeignKey("trial.id", ondelete="CASCADE"), index=True
    )
    paper_id: Mapped[int | None] = mapped_column(
        ForeignKey("paper.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
