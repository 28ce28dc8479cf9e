"""PubMed fetching end to end: emulator over real HTTP -> client -> parser -> storage.

The lossless guarantees of issue 2 are checked here on SQLite and PostgreSQL:
a fault mid-run stores what it fetched, keeps the watermark, and the next run
stores the rest; reruns fetch only what is new or changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from monitor.app import App
from monitor.cli import cli
from monitor.ingest.run import fetch_pubmed
from storage.models import Paper, PaperIdentifier, PaperSighting, SourceState
from tests.eutils_emulator import EutilsEmulator, build_article

TODAY = datetime.now(UTC).date()

CONFIG = """
[ncbi]
tool = "scimon-test"
email = "tests@example.org"
batch_size = {batch}
timeout = 2
max_attempts = 3

[vocabulary]
mesh = ["Spinal Cord Injuries"]
tiab = ["spinal cord injur*", "tetrapleg*"]

[[pubmed.query]]
name = "sci"
lookback_days = 30
initial_days = 30
"""


def write_config(folder: Path, batch: int = 50) -> Path:
    path = folder / "sci.toml"
    path.write_text(CONFIG.format(batch=batch))
    return path


def article(emu: EutilsEmulator, pmid: int, *, days_ago: int = 1, **kw: Any) -> bytes:
    kw.setdefault("title", f"Gait training number {pmid} after spinal cord injury")
    kw.setdefault("abstract", "Forty adults with chronic spinal cord injury were randomized.")
    kw.setdefault("doi", f"10.5555/sci.{pmid}")
    return build_article(str(pmid), edat=TODAY - timedelta(days=days_ago), **kw)


@pytest.fixture
def emulator() -> Iterator[EutilsEmulator]:
    with EutilsEmulator([], today=TODAY) as emu:
        yield emu


@pytest.fixture
def app(database_url: str, tmp_path: Path, emulator: EutilsEmulator) -> Iterator[App]:
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_EUTILS_URL": emulator.url}
    application = App(config_path=write_config(tmp_path), env=env)
    yield application
    application.close()


def count(app: App, model: Any) -> int:
    with app.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def watermark(app: App) -> date | None:
    with app.sessions() as session:
        state = session.get(SourceState, "pubmed:sci")
        return state.watermark if state else None


def efetch_ids_requested(emu: EutilsEmulator) -> list[str]:
    ids: list[str] = []
    for path, params in emu.requests:
        if "efetch" in path and params.get("id"):
            ids.extend(str(params["id"]).split(","))
    return ids


def test_first_run_stores_window_and_sets_watermark(app: App, emulator: EutilsEmulator) -> None:
    for pmid in range(1000, 1120):
        emulator.add_record(article(emulator, pmid))
    emulator.add_record(article(emulator, 5000, title="Hip fracture surgery in the elderly",
                                abstract="No neurological content."))  # fmt: skip
    emulator.add_record(article(emulator, 6000, days_ago=90))  # outside the 30-day window
    report = fetch_pubmed(app)
    assert report.ok, report.failed
    assert report.stats.new == 120
    assert report.stats.requests >= 4  # esearch + 3 efetch pages of 50
    assert count(app, Paper) == 120
    assert watermark(app) == TODAY
    with app.sessions() as session:
        paper = session.scalars(select(Paper).where(Paper.pmid == "1042")).one()
        assert paper.doi == "10.5555/sci.1042"
        assert paper.first_source == "pubmed:sci"


def test_fault_mid_run_loses_nothing_and_next_run_completes(
    app: App, emulator: EutilsEmulator
) -> None:
    for pmid in range(1000, 1120):
        emulator.add_record(article(emulator, pmid))
    # the first efetch page succeeds, then every efetch fails past the retries
    emulator.inject("500", path="efetch", times=100, after=1)
    report = fetch_pubmed(app)
    assert "pubmed:sci" in report.failed
    stored = count(app, Paper)
    assert stored == 50, "the page fetched before the fault is kept"
    assert watermark(app) is None, "the watermark moves only after the whole window"
    with app.sessions() as session:
        state = session.get(SourceState, "pubmed:sci")
        assert state is not None and state.error_count == 1 and state.last_error

    emulator.clear_faults()
    report = fetch_pubmed(app)
    assert report.ok, report.failed
    assert report.stats.new == 70
    assert count(app, Paper) == 120
    assert count(app, PaperSighting) == 120
    assert watermark(app) == TODAY
    # the second run asked only for what was missing, by id
    assert len(set(efetch_ids_requested(emulator))) == 70


@pytest.mark.parametrize("fault", ["429", "502", "503", "truncated", "timeout", "error200"])
def test_transient_faults_are_retried(app: App, emulator: EutilsEmulator, fault: str) -> None:
    for pmid in range(2000, 2010):
        emulator.add_record(article(emulator, pmid))
    emulator.inject(fault, path="efetch", times=1)
    report = fetch_pubmed(app)
    if fault == "error200" and not report.ok:
        # an ERROR body is an answer, not a network fault: reported, nothing moves
        assert watermark(app) is None
        report = fetch_pubmed(app)
    assert report.ok, report.failed
    assert count(app, Paper) == 10
    assert watermark(app) == TODAY


def test_rerun_fetches_only_new_and_changed(app: App, emulator: EutilsEmulator) -> None:
    for pmid in range(3000, 3020):
        emulator.add_record(article(emulator, pmid))
    assert fetch_pubmed(app).ok
    with app.sessions() as session:
        before = session.scalars(select(Paper).where(Paper.pmid == "3005")).one()
        first_seen = before.first_seen_at
    emulator.requests.clear()

    for pmid in range(3100, 3103):
        emulator.add_record(article(emulator, pmid))
    # PubMed indexes 3005: MEDLINE status, MeSH and publication types arrive (new MDAT)
    emulator.add_record(
        article(
            emulator, 3005, status="MEDLINE", mesh=("Humans", "Spinal Cord Injuries"),
            pub_types=("Journal Article", "Randomized Controlled Trial"),
        ),
    )  # fmt: skip
    emulator.set_dates("3005", mdat=TODAY)
    report = fetch_pubmed(app)
    assert report.ok, report.failed
    assert report.stats.new == 3
    assert report.stats.updated == 1
    assert sorted(set(efetch_ids_requested(emulator))) == ["3005", "3100", "3101", "3102"]
    with app.sessions() as session:
        after = session.scalars(select(Paper).where(Paper.pmid == "3005")).one()
        assert after.citation_status == "MEDLINE"
        assert "Randomized Controlled Trial" in after.publication_types
        assert after.first_seen_at == first_seen
    assert count(app, Paper) == 23


def test_fetch_cli_json_stats(database_url: str, tmp_path: Path, emulator: EutilsEmulator) -> None:
    for pmid in range(4000, 4005):
        emulator.add_record(article(emulator, pmid))
    env = {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_EUTILS_URL": emulator.url,
        "SCIMON_CONFIG": str(write_config(tmp_path)),
    }
    result = CliRunner().invoke(
        cli, ["fetch", "--source", "pubmed", "--no-triage", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["seen"] == 5 and stats["new"] == 5 and stats["duplicates"] == 0
    assert stats["requests"] >= 2
    again = CliRunner().invoke(
        cli, ["fetch", "--source", "pubmed", "--no-triage", "--json"], env=env
    )
    assert json.loads(again.stdout)["new"] == 0


def test_unknown_query_is_one_line_error(
    database_url: str, tmp_path: Path, emulator: EutilsEmulator
) -> None:
    env = {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_EUTILS_URL": emulator.url,
        "SCIMON_CONFIG": str(write_config(tmp_path)),
    }
    result = CliRunner().invoke(cli, ["fetch", "--query", "nope", "--no-triage"], env=env)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert count_identifiers_is_zero(database_url)


def count_identifiers_is_zero(url: str) -> bool:
    from storage.session import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(PaperIdentifier)) == 0
    finally:
        engine.dispose()
