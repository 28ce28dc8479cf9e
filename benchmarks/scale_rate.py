"""Import rate into a large database against an empty one, interleaved, wall and CPU.

    python benchmarks/scale_rate.py --keep DIR --backend sqlite|pg [--pairs 2] [--pg URL]

Issue 23's target: the import rate at 1,000,000 papers within 1.15x of the rate into
an empty database.  ``scale.py`` gives each step's rate, but on a shared machine the
load changes more between steps than the database does.  This imports one more
rewritten copy of the update file into the database a ``scale.py --keep DIR`` run
left (its state file names it) and one into a new empty database, alternately, and
prints each command's wall time and CPU time (user + sys of the command and its
parse child, from ``wait4``): CPU is what the load inflates least.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
from pathlib import Path
from typing import Any

from _common import UPDATE_FILE
from scale import bench_env, copy_of, database, run_measured


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_import(path: Path, env: dict[str, str]) -> dict[str, Any]:
    cpu = cpu_of_children()
    wall, peak, out = run_measured(["import", "--json", str(path)], env)
    seen = int(json.loads(out)["seen"])
    cpu = cpu_of_children() - cpu
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "rps": round(seen / wall),
            "cpu_per_1000": round(cpu / seen * 1000, 3), "peak_mb": round(peak, 1),
            "load": round(os.getloadavg()[0], 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, required=True, help="A scale.py --keep folder.")
    parser.add_argument("--backend", choices=["sqlite", "pg"], required=True)
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--pg", default=os.environ.get("SCIMON_TEST_DATABASE_URL"))
    args = parser.parse_args()
    state = json.loads((args.keep / f"state-{args.backend}.json").read_text())
    original = gzip.decompress(UPDATE_FILE.read_bytes())
    large_env = bench_env(state["url"], args.keep)
    # identifiers no scale.py step uses, nor an earlier run of this script on the folder
    # (a copy imported twice is a re-import: nothing new to write)
    counter = args.keep / f"rate-next-copy-{args.backend}.txt"
    copy = int(counter.read_text()) if counter.exists() else 9000
    counter.write_text(str(copy + 2 * args.pairs))
    rows: dict[str, list[dict[str, Any]]] = {"large": [], "empty": []}
    with database(args.backend, args.pg, None) as (url, folder):
        empty_env = bench_env(url, folder)
        for pair in range(args.pairs):
            order = ("empty", "large") if pair % 2 == 0 else ("large", "empty")
            for which in order:
                # the empty database stays empty: each of its imports gets a fresh copy
                # into a database emptied of the previous one
                env = empty_env if which == "empty" else large_env
                if which == "empty" and rows["empty"]:
                    _empty(url)
                path = folder / f"copy{copy}.xml"
                path.write_bytes(copy_of(original, copy))
                result = timed_import(path, env)
                path.unlink()
                copy += 1
                rows[which].append(result)
                print(json.dumps({"db": which, **result}), flush=True)
    for which, results in rows.items():
        print(f"{which}: median wall {statistics.median(r['wall_s'] for r in results)} s, "
              f"CPU {statistics.median(r['cpu_s'] for r in results)} s")  # fmt: skip
    ratio_wall = statistics.median(r["wall_s"] for r in rows["large"]) / statistics.median(
        r["wall_s"] for r in rows["empty"]
    )
    ratio_cpu = statistics.median(r["cpu_s"] for r in rows["large"]) / statistics.median(
        r["cpu_s"] for r in rows["empty"]
    )
    print(f"large / empty: wall {ratio_wall:.2f}x, CPU {ratio_cpu:.2f}x (target <= 1.15x)")


def _empty(url: str) -> None:
    """Delete every paper (and by cascade its rows) from the scratch database."""
    from sqlalchemy import text

    from storage.session import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        for table in ("paper_score", "paper_triage", "paper_status", "paper_link",
                      "paper_sighting", "paper_identifier", "trial_link", "paper"):  # fmt: skip
            conn.execute(text(f"DELETE FROM {table}"))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()


if __name__ == "__main__":
    main()
