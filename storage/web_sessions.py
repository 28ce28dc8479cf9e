"""Review-app sessions kept in the database, so that they can be revoked.

A signed cookie alone cannot be taken back: a copy replayed after sign-out,
or after the editor was removed from the config, still opened the app
(issue 18, item 2).  Here the cookie carries a random id and the database
its SHA-256; :func:`session_editor` is asked on every request, and
:func:`end_session` (sign-out), expiry and :func:`prune_sessions` (editors no
longer configured) delete rows, which ends those sessions for good.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import EditorSession


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(db: Session, email: str, lifetime: timedelta, now: datetime | None = None) -> str:
    """Store a new session for ``email``; return its id (for the cookie, never stored)."""
    now = now or utcnow()
    session_id = secrets.token_urlsafe(32)
    db.add(
        EditorSession(
            id_hash=_hash(session_id), email=email, created_at=now, expires_at=now + lifetime
        )
    )
    db.flush()
    return session_id


def session_editor(db: Session, session_id: str, now: datetime | None = None) -> str | None:
    """The editor a live session belongs to; None if unknown, ended or expired.

    An expired row is deleted on the way (the caller commits).
    """
    row = db.get(EditorSession, _hash(session_id))
    if row is None:
        return None
    if row.expires_at <= (now or utcnow()):
        db.delete(row)
        return None
    return row.email


def end_session(db: Session, session_id: str) -> bool:
    """Sign-out: delete the session; False if it was not there."""
    result = db.execute(
        delete(EditorSession)
        .where(EditorSession.id_hash == _hash(session_id))
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def end_sessions_of(db: Session, email: str) -> int:
    """End every session of one address (an editor who is no longer one)."""
    result = db.execute(
        delete(EditorSession)
        .where(EditorSession.email == email)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


def prune_sessions(db: Session, editors: Collection[str], now: datetime | None = None) -> int:
    """Delete expired sessions and those of addresses not in ``editors``; return how many."""
    result = db.execute(
        delete(EditorSession)
        .where(
            or_(
                EditorSession.expires_at <= (now or utcnow()),
                EditorSession.email.not_in(list(editors)),
            )
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))
