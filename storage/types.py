"""Portable column types, importable without SQLAlchemy's ORM.

The models (:mod:`storage.models`) and the Core read paths
(:mod:`storage.listing`) declare their columns with these same types, so a
row read either way comes back as the same Python values (aware UTC
datetimes, JSON decoded).  They live apart from :mod:`storage.base` because
that module's ``DeclarativeBase`` imports ``sqlalchemy.orm`` (about 60 ms of
start-up), which a Core read does not need.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend.

    SQLite has no time zone type and hands back naive values; this decorator
    stores UTC and always returns aware datetimes, so comparisons never mix
    naive and aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class _JSONB(TypeDecorator[Any]):
    """PostgreSQL's JSONB, its dialect imported when a PostgreSQL engine first uses it.

    ``from sqlalchemy.dialects.postgresql import JSONB`` at import loads the
    whole PostgreSQL dialect with its asyncpg, psycopg and pg8000 drivers (33 ms
    of every command's start, SQLite ones included).  Only the variant is
    decorated: expressions and the ORM's handling of None still come from
    ``JSON``, and on PostgreSQL the column compiles, binds and reads as JSONB.
    """

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        from sqlalchemy.dialects.postgresql import JSONB

        return dialect.type_descriptor(JSONB())


JSONType: Any = JSON().with_variant(_JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
