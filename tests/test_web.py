"""The review app with Flask's client: sign-in by link, workflow, security, export."""

from __future__ import annotations

import email
import email.policy
import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select, update

from monitor.app import App
from monitor.briefs.duration import find_duration
from monitor.briefs.findings import findings_of
from monitor.digest.select import arrange
from monitor.digest.weeks import iso_week
from monitor.records import Link
from monitor.runtime import today
from monitor.triage import POPULATIONS
from monitor.triage.design import DESIGNS
from monitor.triage.run import triage_new
from monitor.web import create_app, served_url, shutdown
from storage.digests import candidates
from storage.ingest import ingest_records
from storage.models import Paper, PaperTriage
from storage.sections import SECTIONS
from tests.records import make_record

REPO = Path(__file__).resolve().parents[1]
EDITOR = "ana@example.org"


def write_config(folder: Path) -> Path:
    path = folder / "sci.toml"
    path.write_text(
        '[ncbi]\nemail = "t@example.org"\n'
        '[vocabulary]\ntiab = ["spinal cord injur*", "tetrapleg*"]\n'
        f'[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n'
        '[digest]\nbase_url = "http://localhost"\n'
        f'[[editor]]\nname = "Ana"\nemail = "{EDITOR}"\n'
    )
    return path


def seed(app: App) -> None:
    ingest_records(
        app.sessions,
        [
            make_record(
                pmid="900",
                source_id="900",
                dois=("10.1038/s41393-026-00900-1",),
                title="Robotic gait training after spinal cord injury: a randomized trial",
                abstract="METHODS: 64 adults were randomly assigned to 12-week training.\n"
                "CONCLUSIONS: Training improved walking. Gains lasted.",
            ),
            make_record(
                pmid="901",
                source_id="901",
                dois=("10.1038/s41393-026-00901-2",),
                title="Bladder <script>alert(1)</script> care in tetraplegia",
                abstract="A cohort of 300 people with tetraplegia.",
            ),
            make_record(
                pmid="902",
                source_id="902",
                dois=("10.1038/s41393-026-00902-3",),
                title="Erratum: Robotic gait training after spinal cord injury",
                publication_types=("Published Erratum",),
                abstract="",
                links=(Link(kind="ErratumFor", pmid="900"),),
            ),
        ],
    )
    triage_new(app)


def web_app(database_url: str, tmp_path: Path) -> App:
    """An App with this test's database, config (one editor), outbox and a secret key."""
    return App(
        env={
            "SCIMON_DATABASE_URL": database_url,
            "SCIMON_CONFIG": str(write_config(tmp_path)),
            "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"),
            "SCIMON_SECRET_KEY": "k" * 32,
        }
    )


@pytest.fixture
def scimon(database_url: str, tmp_path: Path) -> Iterator[App]:
    app = web_app(database_url, tmp_path)
    seed(app)
    yield app
    app.close()


@pytest.fixture
def flask_app(scimon: App) -> Iterator[Flask]:
    flask = create_app(scimon, testing=True)
    yield flask
    shutdown(flask)


@pytest.fixture
def client(flask_app: Flask) -> FlaskClient:
    return flask_app.test_client()


def csrf(client: FlaskClient, path: str = "/signin") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def request_link(client: FlaskClient, outbox: Path, address: str = EDITOR) -> str | None:
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    response = client.post("/signin", data={"email": address, "csrf_token": csrf(client)})
    assert response.status_code == 200
    assert "If this address belongs to an editor" in response.get_data(as_text=True)
    # the link is mailed after the response, from the app's mail worker
    assert client.application.extensions["scimon_mail"].flush(timeout=30)
    new = (set(outbox.glob("*.eml")) if outbox.exists() else set()) - before
    if not new:
        return None
    msg = email.message_from_bytes(new.pop().read_bytes(), policy=email.policy.default)
    body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    match = re.search(r"http://localhost(/signin/\S+)", body)
    assert match
    return match.group(1)


def sign_in(client: FlaskClient, scimon: App) -> None:
    link = request_link(client, scimon.settings.outbox_dir)
    assert link
    token = csrf(client, link)
    response = client.post(link, data={"csrf_token": token})
    assert response.status_code == 302


