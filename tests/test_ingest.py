"""The shared write path: dedupe by DOI/PMID/title, merge, sightings, idempotence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from monitor.records import Author, DeletedCitations, Link, PaperRecord, record_from_row
from storage.ingest import ingest_records
from storage.models import Paper, PaperIdentifier, PaperLink, PaperSighting
from tests.records import feed_record, make_record


def counts(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Paper, PaperIdentifier, PaperSighting, PaperLink)
        }


def test_doi_variants_collapse_to_one_paper(session_factory: sessionmaker[Session]) -> None:
    variants = [
        "10.1000/SCI.1",
        "https://doi.org/10.1000/sci.1",
        "doi:10.1000/sci.1",
        "10.1000/sci.1.",
    ]
    records = [feed_record(f"feed{i}", f"g{i}", v) for i, v in enumerate(variants)]
    stats = ingest_records(session_factory, records)
    assert (stats.new, stats.seen) == (1, 4)
    with session_factory() as s:
        paper = s.scalars(select(Paper)).one()
        assert paper.doi == "10.1000/sci.1"
        assert len(paper.sightings) == 4


def test_same_data_twice_changes_nothing(session_factory: sessionmaker[Session]) -> None:
    records = [
        make_record(pmid=str(i), source_id=str(i), dois=(f"10.1000/x{i}",)) for i in range(50)
    ]
    first = ingest_records(session_factory, records, batch_size=7)
    before = counts(session_factory)
    with session_factory() as s:
        stamps = dict(s.execute(select(Paper.id, Paper.updated_at)).all())
    second = ingest_records(session_factory, records, batch_size=7)
    assert first.new == 50
    assert (second.new, second.updated, second.duplicates) == (0, 0, 50)
    assert counts(session_factory) == before
    with session_factory() as s:
        assert dict(s.execute(select(Paper.id, Paper.updated_at)).all()) == stamps


def test_update_keeps_first_seen_and_replaces_metadata(
    session_factory: sessionmaker[Session],
) -> None:
    ingest_records(session_factory, [make_record(revised_on=date(2026, 11, 1))])
    with session_factory() as s:
        first_seen = s.scalars(select(Paper.first_seen_at)).one()
    medline = make_record(
        citation_status="MEDLINE",
        mesh=("Spinal Cord Injuries", "Humans"),
        publication_types=("Journal Article", "Randomized Controlled Trial"),
        revised_on=date(2026, 11, 20),
    )
    stats = ingest_records(session_factory, [medline])
    assert (stats.updated, stats.new) == (1, 0)
    # an older revision replayed later does not win
    stale = make_record(citation_status="Publisher", revised_on=date(2026, 10, 1))
    ingest_records(session_factory, [stale])
    with session_factory() as s:
        paper = s.scalars(select(Paper)).one()
        assert paper.citation_status == "MEDLINE"
        assert paper.mesh == ["Spinal Cord Injuries", "Humans"]
        assert paper.first_seen_at == first_seen


def test_feed_first_then_pubmed_enriches_the_same_row(
    session_factory: sessionmaker[Session],
) -> None:
    feed = feed_record(
        "spinal-cord",
        "10.1000/sci.1",
        "https://doi.org/10.1000/SCI.1",
        abstract="",
        publication_types=(),
    )
    ingest_records(session_factory, [feed])
    with session_factory() as s:
        first_seen = s.scalars(select(Paper.first_seen_at)).one()
    pubmed = make_record(pmid="999", source_id="999", mesh=("Spinal Cord Injuries",))
    stats = ingest_records(session_factory, [pubmed])
    assert stats.updated == 1
    with session_factory() as s:
        paper = s.scalars(select(Paper)).one()
        assert paper.pmid == "999"
        assert paper.content_source == "pubmed"
        assert paper.abstract.startswith("BACKGROUND")
        assert paper.first_seen_at == first_seen
        assert paper.first_source == "feed:spinal-cord"
        assert {x.source for x in paper.sightings} == {"feed", "pubmed"}
    # the feed seen again later does not overwrite PubMed's metadata
    again = feed_record(
        "spinal-cord",
        "10.1000/sci.1",
        "10.1000/sci.1",
        title="Other title from the feed",
        publication_types=(),
    )
    stats = ingest_records(session_factory, [again])
    with session_factory() as s:
        assert s.scalars(select(Paper.title)).one().startswith("Locomotor")
    assert stats.new == 0


def test_doi_less_feed_item_matches_pubmed_by_title_and_year(
    session_factory: sessionmaker[Session],
) -> None:
    feed = feed_record(
        "sciencedirect",
        "https://x/pii/S1",
        title="Locomotor Training After Chronic Spinal Cord Injury - A Randomized Trial",
    )
    ingest_records(session_factory, [feed])
    ingest_records(session_factory, [make_record(pmid="5", source_id="5")])
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Paper)) == 1


def test_preprint_and_article_with_same_title_stay_separate(
    session_factory: sessionmaker[Session],
) -> None:
    preprint = feed_record("biorxiv", "10.1101/2026.01.01.1", "10.1101/2026.01.01.1")
    ingest_records(session_factory, [preprint, make_record()])
    with session_factory() as s:
        papers = s.scalars(select(Paper).order_by(Paper.id)).all()
        assert [p.is_preprint for p in papers] == [True, False]


def test_preprint_and_published_version_are_linked_both_ways(
    session_factory: sessionmaker[Session],
) -> None:
    """PubMed says which record is the preprint of which (UpdateIn / UpdateOf): two papers,
    linked, and each paper's page lists the other version."""
    preprint = make_record(
        pmid="61", source_id="61", dois=("10.1101/2026.01.01.1",), title="Preprint version",
        links=(Link(kind="UpdateIn", pmid="62"),),
    )  # fmt: skip
    ingest_records(session_factory, [preprint])
    published = make_record(
        pmid="62", source_id="62", dois=("10.1038/s41393-026-1",), title="Published version",
        links=(Link(kind="UpdateOf", pmid="61"),),
    )  # fmt: skip
    ingest_records(session_factory, [published])
    with session_factory() as s:
        ids = {p.pmid: p.id for p in s.scalars(select(Paper))}
        assert set(ids) == {"61", "62"}
        assert s.scalars(select(Paper.is_preprint).order_by(Paper.pmid)).all() == [True, False]
        from storage.review import notices_for

        # each page lists the other version once, though both records state the link
        assert [pid for _, pid, _ in notices_for(s, ids["61"])] == [ids["62"]]
        assert [pid for _, pid, _ in notices_for(s, ids["62"])] == [ids["61"]]


