"""Database upkeep during a large import: the planner's statistics, on both databases.

Nothing here changes what is stored; it keeps the ingest's lookups, the
review queue and the digest on their indexes as the tables grow (see
:class:`PlannerStats`).
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# what the planner chooses plans by: the ingest's lookups (identifiers, sightings,
# title keys, papers by id), the queue's order and filters, the digest's week; without
# deleted_at and is_notice PostgreSQL took "not deleted" for 0.5% of the papers and
# counted the queue with two sequential scans and a hash join
PLANNED_COLUMNS = {
    "paper": ("id", "doi", "pmid", "title_key", "first_seen_at", "deleted_at"),
    "paper_identifier": ("kind", "value", "paper_id"),
    "paper_sighting": ("source", "source_name", "source_id", "paper_id"),
    "paper_link": ("paper_id", "target_pmid"),
    "paper_triage": (
        "paper_id", "priority", "design", "relevance", "population", "is_notice",
        "rules_version",
    ),
}


class PlannerStats:
    """Give the planner statistics when they matter, not every few thousand rows.

    PostgreSQL plans each batch's lookups from statistics taken when the
    tables were small; after a bulk load into a (nearly) empty database it
    keeps choosing sequential scans until autovacuum gets to ANALYZE, and each
    batch gets slower (a re-import of the update file took 18 s with stale
    statistics, 3.7 s after ANALYZE).  Once a table holds enough rows its
    statistics stay good as it grows (the plans are index lookups either
    way), so the columns the planner uses are analyzed once, after the first
    ``every`` rows written, and only when the database held fewer papers than
    that before the import.  A full ANALYZE every 5,000 rows, as before, cost
    0.5 s at 20,000 papers and 1.15 s at 125,000, each time, and made a
    PostgreSQL import 1.4x slower into a database of 104,000 papers.

    SQLite never gathers statistics of its own: without them it drove the
    digest's query by the priority index through every paper, and the queue
    scanned the paper table into a Bloom filter to read 50 rows.  After an
    import that wrote ``every`` rows or more, :meth:`finish` analyzes the
    planner's tables with ``analysis_limit`` (each index sampled, not read
    whole: milliseconds).  ``PRAGMA optimize`` was not enough: on this SQLite
    it analyzed only the tables its own connection had queried.
    """

    def __init__(self, factory: sessionmaker[Session], every: int = 5000) -> None:
        self.factory = factory
        self.every = every
        self.written = 0
        self.analyzed = False
        self.dialect: str | None = None
        self.small_at_start: bool | None = None

    def rows_written(self, rows: int) -> None:
        self.written += rows
        if self.analyzed or self.written < self.every:
            return
        self.analyzed = True
        with self.factory() as session:
            if self._dialect(session) != "postgresql" or not self.small_at_start:
                return
            try:
                # never wait behind a VACUUM or index build: statistics can wait
                session.execute(text("SET LOCAL lock_timeout = '2s'"))
                tables = ", ".join(
                    f"{table} ({', '.join(columns)})" for table, columns in PLANNED_COLUMNS.items()
                )
                session.execute(text(f"ANALYZE {tables}"))
                session.commit()
            except SQLAlchemyError as exc:
                # an optimisation only: the import goes on without it
                session.rollback()
                log.warning("ANALYZE skipped error=%s", str(exc).splitlines()[0])

    def start(self) -> None:
        """Note whether the database is small before the import (call before writing)."""
        with self.factory() as session:
            if self._dialect(session) == "postgresql":
                papers = session.scalar(
                    text("SELECT count(*) FROM (SELECT 1 FROM paper LIMIT :n) p"),
                    {"n": self.every},
                )
                self.small_at_start = int(papers or 0) < self.every

    def finish(self) -> None:
        """After the import: on SQLite, statistics for the tables a big import changed."""
        if self.written < self.every:
            return
        with self.factory() as session:
            if self._dialect(session) != "sqlite":
                return
            try:
                session.execute(text("PRAGMA analysis_limit = 1000"))
                for table in PLANNED_COLUMNS:
                    session.execute(text(f"ANALYZE {table}"))
                session.commit()
            except SQLAlchemyError as exc:
                session.rollback()
                log.warning("ANALYZE skipped error=%s", str(exc).splitlines()[0])

    def _dialect(self, session: Session) -> str:
        if self.dialect is None:
            self.dialect = session.get_bind().dialect.name
        return self.dialect