def test_sign_in_by_emailed_link_then_single_use(client: FlaskClient, scimon: App) -> None:
    link = request_link(client, scimon.settings.outbox_dir)
    assert link
    # opening the link (as a mail scanner would) does not consume it
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    token = csrf(client, link)
    assert client.post(link, data={"csrf_token": token}).status_code == 302
    assert client.get("/queue").status_code == 200
    # reused: refused with a clear page
    other = client.application.test_client()
    reused = other.post(link, data={"csrf_token": csrf(other, link)})
    assert reused.status_code == 400 and "already used" in reused.get_data(as_text=True)


def test_outbox_mode_logs_where_the_sign_in_link_is(
    client: FlaskClient, scimon: App, caplog: pytest.LogCaptureFixture
) -> None:
    """Without SMTP the link sits in a quoted-printable .eml: the log names it, link and all."""
    with caplog.at_level(logging.INFO, logger="monitor.web.auth"):
        link = request_link(client, scimon.settings.outbox_dir)
    assert link
    (logged,) = [r.getMessage() for r in caplog.records if "sign-in link" in r.getMessage()]
    assert f"link=http://localhost{link}" in logged
    assert str(scimon.settings.outbox_dir) in logged and EDITOR in logged


@pytest.mark.parametrize(
    ("base_url", "served_at", "expected"),
    [
        (None, "http://127.0.0.1:9000", "http://127.0.0.1:9000/signin/"),  # scimon serve --port
        ("https://desk.example.org", "http://127.0.0.1:9000", "https://desk.example.org/signin/"),
        (None, None, "http://127.0.0.1:8000/signin/"),  # a wildcard bind: the default
    ],
)  # fmt: skip
def test_sign_in_links_follow_the_served_address_unless_base_url_is_set(
    database_url: str, tmp_path: Path, base_url: str | None, served_at: str | None, expected: str
) -> None:
    config = write_config(tmp_path)
    line = f'base_url = "{base_url}"\n' if base_url else ""
    config.write_text(config.read_text().replace('base_url = "http://localhost"\n', line))
    scimon = App(env={"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config),
                      "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"), "SCIMON_SECRET_KEY": "k" * 32})  # fmt: skip
    flask = create_app(scimon, testing=True, served_at=served_at)
    try:
        client = flask.test_client()
        # a forged Host header never makes the link: a client chooses it
        forged = {"Host": "evil.example"}
        page = client.get("/signin", headers=forged).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        answer = client.post("/signin", data={"email": EDITOR, "csrf_token": token[1]},
                             headers=forged)  # fmt: skip
        assert answer.status_code == 200
        assert flask.extensions["scimon_mail"].flush(timeout=30)
        (eml,) = (tmp_path / "outbox").glob("signin_*.eml")
        msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert expected in body and "evil.example" not in body
    finally:
        shutdown(flask)
        scimon.close()


def test_served_url_names_a_reachable_address() -> None:
    assert served_url("127.0.0.1", 9000) == "http://127.0.0.1:9000"
    assert served_url("::1", 9000) == "http://[::1]:9000"
    assert served_url("0.0.0.0", 9000) is None


def test_non_editor_gets_the_same_answer_and_no_mail(client: FlaskClient, scimon: App) -> None:
    assert request_link(client, scimon.settings.outbox_dir, "mallory@example.org") is None


def test_forged_and_expired_links_are_refused(flask_app: Flask, client: FlaskClient) -> None:
    forged = URLSafeTimedSerializer("not-the-key", salt="scimon-signin").dumps(
        {"email": EDITOR, "jti": "x"}
    )
    page = client.post(f"/signin/{forged}", data={"csrf_token": csrf(client, f"/signin/{forged}")})
    assert page.status_code == 400 and "not valid" in page.get_data(as_text=True)
    real = URLSafeTimedSerializer(flask_app.config["SECRET_KEY"], salt="scimon-signin")
    old = real.dumps({"email": EDITOR, "jti": "y"})
    time.sleep(1.1)
    import monitor.web.auth as auth

    original = auth.MAX_AGE
    auth.MAX_AGE = 0
    try:
        page = client.post(f"/signin/{old}", data={"csrf_token": csrf(client, f"/signin/{old}")})
    finally:
        auth.MAX_AGE = original
    assert page.status_code == 400 and "expired" in page.get_data(as_text=True)
    tampered = old[:-3] + ("AAA" if not old.endswith("AAA") else "BBB")
    page = client.post(f"/signin/{tampered}", data={"csrf_token": csrf(client)})
    assert page.status_code == 400


