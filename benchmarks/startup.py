"""Start-up benchmark (issue 23): python benchmarks/startup.py --against DIR [--pg URL]

Runs light commands (``scimon --help``, ``scimon papers list``) as whole
processes, this tree (A) against another source tree of scimon (B, e.g.
``git archive main | tar -x -C /tmp/main``), interleaved A, B, A, B... after
warm-ups, so that both see the same load on a shared machine: the ratios are
what compares, absolute times move with the load (printed).  Per run: wall,
CPU (user + sys of the process, from ``wait4``) and peak RSS.  ``papers
list`` reads a database of ``--papers`` synthetic papers (benchmarks/_data.py)
on SQLite, and on PostgreSQL with ``--pg``.  Each tree runs as
``python -m monitor`` from its own folder, so it imports its own code.
Targets: ``scimon --help`` <= 0.25 s, ``scimon papers list`` <= 0.35 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import REPO


def seed(url: str, papers: int) -> None:
    """A database at the head schema holding ``papers`` papers, 300 of them this week.

    In a child process: Linux carries a process's peak RSS across fork and
    exec, so a parent grown by SQLAlchemy and 10,000 papers would show as every
    measured command's peak.  This process stays at a bare interpreter's size.
    """
    subprocess.run([sys.executable, __file__, "--seed", url, str(papers)], check=True)


def _seed_here(url: str, papers: int) -> None:
    from _data import fill

    from storage.migrate import upgrade
    from storage.session import make_engine, make_sessionmaker

    upgrade(url)
    engine = make_engine(url)
    fill(make_sessionmaker(engine), papers, 300, datetime.now(UTC))
    if engine.dialect.name == "postgresql":
        # statistics, as a database filled by `scimon import` has them: without them the
        # page query reads and sorts every paper (72 ms at 10,000) in both trees alike,
        # until autovacuum's ANALYZE comes round (docs/benchmarks.md, session 13)
        from sqlalchemy import text

        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE paper"))
            conn.execute(text("ANALYZE paper_triage"))
    engine.dispose()


def run_once(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of ``python -m monitor ARGS`` in ``tree``."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: wait4 cannot block on it
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", *args],
            cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{tree}: scimon {' '.join(args)} failed: {errors.read()!r}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compare(label: str, args: list[str], env: dict[str, str], trees: dict[str, Path],
            rounds: int) -> None:  # fmt: skip
    """Interleaved rounds after two warm-ups each; medians and the A/B ratios."""
    for _ in range(2):
        for tree in trees.values():
            run_once(tree, args, env)
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            runs[name].append(run_once(tree, args, env))
    medians = {
        name: [statistics.median(r[i] for r in rows) for i in range(3)]
        for name, rows in runs.items()
    }
    (a, b) = (medians["A"], medians["B"])
    print(
        f"{label:<34} A wall {a[0]:.3f} s  CPU {a[1]:.3f} s  peak {a[2]:.1f} MiB | "
        f"B wall {b[0]:.3f} s  CPU {b[1]:.3f} s  peak {b[2]:.1f} MiB | "
        f"A/B wall {a[0] / b[0]:.2f}x  CPU {a[1] / b[1]:.2f}x  peak {a[2] / b[2]:.2f}x"
    )


def main() -> None:
    if sys.argv[1:2] == ["--seed"]:
        _seed_here(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="B: another scimon tree")
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--pg", help="also this PostgreSQL database (empty: it is filled)")
    args = parser.parse_args()
    trees = {"A": REPO, "B": args.against.resolve()}
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCIMON_CONFIG")}
    print(f"this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB "
          "(the floor of every peak below)")  # fmt: skip
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        urls = {"SQLite": f"sqlite:///{folder}/startup.db"}
        if args.pg:
            urls["PostgreSQL"] = args.pg
        compare("scimon --help", ["--help"], env, trees, args.rounds)
        for backend, url in urls.items():
            seed(url, args.papers)
            compare(f"scimon papers list ({backend}, {args.papers:,})", ["papers", "list"],
                    {**env, "SCIMON_DATABASE_URL": url}, trees, args.rounds)  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
