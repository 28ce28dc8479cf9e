"""The "to decide" view's count: its parts, each along an index, add up to the rows listed.

The default view is counted as undecided on-topic papers (two ranges of the
relevance index: below and above ``off_topic``) plus papers in work flagged since
their decision; ``deleted_at`` comes from ``ix_paper_id_deleted_at``, not from the
paper's row (issue 23).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

import storage.review
from storage.models import Paper, PaperStatus, PaperTriage
from storage.review import QueueFilters, queue
from tests.plans import captured, sqlite_plan

NOW = datetime(2026, 12, 1, tzinfo=UTC)
RELEVANCE = ("core", "peripheral", "off_topic")


def seed(factory: sessionmaker[Session], n: int = 90) -> None:
    """Papers of every relevance, some decided, some flagged in work, deleted, notices."""
    papers, triages, statuses = [], [], []
    for pid in range(1, n + 1):
        papers.append({
            "id": pid, "title": f"Paper {pid}", "abstract": "", "journal": "J",
            "content_source": "pubmed", "record_hash": f"{pid:040d}", "first_source": "t",
            "first_seen_at": NOW - timedelta(days=pid % 5), "updated_at": NOW,
            "deleted_at": NOW if pid % 17 == 0 else None, "pmid": str(pid),
        })  # fmt: skip
        triages.append({
            "paper_id": pid, "design": "rct" if pid % 2 else "observational",
            "evidence_rank": 5, "population": "human", "relevance": RELEVANCE[pid % 3],
            "topics": [], "is_notice": pid % 23 == 0, "reasons": {}, "rules_version": "t",
            "priority": float(pid % 7), "triaged_at": NOW,
        })  # fmt: skip
        if pid % 5 == 0:  # decided, in work, flagged after or before the decision
            flagged = NOW + timedelta(hours=1) if pid % 10 == 0 else None
            statuses.append({
                "paper_id": pid, "status": "in_progress" if pid % 15 else "skipped",
                "updated_at": NOW, "updated_by": "ed@example.org", "flagged_at": flagged,
                "flag_reason": "retraction" if flagged else None,
            })  # fmt: skip
    with factory() as session, session.begin():
        session.execute(insert(Paper), papers)
        session.execute(insert(PaperTriage), triages)
        session.execute(insert(PaperStatus), statuses)


def listed(session: Session, filters: QueueFilters) -> list[int]:
    ids: list[int] = []
    page = 1
    while rows := queue(session, filters, page=page, per_page=25)[0]:
        ids += [r.id for r in rows]
        page += 1
    return ids


@pytest.mark.parametrize(
    "filters",
    [QueueFilters(to_decide=True), QueueFilters(to_decide=True, design="rct"),
     QueueFilters(), QueueFilters(relevance="off_topic")],
)  # fmt: skip
def test_the_count_is_the_rows_listed(
    session_factory: sessionmaker[Session], filters: QueueFilters
) -> None:
    seed(session_factory)
    with session_factory() as session:
        ids = listed(session, filters)
        _, total = queue(session, filters)
    assert total == len(ids) == len(set(ids)) > 0
    if filters.to_decide:  # off-topic papers only when flagged in work (pid % 10 == 0)
        assert all(pid % 10 == 0 for pid in ids if pid % 3 == 2)
        assert filters.design or any(pid % 3 == 2 for pid in ids)


@pytest.mark.parametrize("cap", [1, 4, 12])
def test_the_parts_stop_at_the_cap_together(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    seed(session_factory)
    with session_factory() as session:
        everything = len(listed(session, QueueFilters(to_decide=True)))
        monkeypatch.setattr(storage.review, "COUNT_CAP", cap)
        _, total = queue(session, QueueFilters(to_decide=True))
    assert everything > 12
    assert total == cap + 1


def test_the_to_decide_count_reads_indexes_not_rows(
    database_url: str, engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("plans are read on SQLite (EXPLAIN QUERY PLAN)")
    seed(session_factory)
    with engine.begin() as conn:  # as after an import (storage.maintenance)
        conn.exec_driver_sql("ANALYZE")
    with captured(engine) as statements, session_factory() as session:
        queue(session, QueueFilters(to_decide=True))
    counts = [(sql, params) for sql, params in statements if "count(*)" in sql]
    assert len(counts) == 3
    plans = [sqlite_plan(engine, sql, params) for sql, params in counts]
    for plan in plans[:2]:  # the on-topic parts: along the relevance index
        assert any("ix_paper_triage_relevance_priority (relevance" in s for s in plan), plan
    for plan in plans:
        assert not any(s.startswith("SCAN paper_triage") for s in plan), plan
        assert any("COVERING INDEX ix_paper_id_deleted_at" in s for s in plan), plan
