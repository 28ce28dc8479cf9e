"""Plain DB-API connections for the lightest reads, without SQLAlchemy (issue 23).

Importing SQLAlchemy Core and its dialect is most of what ``scimon papers
list`` costs (about two thirds of its imports, docs/benchmarks.md), for two
SELECTs.  This module opens the database with the driver alone (``sqlite3``,
or psycopg 3) when the URL is a plain one whose meaning is certain: a SQLite
file that exists, or ``postgresql[+psycopg]://`` without query options.  For
anything else :func:`connect` returns None and the caller goes through
:mod:`storage.session` as before, so an unusual URL behaves exactly as it
always did.

The SQLite pragmas live here, and :mod:`storage.session` applies the same
function to every engine's connections: both paths open the file alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_PG_PREFIXES = ("postgresql://", "postgresql+psycopg://")
# characters whose meaning in a URL SQLAlchemy's parser and ours might read differently
_UNSURE = ("?", "%", "#")

# sqlite3 keeps 128 prepared statements per connection by default; an import's
# multi-row INSERTs (SQLAlchemy's insertmanyvalues) differ in their number of rows
# from batch to batch, so it kept up to 128 large programs: ~15 MiB of an import's
# peak RSS, and no faster (docs/benchmarks.md, issue 23)
SQLITE_STATEMENTS = 16


def sqlite_pragmas(dbapi_connection: Any, _record: Any = None) -> None:
    """WAL lets readers (the web app) work while a fetch writes; foreign keys are off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _plain_sqlite_path(url: str) -> str | None:
    """The file of a ``sqlite:///FILE`` URL with nothing to decode, else None."""
    for prefix in _SQLITE_PREFIXES:
        if url.startswith(prefix):
            database = url[len(prefix) :]
            if not database or database == ":memory:" or database.startswith("file:"):
                return None
            if any(c in database for c in _UNSURE):
                return None
            return database
    return None


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, or None for other backends and in-memory databases.

    Plain URLs are read here; the rest by SQLAlchemy's parser
    (:func:`storage.session.sqlite_file`), so the answer is always its answer.
    """
    database = _plain_sqlite_path(url)
    if database is not None:
        return Path(database)
    if url.startswith(_PG_PREFIXES):
        return None
    from storage.session import sqlite_file as parsed_sqlite_file

    return parsed_sqlite_file(url)


@dataclass
class PlainConnection:
    """A driver connection and what SQL it takes: ``dialect`` "sqlite" or "postgresql"."""

    dbapi: Any
    dialect: str

    def execute(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """All rows of ``sql``, its parameters written ``?`` whatever the driver's style."""
        if self.dialect == "postgresql":
            sql = sql.replace("?", "%s")  # the statements here hold no literal ? nor %
        cursor = self.dbapi.cursor()
        try:
            cursor.execute(sql, params or [])
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def revision(self) -> str | None:
        """The database's ``alembic_version``, None when it has no single one (or no table)."""
        try:
            rows = self.execute("SELECT version_num FROM alembic_version")
        except Exception:  # no such table; the caller then asks SQLAlchemy's check
            return None
        return str(rows[0][0]) if len(rows) == 1 else None

    def close(self) -> None:
        self.dbapi.close()


def connect(url: str) -> PlainConnection | None:
    """A driver connection to ``url``, or None when it is not a URL handled here.

    A SQLite file that does not exist is left to SQLAlchemy (which would create
    it and then report an empty schema), as are other drivers and URLs with
    options or escapes.  A PostgreSQL server not reached raises at once what
    Core would raise (:func:`_as_core_raises`), rather than being tried twice.
    """
    database = _plain_sqlite_path(url)
    if database is not None:
        if not Path(database).is_file():
            return None
        import sqlite3

        conn = sqlite3.connect(database, cached_statements=SQLITE_STATEMENTS)
        try:
            sqlite_pragmas(conn)
        except sqlite3.Error:  # SQLAlchemy's path meets it too, and reports it as it did
            conn.close()
            return None
        return PlainConnection(conn, "sqlite")
    for prefix in _PG_PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if any(c in rest for c in _UNSURE):
                return None
            import psycopg

            try:
                pg = psycopg.connect("postgresql://" + rest, autocommit=True)
            except psycopg.OperationalError as exc:
                raise _as_core_raises(exc, url) from exc
            except psycopg.Error:  # SQLAlchemy's path reports it as it did
                return None
            return PlainConnection(pg, "postgresql")
    return None


def _as_core_raises(exc: Exception, url: str) -> Exception:
    """``exc`` (the server not reached, refused, no such database...) as Core raises it.

    Core would connect with the same parameters and fail the same way; trying
    again through it cost a second wait (a TCP timeout on an unreachable host)
    before the same error.  So the error is wrapped as SQLAlchemy wraps it,
    for the same message.  A URL SQLAlchemy reads otherwise than libpq (a port
    that is no number) is re-raised by its parser, as it was.
    """
    import psycopg
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    make_url(url)  # raises what Core's engine would raise for it
    return DBAPIError.instance(None, None, exc, psycopg.Error)
