"""Portable column types, importable without SQLAlchemy's ORM.

The models (:mod:`storage.models`) and the Core read paths
(:mod:`storage.listing`) declare their columns with these same types, so a
row read either way comes back as the same Python values (aware UTC
datetimes, JSON decoded).  They live apart from :mod:`storage.base` because
that module's ``DeclarativeBase`` imports ``sqlalchemy.orm`` (about 60 ms of
start-up), which a Core read does not need.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
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


def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# json.dumps with its default settings (", " and ": ", ASCII escapes, NaN allowed, keys
# in insertion order), as one C encoder made once: ``json.dumps`` builds a new one per
# call through JSONEncoder.iterencode, a quarter of its time for an author list.  No
# circular-reference check (``markers`` None): a column value is a tree, and a cycle
# would end in RecursionError instead of ValueError.
_ENCODER: Any = (
    c_make_encoder(
        None, _not_serializable, encode_basestring_ascii, None, ": ", ", ", False, False, True
    )
    if c_make_encoder is not None
    else None
)


def json_text(value: Any) -> str:
    """``value`` as ``json.dumps(value)`` writes it, faster: the engines' JSON serializer
    (storage/session.py), so a JSON column's stored text is what it always was."""
    if _ENCODER is None:  # an interpreter without the _json accelerator
        return json.dumps(value)
    return "".join(_ENCODER(value, 0))


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
