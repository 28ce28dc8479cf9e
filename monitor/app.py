"""The application context every command and job shares.

Settings are loaded once; the database engine is created lazily and checked
against the migration head, so a command on an old schema stops with a clear
message instead of a SQL error.  The CLI, the scheduler and the web app all
build one ``App`` and call the same functions with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.errors import MonitorError

if TYPE_CHECKING:  # imported on first use: a command that needs no database loads none
    from monitor.config import Settings
    from storage.session import Connection, Engine, SessionFactory


class App:
    def __init__(
        self,
        settings: Settings | None = None,
        config_path: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """``env`` replaces ``os.environ`` for settings (tests, the scheduler's jobs)."""
        self._settings = settings
        self._config_path = config_path
        self._env = env

    @cached_property
    def settings(self) -> Settings:
        from monitor.config import load_settings

        return self._settings or load_settings(self._config_path, self._env, lazy=True)

    @cached_property
    def engine(self) -> Engine:
        from storage.session import make_engine

        return make_engine(self.settings.database_url)

    @cached_property
    def checked_engine(self) -> Engine:
        """The engine, once the database is known to be at the current schema.

        The check is one query on ``alembic_version`` against the head read
        from the migration files (:func:`storage.migrate.check_schema`), no
        Alembic import, so reads and writes can both afford it.
        """
        from storage.migrate import SchemaOutOfDateError, check_schema

        try:
            check_schema(self.engine)
        except SchemaOutOfDateError as exc:
            raise MonitorError(str(exc)) from exc
        return self.engine

    @cached_property
    def sessions(self) -> SessionFactory:
        """Sessions on a database known to be at the current schema.

        The one door through which ``monitor`` opens a unit of work
        (see :mod:`storage.session`).
        """
        from storage.session import make_sessionmaker

        return make_sessionmaker(self.checked_engine)

    @contextmanager
    def reads(self) -> Iterator[Connection]:
        """A plain connection for Core reads (``storage.listing``), on a checked schema.

        What a read-only command needs and nothing more: no session factory,
        so no ``sqlalchemy.orm``, no models, no mapper configuration.
        """
        with self.checked_engine.connect() as conn:
            yield conn

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
