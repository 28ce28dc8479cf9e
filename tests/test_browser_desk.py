"""The editor's desk in headless Debian Chromium (issue 21): a week's papers decided by
keyboard alone, a decision from the digest's link while signed out, the layout at 390 px,
and axe-core (WCAG 2.1 A/AA rules) on every page at 1280 and 390 px.

axe-core comes from npm (tests/browser/package.json; `.ci/run` runs `npm ci --prefix
tests/browser`); without it the accessibility test skips and says so.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from monitor.app import App
from monitor.digest.send import build_content, render_for
from monitor.digest.weeks import iso_week
from monitor.runtime import today
from monitor.triage.run import triage_new
from monitor.web import create_app, shutdown
from monitor.web.forms import short_title
from storage.ingest import ingest_records
from storage.migrate import upgrade
from storage.models import EditorAction, Paper
from storage.review import set_status
from tests.records import make_record
from tests.test_browser import CHROMIUM, _free_port
from tests.test_web import EDITOR, seed, sign_in, write_config

AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
pytestmark = pytest.mark.browser

DESIGNS = (
    "a randomized controlled trial of {} in 80 adults",
    "a prospective cohort of 120 people with {}",
    "a systematic review and meta-analysis of {}",
)
SUBJECTS = (
    "bladder management", "neuropathic pain", "gait training", "pressure injuries",
    "spasticity", "bowel care", "sexual health", "autonomic dysreflexia", "exoskeletons",
    "depression", "employment", "respiratory muscle training",
)  # fmt: skip


def week_of_papers(app: App, n: int) -> None:
    """``n`` SCI papers arriving now, beside tests.test_web.seed's three."""
    records = [
        make_record(
            pmid=str(5000 + i),
            source_id=str(5000 + i),
            dois=(f"10.1000/sci.{5000 + i}",),
            title=f"{SUBJECTS[i % len(SUBJECTS)].capitalize()} after spinal cord injury: "
            f"study {i + 1}",
            abstract=f"We report {DESIGNS[i % 3].format(SUBJECTS[i % len(SUBJECTS)])} "
            "with spinal cord injury. CONCLUSIONS: It helped some participants.",
        )
        for i in range(n)
    ]
    ingest_records(app.sessions, records)
    triage_new(app)


