"""Europe PMC preprints end to end: emulator over real HTTP -> client -> parser -> storage.

Served from the recorded Europe PMC answers (../shared/corpus/europepmc):
the cursor chain is followed with Europe PMC's own cursor values and checked
against the recorded single page of the same 1,000 records, and the 24 real
preprints among them are fetched through faults, with nothing lost or stored
twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from monitor.app import App
from monitor.cli import cli
from monitor.ingest.run import fetch_preprints
from monitor.parse.europepmc import parse_result
from monitor.runtime import today
from monitor.sources.europepmc import EuropePmcClient
from storage.models import Paper, PaperSighting, SourceState
from tests.emulated_sources import CONFIG_HEAD, count, emulated_app
from tests.europepmc_emulator import (
    EuropePmcEmulator,
    recorded_pages,
    recorded_single_page_ids,
    records_of,
)

CONFIG = CONFIG_HEAD + """
[preprints]
enabled = true
query = "SRC:PPR AND cancer"
page_size = 5
initial_days = 36500
rate = 10
max_attempts = 3
timeout = 5
"""


def _client(emu: EuropePmcEmulator) -> EuropePmcClient:
    return EuropePmcClient(emu.url, user_agent="scimon-test", rate=10, max_attempts=3, timeout=5,
                           sleep=lambda _s: None)  # fmt: skip


@pytest.mark.parametrize("fault", [None, "429", "503", "truncated"])
def test_cursor_chain_loses_and_repeats_nothing(fault: str | None) -> None:
    """The recorded 10-page chain, followed by cursor, gives the recorded 1,000 in order."""
    expected = recorded_single_page_ids()
    with EuropePmcEmulator(pages=recorded_pages()) as emu:
        if fault:
            emu.inject(fault, times=2, after=4)
        with _client(emu) as client:
            pages = list(client.search_pages("cancer", page_size=100, result_type="lite"))
        assert all("page" not in params for params in emu.requests)
    got = [f"{r['source']}/{r['id']}" for p in pages for r in p.records]
    assert got == expected
    assert len(set(got)) == 1000
    # it stopped because the cursor stopped moving, after one empty answer
    assert pages[-1].records == [] and pages[-1].next_cursor == pages[-1].cursor


def test_recorded_preprint_is_parsed_as_preprint() -> None:
    record = next(r for r in records_of(recorded_pages()) if r["id"] == "PPR1036674")
    paper = parse_result(record, "europepmc")
    assert paper is not None
    assert paper.extra["is_preprint"] == "1"
    assert paper.journal == "medRxiv" and paper.extra["server"] == "medRxiv"
    assert paper.dois == ("10.1101/2025.06.13.25329599",)
    assert paper.publication_types == ("Preprint",)
    assert paper.authors[0].last == "Mendez" and paper.authors[0].initials == "JS"
    assert paper.source_id == "PPR/PPR1036674"


@pytest.fixture
def emulator() -> Iterator[EuropePmcEmulator]:
    with EuropePmcEmulator(records=records_of(recorded_pages())) as emu:
        yield emu


@pytest.fixture
def app(database_url: str, tmp_path: Path, emulator: EuropePmcEmulator) -> Iterator[App]:
    with emulated_app(
        database_url, tmp_path, CONFIG, {"SCIMON_EUROPEPMC_URL": emulator.url}
    ) as application:
        yield application


PREPRINTS = 24  # the PPR records among the recorded 1,000


def test_fault_mid_run_loses_nothing_and_next_run_completes(
    app: App, emulator: EuropePmcEmulator
) -> None:
    emulator.inject("500", times=10, after=2)  # two pages of 5, then the service is down
    report = fetch_preprints(app)
    assert "preprints:europepmc" in report.failed
    assert count(app, Paper) == 10, "the pages stored before the fault are kept"
    with app.sessions() as session:
        state = session.get(SourceState, "preprints:europepmc")
        assert state is not None and state.watermark is None and state.error_count == 1

    emulator._faults.clear()
    report = fetch_preprints(app)
    assert report.ok, report.failed
    assert report.stats.new == PREPRINTS - 10
    assert report.stats.duplicates == 10
    assert count(app, Paper) == PREPRINTS
    assert count(app, PaperSighting) == PREPRINTS
    with app.sessions() as session:
        papers = session.scalars(select(Paper)).all()
        assert all(p.is_preprint for p in papers)
        assert {p.journal for p in papers} >= {"bioRxiv", "medRxiv", "Research Square"}
        dois = [p.doi for p in papers if p.doi]
        assert len(dois) == len(set(dois))
        state = session.get(SourceState, "preprints:europepmc")
        assert state is not None and state.watermark is not None


@pytest.mark.parametrize("fault", ["429", "502", "truncated"])
def test_transient_faults_are_retried(app: App, emulator: EuropePmcEmulator, fault: str) -> None:
    emulator.inject(fault, times=1, after=1)
    report = fetch_preprints(app)
    assert report.ok, report.failed
    assert count(app, Paper) == PREPRINTS
    # the next run asks only for the lookback window before the watermark
    again = fetch_preprints(app)
    assert again.ok and again.stats.new == 0
    assert count(app, Paper) == PREPRINTS
    start = (today() - timedelta(days=14)).isoformat()
    query = emulator.requests[-1]["query"]
    assert query == f"(SRC:PPR AND cancer) AND FIRST_IDX_DATE:[{start} TO {today().isoformat()}]"


def test_fetch_cli_preprints(app: App, emulator: EuropePmcEmulator) -> None:
    env = {"SCIMON_DATABASE_URL": app.settings.database_url,
           "SCIMON_EUROPEPMC_URL": emulator.url,
           "SCIMON_CONFIG": str(app.settings.config_path)}  # fmt: skip
    result = CliRunner().invoke(
        cli, ["fetch", "--source", "preprints", "--no-triage", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["new"] == PREPRINTS and stats["sources"]["preprints:europepmc"]["new"] == PREPRINTS
    assert stats["requests"] >= PREPRINTS // 5