def test_record_naming_two_papers_merges_them(session_factory: sessionmaker[Session]) -> None:
    a = feed_record("f", "a", "10.1000/a")
    b = make_record(
        pmid="77", source_id="77", dois=("10.1000/b",), title="Other paper entirely here"
    )
    ingest_records(session_factory, [a])
    ingest_records(session_factory, [b])
    both = make_record(pmid="77", source_id="77", dois=("10.1000/a", "10.1000/b"))
    stats = ingest_records(session_factory, [both])
    assert stats.merged == 1
    with session_factory() as s:
        paper = s.scalars(select(Paper)).one()
        assert len(paper.sightings) == 2
        idents = set(s.execute(select(PaperIdentifier.kind, PaperIdentifier.value)).all())
        assert idents == {("doi", "10.1000/a"), ("doi", "10.1000/b"), ("pmid", "77")}


def test_links_resolve_to_target_when_it_arrives(session_factory: sessionmaker[Session]) -> None:
    erratum = make_record(
        pmid="200",
        source_id="200",
        dois=("10.1000/err",),
        title="Erratum to: a trial of something",
        publication_types=("Published Erratum",),
        links=[{"kind": "ErratumFor", "pmid": "100"}],
    )
    ingest_records(session_factory, [erratum])
    with session_factory() as s:
        assert s.scalars(select(PaperLink.target_paper_id)).one() is None
    ingest_records(session_factory, [make_record(pmid="100", source_id="100")])
    with session_factory() as s:
        link = s.scalars(select(PaperLink)).one()
        target = s.scalars(select(Paper).where(Paper.pmid == "100")).one()
        assert (link.kind, link.target_paper_id) == ("ErratumFor", target.id)


def test_delete_citation_soft_deletes(session_factory: sessionmaker[Session]) -> None:
    stats = ingest_records(
        session_factory,
        [make_record(pmid="1"), DeletedCitations(pmids=("1", "404"))],
    )
    assert stats.deleted == 1
    with session_factory() as s:
        assert s.scalars(select(Paper.deleted_at)).one() is not None


def test_duplicate_dois_inside_one_batch(session_factory: sessionmaker[Session]) -> None:
    records = [
        make_record(
            source="import",
            source_name="review.csv",
            source_id=f"row{i}",
            pmid=None,
            dois=("10.1000/dup",),
        )
        for i in range(3)
    ]
    stats = ingest_records(session_factory, records)
    assert (stats.new, stats.duplicates) == (1, 2)
    assert counts(session_factory)["paper"] == 1


def test_links_are_replaced_not_duplicated(session_factory: sessionmaker[Session]) -> None:
    rec = make_record(links=[Link(kind="CommentIn", pmid="5"), Link(kind="CommentIn", pmid="5")])
    ingest_records(session_factory, [rec])
    newer = make_record(
        links=[Link(kind="CommentIn", pmid="5"), Link(kind="RetractionIn", pmid="6")],
        citation_status="MEDLINE",
    )
    ingest_records(session_factory, [newer])
    with session_factory() as s:
        kinds = sorted(s.scalars(select(PaperLink.kind)).all())
    assert kinds == ["CommentIn", "RetractionIn"]


