"""Ingest benchmark: python benchmarks/ingest.py [--file F] [--pg URL]

On the 2021 NLM update file (20,788 records) prints records/s for parse only,
parse+store on SQLite (first import and a second import of the same file) and
on PostgreSQL, peak RSS of each phase, and in the same run the same file
through Bio.Entrez.read and a bare lxml iterparse walk.  Each phase runs in
its own process; parse+store runs as `scimon import` does, parsing in a child
process (monitor/parse/readahead.py), and its peak RSS is that of both processes
together, sampled every 50 ms.
The second import skips, unparsed, the records this file stored before byte
for byte (monitor/parse/raw_records.py), as `scimon import` does; "second --full"
is `scimon import --full`, which parses and compares every record again.
Targets (issue 2): parse >= 8,000 records/s; parse+store on SQLite >= 3,000
records/s; peak RSS <= 150 MB; second import >= 2x faster.

``--cli`` measures instead the whole ``scimon import FILE`` command (triage in
the pass) into an empty database, as a user runs it: the peak RSS of the parent,
of its child (the classifying child; with ``--no-triage`` the parse child) and of
the process tree (summed at one instant, sampled every 50 ms from /proc), wall and
CPU time (parent + child, from wait4) and records/s, with the load average,
against the issue 23 targets (tree <= 150 MB; >= 3,000 records/s on SQLite,
>= 2,000 on PostgreSQL).  ``--against TREE`` runs another checkout's code (e.g.
``git archive`` of main) in turn with this one, A B A B,
``--rounds`` times, and prints the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from _cli_import import cli_main
from _common import REPO, UPDATE_FILE, RssSampler, peak_rss_mb, run_phase, scratch_pg, verdict


def phase(name: str, path: Path, url: str | None) -> dict[str, Any]:
    started = time.perf_counter()
    if name in ("parse", "parsefp"):
        from monitor.parse.pubmed import iter_pubmed

        known: set[str] | None = set() if name == "parsefp" else None
        count = sum(1 for _ in iter_pubmed(path, source_name="bench", known=known))
        seconds = time.perf_counter() - started
        return {"phase": name, "records": count, "seconds": seconds}
    if name == "bare":
        from isal import igzip
        from lxml import etree

        count = 0
        with igzip.open(path, "rb") as fh:
            for _ev, el in etree.iterparse(
                fh, events=("end",), tag="PubmedArticle", resolve_entities=False, no_network=True
            ):
                count += 1
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
        return {"phase": name, "records": count, "seconds": time.perf_counter() - started}
    if name == "entrez":
        import gzip

        from Bio import Entrez

        with gzip.open(path, "rb") as fh:
            data = Entrez.read(fh, validate=False)
        count = len(data["PubmedArticle"]) + len(data.get("PubmedBookArticle", []))
        return {"phase": name, "records": count, "seconds": time.perf_counter() - started}
    if name in ("store", "store2", "store-full"):
        # what `scimon import` does: parsed in a child process, stored here;
        # records this file stored before byte for byte are skipped unparsed
        # (store-full is `scimon import --full`: every record parsed again)
        from monitor.parse.readahead import iter_pubmed_readahead
        from storage.ingest import ingest_records, known_fingerprints
        from storage.session import make_engine, make_sessionmaker

        assert url
        factory = make_sessionmaker(make_engine(url))
        with RssSampler() as rss:
            known: set[str] = set()
            if name != "store-full":
                with factory() as session:
                    known = known_fingerprints(session, "pubmed", "bench")
            items = iter_pubmed_readahead(path, source_name="bench", known=known)
            stats = ingest_records(factory, items)
        return {
            "phase": name,
            "records": stats.seen,
            "seconds": time.perf_counter() - started,
            "stats": stats.as_dict(),
            "rss_mb": round(rss.peak_mb, 1),  # both processes at once
        }
    raise SystemExit(f"unknown phase {name}")


# (phase, what the row says): a first import, the same file again, and again with --full
STORE_RUNS = (("store", "first"), ("store2", "second"), ("store-full", "second --full"))


def store_rows(
    script: Path, path: Path, backend: str, url: str, runs: tuple[tuple[str, str], ...]
) -> list[tuple[str, dict[str, Any]]]:
    """Import ``path`` into the database at ``url`` once per run, a row each."""
    args = ("--file", str(path), "--url", url)
    return [
        (f"parse+store {backend}, {what}", run_phase(script, name, *args)) for name, what in runs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=UPDATE_FILE)
    parser.add_argument("--pg", default=os.environ.get("SCIMON_TEST_DATABASE_URL"))
    parser.add_argument("--phase")
    parser.add_argument("--url")
    parser.add_argument("--cli", action="store_true", help="measure `scimon import FILE` whole")
    parser.add_argument("--against", type=Path, help="with --cli: another checkout, run in turn")
    parser.add_argument("--rounds", type=int, default=3, help="with --cli: runs of each side")
    parser.add_argument("--backend", choices=["sqlite", "pg", "both"], default="sqlite")
    parser.add_argument("--no-triage", action="store_true", help="with --cli: --no-triage")
    args = parser.parse_args()
    if args.cli:
        cli_main(args, REPO)
        return
    if args.phase:
        result = phase(args.phase, args.file, args.url)
        result.setdefault("rss_mb", round(peak_rss_mb(), 1))
        print(json.dumps(result))
        return
    if not args.file.exists():
        raise SystemExit(f"{args.file} not found (set SCIMON_CORPUS_DIR)")
    from storage.migrate import upgrade

    script = Path(__file__)
    rows: list[tuple[str, dict[str, Any]]] = []
    rows.append(("parse only (iter_pubmed)", run_phase(script, "parse", "--file", str(args.file))))
    rows.append(("parse + fingerprints", run_phase(script, "parsefp", "--file", str(args.file))))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        rows += store_rows(script, args.file, "SQLite", url, STORE_RUNS)
    if args.pg:
        with scratch_pg(args.pg, "scimon_bench") as pg_url:
            upgrade(pg_url)
            rows += store_rows(script, args.file, "PostgreSQL", pg_url, STORE_RUNS[:2])
    rows.append(("bare lxml iterparse walk", run_phase(script, "bare", "--file", str(args.file))))
    rows.append(("Bio.Entrez.read", run_phase(script, "entrez", "--file", str(args.file))))

    print(f"file: {args.file.name}")
    print(f"{'phase':<34}{'records':>9}{'seconds':>9}{'rec/s':>9}{'peak RSS MB':>13}")
    rate: dict[str, float] = {}
    for label, r in rows:
        if "error" in r:
            print(f"{label:<34} failed: {r['error']}")
            continue
        per_s = r["records"] / r["seconds"] if r["seconds"] else 0.0
        rate[label] = per_s
        print(f"{label:<34}{r['records']:>9}{r['seconds']:>9.1f}{per_s:>9.0f}{r['rss_mb']:>13.1f}")
    parse = rate.get("parse only (iter_pubmed)", 0)
    first = rate.get("parse+store SQLite, first", 0)
    second = rate.get("parse+store SQLite, second", 0)
    rss = max(
        (r.get("rss_mb", 0) for label, r in rows if "Entrez" not in label and "error" not in r),
        default=0,
    )
    bare = rate.get("bare lxml iterparse walk", 0)
    print("\ntargets (issue 2)")
    print(
        f"  parse >= 8,000 rec/s: {parse:,.0f} ({verdict(parse >= 8000)}; "
        f"bare lxml walk on this machine: {bare:,.0f}/s)"
    )
    print(f"  parse+store SQLite >= 3,000 rec/s: {first:,.0f} ({verdict(first >= 3000)})")
    print(f"  peak RSS <= 150 MB: {rss:.0f} MB ({verdict(rss <= 150)})")
    ratio = second / first if first else 0
    full = rate.get("parse+store SQLite, second --full", 0)
    print(
        f"  second import >= 2x faster: {ratio:.2f}x ({verdict(ratio >= 2)}; "
        f"with --full: {full / first if first else 0:.2f}x)"
    )


if __name__ == "__main__":
    main()
