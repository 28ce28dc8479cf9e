"""Duration micro-benchmark: the card's study duration per paper on the 2021 update file.

    python benchmarks/duration.py [--file F] [--baseline REV] [--rounds N] [--limit N]

A brief reads the study duration of every paper it exports.  Since issue 20's fifth
pass the card prints ``card_duration`` (the grammar's reading, every candidate time
with how it was found, then the confidence model) instead of the grammar's choice
alone.  This times it over every title and abstract of the update file against the
baseline's ``duration_of`` at git revision ``REV`` (default ``main``), loaded from
``git show`` into its own module, in alternating rounds in one process (CPU time,
not the wall clock: the VM is shared), and counts the answers that differ.
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

Card = Callable[[object], object]


def _baseline(rev: str, folder: Path) -> ModuleType:
    source = subprocess.run(
        ["git", "show", f"{rev}:monitor/briefs/duration.py"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    path = folder / "duration_baseline.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("duration_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _round(card: Card, records: list[object]) -> float:
    """CPU seconds of this process for one pass."""
    started = time.process_time()
    for record in records:
        card(record)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=UPDATE_FILE)
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N records.")
    args = parser.parse_args()
    from monitor.briefs.duration_confidence import card_duration
    from monitor.parse.pubmed import iter_pubmed
    from monitor.records import PaperRecord

    records: list[object] = [
        r for r in iter_pubmed(args.file, source_name="bench") if isinstance(r, PaperRecord)
    ]
    if args.limit:
        records = records[: args.limit]
    print(f"{len(records):,} records from {args.file.name}")
    with tempfile.TemporaryDirectory() as tmp:
        old = _baseline(args.baseline, Path(tmp))
        cards: dict[str, Card] = {
            f"baseline ({args.baseline})": old.duration_of,
            "this tree": lambda r: card_duration(r)[0],  # type: ignore[arg-type]
        }
        times: dict[str, list[float]] = {name: [] for name in cards}
        for i in range(args.rounds):
            for name, card in sorted(cards.items(), reverse=bool(i % 2)):
                times[name].append(_round(card, records))
        before = [old.duration_of(r) for r in records]
        after = [card_duration(r)[0] for r in records]  # type: ignore[arg-type]
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, seconds in medians.items():
        print(f"{name:>20}: {seconds / len(records) * 1e6:6.1f} CPU µs/paper, median of "
              f"{args.rounds} rounds")  # fmt: skip
    base, new = medians.values()
    shown = (sum(b is not None for b in before), sum(a is not None for a in after))
    differ = sum(1 for b, a in zip(before, after, strict=True) if b != a)
    print(f"this tree / baseline time: {new / base:.2f}; durations shown {shown[0]:,} -> "
          f"{shown[1]:,}; answers that differ: {differ:,}")  # fmt: skip


if __name__ == "__main__":
    main()
