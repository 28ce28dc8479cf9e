"""Per-source state (watermarks, HTTP validators, health) and the run log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, JSONType, UTCDateTime


class SourceState(Base):
    """What a source needs to resume: one row per PubMed query or feed.

    ``watermark`` is the last Entrez date whose whole window was stored; it
    only moves after a complete run, so a crash re-queries rather than skips.
    """

    __tablename__ = "source_state"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)  # pubmed:sci, feed:spinal-cord
    kind: Mapped[str] = mapped_column(String(20))
    watermark: Mapped[date | None] = mapped_column(Date)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(Text)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FetchRun(Base):
    """One run of one source (or one import), with its counters."""

    __tablename__ = "fetch_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(20), default="running")  # running|ok|failed
    stats: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    # host:pid of the process running it: a killed one's row is closed at the next start
    host: Mapped[str | None] = mapped_column(String(200))
