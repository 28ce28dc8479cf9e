"""ClinicalTrials.gov trials end to end: emulator over real HTTP -> client -> parser -> storage.

Pages are built from the recorded v2 single-study answers (no recorded search
page exists); nothing is lost or stored twice across pages, faults and an
expired page token, a 400 is a configuration error in the registry's own
words, and the changes editors follow are kept as events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from monitor.app import App
from monitor.cli import cli
from monitor.ingest.run import fetch_trials
from monitor.parse.ctgov import parse_study
from monitor.runtime import today
from storage.models import SourceState, Trial, TrialEvent
from tests.ctgov_emulator import CtgovEmulator, recorded_studies, recorded_study, variant
from tests.emulated_sources import CONFIG_HEAD, count, emulated_app

CONFIG = CONFIG_HEAD + """
[trials]
enabled = true
conditions = ["Spinal Cord Injuries", "Tetraplegia"]
page_size = 7
initial_days = 30
rate = 10
max_attempts = 3
timeout = 5
"""
N = 25


def recent(days: int = 3) -> str:
    return (today() - timedelta(days=days)).isoformat()


@pytest.fixture
def emulator() -> Iterator[CtgovEmulator]:
    real = recorded_studies()
    studies = [variant(real[i % len(real)], f"NCT9{i:07d}", updated=recent()) for i in range(N)]
    # the recorded studies themselves: not SCI, so the query leaves them out
    with CtgovEmulator(studies + real) as emu:
        yield emu


@pytest.fixture
def app(database_url: str, tmp_path: Path, emulator: CtgovEmulator) -> Iterator[App]:
    with emulated_app(
        database_url, tmp_path, CONFIG, {"SCIMON_CTGOV_URL": emulator.url}
    ) as application:
        yield application


def test_recorded_studies_parse() -> None:
    dupilumab = parse_study(recorded_study("NCT02210780"))
    assert dupilumab is not None
    assert dupilumab.has_results and dupilumab.results_first_posted_on is not None
    assert dupilumab.phases == ("PHASE2",) and dupilumab.enrollment == 194
    assert dupilumab.sponsor == "Regeneron Pharmaceuticals" and dupilumab.locations_count == 42
    assert dupilumab.interventions[0] == "DRUG: Dupilumab"
    alchemist = parse_study(recorded_study("NCT04267848"))
    assert alchemist is not None
    assert alchemist.overall_status == "RECRUITING" and alchemist.locations_count == 1148
    assert alchemist.pmids == ("33878954",) and alchemist.dois == ("10.2217/imt-2021-0019",)


def test_first_run_pages_to_the_end(app: App, emulator: CtgovEmulator) -> None:
    report = fetch_trials(app)
    assert report.ok, report.failed
    assert report.stats.new == N and count(app, Trial) == N
    assert count(app, TrialEvent, TrialEvent.kind == "registered") == N
    first = emulator.requests[0]
    assert first["query.cond"] == '"Spinal Cord Injuries" OR Tetraplegia'
    since = (today() - timedelta(days=30)).isoformat()
    assert first["filter.advanced"] == f"AREA[LastUpdatePostDate]RANGE[{since},MAX]"
    assert first["pageSize"] == "7" and first["countTotal"] == "true"
    assert len(emulator.requests) == 4  # 7 + 7 + 7 + 4
    with app.sessions() as session:
        state = session.get(SourceState, "trials:ctgov")
        assert state is not None and state.watermark == today()


@pytest.mark.parametrize("fault", ["429", "503", "truncated", "expired"])
def test_faults_lose_and_duplicate_nothing(app: App, emulator: CtgovEmulator, fault: str) -> None:
    emulator.inject(fault, times=1, after=1)
    report = fetch_trials(app)
    assert report.ok, report.failed
    assert count(app, Trial) == N
    assert count(app, TrialEvent, TrialEvent.kind == "registered") == N
    if fault == "expired":  # paging started again: the first pages came twice
        assert report.stats.new == N and report.stats.duplicates > 0
        assert sum(1 for r in emulator.requests if "pageToken" not in r) == 2


def test_fault_mid_run_keeps_pages_and_next_run_completes(
    app: App, emulator: CtgovEmulator
) -> None:
    emulator.inject("500", times=10, after=2)
    report = fetch_trials(app)
    assert "trials:ctgov" in report.failed
    assert count(app, Trial) == 14, "the two pages stored before the fault stay"
    with app.sessions() as session:
        state = session.get(SourceState, "trials:ctgov")
        assert state is not None and state.watermark is None
    emulator.clear_faults()
    report = fetch_trials(app)
    assert report.ok, report.failed
    assert report.stats.new == N - 14 and report.stats.duplicates == 14
    assert count(app, Trial) == N
    assert count(app, TrialEvent, TrialEvent.kind == "registered") == N


def test_unknown_parameter_is_a_configuration_error(app: App, emulator: CtgovEmulator) -> None:
    emulator.known.discard("query.cond")
    report = fetch_trials(app)
    error = report.failed["trials:ctgov"]
    assert "`query.cond` is unknown parameter" in error
    assert "check [trials] in the configuration" in error
    assert len(emulator.requests) == 1, "a refused query is not retried"
    assert count(app, Trial) == 0


def test_changes_editors_follow_are_events(app: App, emulator: CtgovEmulator) -> None:
    assert fetch_trials(app).ok
    real = recorded_study("NCT02210780")  # has results
    emulator.put(variant(real, "NCT90000001", updated=recent(0), status="TERMINATED"))
    emulator.put(variant(recorded_study("NCT04267848"), "NCT90000002", updated=recent(0),
                         status="RECRUITING"))  # fmt: skip
    report = fetch_trials(app)
    assert report.ok and report.stats.updated >= 1
    with app.sessions() as session:
        kinds = {
            (t.nct_id, e.kind)
            for e, t in session.execute(
                select(TrialEvent, Trial).join(Trial, Trial.id == TrialEvent.trial_id)
            ).all()
        }
        trial = session.scalars(select(Trial).where(Trial.nct_id == "NCT90000001")).one()
        assert trial.overall_status == "TERMINATED"
    assert ("NCT90000001", "terminated") in kinds


def test_fetch_cli_trials(app: App, emulator: CtgovEmulator) -> None:
    env = {"SCIMON_DATABASE_URL": app.settings.database_url, "SCIMON_CTGOV_URL": emulator.url,
           "SCIMON_CONFIG": str(app.settings.config_path)}  # fmt: skip
    result = CliRunner().invoke(cli, ["fetch", "--source", "trials", "--no-triage", "--json"],
                                env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["sources"]["trials:ctgov"]["new"] == N and stats["requests"] == 4


def test_the_demo_emulator_serves_trials_a_first_run_stores(database_url: str, tmp_path: Path) -> None:
    """desk12 (issue 22): the recorded studies the emulator serves are no demo of the
    Trials view: none is an SCI trial, and all but one were last updated before the
    shipped first-run window (``initial_days = 730``), so a first `scimon fetch --source
    trials` against them stored nothing. ``demo_studies`` (``python -m
    tests.ctgov_emulator --demo``, the README's walkthrough) serves each as an SCI trial
    updated in the past weeks, its other dates moved with it; product code is unchanged."""
    import tomllib

    from tests.commands import REPO
    from tests.ctgov_emulator import demo_studies

    shipped = tomllib.loads((REPO / "queries" / "sci.toml").read_text())["trials"]
    start = (today() - timedelta(days=shipped["initial_days"])).isoformat()
    recorded = recorded_studies()
    sci = [c.lower() for c in shipped["conditions"]]

    def taken(study: dict[str, Any]) -> bool:
        status = study["protocolSection"]["statusModule"]
        conditions = study["protocolSection"].get("conditionsModule", {}).get("conditions", [])
        return status["lastUpdatePostDateStruct"]["date"] >= start and any(
            c.lower() in sci for c in conditions
        )

    assert not any(taken(s) for s in recorded)  # why the demo showed no trial
    demo = demo_studies(today())
    assert len(demo) == len(recorded) and all(taken(s) for s in demo)
    for before, after in zip(recorded, demo, strict=True):
        was, now = before["protocolSection"]["statusModule"], after["protocolSection"]["statusModule"]
        assert now["overallStatus"] == was["overallStatus"]
        assert now["studyFirstSubmitDate"] <= now["lastUpdateSubmitDate"] <= today().isoformat()
        assert was["lastUpdatePostDateStruct"]["date"] != now["lastUpdatePostDateStruct"]["date"]
    config = CONFIG_HEAD + (
        f"[trials]\nenabled = true\nconditions = {json.dumps(shipped['conditions'])}\n"
        f"initial_days = {shipped['initial_days']}\n"
    )
    with (
        CtgovEmulator(demo) as emulator,
        emulated_app(database_url, tmp_path, config, {"SCIMON_CTGOV_URL": emulator.url}) as app,
    ):
        report = fetch_trials(app)
        assert report.ok, report.failed
        assert count(app, Trial) == len(recorded)
