"""`scimon fetch --source all`, `status` and `queries check` cover trials and preprints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.runtime import today
from tests.ctgov_emulator import CtgovEmulator, recorded_studies, variant
from tests.europepmc_emulator import EuropePmcEmulator, recorded_pages, records_of
from tests.eutils_emulator import EutilsEmulator, build_article

CONFIG = """
[ncbi]
tool = "scimon-test"
email = "tests@example.org"
timeout = 5
max_attempts = 2

[vocabulary]
mesh = ["Spinal Cord Injuries"]
tiab = ["spinal cord injur*"]

[[pubmed.query]]
name = "sci"

[trials]
enabled = true
page_size = 4
rate = 10
max_attempts = 2

[preprints]
enabled = true
query = "SRC:PPR AND cancer"
page_size = 10
initial_days = 36500
lookback_days = 3650
rate = 10
max_attempts = 2

[triage]
file = "{triage}"

[feeds]
file = "{feeds}"
"""
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], CtgovEmulator]]:
    real = recorded_studies()
    recent = (today() - timedelta(days=2)).isoformat()
    studies = [variant(real[i % len(real)], f"NCT9{i:07d}", updated=recent) for i in range(9)]
    (tmp_path / "feeds.toml").write_text("")
    config = tmp_path / "sci.toml"
    config.write_text(CONFIG.format(triage=REPO / "queries" / "triage.toml",
                                    feeds=tmp_path / "feeds.toml"))  # fmt: skip
    with (
        EutilsEmulator([], today=today()) as eutils,
        CtgovEmulator(studies) as ctgov,
        EuropePmcEmulator(records=records_of(recorded_pages())) as epmc,
    ):
        eutils.add_record(build_article("555", title="Gait after spinal cord injury",
                                        abstract="Adults with spinal cord injury walked."))  # fmt: skip
        yield {
            "SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config),
            "SCIMON_EUTILS_URL": eutils.url, "SCIMON_CTGOV_URL": ctgov.url,
            "SCIMON_EUROPEPMC_URL": epmc.url,
        }, ctgov  # fmt: skip


def test_fetch_all_then_status_and_queries_check(
    env: tuple[dict[str, str], CtgovEmulator],
) -> None:
    variables, ctgov = env
    runner = CliRunner()
    fetched = runner.invoke(cli, ["fetch", "--no-triage", "--json"], env=variables)
    assert fetched.exit_code == 0, fetched.output
    sources = json.loads(fetched.stdout)["sources"]
    assert sources["trials:ctgov"]["new"] == 9 and sources["preprints:europepmc"]["new"] == 24
    assert sources["pubmed:sci"]["new"] == 1

    status = runner.invoke(cli, ["status", "--json"], env=variables)
    assert status.exit_code == 0, status.output
    data = json.loads(status.stdout)
    assert {s["source"] for s in data["sources"]} >= {"trials:ctgov", "preprints:europepmc"}
    assert data["trials"]["total"] == 9 and data["preprints"]["total"] == 24
    assert {j["job"] for j in data["jobs"]} >= {"fetch:trials", "fetch:preprints"}
    text = runner.invoke(cli, ["status"], env=variables).output
    assert "trials: 9 stored" in text and "preprints: 24 stored" in text

    checked = runner.invoke(cli, ["queries", "check", "--json"], env=variables)
    assert checked.exit_code == 0, checked.output
    by_name = {r["name"]: r for r in json.loads(checked.stdout)}
    assert by_name["trials"]["count"] == 9 and by_name["trials"]["ok"]
    assert by_name["preprints"]["count"] == 24 and by_name["preprints"]["ok"]

    ctgov.known.discard("query.cond")
    refused = runner.invoke(cli, ["queries", "check"], env=variables)
    assert refused.exit_code == 1
    assert (
        "error: ClinicalTrials.gov refused the trials query: `query.cond` is unknown parameter"
        in (refused.output)
    )
