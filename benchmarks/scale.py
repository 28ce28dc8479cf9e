"""Scale benchmark: import N unique papers in steps, and time what editors wait for at each step.

    python benchmarks/scale.py [--papers 1000000] [--steps 4] [--backend sqlite|pg|both]
                               [--pg URL] [--no-triage-all | --triage-all-at 1,4]
                               [--keep DIR [--resume]]

The papers are copies of the 2021 NLM update file (20,788 records) with their
identifiers rewritten per copy (PMIDs moved by 100,000,000 x copy, DOIs and
PMCIDs given a per-copy suffix, cited PMIDs moved alike), so each copy is
new to the database and dedupes within itself as the original does.  Each
copy is written to a temporary .xml file and imported by a real
``scimon import`` (parse in a child process, triage in the pass), as a user
would; its peak RSS is the sum of the command's process tree, sampled every
50 ms.

Per step, printed as one line of JSON and a summary:
  import+triage records/s (all the step's commands together), peak RSS of the
  largest command, disk per 1,000 papers, and the times of the review queue
  (default view; filtered), a paper page, the digest build (select + render),
  ``scimon papers list`` (whole process) and ``scimon triage --all`` (whole
  process).
Before timing, all papers but the 300 newest are moved back out of the
current week (imported papers are all "first seen" today), so the digest
holds a week's worth of candidates, not the whole database.

The reads of each step run in a fresh process (``--measure``), with the
code as it is then, as a web worker after a restart.  With ``--keep DIR``
the database (PostgreSQL's too) and ``DIR/state-<backend>.json`` (the next
copy and the steps so far) are kept, and ``--resume`` goes on from there: a
run of a million papers takes hours on a shared machine, and one stopped
keeps its database and its steps.  The schema is brought to the head before
each step (a migration added since the run started applies to its database).

Targets (issue 23): import+triage >= 3,000 records/s on SQLite, >= 2,000 on
PostgreSQL, the rate at the last step within 1.15x of the first; import peak
RSS <= 150 MB; queue < 150 ms, paper page < 50 ms, digest build < 500 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from _common import REPO, UPDATE_FILE, _children, _rss_kb, scratch_pg, verdict

RECORDS_PER_COPY = 20_788
PMID_SHIFT = 100_000_000


# -- unique copies of the update file -----------------------------------------

_PMID = re.compile(rb'(<PMID Version="\d+">)(\d+)(</PMID>)')
_ARTICLE_PMID = re.compile(rb'(<ArticleId IdType="pubmed">)(\d+)(</ArticleId>)')
_DOI = re.compile(rb'(<(?:ArticleId IdType="doi"|ELocationID EIdType="doi"[^>]*)>)([^<]+)(<)')
_PMC = re.compile(rb'(<ArticleId IdType="pmc">)PMC(\d+)(</ArticleId>)')


def copy_of(original: bytes, k: int) -> bytes:
    """The update file with every identifier made unique to copy ``k`` (0 is the original)."""
    if k == 0:
        return original
    shift = k * PMID_SHIFT

    def pmid(m: re.Match[bytes]) -> bytes:
        return m.group(1) + str(int(m.group(2)) + shift).encode() + m.group(3)

    def pmc(m: re.Match[bytes]) -> bytes:
        return m.group(1) + f"PMC{k}{int(m.group(2)):09d}".encode() + m.group(3)

    data = _PMID.sub(pmid, original)
    data = _ARTICLE_PMID.sub(pmid, data)
    data = _DOI.sub(lambda m: m.group(1) + m.group(2) + f".c{k}".encode() + m.group(3), data)
    return _PMC.sub(pmc, data)


# -- a command's whole process tree ---------------------------------------------


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak MB of the process tree's summed RSS, stdout) of ``scimon ARGS``."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", *args], env={**os.environ, **env}, cwd=REPO,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.05):
            peak = max(peak, sum(_rss_kb(p) for p in _tree(proc.pid)))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    thread.join()
    if proc.returncode != 0:
        raise RuntimeError(f"scimon {' '.join(args)} failed: {err.strip()[-500:]}")
    return seconds, peak / 1024, out


# -- the database ---------------------------------------------------------------


@contextmanager
def database(
    backend: str, pg: str | None, keep: Path | None, resume_url: str | None = None
) -> Iterator[tuple[str, Path]]:
    """A new empty database at the current schema (or ``resume_url``'s): (url, scratch folder).

    With ``keep`` the folder and the database stay (PostgreSQL's too: drop it by hand)."""
    from storage.migrate import upgrade

    folder = keep or Path(tempfile.mkdtemp(prefix="scimon-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    if resume_url:
        upgrade(resume_url)
        yield resume_url, folder
        return
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'scale.db'}"
        upgrade(url)
        try:
            yield url, folder
        finally:
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)
        return
    assert pg, "--pg URL (or SCIMON_TEST_DATABASE_URL) for PostgreSQL"
    with scratch_pg(pg, "scimon_scale", keep=keep is not None) as url:
        upgrade(url)
        try:
            yield url, folder
        finally:
            if keep is None:
                shutil.rmtree(folder, ignore_errors=True)


def disk_bytes(engine: Any, url: str) -> int:
    from sqlalchemy import text

    if url.startswith("sqlite"):
        with engine.connect() as conn:  # the WAL holds the last triage --all until checkpointed
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with engine.connect() as conn:
        return int(conn.scalar(text("SELECT pg_database_size(current_database())")) or 0)


def age_all_but_newest(engine: Any, keep: int = 300) -> None:
    """Papers first seen this week, but the ``keep`` newest, first seen 30-1,000 days ago."""
    from sqlalchemy import func, select, update

    from storage.base import utcnow
    from storage.models import Paper

    week_ago = utcnow() - timedelta(days=7)
    with engine.begin() as conn:
        newest = conn.scalar(select(func.max(Paper.id))) or 0
        rows = conn.execute(
            select(Paper.id).where(Paper.first_seen_at >= week_ago, Paper.id <= newest - keep)
        ).scalars().all()  # fmt: skip
        now = utcnow()
        for start in range(0, len(rows), 5000):
            chunk = rows[start : start + 5000]
            for tenth in range(10):  # spread over ~3 years by the id's last digit
                part = [pid for pid in chunk if pid % 10 == tenth]
                if part:
                    conn.execute(
                        update(Paper)
                        .where(Paper.id.in_(part))
                        .values(first_seen_at=now - timedelta(days=30 + 97 * tenth))
                    )
    if engine.dialect.name == "postgresql":
        # a real database saw these papers arrive over years, and autovacuum analyses a
        # table once a tenth of its rows changed, and vacuums it once a fifth did: without
        # ANALYZE the planner keeps the import's picture (every paper first seen this week)
        # and the digest scans; without VACUUM every update leaves a dead index entry, and
        # the week's index scan read 41,577 entries for its 300 papers
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) paper")


# -- what editors wait for --------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int = 7) -> tuple[float, float]:
    """Median milliseconds of ``fn`` after one warm-up call: wall, and this process's CPU.

    The CPU time is what the load inflates least: on SQLite it is all of a read (the
    database runs in this process); on PostgreSQL the server's share is not in it."""
    fn()
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), statistics.median(cpu)


