"""scimon queries check|diff|recall against the E-utilities emulator over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from tests.eutils_emulator import EutilsEmulator, build_article

REPO = Path(__file__).resolve().parents[1]
TODAY = datetime.now(UTC).date()


def config(folder: Path, term: str | None = None) -> Path:
    query = f'term = """{term}"""\n' if term else ""
    (folder / "feeds.toml").write_text("")
    path = folder / "sci.toml"
    path.write_text(
        '[ncbi]\nemail = "t@example.org"\ntimeout = 3\nmax_attempts = 2\n'
        '[vocabulary]\nmesh = ["Spinal Cord Injuries"]\n'
        'tiab = ["spinal cord injur*", "tetrapleg*"]\n'
        f'[triage]\nfile = "{REPO / "queries" / "triage.toml"}"\n'
        f'[[pubmed.query]]\nname = "sci"\nlookback_days = 30\ninitial_days = 30\n{query}'
    )
    return path


@pytest.fixture
def emulator() -> Iterator[EutilsEmulator]:
    with EutilsEmulator([], today=TODAY) as emu:
        day = TODAY - timedelta(days=3)
        emu.add_record(
            build_article(
                "501",
                title="Gait after spinal cord injury: a randomized trial",
                doi="10.5555/q.501",
                edat=day,
            )
        )
        emu.add_record(
            build_article(
                "502", title="Hand function in tetraplegia", doi="10.5555/q.502", edat=day
            )
        )
        emu.add_record(
            build_article(
                "503", title="Paraplegic athletes and shoulder pain", doi="10.5555/q.503", edat=day
            )
        )
        emu.add_record(
            build_article(
                "504",
                title="Spinal cord injury registry, 1990-2000",
                doi="10.5555/q.504",
                edat=TODAY - timedelta(days=400),
            )
        )
        emu.add_record(
            build_article("505", title="Knee arthroplasty outcomes", doi="10.5555/q.505", edat=day)
        )
        yield emu


def run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, env=env)
    return result.exit_code, result.stdout, result.stderr


def env_for(database_url: str, emulator: EutilsEmulator, cfg: Path) -> dict[str, str]:
    return {
        "SCIMON_DATABASE_URL": database_url,
        "SCIMON_EUTILS_URL": emulator.url,
        "SCIMON_CONFIG": str(cfg),
    }


def test_check_shows_translation_and_count(
    database_url: str, emulator: EutilsEmulator, tmp_path: Path
) -> None:
    code, out, err = run(
        ["queries", "check", "--json"], env_for(database_url, emulator, config(tmp_path))
    )
    assert code == 0, out + err
    (result,) = json.loads(out)
    assert result["count"] == 2 and result["ok"]
    assert "spinal cord injur*" in result["translation"]
    assert "config ok" in err


def test_check_reports_phrase_not_found_and_empty_terms(
    database_url: str, emulator: EutilsEmulator, tmp_path: Path
) -> None:
    cfg = config(tmp_path, term='"xyzzy plugh"[tiab] OR tetrapleg*[tiab]')
    code, out, _ = run(["queries", "check"], env_for(database_url, emulator, cfg))
    assert code == 0 and "QuotedPhraseNotFound: xyzzy plugh" in out
    cfg = config(tmp_path, term="quuxfrobnicate[tiab]")
    code, out, _ = run(["queries", "check"], env_for(database_url, emulator, cfg))
    assert code == 1
    assert "PhraseNotFound: quuxfrobnicate" in out and "matches nothing" in out


def test_diff_lists_added_and_removed_with_designs(
    database_url: str, emulator: EutilsEmulator, tmp_path: Path
) -> None:
    env = env_for(database_url, emulator, config(tmp_path))
    code, out, err = run(
        [
            "queries",
            "diff",
            "--query",
            "sci",
            "--days",
            "30",
            "--json",
            "--term",
            'parapleg*[tiab] OR "spinal cord injur*"[tiab]',
        ],
        env,
    )
    assert code == 0, out + err
    data = json.loads(out)
    assert [i["pmid"] for i in data["added"]] == ["503"]
    assert [i["pmid"] for i in data["removed"]] == ["502"]
    assert data["added"][0]["title"].startswith("Paraplegic athletes")
    # (a title alone names no design: "unclassified" since issue 19)
    assert data["removed"][0]["design"] in {"other", "commentary", "observational", "unclassified"}


def test_recall_explains_every_miss(
    database_url: str, emulator: EutilsEmulator, tmp_path: Path
) -> None:
    env = env_for(database_url, emulator, config(tmp_path))
    code, out, err = run(["fetch", "--source", "pubmed", "--no-triage"], env)
    assert code == 0, out + err
    gold = tmp_path / "gold.txt"
    gold.write_text(
        "501\n10.5555/q.502\n503  # paraplegic athletes\n504\n"
        "https://doi.org/10.9999/not-in-pubmed\n"
    )
    code, out, _ = run(["queries", "recall", "--gold", str(gold), "--json"], env)
    assert code == 0
    data = json.loads(out)
    how = {i["id"]: i["how"] for i in data["items"]}
    assert data["caught"] == 2 and data["total"] == 5 and data["recall"] == 0.4
    assert how["501"].startswith("stored via pubmed:sci")
    assert "not matched by any query term" in how["503"]
    assert "outside the window" in how["504"]
    assert how["https://doi.org/10.9999/not-in-pubmed"] == "not in PubMed yet"