def test_every_route_refuses_anonymous_requests(flask_app: Flask, client: FlaskClient) -> None:
    public = {"auth.signin", "auth.signin_link", "auth.signin_confirm", "static", "healthz"}
    # the digest's decision links carry a signed credential instead of a session
    # (tests/test_web_desk.py: a bad token is refused and changes nothing)
    by_token = {"email.confirm", "email.record", "email.confirm_trial", "email.record_trial"}
    checked = 0
    for rule in flask_app.url_map.iter_rules():
        if rule.endpoint in public:
            continue
        if rule.endpoint in by_token:
            url = re.sub(r"<(?:int:)?(\w+)>", "1", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
                response = client.open(url, method=method, data={})
                assert response.status_code == 400, (url, method)
            continue
        url = re.sub(r"<(?:int:)?(\w+)>", "1", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
            response = client.open(url, method=method, data={})
            if method == "GET":
                assert response.status_code == 302 and "/signin" in response.location, url
            else:
                assert response.status_code in (400, 403), (url, method)
            checked += 1
    assert checked >= 8


def test_post_without_or_with_wrong_csrf_fails(client: FlaskClient, scimon: App) -> None:
    sign_in(client, scimon)
    assert client.post("/papers/1/status", data={"status": "maybe"}).status_code == 400
    bad = client.post("/papers/1/status", data={"status": "maybe", "csrf_token": "nope"})
    assert bad.status_code == 400


def test_workflow_mark_undo_mark_shortlist_export(client: FlaskClient, scimon: App) -> None:
    sign_in(client, scimon)
    queue = client.get("/queue").get_data(as_text=True)
    assert "Robotic gait training" in queue
    assert "Erratum:" not in queue  # notices stay out of the candidates
    # the digest's action link preselects but changes nothing
    page = client.get("/papers/1?action=to_summarize").get_data(as_text=True)
    assert "confirm to mark this paper" in page and 'value="to_summarize" selected' in page
    token = csrf(client, "/papers/1")
    client.post(
        "/papers/1/status",
        data={"status": "to_summarize", "note": "strong RCT", "csrf_token": token},
    )
    page = client.get("/papers/1").get_data(as_text=True)
    assert "To summarize" in page and "strong RCT" in page
    action = re.search(r"/papers/1/undo/(\d+)", page)
    assert action
    client.post(f"/papers/1/undo/{action.group(1)}", data={"csrf_token": token})
    page = client.get("/papers/1").get_data(as_text=True)
    assert 'class="status s-new"' in page and "undone" in page
    assert "Robotic gait" not in client.get("/shortlist").get_data(as_text=True)
    client.post("/papers/1/status", data={"status": "to_summarize", "csrf_token": token})
    shortlist = client.get("/shortlist").get_data(as_text=True)
    assert "Robotic gait" in shortlist
    assert "To summarize" in shortlist  # the queue's and paper page's label, not the key
    assert "1 paper to summarize or in progress" in shortlist  # not "1 papers" (count_of)
    md = client.get("/export?format=md&status=to_summarize")
    text = md.get_data(as_text=True)
    assert md.headers["Content-Disposition"].endswith('.md"')
    assert "## Robotic gait training" in text and "**Participants:** 64 adults" in text
    assert "**Study duration:** 12 weeks" in text
    assert "### Key findings" in text and "- \u201cTraining improved walking.\u201d" in text
    data = client.get("/export?format=json&status=to_summarize").get_json()
    assert data[0]["evidence_level"] == "Level 2: individual RCT"
    assert data[0]["doi"] == "10.1038/s41393-026-00900-1"
    # the paper got an erratum before it was marked: the watch flags it on the next triage
    triage_new(scimon)
    # decided, so out of the "to decide" view; the full queue shows the flag
    assert "erratum published" in client.get("/queue?show=all").get_data(as_text=True)


def test_a_topic_the_rules_no_longer_name_shows_in_words(client: FlaskClient, scimon: App) -> None:
    """One topic-label function: a retired topic id reads as words, as when rules fail."""
    with scimon.sessions() as session, session.begin():
        session.execute(
            update(PaperTriage).where(PaperTriage.paper_id == 1).values(topics=["retired_topic"])
        )
    sign_in(client, scimon)
    page = client.get("/papers/1").get_data(as_text=True)
    assert "retired topic" in page and "retired_topic" not in page


def test_titles_with_html_are_escaped(client: FlaskClient, scimon: App) -> None:
    sign_in(client, scimon)
    queue = client.get("/queue").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in queue and "&lt;script&gt;" in queue
    page = client.get("/papers/2").get_data(as_text=True)
    assert "<script>alert(1)" not in page


def test_security_headers_and_cookie_flags(client: FlaskClient, scimon: App) -> None:
    response = client.get("/signin")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_name_an_icon_so_browsers_do_not_ask_for_a_missing_favicon(
    client: FlaskClient, scimon: App
) -> None:
    """Smoke test, session 17: Chromium requested /favicon.ico on the first page and logged
    a 404 in its console; an empty data: icon (allowed by img-src) asks for nothing."""
    response = client.get("/signin")
    assert '<link rel="icon" href="data:,">' in response.get_data(as_text=True)
    assert "img-src 'self' data:" in response.headers["Content-Security-Policy"]
    sign_in(client, scimon)
    assert '<link rel="icon" href="data:,">' in client.get("/queue").get_data(as_text=True)


def test_filters_and_paging(client: FlaskClient, scimon: App) -> None:
    sign_in(client, scimon)
    rct = client.get("/queue?design=rct").get_data(as_text=True)
    assert "Robotic gait" in rct and "Bladder &lt;script" not in rct
    topic = client.get("/queue?topic=bladder_bowel_sexual").get_data(as_text=True)
    assert "Bladder &lt;script" in topic and "Robotic gait" not in topic
    bad = client.get("/queue?week=nonsense")
    assert bad.status_code == 400  # the queue itself, saying why, in the app's style
    page = bad.get_data(as_text=True)
    assert "Candidate queue" in page and "not an ISO week" in page and 'role="alert"' in page
    assert client.get("/queue?week=2025-W53").status_code == 400  # 2025 has 52 weeks
    this_week = iso_week(today())
    assert f'placeholder="{this_week}"' in client.get("/queue").get_data(as_text=True)
    # a week typed without its year, or in lower case, is this year's week
    short = client.get(f"/queue?week=W{int(this_week[-2:])}")
    assert short.status_code == 200 and f'value="{this_week}"' in short.get_data(as_text=True)
    assert client.get(f"/queue?week={this_week.lower()}").status_code == 200


@pytest.mark.parametrize(
    "source", ["test", "pubmed", "pubmed:test", "PubMed (test)", " pubmed : test "]
)
def test_the_source_filter_takes_every_form_scimon_shows(
    client: FlaskClient, scimon: App, source: str
) -> None:
    """The digest prints "pubmed:sci" and "PubMed (sci)"; the filter took only "sci"/"pubmed"."""
    sign_in(client, scimon)
    page = client.get("/queue", query_string={"source": source}).get_data(as_text=True)
    assert "Robotic gait" in page, source
    for other in ("feed:test", "pubmed:other", "the test journal feed"):
        page = client.get("/queue", query_string={"source": other}).get_data(as_text=True)
        assert "Robotic gait" not in page, other


def test_queue_section_filter_agrees_with_digest_sections(client: FlaskClient, scimon: App) -> None:
    """The digest's "N more" link lands on /queue?section=: both must place every
    design x population alike (an animal case report was Preclinical in the email,
    Human in the app)."""
    combos = [(d, p) for d in DESIGNS for p in POPULATIONS]
    pmids = {combo: str(5000 + i) for i, combo in enumerate(combos)}
    ingest_records(
        scimon.sessions,
        [
            make_record(pmid=pmid, source_id=pmid, dois=(f"10.1000/combo.{pmid}",),
                        title=f"Spinal cord injury study {pmid}")
            for pmid in pmids.values()
        ],
    )  # fmt: skip
    triage_new(scimon)
    with scimon.sessions() as session, session.begin():
        ids = {pmid: pid for pid, pmid in session.execute(select(Paper.id, Paper.pmid))}
        for (design, population), pmid in pmids.items():
            session.execute(
                update(PaperTriage)
                .where(PaperTriage.paper_id == ids[pmid])
                .values(design=design, population=population, relevance="core",
                        is_notice=design == "notice")
            )  # fmt: skip
    with scimon.sessions() as session:
        found = candidates(session, datetime(2000, 1, 1, tzinfo=UTC), datetime.now(UTC))
    in_digest = {
        c.id: s.key for s in arrange(found, datetime.now(UTC).date(), 10_000) for c in s.items
    }
    sign_in(client, scimon)
    in_queue: dict[int, str] = {}
    for key, _ in SECTIONS:
        page = client.get(f"/queue?section={key}").get_data(as_text=True)
        assert "page 1 of 1" in page
        for paper_id in map(int, re.findall(r'href="/papers/(\d+)"', page)):
            assert paper_id not in in_queue, f"#{paper_id} in two sections"
            in_queue[paper_id] = key
    placed = {
        combo: (in_digest.get(ids[pmid]), in_queue.get(ids[pmid])) for combo, pmid in pmids.items()
    }
    disagree = {combo: where for combo, where in placed.items() if where[0] != where[1]}
    assert disagree == {}  # (design, population): (digest section, queue section)
    assert in_queue == in_digest  # the fixture's papers too
    assert placed[("case_report", "animal")] == ("preclinical", "preclinical")
    assert all(where == (None, None) for (d, _), where in placed.items() if d == "notice")
    assert sum(where[0] is not None for where in placed.values()) == len(combos) - len(POPULATIONS)


def test_export_helpers() -> None:
    assert find_duration("Participants trained for 6 months.")[0] == "6 months"
    assert find_duration("A 45-year-old man aged 18-65 years.")[0] is None
    assert findings_of("", "BACKGROUND: x.\nCONCLUSIONS: It works.").key_findings == ["It works."]


def test_an_empty_export_says_so_on_stderr(scimon: App, database_url: str) -> None:
    """Smoke test, session 17: ``scimon export`` with nothing marked printed nothing and
    exited 0; stdout stays empty (a pipe gets no stray text), stderr says why."""
    from click.testing import CliRunner

    from monitor.cli import cli

    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(scimon.settings.config_path)}
    result = CliRunner().invoke(cli, ["export", "--status", "in-progress"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "no papers with status in-progress (editors mark them in the review app)"
    )


def test_export_cli(scimon: App, database_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from monitor.cli import cli
    from storage.review import set_status

    with scimon.sessions() as session, session.begin():
        set_status(session, 1, "to_summarize", EDITOR)
    env: dict[str, Any] = {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_CONFIG": str(scimon.settings.config_path),
    }
    result = CliRunner().invoke(
        cli, ["export", "--status", "to-summarize", "--format", "csv"], env=env
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("pmid,pmcid,doi,title,authors")
    assert "Robotic gait training" in result.output


def test_queue_says_likely_and_filters_by_confidence(client: FlaskClient, scimon: App) -> None:
    """Issue 19: a design triage is unsure of reads "likely ... (0.42)" (below [triage]
    likely_below, 0.6 by default), and min_confidence leaves out less sure papers."""
    with scimon.sessions() as session, session.begin():
        session.execute(
            update(PaperTriage).where(PaperTriage.paper_id == 1).values(design_confidence=0.42)
        )
        session.execute(
            update(PaperTriage).where(PaperTriage.paper_id != 1).values(design_confidence=0.9)
        )
    sign_in(client, scimon)
    queue = client.get("/queue").get_data(as_text=True)
    assert "(0.42)" in queue and "likely " in queue
    assert 'name="min_confidence"' in queue
    sure = client.get("/queue?min_confidence=0.5").get_data(as_text=True)
    assert "(0.42)" not in sure
    # not a number in [0, 1]: no filter, not an error
    assert "(0.42)" in client.get("/queue?min_confidence=high").get_data(as_text=True)
    assert "likely " in client.get("/papers/1").get_data(as_text=True)
