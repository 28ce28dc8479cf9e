"""The review app shows preprints as such, a paper's trials, and its other version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from monitor.app import App
from monitor.parse.ctgov import parse_study
from monitor.parse.pubmed import parse_pubmed_bytes
from monitor.records import Author
from monitor.triage.run import triage_new
from monitor.web import create_app, shutdown
from storage.ingest import ingest_records
from storage.models import Paper
from storage.trials import resolve_trial_links, upsert_trials
from tests.ctgov_emulator import recorded_study, variant
from tests.eutils_emulator import build_article
from tests.records import make_record
from tests.test_web import sign_in, web_app

TITLE = "Epidural stimulation restores stepping after chronic spinal cord injury in adults"


@pytest.fixture
def client(database_url: str, tmp_path: Path) -> Iterator[tuple[FlaskClient, App]]:
    app = web_app(database_url, tmp_path)
    xml = (
        b"<PubmedArticleSet>"
        + build_article("910", title=TITLE, abstract="Trial NCT91000001: 12 adults stepped.")
        + b"</PubmedArticleSet>"
    )
    article = parse_pubmed_bytes(xml, source_name="sci")[0]
    article = make_record(
        pmid="910", source_id="910", title=TITLE, abstract=article.abstract,  # type: ignore[union-attr]
        extra=dict(article.extra), authors=(Author(last="Rowald", initials="A"),), pub_year=2026,  # type: ignore[union-attr]
    )  # fmt: skip
    preprint = make_record(
        source="europepmc", source_name="europepmc", source_id="PPR/PPR9", pmid=None,
        dois=("10.1101/2025.01.01.555555",), journal="medRxiv", title=TITLE, pub_year=2025,
        extra={"is_preprint": "1", "server": "medRxiv"}, authors=(Author(last="Rowald"),),
    )  # fmt: skip
    ingest_records(app.sessions, [preprint, article])
    trial = parse_study(variant(recorded_study("NCT04267848"), "NCT91000001"))
    assert trial is not None
    with app.sessions() as session, session.begin():
        upsert_trials(session, [trial], "trials:ctgov")
        resolve_trial_links(session)
    triage_new(app)
    flask = create_app(app, testing=True)
    yield flask.test_client(), app
    shutdown(flask)
    app.close()


def test_queue_and_paper_pages(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    with app.sessions() as session:
        pre = session.scalars(select(Paper.id).where(Paper.is_preprint.is_(True))).one()
        art = session.scalars(select(Paper.id).where(Paper.pmid == "910")).one()
    queue = http.get("/queue").get_data(as_text=True)
    assert queue.count('<span class="tag warn">Preprint</span>') == 1
    page = http.get(f"/papers/{pre}").get_data(as_text=True)
    assert "Preprint</span> not peer reviewed" in page
    assert f'This preprint was published as: <a href="/papers/{art}">' in page
    page = http.get(f"/papers/{art}").get_data(as_text=True)
    assert "not peer reviewed" not in page
    assert f'Preprint of this paper: <a href="/papers/{pre}">' in page
    assert 'href="https://clinicaltrials.gov/study/NCT91000001">NCT91000001</a>' in page
    assert "named by this paper" in page