def signed_in_client(flask: Any, outbox: Path) -> Any:
    import email
    import email.policy

    client = flask.test_client()
    for old in outbox.glob("*.eml"):  # the sign-in link must be this one's
        old.unlink()

    def token(page: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]

    page = client.get("/signin").get_data(as_text=True)
    client.post("/signin", data={"email": "bench@example.org", "csrf_token": token(page)})
    deadline = time.monotonic() + 10  # the app mails after its response, from a thread
    while not list(outbox.glob("*.eml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    raw = max(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime).read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(r"(/signin/\S+)", body).group(1)  # type: ignore[union-attr]
    page = client.get(link).get_data(as_text=True)
    client.post(link, data={"csrf_token": token(page)})
    return client


def measure_reads(env: dict[str, str], folder: Path) -> dict[str, float]:
    from monitor.app import App
    from monitor.digest.send import build_content, render_for
    from monitor.digest.weeks import iso_week
    from monitor.web import create_app
    from storage.base import utcnow

    app = App(env=env)
    try:
        flask = create_app(app)
        client = signed_in_client(flask, Path(env["SCIMON_OUTBOX_DIR"]))
        with app.sessions() as session:
            from sqlalchemy import func, select

            from storage.models import Paper

            top = int(session.scalar(select(func.max(Paper.id))) or 1)
        ids = iter(range(1, 10**9))

        def get(path: str) -> Callable[[], object]:
            def fetch() -> object:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                return response

            return fetch

        def paper_page() -> object:
            pid = max(1, (next(ids) * 7919) % top)
            response = client.get(f"/papers/{pid}")
            assert response.status_code in (200, 404), response.status_code
            return response

        now = utcnow()

        def digest() -> object:
            content = build_content(app, iso_week(now), now, fixed=False)
            return render_for(app, content, "bench@example.org")

        out: dict[str, float] = {}
        for name, fn, repeat in (
            ("queue", get("/queue"), 7),
            ("queue_filtered", get("/queue?design=rct&relevance=core&population=human"), 7),
            ("paper", paper_page, 15),
            ("digest", digest, 3),
        ):
            out[f"{name}_ms"], out[f"{name}_cpu_ms"] = timed(fn, repeat)
        return out
    finally:
        app.close()


def explain(env: dict[str, str]) -> dict[str, list[str]]:
    """The plans of the queue's queries (default, filtered) and the digest's candidates.

    Each call's statements are captured as the driver gets them and explained
    with the same parameters (PostgreSQL: EXPLAIN ANALYZE, so with times).
    """
    from sqlalchemy import event

    from monitor.app import App
    from monitor.digest.weeks import iso_week, week_start
    from storage.base import utcnow
    from storage.digests import candidates
    from storage.review import QueueFilters, queue

    app = App(env=env)
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        captured.append((statement, params))

    event.listen(app.engine, "before_cursor_execute", capture)
    now = utcnow()
    start = week_start(iso_week(now))
    calls: dict[str, Callable[[Any], object]] = {
        # as /queue reads them: "to decide" unless asked for all (monitor/web/views.py)
        "queue (default view: to decide)": lambda s: queue(s, QueueFilters(to_decide=True)),
        "queue (design=rct, relevance=core, population=human)": lambda s: queue(
            s, QueueFilters(design="rct", relevance="core", population="human", to_decide=True)
        ),
        "digest candidates (one week)": lambda s: candidates(
            s, start - timedelta(days=7), start + timedelta(days=7)
        ),
    }
    out: dict[str, list[str]] = {}
    pg = app.engine.dialect.name == "postgresql"
    try:
        for label, call in calls.items():
            with app.sessions() as session:
                captured.clear()
                call(session)
                statements = list(captured)
            lines: list[str] = []
            for statement, params in statements:
                if "paper" not in statement or statement.lstrip().startswith("SELECT version"):
                    continue
                prefix = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " if pg else (
                    "EXPLAIN QUERY PLAN "
                )
                raw = app.engine.raw_connection()
                try:
                    cursor = raw.cursor()
                    cursor.execute(prefix + statement, params)
                    rows = cursor.fetchall()
                finally:
                    raw.close()
                first = " ".join(statement.split())[:90]
                lines.append(f"-- {first}...")
                lines += [str(r[0]) if pg else f"{r[3]}" for r in rows]
            out[label] = lines
    finally:
        event.remove(app.engine, "before_cursor_execute", capture)
        app.close()
    return out


# -- the run -----------------------------------------------------------------------


def bench_env(url: str, folder: Path) -> dict[str, str]:
    """The environment of the run's commands: its database, a config with one editor."""
    config = folder / "sci.toml"
    config.write_text(
        (REPO / "queries" / "sci.toml").read_text()
        + f'\n[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n'
        f'[feeds]\nfile = "{REPO / "queries" / "feeds.toml"}"\n'
        '\n[[editor]]\nname = "Bench"\nemail = "bench@example.org"\n'
    )
    return {
        "SCIMON_DATABASE_URL": url,
        "SCIMON_CONFIG": str(config),
        "SCIMON_SECRET_KEY": "b" * 32,
        "SCIMON_OUTBOX_DIR": str(folder / "out"),
    }


def measure_in_fresh_process(env: dict[str, str], folder: Path, plans: bool) -> dict[str, Any]:
    """measure_reads (and the plans) in a new interpreter, with the code as it is now."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", str(folder)]
        + (["--plans"] if plans else []),
        env={**os.environ, **env}, cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"measuring failed: {proc.stderr.strip()[-800:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_backend(backend: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    from _clone import clone_papers
    from sqlalchemy import func, select

    from storage.base import utcnow
    from storage.migrate import upgrade
    from storage.models import Paper
    from storage.session import make_engine

    original = gzip.decompress(UPDATE_FILE.read_bytes())
    per_step = args.papers // args.steps
    copies_per_step = max(1, round(per_step / RECORDS_PER_COPY))
    state_file = args.keep / f"state-{backend}.json" if args.keep else None
    state: dict[str, Any] = {"copy": 0, "step": 0, "rows": []}
    if args.resume:
        assert state_file and state_file.exists(), f"--resume: no {state_file}"
        state = json.loads(state_file.read_text())
    results: list[dict[str, Any]] = list(state["rows"])
    with database(backend, args.pg, args.keep, state.get("url")) as (url, folder):
        state["url"] = url
        env = bench_env(url, folder)
        engine = make_engine(url)
        copy, first_step = int(state["copy"]), int(state["step"]) + 1
        last_real: list[int] | None = state.get("last_real")
        # a run stopped mid-step goes on from its next copy, with the step's figures so far
        partial: dict[str, Any] = state.pop("partial", None) or {}
        for step in range(first_step, args.steps + 1):
            upgrade(url)  # a migration added since the run started
            seconds, peak = float(partial.get("seconds", 0.0)), float(partial.get("peak", 0.0))
            records, cloned = int(partial.get("records", 0)), int(partial.get("cloned", 0))
            for i in range(int(partial.get("i", 0)), copies_per_step):
                with engine.connect() as conn:
                    top = int(conn.scalar(select(func.max(Paper.id))) or 0)
                if args.clone and last_real and i < copies_per_step - 1:
                    started = time.perf_counter()
                    cloned += clone_papers(engine, last_real[0], last_real[1], f"k{copy}", utcnow())
                    took, what = time.perf_counter() - started, "cloned"
                else:
                    path = folder / f"copy{copy:04d}.xml"
                    path.write_bytes(copy_of(original, copy))
                    took, rss, out = run_measured(["import", "--json", str(path)], env)
                    path.unlink()
                    seconds += took
                    peak = max(peak, rss)
                    seen = int(json.loads(out)["seen"])
                    records += seen
                    with engine.connect() as conn:
                        last_real = [top + 1, int(conn.scalar(select(func.max(Paper.id))) or 0)]
                    what = f"imported ({seen / took:.0f} rec/s into {top:,}, peak {rss:.1f} MB)"
                copy += 1
                # each copy as it goes: a run stopped mid-step keeps its import figures
                print(f"  [{backend}] copy {copy - 1} {what}: {took:.1f} s, "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
                if state_file:  # a step of a million papers takes an hour on a shared machine
                    state.update(copy=copy, last_real=last_real, partial={
                        "i": i + 1, "seconds": seconds, "peak": peak, "records": records,
                        "cloned": cloned,
                    })  # fmt: skip
                    state_file.write_text(json.dumps(state))
            partial = {}
            with engine.connect() as conn:
                papers = int(conn.scalar(select(func.count()).select_from(Paper)) or 0)
            row: dict[str, Any] = {
                "backend": backend, "step": step, "papers": papers, "records": records,
                "cloned": cloned,
                "import_rps": round(records / seconds), "import_peak_mb": round(peak, 1),
                "disk_per_1000_mib": round(disk_bytes(engine, url) / papers * 1000 / 2**20, 2),
            }  # fmt: skip
            age_all_but_newest(engine)
            measured = measure_in_fresh_process(env, folder, plans=step == args.steps)
            plans = measured.pop("plans", {})
            row.update({k: round(v, 1) for k, v in measured.items()})
            row["papers_list_s"] = round(
                statistics.median(run_measured(["papers", "list"], env)[0] for _ in range(3)), 3
            )
            if step in args.triage_all_at:
                row["triage_all_s"] = round(run_measured(["triage", "--all"], env)[0], 1)
            row["load"] = round(os.getloadavg()[0], 1)
            print(json.dumps(row), flush=True)
            results.append(row)
            if state_file:
                state.update(copy=copy, step=step, rows=results, last_real=last_real)
                state.pop("partial", None)
                state_file.write_text(json.dumps(state))
            for label, lines in plans.items():
                print(f"\n[{backend}, {papers} papers] {label}:")
                print("\n".join(f"    {line}" for line in lines), flush=True)
        engine.dispose()
    return results


def summary(rows: list[dict[str, Any]]) -> None:
    for backend in sorted({r["backend"] for r in rows}):
        mine = [r for r in rows if r["backend"] == backend]
        floor = 3000 if backend == "sqlite" else 2000
        first, last = mine[0]["import_rps"], mine[-1]["import_rps"]
        print(f"\n{backend}: step papers rec/s peakMB MiB/1k queue filt paper digest list")
        for r in mine:
            print(
                f"  {r['step']} {r['papers']:>8} {r['import_rps']:>6} {r['import_peak_mb']:>6} "
                f"{r['disk_per_1000_mib']:>5} {r['queue_ms']:>6} {r['queue_filtered_ms']:>6} "
                f"{r['paper_ms']:>5} {r['digest_ms']:>6} {r['papers_list_s']:>5}"
                + (f" triage --all {r['triage_all_s']} s" if "triage_all_s" in r else "")
            )
        worst = max(mine, key=lambda r: r["queue_ms"])
        print(
            f"  import >= {floor}/s: {verdict(min(r['import_rps'] for r in mine) >= floor)}; "
            f"last/first rate {first / max(last, 1):.2f}x (<= 1.15: "
            f"{verdict(first / max(last, 1) <= 1.15)}); peak <= 150 MB: "
            f"{verdict(max(r['import_peak_mb'] for r in mine) <= 150)}; queue < 150 ms: "
            f"{verdict(worst['queue_ms'] < 150 and worst['queue_filtered_ms'] < 150)}; "
            f"paper < 50 ms: {verdict(max(r['paper_ms'] for r in mine) < 50)}; "
            f"digest < 500 ms: {verdict(max(r['digest_ms'] for r in mine) < 500)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=1_000_000)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--backend", choices=["sqlite", "pg", "both"], default="both")
    parser.add_argument("--pg", default=os.environ.get("SCIMON_TEST_DATABASE_URL"))
    parser.add_argument("--no-triage-all", action="store_true",
                        help="Skip timing `scimon triage --all` (it re-triages every paper).")
    parser.add_argument("--triage-all-at", default="",
                        help="Time `scimon triage --all` only at these steps (e.g. 1,12).")
    parser.add_argument("--keep", type=Path,
                        help="Scratch folder to use (and keep, with the database).")
    parser.add_argument("--resume", action="store_true",
                        help="Go on from --keep's state (the next copy, the steps so far).")
    parser.add_argument("--clone", action="store_true",
                        help="Fill all but the last copy of each step by cloning the last real "
                        "import's rows (benchmarks/_clone.py): a million papers in an hour.")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plans", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # one step's reads, in this fresh process (run_backend's child)
        env = {k: os.environ[k] for k in os.environ if k.startswith("SCIMON_")}
        out: dict[str, Any] = dict(measure_reads(env, args.measure))
        if args.plans:
            out["plans"] = explain(env)
        print(json.dumps(out), flush=True)
        return
    if args.triage_all_at:
        args.triage_all_at = {int(s) for s in args.triage_all_at.split(",") if s.strip()}
    else:
        args.triage_all_at = set() if args.no_triage_all else set(range(1, args.steps + 1))
    assert not args.resume or args.keep, "--resume needs --keep DIR"
    backends = ["sqlite", "pg"] if args.backend == "both" else [args.backend]
    if "pg" in backends and not args.pg:
        backends.remove("pg")
        print("PostgreSQL skipped: no --pg URL and no SCIMON_TEST_DATABASE_URL", flush=True)
    rows = []
    for backend in backends:
        rows.extend(run_backend(backend, args))
    summary(rows)


if __name__ == "__main__":
    main()
