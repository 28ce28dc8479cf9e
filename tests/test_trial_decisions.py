"""Editors decide trials as papers (issue 24): status, history, undo, the "to decide" list,
two editors at once, and the export of marked trials."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from monitor.app import App
from monitor.cli import cli
from storage.base import utcnow
from storage.models import TrialAction, TrialStatus
from storage.trial_review import (
    TrialReviewError,
    set_trial_status,
    trial_history,
    trial_rows,
    trial_status_of,
    trials_decided,
    undo_trial_action,
)
from storage.trials import get_trial, upsert_trials
from tests.test_trials_digest import trial
from tests.test_web import EDITOR, write_config

OTHER = "ben@example.org"


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[App]:
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    application = App(env=env)
    earlier = utcnow() - timedelta(days=3)
    with application.sessions() as session, session.begin():
        # two real recorded studies (ClinicalTrials.gov v2) under made-up NCT ids
        upsert_trials(session, [trial("NCT90000011", "NCT04267848")], "trials:ctgov", earlier)
        upsert_trials(session, [trial("NCT90000012", "NCT06171568")], "trials:ctgov")
    yield application
    application.close()


def trial_id(app: App, nct: str) -> int:
    with app.sessions() as session:
        found = get_trial(session, nct)
        assert found is not None
        return found.id


def test_decisions_keep_editor_time_reason_and_undo_goes_back(app: App) -> None:
    tid = trial_id(app, "NCT90000011")
    with app.sessions() as session, session.begin():
        first = set_trial_status(session, tid, "maybe", EDITOR)
        second = set_trial_status(session, tid, "skipped", OTHER, reason="  animal only ")
        second_id = second.id
    with app.sessions() as session:
        assert trial_status_of(session, tid) == "skipped"
        steps = [
            (a.editor, a.from_status, a.to_status, a.reason) for a in trial_history(session, tid)
        ]
        assert steps == [
            (EDITOR, "new", "maybe", None),
            (OTHER, "maybe", "skipped", "animal only"),
        ]
        assert first.created_at is not None and first.created_at <= second.created_at
    with app.sessions() as session, session.begin():
        back = undo_trial_action(session, second_id, EDITOR)
        assert (back.from_status, back.to_status, back.undoes_id) == ("skipped", "maybe", second_id)
    with app.sessions() as session:
        assert trial_status_of(session, tid) == "maybe"
        undone = session.get(TrialAction, second_id)
        assert undone is not None and undone.undone_at is not None
    with app.sessions() as session, session.begin(), pytest.raises(TrialReviewError):
        undo_trial_action(session, second_id, EDITOR)  # an undone change stays undone
    with app.sessions() as session, session.begin(), pytest.raises(TrialReviewError):
        set_trial_status(session, tid, "accepted", EDITOR)
    with app.sessions() as session, session.begin(), pytest.raises(TrialReviewError):
        set_trial_status(session, 999_999, "maybe", EDITOR)


def test_decided_trials_leave_to_decide_and_come_back_on_undo(app: App) -> None:
    older, newer = trial_id(app, "NCT90000011"), trial_id(app, "NCT90000012")
    with app.sessions() as session:
        rows, total = trial_rows(session, to_decide=True)
    assert [r.id for r in rows] == [newer, older] and total == 2  # newest first
    assert rows[0].events and rows[0].events[0][0] in (
        "registered",
        "recruiting",
        "completed",
        "results_posted",
        "terminated",
    )
    with app.sessions() as session, session.begin():
        action_id = set_trial_status(session, newer, "to_summarize", EDITOR).id
    with app.sessions() as session:
        assert [r.id for r in trial_rows(session, to_decide=True)[0]] == [older]
        assert [r.id for r in trial_rows(session, status="to_summarize")[0]] == [newer]
        assert {r.id: r.status for r in trial_rows(session)[0]} == {
            newer: "to_summarize",
            older: "new",
        }
        assert [t.nct_id for t in trials_decided(session, ("to_summarize",))] == ["NCT90000012"]
    with app.sessions() as session, session.begin():
        undo_trial_action(session, action_id, EDITOR)
    with app.sessions() as session:
        assert trial_rows(session, to_decide=True)[1] == 2


def test_two_editors_at_once_both_recorded_in_order(app: App) -> None:
    """Two first decisions on one trial at the same moment: one status row, a chained history."""
    tid = trial_id(app, "NCT90000011")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def decide(editor: str, status: str) -> None:
        try:
            with app.sessions() as session, session.begin():
                barrier.wait(timeout=10)
                set_trial_status(session, tid, status, editor)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [
        threading.Thread(target=decide, args=(EDITOR, "maybe")),
        threading.Thread(target=decide, args=(OTHER, "skipped")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    with app.sessions() as session:
        history = trial_history(session, tid)
        rows = session.scalar(select(func.count()).select_from(TrialStatus))
        final = trial_status_of(session, tid)
    assert rows == 1
    assert len(history) == 2
    first, second = sorted(history, key=lambda a: a.id)
    # the later one saw the earlier one's decision: nothing overwritten unseen
    assert first.from_status == "new" and second.from_status == first.to_status
    assert final == second.to_status


def test_an_empty_trials_export_says_so_on_stderr(
    app: App, database_url: str, tmp_path: Path
) -> None:
    """Smoke test, session 17: ``trials export --status nosuch`` printed nothing at all and
    exited 0, as if it had hung or failed; stdout stays empty, stderr says why."""
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    out = CliRunner().invoke(cli, ["trials", "export", "--status", "nosuch"], env=env)
    assert out.exit_code == 0, out.output
    assert out.stdout == ""
    assert out.stderr.strip() == "no stored trial matches --status nosuch"


def test_export_of_marked_trials(app: App, database_url: str, tmp_path: Path) -> None:
    tid = trial_id(app, "NCT90000012")
    with app.sessions() as session, session.begin():
        set_trial_status(session, tid, "to_summarize", EDITOR)
        set_trial_status(session, trial_id(app, "NCT90000011"), "skipped", EDITOR)
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    run = CliRunner().invoke
    out = run(cli, ["trials", "export", "--decision", "to_summarize", "--format", "json"], env=env)
    assert out.exit_code == 0, out.output
    cards = json.loads(out.output)
    assert [c["nct_id"] for c in cards] == ["NCT90000012"]
    assert cards[0]["decision"] == "to_summarize"
    assert {"condition", "intervention", "phase", "status", "enrollment", "where", "url"} <= set(
        cards[0]
    )
    table = run(cli, ["trials", "export", "--decision", "to_summarize", "--format", "csv"], env=env)
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert [(r["nct_id"], r["decision"]) for r in rows] == [("NCT90000012", "to_summarize")]
    md = run(cli, ["trials", "export", "--decision", "skipped"], env=env).output
    assert "NCT90000011" in md and "**Editors' decision:** skipped" in md
    assert "NCT90000012" not in md
    # without --decision every trial, and no decision column
    plain = run(cli, ["trials", "export", "--format", "csv"], env=env).output
    assert "decision" not in plain.splitlines()[0]
