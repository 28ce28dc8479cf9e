"""``benchmarks/ingest.py --cli``: the whole ``scimon import FILE`` command, measured from outside.

What a user's machine must hold is the process tree at one instant (the
command and its parse child, monitor/parse/readahead.py), so each process's
RSS is read from /proc every 50 ms and summed; the peaks of the parent and of
the child are kept too, to tell which side grew.  CPU is user + sys of the
command and the child it reaped (``wait4``).  With ``--against`` another
checkout (main, by ``git archive``) runs in turn with this one, each run into
a new empty database, so that the load of the machine falls on both sides
alike; the ratios are what compares on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from _common import _children, _rss_kb, scratch_pg, verdict

TREE_MB, SQLITE_RPS, PG_RPS = 150, 3000, 2000


@dataclass
class Run:
    side: str
    backend: str
    records: int
    wall: float
    cpu: float
    parent_mib: float
    child_mib: float
    tree_mib: float
    load: float
    child_cpu: float = 0.0  # the parse child's user + sys, last read before it ended

    @property
    def rps(self) -> float:
        return self.records / self.wall


def _cpu_s(pid: int) -> float:
    """User + sys seconds of a live process, from /proc (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    out, todo = [], list(_children(pid))
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def run_import(tree: Path, side: str, backend: str, url: str, folder: Path, file: Path,
               no_triage: bool) -> Run:  # fmt: skip
    """One ``scimon import --json FILE`` with ``tree``'s code into the database at ``url``."""
    config = folder / "sci.toml"
    config.write_text(
        (tree / "queries" / "sci.toml").read_text()
        + f'\n[triage]\nfile = "{tree / "queries" / "triage.toml"}"\n'
        f'[feeds]\nfile = "{tree / "queries" / "feeds.toml"}"\n'
        '\n[[editor]]\nname = "Bench"\nemail = "bench@example.org"\n'
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "SCIMON_DATABASE_URL": url,
        "SCIMON_CONFIG": str(config),
        "SCIMON_SECRET_KEY": "b" * 32,
        "SCIMON_OUTBOX_DIR": str(folder / "out"),
    }
    args = ["import", "--json", *(["--no-triage"] if no_triage else []), str(file)]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", *args], env=env, cwd=tree,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    peaks = {"parent": 0, "child": 0, "tree": 0}
    child_cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            parent = _rss_kb(proc.pid)
            children = _descendants(proc.pid)
            child = sum(_rss_kb(p) for p in children)
            for p in children:
                child_cpu[p] = max(child_cpu.get(p, 0.0), _cpu_s(p))
            peaks["parent"] = max(peaks["parent"], parent)
            peaks["child"] = max(peaks["child"], child)
            peaks["tree"] = max(peaks["tree"], parent + child)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    thread.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{side}: scimon {' '.join(args)} failed: {err.strip()[-800:]}")
    # communicate() reaped the command with waitpid: its rusage is in RUSAGE_CHILDREN
    return Run(side, backend, int(json.loads(out)["seen"]), wall, 0.0,
               peaks["parent"] / 1024, peaks["child"] / 1024, peaks["tree"] / 1024,
               load, sum(child_cpu.values()))  # fmt: skip


@contextmanager
def empty_database(tree: Path, backend: str, pg: str | None) -> Iterator[tuple[str, Path]]:
    """A new database at ``tree``'s schema: (url, scratch folder); dropped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="scimon-cli-import-"))
    env = {**os.environ, "PYTHONPATH": str(tree)}
    upgrade = "import sys; from storage.migrate import upgrade; upgrade(sys.argv[1])"
    try:
        if backend == "sqlite":
            url = f"sqlite:///{folder / 'bench.db'}"
            subprocess.run([sys.executable, "-c", upgrade, url], env=env, cwd=tree, check=True)
            yield url, folder
            return
        assert pg, "--pg URL (or SCIMON_TEST_DATABASE_URL) for PostgreSQL"
        with scratch_pg(pg, "scimon_climp") as url:
            subprocess.run([sys.executable, "-c", upgrade, url], env=env, cwd=tree, check=True)
            yield url, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _measured(tree: Path, side: str, backend: str, pg: str | None, file: Path,
              no_triage: bool) -> Run:  # fmt: skip
    with empty_database(tree, backend, pg) as (url, folder):
        before = os.times()
        run = run_import(tree, side, backend, url, folder, file, no_triage)
        after = os.times()
    run.cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return run


def cli_main(args: argparse.Namespace, repo: Path) -> None:
    """``ingest.py --cli``: print each run, then the medians, ratios and targets."""
    sides = [("this", repo)] + ([("against", args.against.resolve())] if args.against else [])
    backends = ["sqlite", "pg"] if args.backend == "both" else [args.backend]
    runs: list[Run] = []
    print(f"file: {args.file.name}; {'--no-triage' if args.no_triage else 'triage in the pass'}")
    print(f"{'side':<8}{'db':<7}{'records':>8}{'wall s':>8}{'CPU s':>7}{'child':>6}{'rec/s':>7}"
          f"{'parent':>8}{'child':>7}{'tree MiB':>9}{'load':>6}")  # fmt: skip
    for _ in range(args.rounds):
        for backend in backends:
            for side, tree in sides:
                r = _measured(tree, side, backend, args.pg, args.file, args.no_triage)
                runs.append(r)
                print(f"{r.side:<8}{r.backend:<7}{r.records:>8}{r.wall:>8.1f}{r.cpu:>7.1f}"
                      f"{r.child_cpu:>6.1f}{r.rps:>7.0f}{r.parent_mib:>8.1f}{r.child_mib:>7.1f}{r.tree_mib:>9.1f}"
                      f"{r.load:>6.1f}", flush=True)  # fmt: skip
    print("\nmedians")
    for backend in backends:
        med: dict[str, dict[str, float]] = {}
        for side, _tree in sides:
            mine = [r for r in runs if r.side == side and r.backend == backend]
            med[side] = {
                k: statistics.median(getattr(r, k) for r in mine)
                for k in ("wall", "cpu", "child_cpu", "rps", "parent_mib", "child_mib", "tree_mib")
            }
            m = med[side]
            print(f"  {side:<8}{backend:<7} wall {m['wall']:.1f} s, CPU {m['cpu']:.1f} s "
                  f"(child {m['child_cpu']:.1f} s, parent {m['cpu'] - m['child_cpu']:.1f} s), "
                  f"{m['rps']:,.0f} rec/s; peak parent {m['parent_mib']:.1f}, child "
                  f"{m['child_mib']:.1f}, tree {m['tree_mib']:.1f} MiB")  # fmt: skip
        if args.against:
            a, b = med["this"], med["against"]
            ratios = ", ".join(f"{k} {a[k] / b[k]:.2f}x" for k in a if b[k])
            print(f"  this/against {backend}: {ratios}")
        this = med["this"]
        target = SQLITE_RPS if backend == "sqlite" else PG_RPS
        print(f"  targets ({backend}): tree <= {TREE_MB} MB: {this['tree_mib'] * 1.048576:.0f} MB "
              f"({verdict(this['tree_mib'] * 1.048576 <= TREE_MB)}); >= {target:,} rec/s: "
              f"{this['rps']:,.0f} ({verdict(this['rps'] >= target)})")  # fmt: skip
