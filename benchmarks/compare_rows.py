"""Do two checkouts store the same rows?  ``scimon import FILE`` by each, every table compared.

    python benchmarks/compare_rows.py --against TREE [--file F] [--no-triage]

A change to the write path that is meant to be faster, not different (issue 23:
driver-level executemany, another JSON encoder, leaner records to the
classifying child), must leave the database as the other path leaves it.  Each
checkout (this one, and ``TREE``, e.g. ``git archive`` of main) imports the
same file, as a user runs it (benchmarks/_cli_import.py), into a new SQLite
file; then every table of the two files is read in primary-key order and
compared column by column, as SQLite stores the values (the text of JSON
columns included, not only what it decodes to).

The hash seed is fixed (PYTHONHASHSEED=0) for both imports: the order of a
batch's identifier rows follows it.  Times are left out: a timestamp says when
each run happened (first_seen_at, triaged_at, ...), so only its being NULL or
not is compared; so are the columns in ``VOLATILE``; those in ``IGNORED`` are
not compared.  Exit status 1 when any table differs; each difference is
printed (the first few per table).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from _cli_import import empty_database, run_import
from _common import REPO, UPDATE_FILE

# per table, columns compared as NULL or not only: they differ between any two runs
# (fetch_run's), or between any two checkouts (a sighting's fingerprint hashes the
# code of the parse and write path with the record, monitor/parse/raw_records.py)
VOLATILE: dict[str, set[str]] = {
    "fetch_run": {"stats", "error", "host"},
    "paper_sighting": {"fingerprint"},
}
# columns not compared: SQLAlchemy's insert sentinel (storage/models/papers.py), a
# counter it wrote only into SQLite's INSERT ... RETURNING (0..n-1 a statement) to
# order the returned ids; NULL on PostgreSQL, and NULL since storage/bulk.py
# numbers new papers by rowid.  Nothing reads it.
IGNORED: dict[str, set[str]] = {"paper": {"insert_sentinel"}}


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(row[1], row[2].upper()) for row in db.execute(f'PRAGMA table_info("{table}")')]


def _rows(db: sqlite3.Connection, table: str, columns: list[tuple[str, str]]) -> list[Any]:
    """The table's rows in a stable order, timestamps reduced to NULL or not."""
    volatile = VOLATILE.get(table, set())
    select = []
    for name, kind in columns:
        if name in IGNORED.get(table, ()):
            select.append("NULL")
        elif name in volatile or kind in ("DATETIME", "TIMESTAMP"):
            select.append(f'"{name}" IS NULL')
        else:
            select.append(f'"{name}"')
    keyed = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[5]]
    order = ", ".join(f'"{k}"' for k in keyed) or "rowid"
    return db.execute(f'SELECT {", ".join(select)} FROM "{table}" ORDER BY {order}').fetchall()


def compare(a: Path, b: Path, show: int = 3) -> dict[str, int]:
    """Differing rows per table of two SQLite files (every table of either; 0: the same)."""
    da, db = sqlite3.connect(a), sqlite3.connect(b)
    names = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    tables = sorted({r[0] for r in da.execute(names)} | {r[0] for r in db.execute(names)})
    out: dict[str, int] = {}
    for table in tables:
        cols_a, cols_b = _columns(da, table), _columns(db, table)
        if cols_a != cols_b:
            print(f"{table}: columns differ: {cols_a} != {cols_b}")
            out[table] = -1
            continue
        rows_a, rows_b = _rows(da, table, cols_a), _rows(db, table, cols_b)
        differ = [(i, x, y) for i, (x, y) in enumerate(zip(rows_a, rows_b, strict=False)) if x != y]
        out[table] = len(differ) + abs(len(rows_a) - len(rows_b))
        status = "same" if not out[table] else f"{out[table]} rows differ"
        print(f"{table:<24}{len(rows_a):>9} rows {len(rows_b):>9} rows  {status}")
        for i, x, y in differ[:show]:
            for (name, _kind), vx, vy in zip(cols_a, x, y, strict=True):
                if vx != vy:
                    print(f"    row {i} {name}: {vx!r:.200} != {vy!r:.200}")
    da.close()
    db.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", type=Path, required=True, help="another checkout")
    parser.add_argument("--file", type=Path, default=UPDATE_FILE)
    parser.add_argument("--no-triage", action="store_true")
    args = parser.parse_args()
    # a paper's identifiers are a set in the batch (storage/batch.py), written in its
    # iteration order, which for strings follows the per-process hash seed: fixed,
    # both runs give their paper_identifier rows the same ids
    os.environ["PYTHONHASHSEED"] = "0"
    files = []
    with ExitStack() as stack:
        for side, tree in (("this", REPO), ("against", args.against.resolve())):
            url, folder = stack.enter_context(empty_database(tree, "sqlite", None))
            run = run_import(tree, side, "sqlite", url, folder, args.file, args.no_triage)
            print(f"{side}: {run.records} records in {run.wall:.1f} s")
            files.append(folder / "bench.db")
        differ = compare(files[0], files[1])
    bad = {t: n for t, n in differ.items() if n}
    print("identical" if not bad else f"DIFFERENT: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
