"""Trials on the editor's desk in headless Debian Chromium (issue 24): trials decided by
keyboard alone from the Trials view (desk.js, no page load), undo, the trial page's keys,
and axe-core (WCAG 2.1 A/AA rules) with the layout checks of the paper pages at 1280 and
390 px.  Fixtures come from tests/test_browser_desk.py (the served app, Chromium)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from monitor.parse.ctgov import parse_study
from storage.models import TrialAction
from storage.trials import upsert_trials
from tests.ctgov_emulator import recorded_studies, variant
from tests.test_browser_desk import (  # noqa: F401 - fixtures
    AXE,
    WIDTHS,
    Served,
    chromium,
    editor_page,
    served,
)
from tests.test_web import EDITOR

pytestmark = pytest.mark.browser
TRIALS = 6


def store_trials(app_served: Served, n: int = TRIALS) -> None:
    """``n`` trials made from the recorded ClinicalTrials.gov studies (new NCT ids)."""
    studies = recorded_studies()
    records = []
    for i in range(n):
        record = parse_study(variant(studies[i % len(studies)], f"NCT9200{i:04d}"))
        assert record is not None
        records.append(record)
    with app_served.app.sessions() as session, session.begin():
        upsert_trials(session, records, "trials:ctgov")


def trial_actions(app_served: Served) -> list[TrialAction]:
    with app_served.app.sessions() as db:
        rows = list(db.scalars(select(TrialAction).order_by(TrialAction.id)))
        db.expunge_all()
    return rows


def test_trials_decided_by_keyboard_then_undone(chromium: Any, served: Served) -> None:  # noqa: F811
    store_trials(served)
    page = editor_page(chromium, served)
    page.goto(f"{served.base}/trials")
    loads: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: loads.append(frame.url) if frame == page.main_frame else None,
    )
    assert page.locator("tr.row").count() == TRIALS
    order = "smxs"
    for n, key in enumerate(order, start=1):
        page.keyboard.press(key)
        page.wait_for_function(
            "n => document.querySelectorAll('tr.row:not([data-status=new])').length === n", arg=n
        )
    made = trial_actions(served)
    wanted = {"s": "to_summarize", "m": "maybe", "x": "skipped"}
    assert [a.to_status for a in made] == [wanted[k] for k in order]
    assert len({a.trial_id for a in made}) == len(order)  # each key decided the next trial
    assert {a.editor for a in made} == {EDITOR}
    assert loads == [], loads
    last = made[-1].trial_id
    page.keyboard.press("u")
    page.wait_for_function(f"() => document.getElementById('t-{last}').dataset.status === 'new'")
    assert "Undone" in page.locator("#toast").inner_text()
    page.reload()  # decided trials have left "to decide"
    assert page.locator("tr.row").count() == TRIALS - len(order) + 1
    # the trial page: s decides and goes on to the next trial to decide on
    first = page.locator("tr.row a.title").first
    page.goto(served.base + str(first.get_attribute("href")))
    before = page.url
    page.keyboard.press("s")
    page.wait_for_url(re.compile(r".*/trials/NCT\d{8}\?done=\d+"))
    assert page.url != before and "Marked" in page.locator("#toast").inner_text()


def test_trial_pages_layout_and_accessibility(chromium: Any, served: Served) -> None:  # noqa: F811
    if not AXE.exists():
        pytest.skip(f"axe-core not installed at {AXE}: run `npm ci --prefix tests/browser`")
    store_trials(served, 3)
    targets = {
        "trials": f"{served.base}/trials",
        "trials (all)": f"{served.base}/trials?show=all",
        "trial": f"{served.base}/trials/NCT92000000",
    }
    grave: dict[str, list[Any]] = {}
    for width in WIDTHS:
        page = editor_page(chromium, served, width, bypass_csp=True)
        for name, url in targets.items():
            page.goto(url)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
                    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"""
            )
            bad = [v for v in violations if v["impact"] in ("serious", "critical")]
            if bad:
                grave[f"{name}@{width}"] = bad
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
            if width == 390:
                small = page.evaluate(
                    """() => [...document.querySelectorAll('main button, main select, main input:not([type=hidden]), header a, header button, .pages a')]
                      .filter(e => e.offsetParent !== null)
                      .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])
                      .filter(([_, h]) => h < 44)"""
                )
                assert small == [], f"{name}: tap targets under 44 px: {small[:5]}"
        page.context.close()
    assert grave == {}, grave


def test_the_trial_page_puts_deciding_first(chromium: Any, served: Served) -> None:  # noqa: F811
    """desk12 (walking the desk at 375 px): a trial's Summarize / Maybe / Skip came after
    its whole card, a recorded study's interventions alone a screen long, so a phone
    showed no decision button on the first screen; `?` had no dialog there either."""
    from tests.test_browser_desk import tabs_to

    store_trials(served, 1)
    page = editor_page(chromium, served, 375)
    page.goto(f"{served.base}/trials")
    page.click("a.title")
    button = page.locator("form.decide button.d-to_summarize").bounding_box()
    card = page.locator("dl.trial-card").bounding_box()
    assert button and card and button["y"] + button["height"] <= 667, button  # an iPhone SE's screen
    assert button["y"] < card["y"], (button, card)
    # six header stops and the registry record's link, then deciding
    assert tabs_to(page, "form.decide button.d-to_summarize") <= 8
    page.set_viewport_size({"width": 1280, "height": 900})
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "next / previous" not in page.locator("#help dl").inner_text()


def test_u_after_the_last_trial_goes_back_to_the_undone_trial(chromium: Any, served: Served) -> None:  # noqa: F811
    """desk20 (issue 22): the trial page shares the papers' flow: decided on its page, the
    last trial to decide gave way to the Trials view, whose Undo stayed there."""
    store_trials(served, 1)
    page = editor_page(chromium, served)
    page.goto(f"{served.base}/trials/NCT92000000")
    with page.expect_navigation():
        page.keyboard.press("m")
    assert "/trials?" in page.url and "done=" in page.url, page.url
    with page.expect_navigation():
        page.keyboard.press("u")
    assert re.search(r"/trials/NCT92000000\?done=\d+$", page.url), page.url
    assert page.locator("#toast .toast-text").inner_text().startswith("Undone: ")
    assert [a.to_status for a in trial_actions(served)] == ["maybe", "new"]


def test_on_a_phone_the_registry_link_is_a_tap_target(chromium: Any, served: Served) -> None:  # noqa: F811
    """desk20 (walking the desk at 390 px): a trial page's "ClinicalTrials.gov record", the
    link an editor reads the trial by, was 37 px tall on a phone (as the paper page's doi
    and PubMed links were 15 px)."""
    store_trials(served, 1)
    page = editor_page(chromium, served, 390, has_touch=True, is_mobile=True)
    page.goto(f"{served.base}/trials/NCT92000000")
    height = page.eval_on_selector(
        "p.trial-text > a", "e => Math.round(e.getBoundingClientRect().height)"
    )
    assert height >= 44, height
    page.context.close()