def test_records_before_a_failing_source_are_kept(session_factory: sessionmaker[Session]) -> None:
    def stream() -> Iterator[PaperRecord]:
        for pmid in ("11", "12", "13"):
            yield make_record(pmid=pmid, source_id=pmid, dois=(f"10.1/k.{pmid}",))
        raise ValueError("truncated input")

    with pytest.raises(ValueError, match="truncated"):
        ingest_records(session_factory, stream(), batch_size=500)
    with session_factory() as session:
        # no valid DOI and one shared title: the distinct PMIDs keep them apart
        assert session.scalar(select(func.count()).select_from(Paper)) == 3


def _analyze_count(session_factory: sessionmaker[Session], table: str) -> int:
    from sqlalchemy import text

    with session_factory() as s:
        return int(
            s.scalar(
                text("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = :t"),
                {"t": table},
            )
            or 0
        )


def test_planner_statistics_once_after_the_first_large_batch(
    session_factory: sessionmaker[Session], database_url: str
) -> None:
    """Into a small database, PostgreSQL's planner columns are analyzed once, after the
    first ``every`` rows (stale statistics made every batch's lookups sequential
    scans), not again as the import goes on; SQLite gets PRAGMA optimize at the end."""
    from sqlalchemy import text

    from storage.maintenance import PlannerStats

    ingest_records(session_factory, [make_record()])
    planner = PlannerStats(session_factory, every=10)
    planner.start()
    planner.rows_written(9)
    assert not planner.analyzed  # below the threshold: nothing asked yet
    pg = database_url.startswith("postgresql")
    before = _analyze_count(session_factory, "paper_triage") if pg else 0
    planner.rows_written(1)
    assert planner.analyzed
    if pg:
        assert _analyze_count(session_factory, "paper_triage") == before + 1
        planner.rows_written(50)  # later batches: no more ANALYZE
        assert _analyze_count(session_factory, "paper_triage") == before + 1
    planner.finish()
    if not pg:
        with session_factory() as s:
            tables = set(s.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")))
        assert {"paper", "paper_identifier", "paper_sighting"} <= tables


def test_no_analyze_into_a_database_that_was_large(
    session_factory: sessionmaker[Session], database_url: str
) -> None:
    from storage.maintenance import PlannerStats

    if not database_url.startswith("postgresql"):
        pytest.skip("ANALYZE during an import runs on PostgreSQL only")
    ingest_records(session_factory, [make_record()])
    planner = PlannerStats(session_factory, every=1)  # one paper is "large" here
    planner.start()
    before = _analyze_count(session_factory, "paper_triage")
    planner.rows_written(5)
    assert _analyze_count(session_factory, "paper_triage") == before


def test_failed_analyze_does_not_stop_the_import(
    session_factory: sessionmaker[Session],
    database_url: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ANALYZE is an optimisation: if it fails (here: a table it cannot see), the import
    carries on."""
    import storage.maintenance
    from storage.maintenance import PlannerStats

    if not database_url.startswith("postgresql"):
        pytest.skip("ANALYZE runs on PostgreSQL only")
    monkeypatch.setattr(storage.maintenance, "PLANNED_COLUMNS", {"no_such_table": ("id",)})
    planner = PlannerStats(session_factory, every=1)
    planner.start()
    planner.rows_written(1)
    assert "ANALYZE skipped" in caplog.text
    ingest_records(session_factory, [make_record()])


def test_a_stored_paper_reads_back_as_the_record_it_was(
    session_factory: sessionmaker[Session],
) -> None:
    """record_from_row (re-triage) gives back every field a stored paper keeps."""
    record = make_record(
        pmid="31", source_id="31", dois=("10.1000/back.31",), pmcid="PMC31",
        abstract="METHODS: 12 adults.", journal_abbrev="Spinal Cord", issn="1362-4393",
        pub_date_text="2026 Nov", language="eng", citation_status="MEDLINE",
        url="https://example.org/31", entrez_on=date(2026, 11, 2), revised_on=date(2026, 11, 3),
        publication_types=("Journal Article", "Randomized Controlled Trial"),
        mesh=("Spinal Cord Injuries",), keywords=("gait",),
        authors=(
            Author(last="Müller", fore="Anna B", initials="AB", orcid="0000-0001", affiliation="X"),
            Author(last="SCI Trials Group"),
        ),
        links=(Link(kind="CommentIn", pmid="32"),),
    )  # fmt: skip
    ingest_records(session_factory, [record])
    with session_factory() as s:
        back = record_from_row(s.scalars(select(Paper)).one())
    assert back == replace(record, source_name="pubmed:test")  # the paper's first source
    assert [a.display for a in back.authors] == ["Müller AB", "SCI Trials Group"]
