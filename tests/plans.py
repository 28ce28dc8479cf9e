"""Reading the plans of the statements a piece of code runs (SQLite's EXPLAIN QUERY PLAN).

Plan tests (queue, digest, counts) check that a read walks an index rather than
the table; each captures the statements one call runs, then asks SQLite how it
would run them.  Plans are SQLite's: PostgreSQL's depend on statistics a test
database does not have.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The (SQL, parameters) of every statement run on ``engine`` inside the block."""
    statements: list[tuple[str, Any]] = []

    def grab(*args: Any) -> None:
        statements.append((args[2], args[3]))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def sqlite_plan(engine: Engine, sql: str, params: Any) -> list[str]:
    """The steps of SQLite's plan for one captured statement."""
    with engine.connect() as conn:
        return [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
