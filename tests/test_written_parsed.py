"""``WrittenPaper.parsed``: which written papers hold exactly what one parsed record proposed.

An import's classifying child classifies each parsed record as a new paper
would store it; the storing process uses that triage for a paper only when the
batch names the record in ``parsed`` (monitor/ingest/classifier.py, issue 23).
A wrong ``parsed`` would store the triage of other values than the paper's, so
each way a paper comes to hold something else must leave it None.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from monitor.ingest.pretriage import as_written
from monitor.records import Link, record_from_written
from storage.handoff import WrittenPaper
from storage.ingest import ingest_records
from storage.session import make_engine, make_sessionmaker
from tests.records import make_record


def written_by(url: str, batches: list[list[Any]]) -> list[list[WrittenPaper]]:
    """Each batch's WrittenPaper list, one ``ingest_records`` call a batch."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    seen: list[list[WrittenPaper]] = []
    try:
        for records in batches:
            ingest_records(
                sessions, records, batch_size=len(records),
                after_write=lambda _s, papers: seen.append(list(papers)),
            )  # fmt: skip
    finally:
        engine.dispose()
    return seen


def test_a_new_paper_from_one_record_names_it(database_url: str) -> None:
    record = make_record(pmid="11", dois=("10.1000/a",), links=(Link("CommentOn", pmid="5"),))
    other = make_record(pmid="12", dois=("10.1000/b",), title="Another title of four words")
    (papers,) = written_by(database_url, [[record, other]])
    by_pmid = {p.values["pmid"]: p for p in papers}
    assert by_pmid["11"].parsed is record and by_pmid["12"].parsed is other
    # what the child classifies for it is what triage reads back from the paper
    assert as_written(record) == record_from_written(by_pmid["11"])


def test_two_records_of_one_paper_in_a_batch_name_none(database_url: str) -> None:
    first = make_record(pmid="21", dois=("10.1000/c",), abstract="")
    # the same paper with an abstract: the merge changes the values
    second = replace(first, abstract="An abstract the first record did not have.")
    (papers,) = written_by(database_url, [[first, second]])
    assert len(papers) == 1 and papers[0].parsed is None


def test_an_identical_repeat_keeps_the_first_record(database_url: str) -> None:
    first = make_record(pmid="31", dois=("10.1000/d",))
    (papers,) = written_by(database_url, [[first, replace(first)]])
    assert len(papers) == 1 and papers[0].parsed is first


def test_a_record_merged_into_a_stored_paper_names_none(database_url: str) -> None:
    stored = make_record(pmid="41", dois=("10.1000/e",), abstract="")
    revision = replace(stored, abstract="Filled in by a later revision.")
    first, second = written_by(database_url, [[stored], [revision]])
    assert first[0].parsed is stored
    assert len(second) == 1 and second[0].parsed is None


def test_a_paper_without_pmid_or_doi_names_none(database_url: str) -> None:
    """Its record as read back has the paper's id for source_id, which the record had not."""
    record = make_record(pmid=None, dois=(), source="feed", source_id="guid-1")
    (papers,) = written_by(database_url, [[record]])
    assert len(papers) == 1 and papers[0].parsed is None
