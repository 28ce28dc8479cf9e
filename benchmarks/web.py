"""Review app benchmark: queue and paper pages over real HTTP with 50,000 papers stored.

    python benchmarks/web.py [--requests 40]

The app runs under waitress on loopback; an httpx client with a signed-in
session cookie requests the queue (50 rows, filtered and sorted) and paper
pages.  Targets (issue 6): queue < 150 ms median, paper page < 50 ms median.

Issue 24: ``--trials N`` synthetic trials (default 5,000, about twice the SCI
trials ClinicalTrials.gov holds), half of them decided, with the Trials view
and trial pages requested in the same run and held to the queue's and paper
page's targets; the ratio to the paper pages of the same run says what the
trials cost on whatever load the machine has.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from _common import REPO, verdict
from _data import fill, now_utc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--trials", type=int, default=5_000)
    args = parser.parse_args()
    import httpx
    import waitress

    from monitor.app import App
    from monitor.web import create_app
    from storage.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/web.db"
        upgrade(url)
        config = Path(tmp) / "sci.toml"
        config.write_text(
            (REPO / "queries" / "sci.toml")
            .read_text()
            .replace("initial_days = 30", "initial_days = 30\n")
            + f'\n[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n'
            f'[feeds]\nfile = "{REPO / "queries" / "feeds.toml"}"\n'
            '\n[[editor]]\nname = "Bench"\nemail = "bench@example.org"\n'
        )
        app = App(
            env={
                "SCIMON_DATABASE_URL": url,
                "SCIMON_CONFIG": str(config),
                "SCIMON_SECRET_KEY": "b" * 32,
                "SCIMON_OUTBOX_DIR": f"{tmp}/out",
            }
        )
        fill(app.sessions, 50_000, 300, now_utc())
        fill_trials(app, args.trials)
        flask = create_app(app)
        # sign in with the test client, then reuse its session cookie over HTTP
        client = flask.test_client()
        page = client.get("/signin").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        client.post("/signin", data={"email": "bench@example.org", "csrf_token": token})
        assert flask.extensions["scimon_mail"].flush(timeout=30)  # mailed after the answer
        import email
        import email.policy

        raw = next(Path(f"{tmp}/out").glob("*.eml")).read_bytes()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        link = re.search(r"(/signin/\S+)", body).group(1)  # type: ignore[union-attr]
        page = client.get(link).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        client.post(link, data={"csrf_token": token})
        cookie = client.get_cookie("scimon_session")
        assert cookie is not None
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = waitress.create_server(flask, host="127.0.0.1", port=port, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        base = f"http://127.0.0.1:{port}"
        pages = {
            "queue (default: to decide, with progress)": "/queue",
            "queue (core, sorted by priority, page 3)": "/queue?relevance=core&page=3",
            "queue (design=rct, topic=pain)": "/queue?design=rct&topic=pain",
            "paper page": "/papers/{id}",
            "trials (default: to decide)": "/trials",
            "trials (show all, page 3)": "/trials?show=all&page=3",
            "trial page": "/trials/NCT9{id:07d}",
        }
        results = {}
        with httpx.Client(cookies={"scimon_session": cookie.value}) as http:
            for label, path in pages.items():
                times = []
                for i in range(args.requests):
                    n = (1000 + i * 997) % (args.trials if "trial" in path else 50_000)
                    target = base + path.format(id=n)
                    started = time.perf_counter()
                    response = http.get(target)
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (target, response.status_code)
                results[label] = times
        server.task_dispatcher.shutdown()  # workers first: they poke the loop's trigger
        server.close()
        app.close()
    print(f"50,000 papers stored; {args.requests} requests per page over HTTP (waitress, loopback)")
    print(f"{args.trials:,} trials, half decided")
    for label, times in results.items():
        median = statistics.median(times)
        target = 50 if label in ("paper page", "trial page") else 150
        print(
            f"  {label:<42} median {median:6.1f} ms, p90 "
            f"{sorted(times)[int(len(times) * 0.9)]:6.1f} ms "
            f"(target < {target} ms: {verdict(median < target)})"
        )
    pairs = (
        ("trials (default: to decide)", "queue (default: to decide, with progress)"),
        ("trial page", "paper page"),
    )
    for trials, papers in pairs:
        ratio = statistics.median(results[trials]) / statistics.median(results[papers])
        print(f"  {trials} / {papers}: {ratio:.2f}x (same run)")


def fill_trials(app: object, n: int) -> None:
    """``n`` trials with registry-like fields, every second one decided by an editor."""
    from datetime import date, timedelta

    from monitor.records import TrialRecord
    from storage.trial_review import set_trial_status
    from storage.trials import upsert_trials

    statuses = (
        "RECRUITING",
        "COMPLETED",
        "NOT_YET_RECRUITING",
        "TERMINATED",
        "ACTIVE_NOT_RECRUITING",
    )
    records = [
        TrialRecord(
            nct_id=f"NCT9{i:07d}",
            title=f"Trial {i} of a rehabilitation programme after spinal cord injury",
            brief_summary="Adults with chronic spinal cord injury take part. " * 8,
            conditions=("Spinal Cord Injuries",), interventions=(f"DEVICE: stimulator {i % 40}",),
            phases=(("PHASE2",), ("PHASE3",), ("NA",))[i % 3], overall_status=statuses[i % 5],
            enrollment=20 + i % 400, enrollment_type="ESTIMATED", locations_count=1 + i % 30,
            countries=("United States",), sponsor="A university",
            first_posted_on=date(2020, 1, 1) + timedelta(days=i % 2000),
            last_update_posted_on=date(2024, 1, 1) + timedelta(days=i % 600),
        )
        for i in range(n)
    ]  # fmt: skip
    sessions = app.sessions  # type: ignore[attr-defined]
    for start in range(0, n, 1000):
        with sessions() as session, session.begin():
            upsert_trials(session, records[start : start + 1000], "trials:bench")
    with sessions() as session, session.begin():
        for trial_id in range(2, n + 1, 2):
            set_trial_status(session, trial_id, "skipped", "bench@example.org")


if __name__ == "__main__":
    main()
