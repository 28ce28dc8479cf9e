"""The application context every command and job shares.

Settings are loaded once; the database engine is created lazily and checked
against the migration head, so a command on an old schema stops with a clear
message instead of a SQL error.  The CLI, the scheduler and the web app all
build one ``App`` and call the same functions with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.errors import MonitorError

if TYPE_CHECKING:  # imported on first use: a command that needs no database loads none
    from monitor.config import Settings
    from storage.session import Engine, SessionFactory


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
    def sessions(self) -> SessionFactory:
        """Sessions on a database known to be at the current schema.

        The one door through which ``monitor`` opens a unit of work
        (see :mod:`storage.session`).
        """
        from storage.migrate import SchemaOutOfDateError, check_schema
        from storage.session import make_sessionmaker

        try:
            check_schema(self.engine)
        except SchemaOutOfDateError as exc:
            raise MonitorError(str(exc)) from exc
        return make_sessionmaker(self.engine)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
