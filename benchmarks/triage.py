"""Triage benchmark: papers classified per second on the 2021 NLM update file.

    python benchmarks/triage.py [--file F]

Records are parsed first (not timed); then every record is classified from
title, abstract and journal (as for the ~98% of new records that carry no
indexing) and with indexing.  Target (issue 4): >= 5,000 papers/s.

Each figure is the median of three passes, each in a fresh Python process (so
each compiles every pattern and pays for building RE2's automata, as every
``scimon triage`` run does; the records reach it pickled, not timed): this
2-core VM's speed wanders by a quarter from one minute to the next, and one
pass measured the neighbours as much as the code.

For reference, the same file is then imported into a temporary SQLite
database (not timed) and ``scimon triage --all`` is timed end to end: reading
the papers, classifying them and writing their triage rows.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, UPDATE_FILE, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=UPDATE_FILE)
    parser.add_argument("--one-pass", type=Path, help=argparse.SUPPRESS)  # pickled records
    parser.add_argument("--indexing", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pass:
        one_pass(args.one_pass, args.indexing)
        return
    from monitor.parse.pubmed import iter_pubmed
    from monitor.records import PaperRecord

    records = [r for r in iter_pubmed(args.file, source_name="bench") if isinstance(r, PaperRecord)]
    print(f"{len(records):,} records from {args.file.name}")
    with tempfile.TemporaryDirectory() as tmp:
        pickled = Path(tmp) / "records.pickle"
        pickled.write_bytes(pickle.dumps(records))
        for label, indexing in (("text only", []), ("with indexing", ["--indexing"])):
            command = [sys.executable, __file__, "--one-pass", str(pickled), *indexing]
            rates = [
                float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                for _ in range(3)
            ]
            rate = statistics.median(rates)
            passes = ", ".join(f"{r:,.0f}" for r in rates)
            print(
                f"classify ({label}): {rate:,.0f} papers/s, median of 3 passes ({passes}) "
                f"(target >= 5,000/s: {verdict(rate >= 5000)})"
            )
    end_to_end(args.file, len(records))


def one_pass(pickled: Path, use_indexing: bool) -> None:
    """Classify the pickled records once, in this fresh process; print papers/s."""
    from monitor.config import load_settings
    from monitor.triage import classify_many, load_rules

    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    rules = load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)
    records = pickle.loads(pickled.read_bytes())  # written by main() above
    started = time.perf_counter()
    for i in range(0, len(records), 1000):  # the batches scimon triage classifies
        classify_many(records[i : i + 1000], rules, use_indexing=use_indexing)
    print(len(records) / (time.perf_counter() - started))


def end_to_end(path: Path, count: int) -> None:
    from monitor.app import App
    from monitor.ingest.run import import_files
    from monitor.triage.run import triage_pending
    from storage.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        app = App(env={"SCIMON_DATABASE_URL": url})
        import_files(app, [path])
        started = time.perf_counter()
        report = triage_pending(app, everything=True)
        seconds = time.perf_counter() - started
        app.close()
    print(
        f"scimon triage --all, SQLite, read + classify + write: {report.triaged:,} of {count:,} "
        f"papers in {seconds:.1f} s, {report.triaged / seconds:,.0f} papers/s (for reference)"
    )


if __name__ == "__main__":
    main()
