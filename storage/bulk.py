"""Insert many rows with the driver's own executemany, values bound as SQLAlchemy binds them.

A Core ``insert(table)`` run with a list of rows still costs ~10-20 us a row in
Python before the driver sees it: SQLAlchemy checks and copies every
parameter dict, applies defaults and bind processors column by column, and on
SQLite renders multi-row ``INSERT ... VALUES (...), (...) RETURNING`` statements
(insertmanyvalues) for the ids.  An import's batch inserts thousands of rows of
four tables (issue 23: ~15% of the storing process).  Here each table's rows go
to the DBAPI cursor's ``executemany`` with one short statement per column set,
and every value passes through the same bind processor SQLAlchemy would apply
(``TypeEngine._cached_bind_processor``: UTC datetimes, dates as SQLite text,
JSON through the engine's serializer, JSONB wrapped for psycopg), so the stored
values are those the Core path stores; tests/test_bulk.py compares the two.

Defaults: a column a row leaves out gets its Python-side scalar or
zero-argument default, as Core gives it; other client-side defaults (SQL
expressions, sequences, context-sensitive functions) are refused rather than
silently skipped.  The insert sentinel column (``storage.models.Paper``) is
left out, as Core leaves it out of an INSERT without RETURNING: it stays NULL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Table, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


def insert_rows(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    ids: bool = False,
    upsert: Sequence[str] = (),
) -> list[int]:
    """Insert ``rows`` into ``table`` in the session's transaction, in order.

    Rows are sent in runs of consecutive rows with the same keys, one
    ``executemany`` a run.  With ``ids`` (SQLite only; a PostgreSQL caller draws
    ids from the sequence and passes them in the rows) the new rows' integer
    primary keys are returned in the order of ``rows``; else ``[]``.

    ``upsert`` names the columns of a unique key: a row whose key is stored
    replaces every other column of the stored row (``ON CONFLICT (key) DO
    UPDATE SET column = excluded.column`` for each column of the table, as
    SQLAlchemy's ``on_conflict_do_update(set_=...)`` over the table's columns
    writes it: a column the rows leave out and no default fills becomes NULL
    or its server default; SQLite and PostgreSQL spell it alike).
    """
    if not rows:
        return []
    connection = session.connection()
    dialect = connection.dialect
    if ids and upsert:
        raise ValueError("insert_rows: ids of upserted rows are not counted")
    if ids and dialect.name != "sqlite":
        raise ValueError("insert_rows(ids=True) reads SQLite's rowids; draw ids on other backends")
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    out: list[int] = []
    try:
        start = 0
        while start < len(rows):
            keys = tuple(rows[start])
            end = start + 1
            while end < len(rows) and tuple(rows[end]) == keys:
                end += 1
            run = rows[start:end]
            sql, params = _statement(table, keys, dialect, run, upsert)
            if ids:
                out.extend(_insert_counted(cursor, table, dialect, sql, params))
            elif not upsert and hasattr(cursor, "copy") and len(params) > 1:
                _copy(cursor, sql, params)
            else:
                cursor.executemany(sql, params)
            start = end
    finally:
        cursor.close()
    return out


def _statement(
    table: Table,
    keys: tuple[str, ...],
    dialect: Dialect,
    rows: Sequence[Mapping[str, Any]],
    upsert: Sequence[str] = (),
) -> tuple[str, list[tuple[Any, ...]]]:
    """The INSERT for ``keys`` (and the defaulted columns) and each row's bound values."""
    columns: list[Column[Any]] = [table.c[key] for key in keys]
    defaults: list[Any] = []
    for column in table.c:
        if column.key in keys:
            continue
        value = _default(column)
        if value is not _NONE:
            columns.append(column)
            defaults.append(value)
    processors: list[Callable[[Any], Any] | None] = [
        column.type._cached_bind_processor(dialect) for column in columns
    ]
    # column by column, not row by row: one list per column through ``map`` costs
    # a fraction of a Python-level loop over every value of every row
    count = len(rows)
    values: list[list[Any]] = [[row[key] for row in rows] for key in keys]
    values.extend([d() for _ in range(count)] if callable(d) else [d] * count for d in defaults)
    for i, process in enumerate(processors):
        if process is None:
            continue
        column_values = values[i]
        first = column_values[0]
        if all(v is first for v in column_values):
            # one object in every row (the batch's ``now``, a NULL): bound once
            values[i] = [process(first)] * count
        else:
            values[i] = list(map(process, column_values))
    params = list(zip(*values, strict=True)) if values else [()] * count
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    # identifiers from the table's metadata, quoted; values only as parameters
    into = f"{dialect.identifier_preparer.format_table(table)} "
    names = ", ".join(quote(c.name) for c in columns)
    sql = f"INSERT INTO {into}({names}) VALUES ({', '.join([mark] * len(columns))})"  # noqa: S608
    if upsert:
        conflict = ", ".join(quote(table.c[key].name) for key in upsert)
        sets = ", ".join(
            f"{quote(c.name)} = excluded.{quote(c.name)}" for c in table.c if c.key not in upsert
        )
        sql += f" ON CONFLICT ({conflict}) " + (f"DO UPDATE SET {sets}" if sets else "DO NOTHING")
    return sql, params


