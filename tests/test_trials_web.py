"""The review app shows preprints as such, a paper's trials, and its other version."""

from __future__ import annotations

import re
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
from storage.models import Paper, Trial
from storage.trial_review import set_trial_status, trial_history, trial_status_of
from storage.trials import get_trial, resolve_trial_links, upsert_trials
from tests.ctgov_emulator import recorded_study, variant
from tests.eutils_emulator import build_article
from tests.records import make_record
from tests.test_web import EDITOR, csrf, sign_in, web_app

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
    # a stored trial opens its page on the desk, with the registry beside it
    assert 'href="/trials/NCT91000001">NCT91000001</a>' in page
    assert '(<a href="https://clinicaltrials.gov/study/NCT91000001">registry</a>)' in page
    assert "named by this paper" in page


# -- deciding trials on the desk (issue 24) ---------------------------------------------------

JSON = {"Accept": "application/json"}


def second_trial(app: App) -> None:
    """A second trial, so that a decision on the page has a next trial to go on to."""
    other = parse_study(variant(recorded_study("NCT06171568"), "NCT91000002"))
    assert other is not None
    with app.sessions() as session, session.begin():
        upsert_trials(session, [other], "trials:ctgov")


def trial_row_id(app: App, nct: str = "NCT91000001") -> int:
    with app.sessions() as session:
        found = get_trial(session, nct)
        assert found is not None
        return found.id


def trial_rows_listed(http: FlaskClient, query: str = "") -> list[str]:
    page = http.get(f"/trials{query}").get_data(as_text=True)
    return re.findall(r'href="/trials/(NCT\d{8})"', page)


