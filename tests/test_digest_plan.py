"""The digest's header counts are driven by the week's papers, not by the triage table (issue 23).

Off-topic papers are most of a database fed by broad queries or update files;
counting them from the relevance index and looking each one's paper up for
``first_seen_at`` grew with the database (256 ms at 86,000 papers on SQLite).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.digests import window_counts
from storage.models import Paper, PaperTriage
from tests.plans import captured, sqlite_plan

NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize("analyzed", [False, True])
def test_window_counts_start_from_the_week(
    database_url: str, engine: Engine, session_factory: sessionmaker[Session], analyzed: bool
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("plans are read on SQLite (EXPLAIN QUERY PLAN)")
    papers, triages = [], []
    for pid in range(1, 3001):
        recent = pid > 2970  # 30 papers this week, the rest over three years
        papers.append({
            "id": pid, "title": f"Paper {pid}", "abstract": "", "journal": "J",
            "content_source": "pubmed", "record_hash": f"{pid:040d}", "first_source": "t",
            "first_seen_at": NOW - timedelta(days=1 if recent else 30 + pid % 1000),
            "updated_at": NOW, "pmid": str(pid),
        })  # fmt: skip
        triages.append({
            "paper_id": pid, "design": "rct", "evidence_rank": 5, "population": "human",
            "relevance": "core" if pid % 50 == 0 else "off_topic", "topics": [],
            "is_notice": False, "reasons": {}, "rules_version": "t", "priority": 1.0,
            "triaged_at": NOW,
        })  # fmt: skip
    with session_factory() as session, session.begin():
        session.execute(insert(Paper), papers)
        session.execute(insert(PaperTriage), triages)
    if analyzed:  # as after a large import (storage.maintenance); a small one leaves none
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    with captured(engine) as statements, session_factory() as session:
        counts = window_counts(session, NOW - timedelta(days=7), NOW)
    assert counts["new"] == 30
    assert counts["off_topic"] == sum(1 for pid in range(2971, 3001) if pid % 50)
    triage_counts = [(s, p) for s, p in statements if "paper_triage" in s]
    assert len(triage_counts) == 2
    for sql, params in triage_counts:
        plan = sqlite_plan(engine, sql, params)
        assert "ix_paper_first_seen_at" in plan[0], plan
