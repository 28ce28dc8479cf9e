"""Triage benchmark: papers classified per second on the 2021 NLM update file.

    python benchmarks/triage.py [--file F]

Records are parsed first (not timed); then every record is classified from
title, abstract and journal (as for the ~98% of new records that carry no
indexing) and with indexing.  Target (issue 4): >= 5,000 papers/s.

Each figure is the median of three passes, each with freshly compiled rules
(so each pays for building RE2's automata, as every ``scimon triage`` run
does): this 2-core VM's speed wanders by a quarter from one minute to the
next, and one pass measured the neighbours as much as the code.

For reference, the same file is then imported into a temporary SQLite
database (not timed) and ``scimon triage --all`` is timed end to end: reading
the papers, classifying them and writing their triage rows.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import REPO, UPDATE_FILE, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=UPDATE_FILE)
    args = parser.parse_args()
    from monitor.config import load_settings
    from monitor.parse_pubmed import iter_pubmed
    from monitor.records import PaperRecord
    from monitor.triage import classify_many, load_rules

    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    records = [r for r in iter_pubmed(args.file, source_name="bench") if isinstance(r, PaperRecord)]
    print(f"{len(records):,} records from {args.file.name}")
    for label, use_indexing in (("text only", False), ("with indexing", True)):
        rates = []
        for _ in range(3):
            rules = load_rules(
                settings.sibling(settings.config.triage.file), settings.config.vocabulary
            )
            started = time.perf_counter()
            for i in range(0, len(records), 1000):  # the batches scimon triage classifies
                classify_many(records[i : i + 1000], rules, use_indexing=use_indexing)
            rates.append(len(records) / (time.perf_counter() - started))
        rate = statistics.median(rates)
        passes = ", ".join(f"{r:,.0f}" for r in rates)
        print(
            f"classify ({label}): {rate:,.0f} papers/s, median of 3 passes ({passes}) "
            f"(target >= 5,000/s: {verdict(rate >= 5000)})"
        )
    end_to_end(args.file, len(records))


def end_to_end(path: Path, count: int) -> None:
    from monitor.app import App
    from monitor.pipeline import import_files
    from monitor.triage_run import triage_pending
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
