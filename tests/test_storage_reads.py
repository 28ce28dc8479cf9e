"""The repository functions that replaced monitor's own SQL, and the web app's typed hand-off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask

from monitor.app import App
from monitor.web import create_app
from monitor.web.context import WebContext, scimon_app, web_context
from storage.ingest import ingest_records
from storage.papers import count_papers, find_paper, first_seen_times, sightings_of
from storage.session import display_url
from tests.records import make_record
from tests.test_web import web_app


@pytest.fixture
def scimon(database_url: str, tmp_path: Path) -> Iterator[App]:
    app = web_app(database_url, tmp_path)
    yield app
    app.close()


def test_counts_and_sightings(scimon: App) -> None:
    doi = "10.1038/s41393-026-00777-1"
    ingest_records(scimon.sessions, [make_record(pmid="777", source_id="777", dois=(doi,))])
    ingest_records(
        scimon.sessions,
        [
            make_record(
                source="feed", source_name="sc", source_id="guid-777", pmid=None, dois=(doi,)
            )
        ],
    )
    ingest_records(scimon.sessions, [make_record(pmid="778", source_id="778")])
    with scimon.sessions() as session:
        assert count_papers(session) == 2
        now = datetime.now(UTC)
        assert len(first_seen_times(session, now - timedelta(hours=1))) == 2
        assert first_seen_times(session, now + timedelta(hours=1)) == []
        paper = find_paper(session, doi)
        assert paper is not None
        seen = sightings_of(session, paper.id)
        assert [s.source for s in seen] == ["pubmed", "feed"]
        assert seen[0].seen_at <= seen[1].seen_at


def test_health_check_and_typed_context(scimon: App) -> None:
    flask = create_app(scimon, testing=True)
    response = flask.test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    with flask.app_context():
        context = web_context()
        assert isinstance(context, WebContext) and scimon_app() is scimon
        assert context.settings is scimon.settings
        assert context.topics and context.topic_label(context.topics[0][0]) == context.topics[0][1]
    with Flask("other").app_context(), pytest.raises(RuntimeError, match="create_app"):
        web_context()


def test_display_url_masks_the_password() -> None:
    shown = display_url("postgresql://scimon:s3cret@db.example.org:5432/scimon")
    assert "s3cret" not in shown and shown.startswith("postgresql://scimon:***@db.example.org")