@dataclass
class Served:
    base: str
    app: App
    cookie: str  # a signed-in editor's session cookie


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    import waitress

    port = _free_port()
    config = write_config(tmp_path)
    config.write_text(config.read_text().replace("http://localhost", f"http://127.0.0.1:{port}"))
    url = f"sqlite:///{tmp_path / 'web.db'}"
    upgrade(url)
    app = App(
        env={
            "SCIMON_DATABASE_URL": url,
            "SCIMON_CONFIG": str(config),
            "SCIMON_SECRET_KEY": "s" * 32,
            "SCIMON_OUTBOX_DIR": str(tmp_path / "outbox"),
        }
    )
    seed(app)
    week_of_papers(app, 24)
    flask = create_app(app)
    client = flask.test_client()
    sign_in_with_link(client, app, port)
    cookie = client.get_cookie("scimon_session")
    assert cookie is not None
    server = waitress.create_server(flask, host="127.0.0.1", port=port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{port}", app, cookie.value)
    finally:
        server.task_dispatcher.shutdown()
        server.close()
        shutdown(flask)
        app.close()


def sign_in_with_link(client: Any, app: App, port: int) -> None:
    """tests.test_web.sign_in, for links that start with this server's address."""
    import tests.test_web as web

    original = web.request_link

    def request_link(client: Any, outbox: Path, address: str = EDITOR) -> str | None:
        before = set(outbox.glob("*.eml")) if outbox.exists() else set()
        client.post("/signin", data={"email": address, "csrf_token": web.csrf(client)})
        assert client.application.extensions["scimon_mail"].flush(timeout=30)
        (new,) = set(outbox.glob("*.eml")) - before
        import email
        import email.policy

        msg = email.message_from_bytes(new.read_bytes(), policy=email.policy.default)
        body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        match = re.search(rf"http://127\.0\.0\.1:{port}(/signin/\S+)", body)
        assert match
        return match.group(1)

    web.request_link = request_link  # type: ignore[assignment]
    try:
        sign_in(client, app)
    finally:
        web.request_link = original


@pytest.fixture
def chromium() -> Iterator[Any]:
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


def editor_page(chromium: Any, served: Served, width: int = 1280, **options: Any) -> Any:
    context = chromium.new_context(viewport={"width": width, "height": 900}, **options)
    context.add_cookies([{"name": "scimon_session", "value": served.cookie, "url": served.base}])
    return context.new_page()


def decisions(app: App) -> list[EditorAction]:
    with app.sessions() as db:
        rows = list(db.scalars(select(EditorAction).order_by(EditorAction.id)))
        db.expunge_all()
    return rows


def test_a_week_decided_by_keyboard_alone(chromium: Any, served: Served) -> None:
    page = editor_page(chromium, served)
    loads: list[str] = []
    page.goto(f"{served.base}/queue")
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)
    progress = page.locator("#progress").inner_text()
    assert re.match(r"0 of \d+ decided this week", progress), progress
    keys = 0
    order = "ssmxmxsxmxsmxxsmxmsx"  # 20 decisions
    for n, key in enumerate(order, start=1):
        page.keyboard.press(key)
        keys += 1
        page.wait_for_function(
            "n => document.querySelectorAll('tr.row:not([data-status=new])').length === n", arg=n
        )
    page.wait_for_function("() => document.querySelector('.p-decided').textContent === '20'")
    made = decisions(served.app)
    assert len(made) == 20
    wanted = {"s": "to_summarize", "m": "maybe", "x": "skipped"}
    assert [a.to_status for a in made] == [wanted[k] for k in order]
    assert len({a.paper_id for a in made}) == 20  # each keystroke decided the next paper
    assert loads == [], loads  # not one page load per decision
    per_paper = keys / 20
    print(f"\nkeyboard: {keys} keystrokes and {len(loads)} page loads for 20 papers "
          f"({per_paper:.2f} actions per paper)")  # fmt: skip
    assert per_paper <= 1.2
    # u undoes the last decision, in place; k moves back, x decides again
    last_id = made[-1].paper_id
    page.keyboard.press("u")
    page.wait_for_function(f"() => document.getElementById('p-{last_id}').dataset.status === 'new'")
    # the toast says what was undone as the page after a plain form does (fixdesk12: it
    # said "Undone: back to New.", the plain form "Undone: <title>")
    with served.app.sessions() as db:
        undone_title = short_title(db.get(Paper, last_id).title)  # type: ignore[union-attr]
    assert page.locator("#toast .toast-text").inner_text() == f"Undone: {undone_title}"
    page.keyboard.press("x")
    page.wait_for_function(f"() => document.getElementById('p-{last_id}').dataset.status === 'skipped'")
    # ? shows the shortcuts, Escape closes them
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    # a reload shows the to-decide view: the decided papers are gone
    page.reload()
    assert page.locator("tr.row").count() == 24 + 2 - 20  # this week's 24, seed's 2, less 20
    assert page.locator("tr.row[data-status=new]").count() == page.locator("tr.row").count()


def test_decide_from_the_digest_signed_out(chromium: Any, served: Served) -> None:
    content = build_content(served.app, iso_week(today()), datetime.now(UTC), fixed=False)
    html = render_for(served.app, content, EDITOR).html
    links = re.findall(r'href="(http://127\.0\.0\.1:\d+/papers/(\d+)/decide/[^"?]+\?action=maybe)"', html)
    assert links, "no signed decision links in the digest"
    url, paper_id = links[0][0].replace("&amp;", "&"), int(links[0][1])
    page = chromium.new_context(viewport={"width": 390, "height": 800}).new_page()  # no cookie
    page.goto(url)
    assert "/signin" not in page.url
    assert decisions(served.app) == []  # opening the link changed nothing
    page.click("#confirm")
    page.wait_for_selector("text=Done: marked")
    (action,) = decisions(served.app)
    assert (action.paper_id, action.to_status, action.editor) == (paper_id, "maybe", EDITOR)
    page.goto(url)  # the same link later: the status, not the confirm hint
    assert "Already marked" in page.content() and page.locator("#confirm").count() == 0
    page.goto(f"{served.base}/queue")
    assert "/signin" in page.url  # the link signed no one in


