"""Alembic migrations create exactly the schema the models describe, and go back down."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.models import metadata
from storage.session import make_engine


def test_models_match_migrations(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata())
        # APScheduler creates its own table in the same database; it is not ours
        diffs = [d for d in diffs if "apscheduler_jobs" not in repr(d)]
        assert diffs == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_up_again(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/m.db"
    upgrade(url)
    downgrade(url, "base")
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    assert {"paper", "digest_send", "job_run", "login_token"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()
