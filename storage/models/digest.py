"""Weekly digests and their per-recipient send records.

A ``digest`` row fixes a week's content (window and paper ids) when it is
first built, so a retry or a second run sends the same email.  A
``digest_send`` row per (week, editor) is claimed before sending and marked
``sent`` only after the SMTP server accepted the message: that is what makes
"one digest per editor per ISO week" hold across reruns, concurrent runs and
crashes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, JSONType, UTCDateTime


class Digest(Base):
    __tablename__ = "digest"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week: Mapped[str] = mapped_column(String(10), unique=True)  # 2026-W47
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    window_end: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paper_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class DigestSend(Base):
    __tablename__ = "digest_send"
    __table_args__ = (UniqueConstraint("week", "editor_email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("digest.id", ondelete="CASCADE"), index=True)
    week: Mapped[str] = mapped_column(String(10), index=True)
    editor_email: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(
        String(20), default="pending"
    )  # pending|sending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(String(300))
    via: Mapped[str | None] = mapped_column(String(20))
    last_error: Mapped[str | None] = mapped_column(Text)
    paper_count: Mapped[int] = mapped_column(Integer, default=0)