def pages_to_check(served: Served, paper_id: int, decide_url: str) -> dict[str, str]:
    return {
        "queue": f"{served.base}/queue",
        "queue (all)": f"{served.base}/queue?show=all",
        "paper": f"{served.base}/papers/{paper_id}?action=to_summarize",
        "shortlist": f"{served.base}/shortlist",
        "email confirm": decide_url,
        "sign-in": f"{served.base}/signin",
    }


def test_layout_and_accessibility_at_1280_and_390(chromium: Any, served: Served, tmp_path: Path) -> None:
    if not AXE.exists():
        pytest.skip(
            f"axe-core not installed at {AXE}: run `npm ci --prefix tests/browser` (.ci/run does)"
        )
    # one paper of each decided status, so their pills are on the pages checked
    with served.app.sessions() as db, db.begin():
        for paper_id, status in ((1, "to_summarize"), (2, "skipped"), (4, "maybe"), (5, "in_progress"), (6, "summarized")):
            set_status(db, paper_id, status, EDITOR, reason="not SCI" if status == "skipped" else None)
    content = build_content(served.app, iso_week(today()), datetime.now(UTC), fixed=False)
    digest = render_for(served.app, content, EDITOR).html
    decide = re.search(r'href="(http://127\.0\.0\.1:\d+/papers/(\d+)/decide/[^"]+)"', digest)
    assert decide
    (tmp_path / "digest.html").write_text(digest, encoding="utf-8")
    targets = pages_to_check(served, int(decide.group(2)), decide.group(1).replace("&amp;", "&"))
    targets["digest email"] = (tmp_path / "digest.html").as_uri()
    results: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for width in WIDTHS:
        # bypass_csp: the app's CSP (rightly) refuses the injected axe script
        page = editor_page(chromium, served, width, bypass_csp=True)
        for name, url in targets.items():
            if name in ("email confirm", "sign-in"):
                page.context.clear_cookies()  # these are seen signed out
            page.goto(url)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => {
                  const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                  return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.html.slice(0, 120) + ' ' + n.failureSummary.slice(0, 160))}));
                }"""
            )
            results.setdefault(name, {})[width] = violations
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
            if width == 390 and not url.startswith("file:"):
                # a checkbox inside its label is tapped by the label (desk20: the Likely
                # filter's box, a bare 44 px square above its words, now sits beside them)
                small = page.evaluate(
                    """() => [...document.querySelectorAll('main button, main select, main input:not([type=hidden]), header a, header button, .pages a')]
                      .filter(e => e.offsetParent !== null)
                      .map(e => [e.outerHTML.slice(0, 80), ((e.type === 'checkbox' && e.closest('label')) || e).getBoundingClientRect().height])
                      .filter(([_, h]) => h < 44)"""
                )
                assert small == [], f"{name}: tap targets under 44 px: {small[:5]}"
            if name in ("email confirm", "sign-in"):
                page.context.add_cookies(
                    [{"name": "scimon_session", "value": served.cookie, "url": served.base}]
                )
        if width == 390:  # the check can fail: a low-contrast line is reported
            page.evaluate(
                "document.body.insertAdjacentHTML('beforeend', "
                "'<p style=\"color:#bbb;background:#fff\">faint</p>')"
            )
            found = page.evaluate(
                "async () => (await axe.run(document, {runOnly: ['color-contrast']})).violations.length"
            )
            assert found == 1
        page.context.close()
    print("\naxe-core (WCAG 2.1 A/AA rules): violations per page and width")
    for name, by_width in results.items():
        for width, violations in by_width.items():
            summary = ", ".join(f"{v['id']} ({v['impact']}, {v['nodes']})" for v in violations)
            print(f"  {name:<14} {width:>4} px: {len(violations)} {summary}")
    grave = {
        (name, width): [v for v in vs if v["impact"] in ("serious", "critical")]
        for name, by_width in results.items()
        for width, vs in by_width.items()
    }
    assert all(not vs for vs in grave.values()), json.dumps(
        {f"{k[0]}@{k[1]}": v for k, v in grave.items() if v}, indent=1
    )


LONG_TITLE = (
    "Effectiveness of a web-based transfer training programme for wheelchair users "
    "with spinal cord injury: a randomized controlled trial"
)


def add_paper(app: App, **fields: Any) -> int:
    """One more stored, triaged paper (beside the served week); its id."""
    from storage.models import Paper

    record = make_record(pmid="990001", source_id="990001", dois=("10.1016/j.apmr.2026.01.001",), **fields)
    ingest_records(app.sessions, [record])
    triage_new(app)
    with app.sessions() as db:
        return int(db.scalars(select(Paper.id).where(Paper.pmid == "990001")).one())


def test_paper_page_links_beside_a_journal_name_are_underlined(chromium: Any, served: Served) -> None:
    """Smoke test, session 18 (smoke19): on a paper page the doi: and PubMed links sit in
    a grey line after the journal's name, told apart by colour alone; with a journal name
    as long as "Archives of physical medicine and rehabilitation" axe-core reported
    link-in-text-block (serious) at every width. (The test paper's short "Spinal Cord"
    made the links most of the line, which axe does not count as text.)"""
    if not AXE.exists():
        pytest.skip(f"axe-core not installed at {AXE}: run `npm ci --prefix tests/browser`")
    paper_id = add_paper(served.app, journal="Archives of physical medicine and rehabilitation")
    for width in (375, 1280):
        page = editor_page(chromium, served, width, bypass_csp=True)
        page.goto(f"{served.base}/papers/{paper_id}")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            "async () => (await axe.run(document, {runOnly: ['link-in-text-block']}))"
            ".violations.map(v => v.nodes.map(n => n.target.join(' ')))"
        )
        assert found == [], f"{width} px: {found}"
        decorations = page.eval_on_selector_all(
            "main p.meta a", "els => els.map(e => getComputedStyle(e).textDecorationLine)"
        )
        assert decorations == ["underline", "underline"], decorations
        page.context.close()


def test_a_long_title_is_shortened_at_a_word_in_the_toast(chromium: Any, served: Served) -> None:
    """Smoke test, session 18 (smoke19): "Marked Maybe: Testing the Addition of a Type of
    Drug Called Immunotherapy to the Usu": the toast cut a long title at 70 characters
    (desk.js) or 80 (the page after a decision without JavaScript), inside a word and with
    no sign that anything was left out."""
    paper_id = add_paper(served.app, title=LONG_TITLE)
    page = editor_page(chromium, served, 375)
    page.goto(f"{served.base}/queue?show=all")
    page.click(f"#p-{paper_id} button.d-maybe")
    page.wait_for_function(f"() => document.getElementById('p-{paper_id}').dataset.status === 'maybe'")
    shown = page.locator("#toast .toast-text").inner_text()
    assert shown.startswith("Marked Maybe: Effectiveness of a web-based"), shown
    assert shown.endswith("…"), shown
    kept = shown.removeprefix("Marked Maybe: ").removesuffix("…")
    assert LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " ", shown
    # the same decision from the paper page without JavaScript: the server's toast
    page.context.close()
    page = editor_page(chromium, served, 375, java_script_enabled=False)
    page.goto(f"{served.base}/papers/{paper_id}")
    page.click("form.decide button.d-skipped")
    shown = page.locator("#toast .toast-text").inner_text()
    assert shown.endswith("…"), shown
    kept = shown.split(": ", 1)[1].removesuffix("…")
    assert LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " ", shown


def test_a_triage_correction_by_keyboard_lands_back_at_the_corrections(
    chromium: Any, served: Served
) -> None:
    """Smoke test, session 18 (smoke19): on a phone the "Correct the triage" forms are
    screens below the top of the paper page; after a correction the page came back at its
    top, so the editor saw neither the changed choice nor "corrected by an editor"
    (saving categories already came back at #categories)."""
    page = editor_page(chromium, served, 375)
    page.goto(f"{served.base}/papers/1")
    page.focus("#triage-corrections select[name=value]")
    before = page.eval_on_selector("#triage-corrections select[name=value]", "e => e.value")
    page.keyboard.press("ArrowDown")
    after = page.eval_on_selector("#triage-corrections select[name=value]", "e => e.value")
    assert after != before
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/papers/1#triage-corrections"), page.url
    box = page.locator("#triage-corrections").bounding_box()
    assert box is not None and 0 <= box["y"] < 812, box  # in view, not screens below
    assert page.locator("#triage-corrections").get_by_text("corrected by an editor").count() == 1




def test_the_shortcuts_dialog_keeps_the_keyboard_until_closed(chromium: Any, served: Served) -> None:
    """Smoke test, session 18 (smoke19): the keyboard-shortcuts help is a modal dialog
    (aria-modal, the page dimmed behind it), yet Tab walked out of it to links hidden under
    the overlay; closed on a list with no row (the Trials view before any fetch), focus fell
    to the page's start instead of the control the editor was on."""
    page = editor_page(chromium, served, 1280)
    for url in (f"{served.base}/queue", f"{served.base}/trials"):
        page.goto(url)
        page.focus("#help-open")
        page.keyboard.press("?")
        assert page.locator("#help").is_visible()
        for key in ("Tab", "Tab", "Shift+Tab"):
            page.keyboard.press(key)
            inside = page.evaluate("() => document.getElementById('help').contains(document.activeElement)")
            assert inside, (url, key, page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
        page.keyboard.press("Escape")
        assert not page.locator("#help").is_visible()
        back = page.evaluate("() => [document.activeElement.id, !!document.activeElement.closest('tr.row')]")
        if url.endswith("/trials"):
            assert back == ["help-open", False], back  # no trial: back where it was
        else:
            assert back[1], back  # the queue: back on the current row


def test_the_shortlist_downloads_hold_the_papers_it_lists(served: Served) -> None:
    """Review of smoke19 (fixs19): the Shortlist lists the papers "to summarize or in
    progress", but each "Download briefs" button exported only those to summarize: a paper a
    writer had started (in progress) was on the page and in no download. Real HTTP to the
    served app, every format."""
    import csv
    import html
    import io
    import json as json_module

    import httpx

    with served.app.sessions() as db, db.begin():
        set_status(db, 1, "to_summarize", EDITOR)
        set_status(db, 2, "in_progress", EDITOR)
    cookies = {"scimon_session": served.cookie}
    with httpx.Client(base_url=served.base, cookies=cookies) as http:
        page = http.get("/shortlist").text
        listed = re.findall(r'<h2><a href="/papers/\d+">([^<]+)</a></h2>', page)
        assert len(listed) == 2, page
        links = [html.unescape(h) for h in re.findall(r'class="button" href="([^"]+)"', page)]
        assert len(links) == 6, links
        for link in links:
            answer = http.get(link)
            assert answer.status_code == 200, link
            if "format=json" in link:
                titles = [item["title"] for item in json_module.loads(answer.text)]
                assert sorted(titles) == sorted(html.unescape(t) for t in listed), link
            elif "format=csv" in link:
                rows = list(csv.DictReader(io.StringIO(answer.text)))
                plain = sorted(re.sub(r"<[^>]*>", "", html.unescape(t)) for t in listed)
                assert sorted(r["title"] for r in rows) == plain, link  # tags dropped


def tabs_to(page: Any, selector: str, limit: int = 60) -> int:
    """How many presses of Tab from the page's start focus ``selector`` (``limit`` + 1: never)."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return n
    return limit + 1


def test_the_paper_page_puts_deciding_first_with_the_queue_shortcuts(chromium: Any, served: Served) -> None:
    """desk12 (issues 12, 22): on the paper page Summarize / Maybe / Skip came after the
    doi and PubMed links and every category checkbox (31 tab stops from the page's start,
    screens down on a phone), and `?` did nothing there (no shortcuts dialog)."""
    if not AXE.exists():
        pytest.skip(f"axe-core not installed at {AXE}: run `npm ci --prefix tests/browser`")
    for width in (375, 1280):
        page = editor_page(chromium, served, width, bypass_csp=True)
        page.goto(f"{served.base}/papers/1")
        # six header stops (skip link, scimon, Queue, Trials, Shortlist, Sign out), then deciding
        assert tabs_to(page, "form.decide button.d-to_summarize") == 7, width
        # the skip link lands on the decision: Enter, then one Tab
        page.goto(f"{served.base}/papers/1")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.matches('button.d-to_summarize')"), width
        # seen first: the buttons are on the first screen, above the categories
        button = page.locator("form.decide button.d-to_summarize").bounding_box()
        categories = page.locator("#categories").bounding_box()
        # (a phone's first screen is 667 px tall (iPhone SE), not the test window's 900)
        screen = 667 if width < 720 else 900
        assert button and categories and button["y"] + button["height"] <= screen, (width, button)
        assert button["y"] < categories["y"], (width, button, categories)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async () => (await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id + ': ' + v.nodes.map(n => n.html.slice(0, 80)).join(' | '))"""
        )
        assert found == [], (width, found)
        # with the script, the shortcuts button shows at desktop widths (served hidden)
        assert page.locator("#help-open").is_visible() == (width > 720), width
        # ? opens the queue's shortcuts dialog, with only the keys a paper page has
        page.focus("form.decide button.d-maybe")
        page.keyboard.press("?")
        assert page.locator("#help").is_visible(), width
        shown = page.locator("#help dl").inner_text()
        assert "Summarize" in shown and "undo" in shown and "next / previous" not in shown, shown
        page.keyboard.press("Escape")
        assert not page.locator("#help").is_visible()
        assert page.evaluate("() => document.activeElement.matches('button.d-maybe')")
        page.context.close()


def test_categories_are_still_corrected_from_the_folded_group(chromium: Any, served: Served) -> None:
    """desk12: the categories fold into one group below the decision; opened (by keyboard),
    a box ticked and saved, the page comes back at the categories, open, with the change."""
    page = editor_page(chromium, served, 375)
    page.goto(f"{served.base}/papers/1")
    boxes = page.locator("#categories input[type=checkbox]")
    assert not boxes.first.is_visible()  # folded: not 22 tab stops before the rest
    page.focus("#categories summary")
    page.keyboard.press("Enter")
    assert boxes.first.is_visible()
    was = boxes.first.is_checked()
    boxes.first.focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.click("#save-categories")
    assert page.url.endswith("/papers/1?saved=categories#categories"), page.url
    assert page.locator("#categories input[type=checkbox]").first.is_visible()  # open again
    assert page.locator("#categories input[type=checkbox]").first.is_checked() != was
    assert "corrected by an editor" in page.locator("#categories").inner_text()


def test_u_on_the_next_papers_page_goes_back_to_the_undone_paper(chromium: Any, served: Served) -> None:
    """fixdesk12: desk12's undo back to the undone paper was tested without a browser; here
    by keyboard, as an editor does it: s on a paper's page goes on to the next paper, whose
    toast offers Undo; u there comes back to the undone paper, new again, saying so."""
    page = editor_page(chromium, served)
    page.goto(f"{served.base}/papers/1")
    with page.expect_navigation():
        page.keyboard.press("s")
    assert "/papers/1?" not in page.url and "done=" in page.url, page.url
    assert page.locator("#toast .toast-undo").is_visible()
    with page.expect_navigation():
        page.keyboard.press("u")
    assert re.search(r"/papers/1\?done=\d+$", page.url), page.url
    with served.app.sessions() as db:
        title = short_title(db.get(Paper, 1).title)  # type: ignore[union-attr]
    assert page.locator("#toast .toast-text").inner_text() == f"Undone: {title}"
    assert page.locator("#toast .toast-undo").count() == 0  # an undo is not undone again
    made = [a for a in decisions(served.app) if a.paper_id == 1]
    assert made[-1].to_status == "new" and made[-1].undoes_id == made[-2].id, made  # new again
    page.context.close()


def decide_all_but(app: App, keep: int) -> None:
    """Every paper to decide but ``keep`` decided (Maybe), straight in the store."""
    from storage.review import QueueFilters
    from storage.review import queue as queue_rows

    with app.sessions() as db, db.begin():
        rows, _ = queue_rows(db, QueueFilters(to_decide=True), per_page=500)
        for row in rows:
            if row.id != keep:
                set_status(db, row.id, "maybe", EDITOR)


def test_u_after_the_last_paper_goes_back_to_the_undone_paper(chromium: Any, served: Served) -> None:
    """desk20 (issue 22): decided on its page, the last paper to decide gives way to the
    (empty) queue, whose toast offers Undo; undone, the editor stayed on the queue, the
    undone paper out of sight, where after any other paper Undo goes back to it."""
    decide_all_but(served.app, 1)
    page = editor_page(chromium, served, 390, has_touch=True, is_mobile=True)
    page.goto(f"{served.base}/papers/1")
    with page.expect_navigation():
        page.tap("form.decide button.d-to_summarize")
    assert "/queue?" in page.url and "done=" in page.url, page.url
    assert "Nothing left to decide" in page.locator("#queue").inner_text()
    with page.expect_navigation():
        page.tap("#toast .toast-undo")
    assert re.search(r"/papers/1\?done=\d+$", page.url), page.url
    with served.app.sessions() as db:
        title = short_title(db.get(Paper, 1).title)  # type: ignore[union-attr]
    assert page.locator("#toast .toast-text").inner_text() == f"Undone: {title}"
    # by keyboard at a desk, the same: s on the last paper, u on the queue
    page.context.close()
    page = editor_page(chromium, served)
    page.goto(f"{served.base}/papers/1")
    with page.expect_navigation():
        page.keyboard.press("s")
    assert "/queue?" in page.url, page.url
    with page.expect_navigation():
        page.keyboard.press("u")
    assert re.search(r"/papers/1\?done=\d+$", page.url), page.url
    page.context.close()


UNDER_TOAST = """row => [...row.querySelectorAll('button, select')].filter(e => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(hit && e.contains(hit));
  }).map(e => e.outerHTML.slice(0, 60))"""


def test_on_a_phone_the_toast_leaves_the_next_paper_to_tap(chromium: Any, served: Served) -> None:
    """desk20 (walking the desk at 390x844, touch): a decision tapped on a queue card moved
    to the next card, scrolled just into view at the screen's foot, where the toast ("Marked
    ...: <title>", Undo) lay over its Summarize and Skip buttons and its Skip reason; the
    toast, centred by a shift of half its width, was also squeezed to half the screen (six
    lines for one title). Each next card is now clear of the toast, which spans the screen."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.add_cookies([{"name": "scimon_session", "value": served.cookie, "url": served.base}])
    page = context.new_page()
    page.goto(f"{served.base}/queue")
    for n in range(4):
        rows = page.locator("tr.row[data-status=new]")
        row = rows.first
        row.locator("button.d-maybe").tap()
        page.wait_for_function(
            "n => document.querySelectorAll('tr.row:not([data-status=new])').length === n", arg=n + 1
        )
        page.wait_for_timeout(100)  # the scroll after the answer
        current = page.locator("tr.row.current")
        covered = current.evaluate(UNDER_TOAST)
        assert covered == [], (n, covered)
    toast = page.locator("#toast").bounding_box()
    assert toast and toast["width"] >= 390 - 24 - 1, toast
    assert toast["height"] <= 110, toast  # three lines at most, not six
    context.close()


def test_on_a_phone_the_paper_links_are_tap_targets(chromium: Any, served: Served) -> None:
    """desk20 (walking the desk at 390 px): "Read it: doi:... · PubMed ..." on the paper page
    are the links an editor opens the paper by, 15 px tall on a phone (the queue's links and
    buttons are 44 px); the links to its erratum and its trials, 18 px."""
    page = editor_page(chromium, served, 390, has_touch=True, is_mobile=True)
    page.goto(f"{served.base}/papers/1")
    heights = page.eval_on_selector_all(
        "p.read-links a", "els => els.map(e => Math.round(e.getBoundingClientRect().height))"
    )
    assert len(heights) == 2 and min(heights) >= 44, heights
    # and the links to its erratum (other versions, registered trials): 18 px
    heights = page.eval_on_selector_all(
        "ul.in-text a", "els => els.map(e => Math.round(e.getBoundingClientRect().height))"
    )
    assert heights and min(heights) >= 44, heights
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.context.close()


def test_by_keyboard_the_next_papers_page_keeps_focus_on_deciding(chromium: Any, served: Served) -> None:
    """desk20 (walking the desk at 1280 px by keyboard): Tab to Skip on a paper's page and
    Enter went on to the next paper with the focus at the page's start: seven Tabs back to
    the buttons for every paper (the queue keeps the focus on the next row). The focus now
    comes back to the button pressed, and after an undo to the undone paper's Summarize."""
    page = editor_page(chromium, served)
    page.goto(f"{served.base}/papers/1")
    page.focus("form.decide button.d-skipped")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/papers/1?" not in page.url and "done=" in page.url, page.url
    assert page.evaluate("() => document.activeElement.matches('form.decide button.d-skipped')")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # and the next: one key per paper
    assert page.evaluate("() => document.activeElement.matches('form.decide button.d-skipped')")
    with page.expect_navigation():
        page.keyboard.press("u")
    assert "Undone" in page.locator("#toast").inner_text()
    assert page.evaluate("() => document.activeElement.matches('form.decide button.d-to_summarize')")
    page.context.close()


def test_the_queue_keeps_a_row_to_one_line_of_buttons_and_the_checkbox_by_its_label(
    chromium: Any, served: Served
) -> None:
    """desk20 (walking the desk at 1280 and 390 px): at 1280 the queue's Decide column
    wrapped Skip under Summarize and Maybe (the column is as narrow as its Skip reason), so
    each row took three button heights and a screen showed three papers; the filters'
    "Likely to summarize" box sat above its words (at 390 a bare 44 px square)."""
    for width in (1280, 390):
        page = editor_page(chromium, served, width, has_touch=width < 720)
        page.goto(f"{served.base}/queue")
        tops = page.eval_on_selector_all(
            "tr.row >> nth=0 >> form.decide button[value]",
            "els => els.map(e => Math.round(e.getBoundingClientRect().top))",
        )
        assert len(tops) == 3 and len(set(tops)) == 1, (width, tops)
        if width < 720:
            page.click("#filter-box summary")
        box = page.locator("#f-likely").bounding_box()
        label = page.locator("label[for=f-likely]").bounding_box()
        assert box and label, width
        assert box["width"] <= 30 and box["height"] <= 30, (width, box)
        assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) <= 4, (width, box, label)
        assert label["height"] >= (44 if width < 720 else 36), (width, label)
        page.context.close()


def test_by_tab_the_focused_control_is_never_under_the_toast(chromium: Any, served: Served) -> None:
    """fixdesk20 (review of desk20): desk20 scrolled a row clear of the toast when desk.js
    moved to it (j, k, a decision), but Tab is the browser's own scroll: at 1280 px the
    focused Summarize, Maybe or Skip of a row at the window's foot lay under the toast
    (its centre hit the toast), so a keyboard editor could not see what Enter would press."""
    page = editor_page(chromium, served)
    page.goto(f"{served.base}/queue")
    page.keyboard.press("m")  # a decision: the toast shows, the focus is on the next row
    page.wait_for_function("() => document.getElementById('toast').classList.contains('show')")
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        covered = page.evaluate(
            """() => {
              const e = document.activeElement, t = document.getElementById('toast');
              if (!e || t.contains(e)) return null;
              const r = e.getBoundingClientRect(), b = t.getBoundingClientRect();
              const over = r.bottom > b.top && r.top < b.bottom && r.right > b.left && r.left < b.right;
              return over ? e.outerHTML.slice(0, 60) : null;
            }"""
        )
        if covered:
            hidden.append(covered)
    assert hidden == [], hidden[:5]
    page.context.close()
