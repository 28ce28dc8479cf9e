"""Alembic environment.

The database URL is handed in by ``storage.migrate`` (``config.attributes``)
or read from ``SCIMON_DATABASE_URL``; storage never imports monitor's settings.
``render_as_batch`` lets the same migrations ALTER tables on SQLite.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from storage.models import metadata
from storage.session import make_engine

config = context.config
target_metadata = metadata()  # every table (models are imported on first use)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.attributes.get("url") or os.environ.get("SCIMON_DATABASE_URL")
    if not url:
        raise RuntimeError("no database URL: set SCIMON_DATABASE_URL or use `scimon db upgrade`")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.attributes.get("url") or os.environ.get("SCIMON_DATABASE_URL"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
