"""Review app benchmark: queue and paper pages over real HTTP with 50,000 papers stored.

    python benchmarks/web.py [--requests 40]

The app runs under waitress on loopback; an httpx client with a signed-in
session cookie requests the queue (50 rows, filtered and sorted) and paper
pages.  Targets (issue 6): queue < 150 ms median, paper page < 50 ms median.
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
        }
        results = {}
        with httpx.Client(cookies={"scimon_session": cookie.value}) as http:
            for label, path in pages.items():
                times = []
                for i in range(args.requests):
                    target = base + path.format(id=1000 + i * 997)
                    started = time.perf_counter()
                    response = http.get(target)
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (target, response.status_code)
                results[label] = times
        server.task_dispatcher.shutdown()  # workers first: they poke the loop's trigger
        server.close()
        app.close()
    print(f"50,000 papers stored; {args.requests} requests per page over HTTP (waitress, loopback)")
    for label, times in results.items():
        median = statistics.median(times)
        target = 50 if label == "paper page" else 150
        print(
            f"  {label:<42} median {median:6.1f} ms, p90 "
            f"{sorted(times)[int(len(times) * 0.9)]:6.1f} ms "
            f"(target < {target} ms: {verdict(median < target)})"
        )


if __name__ == "__main__":
    main()
