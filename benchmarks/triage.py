"""Triage benchmark: papers classified per second on the 2021 NLM update file.

    python benchmarks/triage.py [--file F]

Records are parsed first (not timed); then every record is classified from
title and abstract (as for the ~98% of new records that carry no indexing)
and with indexing.  Target (issue 4): >= 5,000 papers/s.
"""

from __future__ import annotations

import argparse
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
    from monitor.triage import classify, load_rules

    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    rules = load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)
    records = [r for r in iter_pubmed(args.file, source_name="bench") if isinstance(r, PaperRecord)]
    print(f"{len(records):,} records from {args.file.name}")
    for label, use_indexing in (("text only", False), ("with indexing", True)):
        started = time.perf_counter()
        for record in records:
            classify(record, rules, use_indexing=use_indexing)
        seconds = time.perf_counter() - started
        rate = len(records) / seconds
        print(
            f"classify ({label}): {seconds:.1f} s, {rate:,.0f} papers/s "
            f"(target >= 5,000/s: {verdict(rate >= 5000)})"
        )


if __name__ == "__main__":
    main()
