"""``scimon papers list``'s read path: SQLAlchemy Core, no ORM.

Listing is the command editors run most and it reads two tables, yet through
the ORM it paid for ``sqlalchemy.orm``, the declarative classes of ``paper``
and ``paper_triage`` and their mapper configuration before its first row
(about 0.1 s of a 0.4 s command).  Here the columns it reads are declared as
plain :class:`~sqlalchemy.Table` objects on a private ``MetaData`` (never
created, never migrated: the models in :mod:`storage.models` own the schema),
with the models' own column types from :mod:`storage.types`, so values come
back exactly as the ORM gives them.  ``tests/test_listing.py`` checks that
every column here matches its model's, and that the rows equal the ORM's.

Rows come back as small frozen records (:class:`ListedPaper`,
:class:`ListedTriage`, in :mod:`storage.listed`) with the models' attribute
names.  The command itself runs :mod:`storage.listed`'s statements on a driver
connection when it can (no SQLAlchemy at all); this Core path is their
reference and the path for URLs :mod:`storage.dbapi` does not open.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    Float,
    Integer,
    MetaData,
    Row,
    Select,
    String,
    Table,
    Text,
    cast,
    func,
    or_,
    select,
)

from storage.listed import (
    PAPER_FIELDS,
    TRIAGE_FIELDS,
    ListedPaper,
    ListedTriage,
    PaperFilters,
)
from storage.types import JSONType, UTCDateTime

__all__ = [
    "ListedPaper",
    "ListedTriage",
    "PaperFilters",
    "count_listed",
    "list_papers",
    "paper",
    "paper_triage",
]

_metadata = MetaData()

#: The columns of ``paper`` that listing reads or filters on.
paper = Table(
    "paper", _metadata,
    Column("id", Integer, primary_key=True),
    Column("doi", String(300)),
    Column("pmid", String(20)),
    Column("title", Text),
    Column("journal", String(500)),
    Column("published_on", Date),
    Column("pub_date_text", String(100)),
    Column("citation_status", String(40)),
    Column("first_seen_at", UTCDateTime),
    Column("first_source", String(200)),
    Column("deleted_at", UTCDateTime),
)  # fmt: skip

#: Every column of ``paper_triage`` (``papers list --json`` prints them all).
paper_triage = Table(
    "paper_triage", _metadata,
    Column("paper_id", Integer, primary_key=True),
    Column("design", String(40)),
    Column("evidence_rank", Integer),
    Column("population", String(20)),
    Column("participants_n", Integer),
    Column("participants_unit", String(60)),
    Column("relevance", String(20)),
    Column("topics", JSONType),
    Column("is_notice", Boolean),
    Column("reasons", JSONType),
    Column("rules_version", String(40)),
    Column("priority", Float),
    Column("design_confidence", Float),
    Column("confidence", JSONType),
    Column("triaged_at", UTCDateTime),
)  # fmt: skip


def list_papers(
    conn: Connection, filters: PaperFilters = PaperFilters(), *, limit: int = 50, offset: int = 0
) -> list[tuple[ListedPaper, ListedTriage | None]]:
    """Papers matching ``filters``, newest first seen first, with their triage."""
    columns = [paper.c[name] for name in PAPER_FIELDS]
    # the triage's key says whether the outer join found one (its other columns may be NULL)
    triage_columns = [paper_triage.c.paper_id, *(paper_triage.c[name] for name in TRIAGE_FIELDS)]
    stmt = _listed(select(*columns, *triage_columns), filters)
    stmt = stmt.order_by(paper.c.first_seen_at.desc(), paper.c.id.desc())
    return [_record(row) for row in conn.execute(stmt.limit(limit).offset(offset))]


def _record(row: Row[Any]) -> tuple[ListedPaper, ListedTriage | None]:
    values = tuple(row)
    n = len(PAPER_FIELDS)
    listed = ListedPaper(*values[:n])
    if values[n] is None:
        return listed, None
    return listed, ListedTriage(*values[n + 1 :])


def count_listed(
    conn: Connection, filters: PaperFilters = PaperFilters(), *, cap: int | None = None
) -> int:
    """How many papers :func:`list_papers` would list with ``filters`` and no limit.

    ``scimon papers list`` says how many more matched than it showed.  With
    ``cap`` the count is exact up to ``cap`` and ``cap + 1`` beyond: it stops
    reading there, where a full count reads every paper (82 ms at 62,000 on
    SQLite, growing with the table; 13 ms for 10,000), as the queue's does.
    """
    if cap is None:
        return int(conn.scalar(_listed(select(func.count(paper.c.id)), filters)) or 0)
    capped = _listed(select(paper.c.id), filters).limit(cap + 1).subquery()
    return int(conn.scalar(select(func.count()).select_from(capped)) or 0)


_Stmt = TypeVar("_Stmt", bound=Select[*tuple[Any, ...]])


def _listed(stmt: _Stmt, f: PaperFilters) -> _Stmt:
    """``stmt`` over papers with their triage, filtered by ``f``."""
    p, t = paper.c, paper_triage.c
    stmt = stmt.select_from(paper).outerjoin(paper_triage, t.paper_id == p.id)
    if f.since is not None:
        stmt = stmt.where(p.first_seen_at >= f.since)
    if not f.include_deleted:
        stmt = stmt.where(p.deleted_at.is_(None))
    if f.designs:
        stmt = stmt.where(t.design.in_(f.designs))
    if f.populations:
        stmt = stmt.where(t.population.in_(f.populations))
    if f.relevance:
        stmt = stmt.where(t.relevance.in_(f.relevance))
    if f.topics:
        # topics is a JSON list; a LIKE on its text works on SQLite and PostgreSQL alike
        # (topic ids are plain [a-z0-9_] words), as PaperTriage.has_topic does
        stmt = stmt.where(or_(*(cast(t.topics, String).like(f'%"{topic}"%') for topic in f.topics)))
    if f.min_evidence is not None:
        stmt = stmt.where(t.evidence_rank >= f.min_evidence)
    if f.min_participants is not None:
        stmt = stmt.where(t.participants_n >= f.min_participants)
    if f.min_confidence is not None:
        stmt = stmt.where(t.design_confidence >= f.min_confidence)
    if f.notices == "exclude":
        stmt = stmt.where(or_(t.is_notice.is_(False), t.is_notice.is_(None)))
    elif f.notices == "only":
        stmt = stmt.where(t.is_notice.is_(True))
    return stmt
