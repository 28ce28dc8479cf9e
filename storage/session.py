"""Engines and units of work: the only place scimon connects to its database.

The boundary between ``monitor`` and ``storage``:

* ``monitor`` never writes SQL, never imports SQLAlchemy and never builds an
  engine or a session factory itself.  It names the types it passes around
  with the aliases exported here (:data:`UnitOfWork`, :data:`SessionFactory`,
  :data:`Engine`), so its annotations are checked by mypy without the import.
* A unit of work is opened in ``monitor`` only through ``App.sessions`` (the
  factory :func:`make_sessionmaker` builds, on a database checked to be at the
  current schema): ``with app.sessions() as session, session.begin(): ...``.
  The session is then handed to repository functions in ``storage`` (papers,
  runs, review, digests...), which own every statement.
* Locks (the scheduler's leader lock) live in :mod:`storage.leader`.

* A read that needs no unit of work (``scimon papers list``) takes a plain
  Core connection from ``App.reads()`` instead.

``tests/test_layout.py`` and ruff's banned-api rule (pyproject.toml) fail the
build when this boundary is crossed.

``sqlalchemy.orm`` is imported when a session is first made (or ``Session``
first named), not with this module: Core reads never need it, and it cost
every command about 60 ms of start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from storage.dbapi import SQLITE_STATEMENTS, sqlite_pragmas
from storage.types import json_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    #: One transaction's worth of work, as ``monitor`` names it in annotations.
    UnitOfWork: TypeAlias = Session
    #: What ``App.sessions`` is: call it to open a :data:`UnitOfWork`.
    SessionFactory: TypeAlias = sessionmaker[Session]

__all__ = [
    "Connection",
    "Engine",
    "Session",
    "SessionFactory",
    "UnitOfWork",
    "display_url",
    "make_engine",
    "make_sessionmaker",
    "ping",
]


def __getattr__(name: str) -> object:
    """``Session``, ``UnitOfWork``, ``SessionFactory``: the ORM imported on first use (PEP 562)."""
    if name not in ("Session", "UnitOfWork", "SessionFactory"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from sqlalchemy.orm import Session, sessionmaker

    value = {"Session": Session, "UnitOfWork": Session, "SessionFactory": sessionmaker[Session]}
    globals().update(value)  # later lookups skip this function
    return value[name]


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite files get their folder created and safe pragmas."""
    parsed = make_url(url)
    # JSON columns' text written by one C encoder made once (storage/types.py): the
    # same text as json.dumps, SQLAlchemy's default and psycopg's
    kwargs.setdefault("json_serializer", json_text)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # a small statement cache (storage/dbapi.py says why)
        connect_args = {"cached_statements": SQLITE_STATEMENTS, **kwargs.pop("connect_args", {})}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # psycopg 3 is the driver we ship; plain postgresql:// means psycopg2 to SQLAlchemy.
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def make_sessionmaker(engine: Engine) -> SessionFactory:
    """Sessions that keep loaded attributes after commit (CLI prints them)."""
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


def ping(session: UnitOfWork) -> None:
    """Round-trip to the database (the web app's health check); raises if it is down."""
    session.execute(text("SELECT 1"))


def display_url(url: str) -> str:
    """A database URL fit for output: the password masked."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, or None for other backends and in-memory databases."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)
