"""Signed-in editors' sessions, stored so that they can be ended server-side.

The cookie holds a random session id; the table holds only its SHA-256, the
editor's address and when it expires.  Signing out deletes the row, so a
copy of the cookie (replayed, stolen) opens nothing afterwards; an expired
row is refused and deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime


class EditorSession(Base):
    __tablename__ = "editor_session"

    # SHA-256 (hex) of the id in the cookie: a copy of the table signs no one in
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(300), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
