"""Declarative base and naming convention (the column types: storage.types).

Constraint names come from the naming convention (never by hand) so that
Alembic migrations are reproducible on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# the column types live in storage.types (no ORM import); the models import them from here
from storage.types import JSONType, UTCDateTime, utcnow

__all__ = ["NAMING_CONVENTION", "Base", "JSONType", "UTCDateTime", "utcnow"]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; shares one MetaData with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
