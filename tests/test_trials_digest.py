"""The digest's Trials section and the Preprint mark, rendered from stored records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.app import App
from monitor.cli import cli
from monitor.digest.send import preview
from monitor.parse.ctgov import parse_study
from monitor.records import TrialRecord
from monitor.triage.run import triage_new
from storage.ingest import ingest_records
from storage.trials import upsert_trials
from tests.ctgov_emulator import recorded_study, variant
from tests.records import make_record
from tests.test_digest import NOW, WEEK, write_config

SEEN = NOW - timedelta(days=2)
RECENT = (NOW - timedelta(days=3)).date()


def trial(nct: str, source: str, **changes: object) -> TrialRecord:
    parsed = parse_study(variant(recorded_study(source), nct))
    assert parsed is not None
    return dataclasses.replace(parsed, **changes)  # type: ignore[arg-type]


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[App]:
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    application = App(env=env)
    yield application
    application.close()


def seed_trials(app: App) -> None:
    before = NOW - timedelta(days=20)
    with app.sessions() as session, session.begin():
        # known for weeks: only this week's changes are news
        upsert_trials(session, [
            trial("NCT90000002", "NCT06171568", overall_status="RECRUITING"),
            trial("NCT90000003", "NCT04267848", overall_status="RECRUITING"),
        ], "trials:ctgov", before)  # fmt: skip
    with app.sessions() as session, session.begin():
        upsert_trials(session, [
            # new this week and recruiting
            trial("NCT90000001", "NCT04267848", overall_status="RECRUITING",
                  first_posted_on=RECENT, last_update_posted_on=RECENT),
            # results posted this week
            trial("NCT90000002", "NCT06171568", overall_status="COMPLETED", has_results=True,
                  results_first_posted_on=RECENT, last_update_posted_on=RECENT),
            # stopped this week
            trial("NCT90000003", "NCT04267848", overall_status="TERMINATED",
                  why_stopped="Slow accrual", last_update_posted_on=RECENT),
            # first seen this week but registered and completed years ago: no news
            trial("NCT90000004", "NCT02210780", first_posted_on=date(2014, 8, 7),
                  last_update_posted_on=date(2020, 5, 7)),
        ], "trials:ctgov", SEEN)  # fmt: skip


def test_digest_has_trials_section_and_marks_preprints(app: App) -> None:
    seed_trials(app)
    ingest_records(app.sessions, [make_record(
        source="europepmc", source_name="europepmc", source_id="PPR/PPR1", pmid=None,
        dois=("10.1101/2026.11.01.123456",), journal="bioRxiv", extra={"is_preprint": "1"},
        title="Epidural stimulation restores stepping after spinal cord injury in rats",
        abstract="Rats with spinal cord injury received epidural stimulation.",
    )], now=SEEN)  # fmt: skip
    triage_new(app)
    digest = preview(app, WEEK, now=NOW)
    text = digest.text
    trials = text[text.index("== Trials ==") :]
    recruiting = trials[
        trials.index("-- New SCI trials recruiting --") : trials.index("-- Results")
    ]
    results = trials[trials.index("-- Results posted --") : trials.index("-- Ended early --")]
    ended = trials[trials.index("-- Ended early --") :]
    assert "(NCT90000001)" in recruiting and "now recruiting" in recruiting
    assert "Phase 3 | recruiting | 1,210 (estimated) participants" in recruiting
    assert "Where: 1148 sites in United States, Guam" in recruiting
    assert "Registry: https://clinicaltrials.gov/study/NCT90000001" in recruiting
    assert "(NCT90000002)" in results and "results posted" in results
    assert "(NCT90000003)" in ended and "Why it stopped: Slow accrual" in ended
    assert "NCT90000004" not in text
    assert "[Preprint] Epidural stimulation restores stepping" in text
    html = digest.html
    assert ">Trials</h2>" in html and "Ended early" in html and ">Preprint</span>" in html
    assert "https://clinicaltrials.gov/study/NCT90000003" in html
    # each trial's title opens its page on the desk, where editors decide it (issue 24)
    base = app.settings.config.digest.base_url.rstrip("/")
    assert f'<a href="{base}/trials/NCT90000003" style=' in html
    assert f"Page: {base}/trials/NCT90000001" in recruiting


def test_trials_export_cards(app: App) -> None:
    seed_trials(app)
    env = {"SCIMON_DATABASE_URL": app.settings.database_url,
           "SCIMON_CONFIG": str(app.settings.config_path)}  # fmt: skip
    result = CliRunner().invoke(cli, ["trials", "export", "--status", "terminated"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.count("## ") == 1
    assert "- **Status:** terminated" in result.output
    assert "- **Why it stopped:** Slow accrual" in result.output
    assert "- **Registry:** https://clinicaltrials.gov/study/NCT90000003" in result.output
    csv_out = CliRunner().invoke(cli, ["trials", "export", "--format", "csv"], env=env).output
    assert csv_out.splitlines()[0].startswith("nct_id,title,condition,intervention,phase")
    assert len(csv_out.strip().splitlines()) >= 5
