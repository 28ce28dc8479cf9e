"""Participants micro-benchmark: ``find_participants`` per paper on the 2021 update file.

    python benchmarks/participants.py [--file F] [--baseline REV]

``find_participants`` runs inside triage for every paper (issue 19's target is
5,000 papers/s for the whole of triage), so a change to it must not make it
slower per paper.  This times it over every title and abstract of the update
file, against the same function at git revision ``REV`` (default ``main``),
loaded from ``git show`` into its own module, in the same process and the same
minute: on this shared 2-core VM only a ratio measured side by side means
anything, and the time is this process's CPU time, not the wall clock.  The
two are timed in alternating rounds (five each, which goes
first alternating too) and the median round is reported, with how many answers
differ between the two versions.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from _common import REPO, UPDATE_FILE

Finder = Callable[[str, str], tuple[object, str]]


def _baseline(rev: str, folder: Path) -> ModuleType:
    source = subprocess.run(
        ["git", "show", f"{rev}:monitor/triage/participants.py"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    path = folder / "participants_baseline.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("participants_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _round(find: Finder, texts: list[tuple[str, str]]) -> float:
    """CPU seconds of this process for one pass: on a VM whose load average runs
    at 10-16 on 2 cores, wall-clock time measures the neighbours more than us."""
    started = time.process_time()
    for abstract, title in texts:
        find(abstract, title)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=UPDATE_FILE)
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from monitor.parse.pubmed import iter_pubmed
    from monitor.records import PaperRecord
    from monitor.triage import participants

    records = [r for r in iter_pubmed(args.file, source_name="bench") if isinstance(r, PaperRecord)]
    texts = [(r.abstract or "", r.title or "") for r in records]
    with_abstract = sum(1 for a, _ in texts if a)
    print(f"{len(texts):,} records ({with_abstract:,} with an abstract) from {args.file.name}")
    with tempfile.TemporaryDirectory() as tmp:
        old = _baseline(args.baseline, Path(tmp))
        finders: dict[str, Finder] = {
            f"baseline ({args.baseline})": old.find_participants,
            "this tree": participants.find_participants,
        }
        times: dict[str, list[float]] = {name: [] for name in finders}
        for i in range(args.rounds):
            # which goes first alternates, so neither always meets a cold cache
            for name, find in sorted(finders.items(), reverse=bool(i % 2)):
                times[name].append(_round(find, texts))
        differ = sum(
            1
            for abstract, title in texts
            if str(old.find_participants(abstract, title)[0])
            != str(participants.find_participants(abstract, title)[0])
        )
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, seconds in medians.items():
        per_paper = seconds / len(texts) * 1e6
        rate = len(texts) / seconds
        print(f"{name:>20}: {per_paper:6.1f} CPU µs/paper ({rate:,.0f} papers/s), median of "
              f"{args.rounds} rounds")  # fmt: skip
    base, new = medians.values()
    print(f"this tree / baseline time: {new / base:.2f}; answers that differ: {differ:,}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
