"""``scimon papers list``'s rows, and its two statements on a plain driver connection.

The records and filters are shared by both read paths: :mod:`storage.listing`
(SQLAlchemy Core, the reference, used for URLs :mod:`storage.dbapi` does not
open) and the statements here, which run on the driver alone so that the
command need not import SQLAlchemy (issue 23: ``papers list`` <= 0.35 s).

The SQL is what Core renders for :mod:`storage.listing`'s statements (same
joins, filters, order and limits, so the same plans), and each value is
converted as the column types of :mod:`storage.types` convert it: SQLite's
text timestamps (stored naive UTC) come back aware in UTC, its text dates as
dates, its JSON text decoded, its 0/1 as booleans; PostgreSQL's timestamps
moved to UTC.  ``tests/test_listing.py`` checks rows and counts against the
Core path for every filter, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.dbapi import PlainConnection


@dataclass(frozen=True, slots=True)
class ListedPaper:
    """One listed paper: the ``paper`` columns above, named as on the model."""

    id: int
    doi: str | None
    pmid: str | None
    title: str
    journal: str
    published_on: date | None
    pub_date_text: str
    citation_status: str | None
    first_seen_at: datetime
    first_source: str


@dataclass(frozen=True, slots=True)
class ListedTriage:
    """A listed paper's triage, named as on :class:`storage.models.PaperTriage`."""

    design: str
    evidence_rank: int
    population: str
    participants_n: int | None
    participants_unit: str | None
    relevance: str
    topics: list[str]
    is_notice: bool
    reasons: dict[str, Any]
    rules_version: str
    priority: float
    design_confidence: float | None
    confidence: dict[str, float] | None
    triaged_at: datetime


PAPER_FIELDS = tuple(ListedPaper.__dataclass_fields__)
TRIAGE_FIELDS = tuple(ListedTriage.__dataclass_fields__)


@dataclass(frozen=True)
class PaperFilters:
    """What ``scimon papers list`` filters on (triage filters leave out untriaged papers).

    ``topics``: any of them; ``notices``: "include", "exclude" or "only" (errata,
    retractions...).
    """

    since: datetime | None = None
    include_deleted: bool = False
    designs: Sequence[str] = ()
    populations: Sequence[str] = ()
    relevance: Sequence[str] = ()
    topics: Sequence[str] = ()
    min_evidence: int | None = None
    min_participants: int | None = None
    notices: str = "include"
    # the least confidence in the shown design (0-1); papers without one are left out
    min_confidence: float | None = None


def _utc(value: datetime | str | None) -> datetime | None:
    """A timestamp as ``UTCDateTime`` returns it: aware, in UTC."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite: "YYYY-MM-DD HH:MM:SS[.ffffff]", naive UTC
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _same(value: Any) -> Any:
    return value


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


_Convert = Callable[[Any], Any]
_PAPER_CONVERT: dict[str, _Convert] = {"published_on": _date, "first_seen_at": _utc}
_TRIAGE_CONVERT: dict[str, _Convert] = {
    "topics": _json, "reasons": _json, "confidence": _json, "is_notice": _bool,
    "priority": _float, "design_confidence": _float, "triaged_at": _utc,
}  # fmt: skip
_CONVERTERS = (
    [_PAPER_CONVERT.get(name, _same) for name in PAPER_FIELDS]
    + [_same]  # paper_triage.paper_id: whether the outer join found a triage
    + [_TRIAGE_CONVERT.get(name, _same) for name in TRIAGE_FIELDS]
)
_COLUMNS = ", ".join(
    [f"paper.{name}" for name in PAPER_FIELDS]
    + ["paper_triage.paper_id"]
    + [f"paper_triage.{name}" for name in TRIAGE_FIELDS]
)
_FROM = " FROM paper LEFT OUTER JOIN paper_triage ON paper_triage.paper_id = paper.id"


def _since(value: datetime, dialect: str) -> datetime | str:
    """``since`` bound as ``UTCDateTime`` binds it (SQLite: naive UTC text, as stored).

    A naive datetime is refused as the column type refuses it.  The SQLite text
    is SQLAlchemy's storage format, years zero-padded to four digits: strftime's
    ``%Y`` writes year 999 as "999", which sorts as text after every "2026-...".
    """
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r} given for a UTC column")
    value = value.astimezone(UTC)
    if dialect == "sqlite":
        return (
            f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
            f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}"
        )
    return value


def _where(f: PaperFilters, dialect: str) -> tuple[str, list[Any]]:
    """The WHERE clause of :func:`storage.listing._listed` for ``f``, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def within(column: str, values: Sequence[Any]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if f.since is not None:
        clauses.append("paper.first_seen_at >= ?")
        params.append(_since(f.since, dialect))
    if not f.include_deleted:
        clauses.append("paper.deleted_at IS NULL")
    if f.designs:
        within("paper_triage.design", f.designs)
    if f.populations:
        within("paper_triage.population", f.populations)
    if f.relevance:
        within("paper_triage.relevance", f.relevance)
    if f.topics:
        # topics is a JSON list; a LIKE on its text, as storage.listing does
        likes = " OR ".join("CAST(paper_triage.topics AS VARCHAR) LIKE ?" for _ in f.topics)
        clauses.append(f"({likes})")
        params.extend(f'%"{topic}"%' for topic in f.topics)
    if f.min_evidence is not None:
        clauses.append("paper_triage.evidence_rank >= ?")
        params.append(f.min_evidence)
    if f.min_participants is not None:
        clauses.append("paper_triage.participants_n >= ?")
        params.append(f.min_participants)
    if f.min_confidence is not None:
        clauses.append("paper_triage.design_confidence >= ?")
        params.append(f.min_confidence)
    false, true = ("0", "1") if dialect == "sqlite" else ("false", "true")
    if f.notices == "exclude":
        clauses.append(f"(paper_triage.is_notice IS {false} OR paper_triage.is_notice IS NULL)")
    elif f.notices == "only":
        clauses.append(f"paper_triage.is_notice IS {true}")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def list_papers(
    conn: PlainConnection, filters: PaperFilters = PaperFilters(), *, limit: int = 50,
    offset: int = 0,
) -> list[tuple[ListedPaper, ListedTriage | None]]:  # fmt: skip
    """:func:`storage.listing.list_papers` on a driver connection: the same rows."""
    where, params = _where(filters, conn.dialect)
    sql = (
        f"SELECT {_COLUMNS}{_FROM}{where}"
        " ORDER BY paper.first_seen_at DESC, paper.id DESC LIMIT ? OFFSET ?"
    )
    n = len(PAPER_FIELDS)
    out: list[tuple[ListedPaper, ListedTriage | None]] = []
    for row in conn.execute(sql, [*params, limit, offset]):
        values = [convert(value) for convert, value in zip(_CONVERTERS, row, strict=True)]
        listed = ListedPaper(*values[:n])
        out.append((listed, None if values[n] is None else ListedTriage(*values[n + 1 :])))
    return out


def count_listed(conn: PlainConnection, filters: PaperFilters, *, cap: int) -> int:
    """:func:`storage.listing.count_listed` with a ``cap``: exact up to it, ``cap + 1`` beyond."""
    where, params = _where(filters, conn.dialect)
    # the columns and clauses are this module's constants; every value is bound
    sql = f"SELECT count(*) FROM (SELECT paper.id{_FROM}{where} LIMIT ?) AS anon_1"  # noqa: S608
    return int(conn.execute(sql, [*params, cap + 1])[0][0] or 0)
