"""The import's title fallback reads only the stored papers it could match, from an index.

Papers sharing a title grow with the database (generic titles; every copy of
the scale benchmark's file), and each one read from its ~5 KB row made an
import into 415,657 papers spend 3.7 s more CPU than into an empty database
(docs/benchmarks.md, issue 23).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from storage.base import utcnow
from storage.batch import Batch
from storage.ingest import ingest_records
from storage.models import Paper
from tests.records import feed_record, make_record

TITLE = "Reply to the letter to the editor"
OTHER = "Locomotor training after chronic spinal cord injury: a randomized trial"


def _stored(session_factory: sessionmaker[Session]) -> None:
    """Five PubMed papers titled TITLE (each its DOI and PMID) and one of OTHER."""
    records = [
        make_record(pmid=str(i), source_id=str(i), dois=(f"10.1000/c{i}",), title=TITLE)
        for i in range(1, 6)
    ]
    records.append(make_record(pmid="50", source_id="50", dois=("10.1000/o",), title=OTHER))
    assert ingest_records(session_factory, records).new == 6


def test_only_papers_that_could_match_are_read(session_factory: sessionmaker[Session]) -> None:
    _stored(session_factory)
    # a new TITLE paper with its own DOI and PMID can match none of the five (both
    # sides have a DOI); a DOI-less feed item titled OTHER can match paper 50
    correction = make_record(pmid="6", source_id="6", dois=("10.1000/c6",), title=TITLE)
    item = feed_record("feed", "https://x/item", title=OTHER)
    with session_factory() as s, s.begin():
        batch = Batch(s, [correction, item], utcnow())
        stats = batch.run()
        fetched = {key: [pid for pid, _doi, _pmid in rows] for key, rows in batch.db_titles.items()}
    assert len(fetched) == 1
    (rows,) = fetched.values()
    assert len(rows) == 1
    assert (stats.new, stats.updated + stats.duplicates) == (1, 1)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Paper)) == 7
        assert s.scalar(select(func.count()).where(Paper.title == OTHER)) == 1


def test_a_matched_record_skips_the_title_lookup(session_factory: sessionmaker[Session]) -> None:
    _stored(session_factory)
    again = make_record(pmid="3", source_id="3", dois=("10.1000/c3",), title=TITLE)
    with session_factory() as s, s.begin():
        batch = Batch(s, [again], utcnow())
        assert batch.run().duplicates == 1
        assert batch.db_titles == {}


def test_title_lookup_reads_the_covering_index(
    session_factory: sessionmaker[Session], database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("plans are read on SQLite (EXPLAIN QUERY PLAN)")
    _stored(session_factory)
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "FROM paper" in statement and "title_key" in statement.split("WHERE")[-1]:
            seen.append((statement, params))

    record = make_record(pmid="6", source_id="6", dois=("10.1000/c6",), title=TITLE)
    with session_factory() as s, s.begin():
        engine = s.get_bind()
        event.listen(engine, "before_cursor_execute", capture)
        try:
            Batch(s, [record], utcnow()).run()
        finally:
            event.remove(engine, "before_cursor_execute", capture)
        assert seen
        plans = [
            " ".join(
                str(row[-1])
                for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)
            )
            for stmt, params in seen
        ]
    assert len(plans) == 2  # papers without a PMID, papers with the record's PMID
    # papers without a PMID: ranges of the index, read alone (no row)
    assert "SEARCH paper USING COVERING INDEX ix_paper_title_key_ids" in plans[0], plans[0]
    for plan in plans:
        # seeks, never a scan of the table or an index, nor every paper without a DOI
        assert "SEARCH" in plan and "SCAN paper" not in plan, plan
        assert "ix_paper_doi" not in plan, plan


def test_preprint_title_keys_read_the_partial_index(
    session_factory: sessionmaker[Session], database_url: str
) -> None:
    """After each import the preprints' title keys are read: from their own index, not a scan
    of every paper's row (1.65 s at 436,437 papers, migration 0020)."""
    from storage.versions import match_versions

    if not database_url.startswith("sqlite"):
        pytest.skip("plans are read on SQLite (EXPLAIN QUERY PLAN)")
    _stored(session_factory)
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "is_preprint IS 1" in statement:
            seen.append((statement, params))

    with session_factory() as s, s.begin():
        engine = s.get_bind()
        event.listen(engine, "before_cursor_execute", capture)
        try:
            match_versions(s, [1, 2])
        finally:
            event.remove(engine, "before_cursor_execute", capture)
        assert seen
        statement, params = seen[0]
        plan = " ".join(
            str(row[-1])
            for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
        )
    assert "ix_paper_preprint_title_key" in plan, plan
    assert "SCAN paper" not in plan.replace("SCAN paper_", ""), plan
