"""Digest benchmark: select and render a week's digest with 50,000 papers stored.

    python benchmarks/digest.py [--pg URL]

300 of the papers were first seen in the last week; the rest are older.
Target (issue 5): selecting and rendering the week's digest < 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from _common import REPO, scratch_pg, verdict
from _data import fill, now_utc


def bench(url: str, label: str) -> None:
    from monitor.app import App
    from monitor.digest.send import build_content, render_for
    from monitor.digest.weeks import iso_week
    from storage.migrate import upgrade

    upgrade(url)
    app = App(env={"SCIMON_DATABASE_URL": url, "SCIMON_CONFIG": str(REPO / "queries" / "sci.toml")})
    now = now_utc()
    started = time.perf_counter()
    fill(app.sessions, 50_000, 300, now)
    print(f"[{label}] stored 50,000 papers in {time.perf_counter() - started:.1f} s")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        content = build_content(app, iso_week(now), now, fixed=False)
        rendered = render_for(app, content, "editor@example.org")
        times.append(time.perf_counter() - started)
    candidates = content.paper_count + sum(s.more for s in content.sections)
    best, median = min(times), statistics.median(times)
    print(
        f"[{label}] {candidates} candidates, {content.paper_count} listed, HTML "
        f"{len(rendered.html) // 1024} KB: select+render median {median * 1000:.0f} ms, "
        f"best {best * 1000:.0f} ms (target < 1 s: {verdict(median < 1.0)})"
    )
    app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", default=os.environ.get("SCIMON_TEST_DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(f"sqlite:///{tmp}/digest.db", "SQLite")
    if args.pg:
        with scratch_pg(args.pg, "scimon_bench") as url:
            bench(url, "PostgreSQL")

if __name__ == "__main__":
    main()
