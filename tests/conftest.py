"""Shared fixtures: a fresh, migrated database per test on SQLite and PostgreSQL.

PostgreSQL runs when SCIMON_TEST_DATABASE_URL is set (CI sets it).  Each test
session creates its own scratch database there (so concurrent runs never
collide) and drops it at the end; tests get emptied tables.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.migrate import upgrade
from storage.models import metadata
from storage.session import make_engine, make_sessionmaker

PG_URL = os.environ.get("SCIMON_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "scimon.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _pg_database() -> Iterator[str]:
    assert PG_URL
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    # named after the URL's own database when that is a scimon_* one (a shared server
    # where each user keeps to a prefix: scimon_NAME_test gives scimon_NAME_test_...)
    base = make_url(PG_URL).database or ""
    prefix = base if base.startswith("scimon_") else "scimon_test"
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _empty_pg(url: str) -> None:
    engine = make_engine(url)
    try:
        tables = ", ".join(f'"{t.name}"' for t in metadata().sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database at the current schema, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "scimon.db"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("_pg_database")
    _empty_pg(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)
