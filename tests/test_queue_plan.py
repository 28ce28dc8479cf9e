"""The learned queue walks paper_score's (score, paper_id) index, never sorts every paper (issue 23)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.models import PreferenceModelVersion
from storage.review import QueueFilters, queue
from tests.plans import captured, sqlite_plan


def _a_model(session: Session) -> None:
    """A stored preference model version (its content does not matter to the queue)."""
    values: dict[str, Any] = {"version": 1}
    for column in PreferenceModelVersion.__table__.columns:
        if column.name in values or column.nullable:
            continue
        kind = str(column.type).upper()
        values[column.name] = (
            datetime.now(UTC) if "DATE" in kind or "TIME" in kind else {} if "JSON" in kind else 0
        )
    session.add(PreferenceModelVersion(**values))


def test_the_learned_queue_walks_the_score_index(
    database_url: str, engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("plans are read on SQLite (EXPLAIN QUERY PLAN)")
    with session_factory() as session, session.begin():
        _a_model(session)
    with captured(engine) as statements, session_factory() as session:
        queue(session, QueueFilters())  # the first page
        queue(session, QueueFilters(), after=(10.0, 5))  # "next" (keyset)
    walks = [(sql, params) for sql, params in statements if "FROM paper_score" in sql]
    assert len(walks) == 2
    for sql, params in walks:
        plan = sqlite_plan(engine, sql, params)
        assert "ix_paper_score_score_paper" in plan[0], plan
        assert not any("TEMP B-TREE" in step for step in plan), plan
