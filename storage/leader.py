"""The leader lock: at most one active scheduler per database, on both backends.

PostgreSQL: a session advisory lock held by one dedicated connection.  The
lock lives exactly as long as that backend, so the heartbeat asks the server
(``pg_locks``, for this backend's pid and our key in this database) instead of
trusting the connection object: a terminated backend, a restarted server or a
dropped network all show up as "not held" (issue 18: a leader whose backend
was killed kept running jobs next to the standby that took over).

SQLite has no advisory locks: a row in ``scheduler_lock`` is a lease with an
expiry.  The heartbeat renews the lease only while the row still names this
holder; a holder that stopped renewing (killed, or stalled past the lease) is
taken over by the next contender, and its own next heartbeat fails.

A heartbeat that cannot reach the database reports the lock as lost: stepping
down when unsure is what keeps two leaders from running jobs at once.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.models import SchedulerLock as LockRow

log = logging.getLogger(__name__)

LOCK_NAME = "scheduler"
ADVISORY_KEY = 0x5C1A0051  # "scimon" scheduler: any constant shared by all instances
DEFAULT_TTL = timedelta(minutes=2)

_HELD = text(
    "SELECT count(*) FROM pg_locks"
    " WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND classid::bigint = :hi AND objid::bigint = :lo AND objsubid = 1"
)


def try_lock(
    session: Session, name: str, holder: str, ttl: timedelta, now: datetime | None = None
) -> bool:
    """Take or renew the named lease; a lease past its expiry is taken over (holder died)."""
    now = now or utcnow()
    renewed = session.execute(
        update(LockRow)
        .where(LockRow.name == name, (LockRow.holder == holder) | (LockRow.expires_at < now))
        .values(holder=holder, acquired_at=now, expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    if getattr(renewed, "rowcount", 0) == 1:
        return True
    if session.get(LockRow, name) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(LockRow(name=name, holder=holder, acquired_at=now, expires_at=now + ttl))
        return True
    except IntegrityError:
        return False


def renew_lease(
    session: Session, name: str, holder: str, ttl: timedelta, now: datetime | None = None
) -> bool:
    """Extend the lease if this holder still has it; False once another holder took it."""
    now = now or utcnow()
    renewed = session.execute(
        update(LockRow)
        .where(LockRow.name == name, LockRow.holder == holder)
        .values(expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    return getattr(renewed, "rowcount", 0) == 1


def release_lease(session: Session, name: str, holder: str) -> None:
    session.execute(delete(LockRow).where(LockRow.name == name, LockRow.holder == holder))


class LeaderLock:
    """One contender for the leader lock of the database behind ``engine``.

    ``acquire`` tries once (never blocks); ``heartbeat`` checks with the
    database that the lock is still this contender's (renewing the SQLite
    lease); ``release`` gives it up.  All three are safe to repeat.
    """

    def __init__(
        self, engine: Engine, holder: str, *, ttl: timedelta = DEFAULT_TTL, name: str = LOCK_NAME
    ) -> None:
        self.engine = engine
        self.holder = holder
        self.ttl = ttl
        self.name = name
        self.postgres = engine.dialect.name == "postgresql"
        self._conn: Connection | None = None  # PostgreSQL: the backend holding the lock
        # the scheduler's heartbeat and each job's check before it starts share
        # the lock connection from different threads: one at a time
        self._mutex = threading.RLock()

    def acquire(self) -> bool:
        with self._mutex:
            return self._acquire()

    def heartbeat(self) -> bool:
        """True while the database says the lock is still ours; False once lost."""
        with self._mutex:
            return self._heartbeat()

    def release(self) -> None:
        with self._mutex:
            self._release()

    def _acquire(self) -> bool:
        if not self.postgres:
            with Session(self.engine) as session, session.begin():
                return try_lock(session, self.name, self.holder, self.ttl)
        if self._conn is not None and self._heartbeat():
            return True  # already ours (advisory locks stack: do not take it twice)
        conn = self.engine.connect()
        try:
            got = bool(
                conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
            )
            conn.commit()
        except BaseException:
            conn.close()
            raise
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def _heartbeat(self) -> bool:
        try:
            if not self.postgres:
                with Session(self.engine) as session, session.begin():
                    return renew_lease(session, self.name, self.holder, self.ttl)
            if self._conn is None:
                return False
            held = self._conn.execute(
                _HELD, {"hi": ADVISORY_KEY >> 32, "lo": ADVISORY_KEY & 0xFFFFFFFF}
            ).scalar()
            self._conn.commit()
        except DBAPIError as exc:
            log.warning("leader lock check failed holder=%s error=%s", self.holder, exc)
            self._drop_connection()
            return False
        if not held:
            self._drop_connection()
        return bool(held)

    def _release(self) -> None:
        if not self.postgres:
            with Session(self.engine) as session, session.begin():
                release_lease(session, self.name, self.holder)
            return
        if self._conn is None:
            return
        try:
            self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            self._conn.commit()
        except DBAPIError as exc:  # the backend is gone: so is its lock
            log.info("leader lock already gone holder=%s error=%s", self.holder, exc)
        self._drop_connection()

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if conn.invalidated or conn.closed:
                return
            # a connection that held (or lost) the lock never goes back to the pool
            conn.invalidate()
        finally:
            conn.close()
