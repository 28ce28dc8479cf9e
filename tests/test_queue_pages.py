"""The review queue's order, pages and count, as it reads them along its indexes.

Flagged papers editors are working on come first; the rest follow in
(priority, id) order, descending.  Paging on from a row (keyset, ``after``)
must give exactly the pages that OFFSET gives, ties on priority included, and
the count stops at ``COUNT_CAP``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

import storage.review
from storage.models import Paper, PaperStatus, PaperTriage
from storage.review import QueueFilters, queue

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PINNED = {7, 30}  # flagged, and an editor is on them
DELETED, NOTICE = 11, 12


def seed(factory: sessionmaker[Session], n: int = 130) -> dict[int, float]:
    priorities = {pid: float(pid % 9) * 1.5 for pid in range(1, n + 1)}  # many ties
    papers, triages, statuses = [], [], []
    for pid, priority in priorities.items():
        papers.append({
            "id": pid, "title": f"Paper {pid}", "abstract": "", "journal": "J",
            "content_source": "pubmed", "record_hash": f"{pid:040d}", "first_source": "t",
            "first_seen_at": NOW - timedelta(days=pid % 20), "updated_at": NOW,
            "deleted_at": NOW if pid == DELETED else None, "pmid": str(pid),
        })  # fmt: skip
        triages.append({
            "paper_id": pid, "design": "rct" if pid % 3 == 0 else "observational",
            "evidence_rank": 5, "population": "human", "relevance": "core",
            "topics": [], "is_notice": pid == NOTICE, "reasons": {}, "rules_version": "t",
            "priority": priority, "triaged_at": NOW,
        })  # fmt: skip
    for pid in (*PINNED, 40):  # 40: flagged, but nobody took it up: keeps its place
        statuses.append({
            "paper_id": pid, "status": "in_progress" if pid in PINNED else "new",
            "updated_at": NOW, "updated_by": "ed@example.org", "flagged_at": NOW,
            "flag_reason": "retraction",
        })  # fmt: skip
    with factory() as session, session.begin():
        session.execute(insert(Paper), papers)
        session.execute(insert(PaperTriage), triages)
        session.execute(insert(PaperStatus), statuses)
    return priorities


def expected(priorities: dict[int, float], keep: set[int]) -> list[int]:
    shown = [pid for pid in priorities if pid in keep and pid not in (DELETED, NOTICE)]
    pinned = sorted((p for p in shown if p in PINNED), key=lambda p: (-priorities[p], -p))
    rest = sorted((p for p in shown if p not in PINNED), key=lambda p: (-priorities[p], -p))
    return pinned + rest


@pytest.mark.parametrize("design", [None, "rct"])
def test_keyset_pages_are_the_offset_pages(
    session_factory: sessionmaker[Session], design: str | None
) -> None:
    priorities = seed(session_factory)
    keep = {p for p in priorities if design is None or p % 3 == 0}
    want = expected(priorities, keep)
    filters = QueueFilters(design=design)
    with session_factory() as session:
        by_offset: list[int] = []
        for page in range(1, 5):
            rows, total = queue(session, filters, page=page, per_page=20)
            by_offset += [r.id for r in rows]
        by_key: list[int] = []
        rows, _ = queue(session, filters, page=1, per_page=20)
        while rows:
            by_key += [r.id for r in rows]
            last = rows[-1]
            assert last.priority is not None
            rows, _ = queue(session, filters, per_page=20, after=(last.priority, last.id))
    assert total == len(want)
    assert by_offset[: len(want)] == want[:80]
    # keyset pages carry on after the pinned rows of the first page, never repeat them
    assert by_key == want


def test_the_count_stops_at_the_cap(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(session_factory)
    monkeypatch.setattr(storage.review, "COUNT_CAP", 50)
    with session_factory() as session:
        rows, total = queue(session, QueueFilters(), per_page=20)
    assert total == 51 and len(rows) == 20
