"""A trial in the digest's Trials section is decided from the mail in one step, as a paper is.

The links are signed per editor, trial and week (monitor/digest/links.py) with a salt
of their own: a paper's link never decides the trial with the same row number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.app import App
from monitor.digest.links import LinkError, make_token, read_token
from monitor.digest.send import build_content, render_for
from monitor.digest.weeks import iso_week
from monitor.runtime import today
from monitor.web import create_app, shutdown
from storage.models import EditorAction
from storage.trial_review import trial_history, trial_status_of
from storage.trials import get_trial, upsert_trials
from tests.test_trials_digest import trial
from tests.test_web import EDITOR, csrf, seed, web_app

SECRET = "k" * 32  # tests.test_web.web_app's SCIMON_SECRET_KEY
NCT = "NCT90000021"


@pytest.fixture
def scimon(database_url: str, tmp_path: Path) -> Iterator[App]:
    app = web_app(database_url, tmp_path)
    seed(app)  # papers 1-3, so that trial 1 and paper 1 both exist
    day = today()
    with app.sessions() as session, session.begin():
        # a real recorded study under a made-up NCT id, registered and recruiting this week
        upsert_trials(session, [trial(NCT, "NCT04267848", overall_status="RECRUITING",
                                      first_posted_on=day, last_update_posted_on=day)],
                      "trials:ctgov")  # fmt: skip
    yield app
    app.close()


@pytest.fixture
def client(scimon: App) -> Iterator[FlaskClient]:
    flask = create_app(scimon, testing=True)
    yield flask.test_client()
    shutdown(flask)


def paper_actions(session: Session) -> list[EditorAction]:
    return list(session.scalars(select(EditorAction)))


def trial_id(app: App) -> int:
    with app.sessions() as session:
        found = get_trial(session, NCT)
        assert found is not None
        return found.id


def test_the_digest_signs_trial_links_and_one_post_decides(client: FlaskClient, scimon: App) -> None:
    content = build_content(scimon, iso_week(today()), datetime.now(UTC), fixed=False)
    rendered = render_for(scimon, content, EDITOR)
    text = rendered.text[rendered.text.index("== Trials ==") :]
    links = re.findall(r"http://localhost(/trials/(\d+)/decide/([\w.-]+))\?action=(\w+)", text)
    tid = trial_id(scimon)
    assert {(int(t), action) for _, t, _, action in links} == {
        (tid, "to_summarize"), (tid, "maybe"), (tid, "skipped")
    }  # fmt: skip
    path = next(p for p, _, _, action in links if action == "to_summarize") + "?action=to_summarize"
    assert f"http://localhost{path}" in rendered.html.replace("&amp;", "&")
    # a preview has no editor to sign for: its trial links open the trial's page
    preview = render_for(scimon, content, "preview").text
    assert "/trials/" in preview and "/decide/" not in preview
    # the GET (a mail scanner, or the editor) shows the trial and one button, signed out
    for _ in range(2):
        page = client.get(path)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "Trial: " in html and NCT in html
        assert "Confirm to mark this trial <strong>To summarize</strong>" in html
        assert f'href="/trials/{NCT}"' in html
    with scimon.sessions() as session:
        assert trial_status_of(session, tid) == "new"
    token = csrf(client, path)
    done = client.post(path, data={"status": "to_summarize", "csrf_token": token})
    assert "Done: marked <strong>To summarize</strong>" in done.get_data(as_text=True)
    with scimon.sessions() as session:
        (action,) = trial_history(session, tid)
        assert (action.editor, action.to_status) == (EDITOR, "to_summarize")
        assert action.note == f"from the {iso_week(today())} digest"
        # the paper with the same row number is untouched
        assert paper_actions(session) == []
    again = client.post(path, data={"status": "to_summarize", "csrf_token": token})
    assert "nothing changed" in again.get_data(as_text=True)
    # a later change from the same link (Skip with a reason) is recorded as the editor's
    client.post(path, data={"status": "skipped", "reason": "not SCI", "csrf_token": token})
    with scimon.sessions() as session:
        history = trial_history(session, tid)
    assert [(a.to_status, a.reason) for a in history] == [("to_summarize", None), ("skipped", "not SCI")]


def test_a_paper_link_never_decides_a_trial_and_back(client: FlaskClient, scimon: App) -> None:
    tid, week = trial_id(scimon), iso_week(today())
    paper_token = make_token(SECRET, EDITOR, tid, week)
    trial_token = make_token(SECRET, EDITOR, tid, week, kind="trial")
    assert paper_token != trial_token
    with pytest.raises(LinkError, match="not valid"):
        read_token(SECRET, paper_token, item_id=tid, today=today(), days=14, kind="trial")
    token = csrf(client, f"/trials/{tid}/decide/{trial_token}")
    for path in (f"/trials/{tid}/decide/{paper_token}", f"/papers/{tid}/decide/{trial_token}"):
        response = client.post(path, data={"status": "maybe", "csrf_token": token})
        assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)
    # another trial's number in the URL, and a trial that does not exist
    other = make_token(SECRET, EDITOR, tid + 1, week, kind="trial")
    wrong = client.post(f"/trials/{tid}/decide/{other}", data={"status": "maybe", "csrf_token": token})
    assert wrong.status_code == 400 and "another trial" in wrong.get_data(as_text=True)
    assert client.get(f"/trials/{tid + 1}/decide/{other}").status_code == 404
    # an address that is no longer an editor
    gone = make_token(SECRET, "former@example.org", tid, week, kind="trial")
    refused = client.post(f"/trials/{tid}/decide/{gone}", data={"status": "maybe", "csrf_token": token})
    assert "no longer an editor" in refused.get_data(as_text=True)
    with scimon.sessions() as session:
        assert trial_history(session, tid) == []
        assert paper_actions(session) == []