class _Absent:
    """No client-side value: the column is left out of the INSERT."""


_NONE: Any = _Absent()


def _default(column: Column[Any]) -> Any:
    """What Core fills a column the rows leave out with: a value, a zero-argument
    callable, or ``_NONE`` (nothing: NULL or the server's default)."""
    default = column.default
    if default is None or getattr(default, "is_sentinel", False):
        return _NONE
    if getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    if getattr(default, "is_callable", False):
        fn = default.arg  # type: ignore[attr-defined]
        # SQLAlchemy wraps a zero-argument default (``default=list``) in a
        # one-argument function of the execution context, which it ignores
        return lambda: fn(None)
    raise ValueError(f"insert_rows cannot apply the default of {column}: {default!r}")


def _copy(cursor: Any, sql: str, params: list[tuple[Any, ...]]) -> None:
    """psycopg 3 on PostgreSQL: the rows of ``sql`` (an INSERT) through ``COPY ... FROM
    STDIN``, one stream instead of a statement a row (pipelined, the server still
    plans and runs each).  The values are those the INSERT would bind (psycopg's
    dumpers adapt them alike: text, numbers, dates, aware datetimes, ``Jsonb``)."""
    head = sql[len("INSERT INTO ") : sql.index(" VALUES (")]
    with cursor.copy(f"COPY {head} FROM STDIN") as copy:
        for row in params:
            copy.write_row(row)


def draw_ids(session: Session, table: Table, count: int) -> list[int]:
    """PostgreSQL: ``count`` new values of the table's primary-key sequence, drawn
    before its rows are inserted with them (``insert_rows`` numbers rows by rowid
    on SQLite only): one short INSERT instead of an INSERT ... RETURNING over many
    rows, which psycopg re-parsed in Python (~9 s an update file)."""
    (pk,) = table.primary_key.columns
    query = "SELECT nextval(pg_get_serial_sequence(:table, :key)) FROM generate_series(1, :n)"
    params = {"table": table.name, "key": pk.name, "n": count}
    return list(session.scalars(text(query), params))


def _insert_counted(
    cursor: Any, table: Table, dialect: Dialect, sql: str, params: list[tuple[Any, ...]]
) -> range:
    """Insert on SQLite and return the new rows' rowids, without RETURNING.

    SQLite gives a new row of a rowid table (no AUTOINCREMENT) the largest
    rowid plus one, so rows one connection inserts in a row, with no other
    insert between them, get consecutive ids, in order: ``max + 1`` to
    ``last_insert_rowid()``.  No other connection can insert between them: the
    session's transaction holds SQLite's write lock from the first insert to its
    commit (and the ``max`` read before it sees every committed row).  When a
    table is at the largest rowid SQLite picks unused ones at random; so the
    guard: the last id must be ``max + len(params)``, or the batch fails (and
    rolls back) instead of pairing rows with wrong ids.
    """
    (pk,) = table.primary_key.columns
    name = f"{table.name}.{pk.name}"
    quote = dialect.identifier_preparer
    cursor.execute(f"SELECT max({quote.quote(pk.name)}) FROM {quote.format_table(table)}")  # noqa: S608
    (before,) = cursor.fetchone()
    before = before or 0
    cursor.executemany(sql, params)
    cursor.execute("SELECT last_insert_rowid()")
    (last,) = cursor.fetchone()
    if last != before + len(params):
        raise RuntimeError(
            f"{name}: ids not consecutive ({len(params)} rows after {before} ended at {last})"
        )
    return range(before + 1, last + 1)


def select_in(
    session: Session, sql: str, params: Sequence[Any], values: Sequence[Any], *, chunk: int = 900
) -> list[tuple[Any, ...]]:
    """The rows of a query with one membership test, run through the driver.

    ``sql`` is written with ``?`` for ``params`` and ``{in}`` for the test of a column
    against ``values`` (strings or integers, which no type binds differently): on
    SQLite ``IN (?, ...)``, one mark a value, ``chunk`` values a query; on
    PostgreSQL ``= ANY(%s)``, the values as one array.  SQLAlchemy renders and
    binds an expanding ``IN`` value by value (~1 ms for 600 values, against ~0.1
    ms here): an import asks a few such queries a batch.  Only for plain columns:
    nothing is converted on the way back.
    """
    if not values:
        return []
    connection = session.connection()
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    out: list[tuple[Any, ...]] = []
    try:
        if connection.dialect.paramstyle == "qmark":
            for start in range(0, len(values), chunk):
                part = list(values[start : start + chunk])
                marks = f"IN ({', '.join(['?'] * len(part))})"
                cursor.execute(sql.replace("{in}", marks), [*params, *part])
                out.extend(cursor.fetchall())
        else:
            query = sql.replace("?", "%s").replace("{in}", "= ANY(%s)")
            cursor.execute(query, [*params, list(values)])
            out.extend(cursor.fetchall())
    finally:
        cursor.close()
    return out