def test_trials_view_and_trial_page_link_papers_both_ways(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    listing = http.get("/trials").get_data(as_text=True)
    assert 'href="/trials/NCT91000001"' in listing and "1 to decide" in listing
    assert 'class="decide"' in listing and 'action="/trials/' in listing
    page = http.get("/trials/NCT91000001").get_data(as_text=True)
    for label in ("Condition", "Intervention", "Phase", "Status", "Enrollment", "Where to find it"):
        assert f"<dt>{label}</dt>" in page
    assert 'href="https://clinicaltrials.gov/study/NCT91000001"' in page
    with app.sessions() as session:
        pre = session.scalars(select(Paper.id).where(Paper.is_preprint.is_(True))).one()
        art = session.scalars(select(Paper.id).where(Paper.pmid == "910")).one()
    assert f'<a href="/papers/{art}">' in page and "names this trial" in page
    assert f'<a href="/papers/{pre}">' not in page  # the preprint names no trial: not linked
    # and back: the paper's page opens the trial's page
    assert 'href="/trials/NCT91000001">NCT91000001</a>' in http.get(f"/papers/{art}").get_data(
        as_text=True
    )
    assert http.get("/trials/NCT99999999").status_code == 404
    assert http.get("/trials/not-an-id").status_code == 404


def test_an_empty_trials_view_says_how_to_fetch_trials(database_url: str, tmp_path: Path) -> None:
    """With no trial stored, "Nothing left to decide" was wrong: none was ever fetched."""
    app = web_app(database_url, tmp_path)
    flask = create_app(app, testing=True)
    http = flask.test_client()
    sign_in(http, app)
    listing = http.get("/trials").get_data(as_text=True)
    assert "No trials fetched yet" in listing and "scimon fetch --source trials" in listing
    assert "Nothing left to decide" not in listing
    shutdown(flask)
    app.close()


def test_all_decided_trials_leave_nothing_to_decide(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    with app.sessions() as session, session.begin():
        trial_id = session.scalars(select(Trial.id)).one()
        set_trial_status(session, trial_id, "skipped", EDITOR)
    listing = http.get("/trials").get_data(as_text=True)
    assert "Nothing left to decide" in listing and "No trials fetched yet" not in listing


def test_decide_a_trial_without_javascript_then_undo(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    tid = trial_row_id(app)
    token = csrf(http, "/trials")
    response = http.post(
        f"/trials/{tid}/decide",
        data={"status": "skipped", "reason": "animal only", "back": "/trials?done=3",
              "csrf_token": token},
    )  # fmt: skip
    assert response.status_code == 302
    with app.sessions() as session:
        (action,) = trial_history(session, tid)
    assert (action.to_status, action.reason, action.editor) == ("skipped", "animal only", EDITOR)
    assert response.location == f"/trials?done={action.id}"
    page = http.get(response.location).get_data(as_text=True)
    assert "Marked <strong>Skipped</strong>" in page
    assert f'action="/trials/{tid}/undo/{action.id}"' in page
    assert trial_rows_listed(http) == []  # decided: gone from "to decide"
    assert trial_rows_listed(http, "?show=all") == ["NCT91000001"]
    assert trial_rows_listed(http, "?status=skipped") == ["NCT91000001"]
    assert "(animal only)" in http.get("/trials/NCT91000001").get_data(as_text=True)
    back = http.post(
        f"/trials/{tid}/undo/{action.id}", data={"back": "/trials", "csrf_token": token}
    )
    # back with the undone decision's toast (desk12): "Undone: <title>", no Undo
    assert back.status_code == 302 and back.location == f"/trials?done={action.id}"
    assert "Undone: " in http.get(back.location).get_data(as_text=True)
    with app.sessions() as session:
        assert trial_status_of(session, tid) == "new"
    assert trial_rows_listed(http) == ["NCT91000001"]


def test_trial_decisions_follow_the_paper_rules(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    second_trial(app)
    sign_in(http, app)
    tid = trial_row_id(app)
    token = csrf(http, "/trials")
    # a reason belongs to a Skip from the configured list
    http.post(
        f"/trials/{tid}/decide", data={"status": "maybe", "reason": "not SCI", "csrf_token": token}
    )
    with app.sessions() as session:
        assert trial_history(session, tid)[-1].reason is None
    assert (
        http.post(
            f"/trials/{tid}/decide", data={"status": "summarized", "csrf_token": token}
        ).status_code
        == 400
    )
    assert (
        http.post("/trials/99999/decide", data={"status": "maybe", "csrf_token": token}).status_code
        == 404
    )
    # the trial's page goes on to the next trial to decide on, with the toast
    going = http.post(
        f"/trials/{tid}/decide",
        data={"status": "to_summarize", "then": "next", "csrf_token": token},
    )
    assert going.status_code == 302 and going.location.startswith("/trials/NCT91000002?done=")


def test_fetch_decision_answers_json_and_undo(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    tid = trial_row_id(app)
    token = csrf(http, "/trials")
    answer = http.post(
        f"/trials/{tid}/decide", data={"status": "maybe", "csrf_token": token}, headers=JSON
    )
    data = answer.get_json()
    assert answer.status_code == 200
    assert (data["status"], data["label"]) == ("maybe", "Maybe")
    undone = http.post(data["undo_url"], data={"csrf_token": token}, headers=JSON)
    assert undone.get_json()["status"] == "new"
    again = http.post(data["undo_url"], data={"csrf_token": token}, headers=JSON)
    assert again.status_code == 400 and "nothing to undo" in again.get_json()["error"]


def test_trial_forms_need_the_csrf_token(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    tid = trial_row_id(app)
    for data in ({"status": "maybe"}, {"status": "maybe", "csrf_token": "forged"}):
        assert http.post(f"/trials/{tid}/decide", data=data).status_code == 400
        assert http.post(f"/trials/{tid}/decide", data=data, headers=JSON).status_code == 400
    with app.sessions() as session:
        assert trial_history(session, tid) == []


def test_signed_out_editors_reach_no_trial_route(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    tid = trial_row_id(app)
    for path in ("/trials", "/trials/NCT91000001", "/trials/export"):
        answer = http.get(path)
        assert answer.status_code == 302 and "/signin" in answer.location
    assert http.post(f"/trials/{tid}/decide", data={"status": "maybe"}).status_code in (400, 403)
    with app.sessions() as session:
        assert trial_history(session, tid) == []


def test_export_marked_trials_from_the_desk(client: tuple[FlaskClient, App]) -> None:
    http, app = client
    sign_in(http, app)
    tid = trial_row_id(app)
    token = csrf(http, "/trials")
    http.post(f"/trials/{tid}/decide", data={"status": "to_summarize", "csrf_token": token})
    answer = http.get("/trials/export?status=to_summarize&format=csv")
    assert answer.status_code == 200 and answer.content_type.startswith("text/csv")
    assert "scimon-trials-to_summarize.csv" in answer.headers["Content-Disposition"]
    header, row = answer.get_data(as_text=True).splitlines()[:2]
    assert header.endswith(",decision") and row.startswith('"NCT91000001"')
    cards = http.get("/trials/export?status=to_summarize&format=json").get_json()
    assert [c["nct_id"] for c in cards] == ["NCT91000001"]
    assert http.get("/trials/export?status=maybe&format=json").get_json() == []
    assert http.get("/trials/export?format=pdf").status_code == 400


def test_no_export_links_until_a_trial_is_marked_to_summarize(
    client: tuple[FlaskClient, App],
) -> None:
    """Review of smoke19 (fixs19): the Trials view offered "Export the trials marked to
    summarize: md · json · csv" with no trial so marked, each link an empty file, which the
    Shortlist stopped doing for papers; a trial marked Maybe is not one to summarize."""
    http, app = client
    sign_in(http, app)
    tid = trial_row_id(app)
    token = csrf(http, "/trials")
    for status, offered in (("maybe", False), ("to_summarize", True)):
        http.post(f"/trials/{tid}/decide", data={"status": status, "csrf_token": token})
        for url in ("/trials", "/trials?show=all"):
            page = http.get(url).get_data(as_text=True)
            assert ("Export the trials marked to summarize" in page) is offered, (status, url)
            assert ("/trials/export?" in page) is offered, (status, url)


def test_undo_from_the_next_trials_toast_goes_back_to_the_undone_trial(
    client: tuple[FlaskClient, App],
) -> None:
    """fixdesk12: desk12 sent a trial page's toast Undo back to the undone trial ("checked
    by hand"); here it is checked: decided on its page, the trial gives way to the next,
    whose toast's Undo comes back to the undone trial, saying "Undone: <title>".  The
    decision JSON carries the toast's title for trials as for papers."""
    http, app = client
    second_trial(app)
    sign_in(http, app)
    tid = trial_row_id(app)
    token = csrf(http, "/trials/NCT91000001")
    went = http.post(f"/trials/{tid}/decide", data={"status": "maybe", "then": "next", "csrf_token": token})
    assert went.location.startswith("/trials/NCT91000002?done="), went.location
    toast = re.search(r'<div id="toast".*?</div>', http.get(went.location).get_data(as_text=True), re.S)
    assert toast, went.location
    action = re.search(rf'action="(/trials/{tid}/undo/\d+)"', toast.group(0))
    back = re.search(r'name="back" value="([^"]*)"', toast.group(0))
    assert action and back and back.group(1) == "/trials/NCT91000001", toast.group(0)
    undone = http.post(action.group(1), data={"csrf_token": token, "back": back.group(1)})
    assert undone.location.startswith("/trials/NCT91000001?done="), undone.location
    with app.sessions() as session:
        assert trial_status_of(session, tid) == "new"
        title = get_trial(session, "NCT91000001").title  # type: ignore[union-attr]
    shown = re.search(r'<span class="toast-text">(.*?)</span>', http.get(undone.location).get_data(as_text=True), re.S)
    from monitor.web.forms import short_title

    assert shown and shown.group(1) == f"Undone: {short_title(title)}", shown
    data = http.post(f"/trials/{tid}/decide", data={"status": "skipped", "csrf_token": token},
                     headers={"Accept": "application/json"}).get_json()  # fmt: skip
    assert data["title"] == short_title(title), data
