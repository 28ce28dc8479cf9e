"""Run and check Alembic migrations from code (``scimon db upgrade``).

Commands refuse to run on an out-of-date schema (as miniflux does) instead of
failing later with a confusing SQL error.  That check runs before every
command, so it imports no Alembic: the database's revision is one query on
``alembic_version``, and the head revision is read from the ``revision`` /
``down_revision`` lines of the files in migrations/versions (importing
Alembic's command machinery cost every command 78 ms).  Alembic's own
``ScriptDirectory`` is asked only when the two disagree, to confirm the head
before the command refuses to run.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy imported on use: head_from_files serves plain reads too
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*(?::[^=]*)?=\s*["\']?([^"\'\s]*)["\']?',
                            re.MULTILINE)  # fmt: skip


class SchemaOutOfDateError(RuntimeError):
    """The database is behind (or ahead of) this version of scimon."""


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("file_template", "%%(year)d-%%(month).2d-%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["url"] = url
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at ``url`` up to ``revision``."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    """The head revision, as Alembic computes it."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return script.get_current_head()


@cache
def head_from_files() -> str | None:
    """The head revision read from the version files' ``revision = ...`` lines.

    None when the files do not name exactly one head (a branch): the caller
    then asks Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        names = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if names.get("revision"):
            revisions.add(names["revision"])
        if names.get("down_revision") not in (None, "", "None"):
            parents.add(names["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The database's revision (``alembic_version``), None when it has none."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError:  # no such table: an empty database
            return None
    if len(rows) > 1:
        raise SchemaOutOfDateError(f"database has several schema heads: {', '.join(rows)}")
    return rows[0] if rows else None


def check_schema(engine: Engine) -> None:
    """Raise SchemaOutOfDateError unless the database is at the head revision."""
    current = current_revision(engine)
    head = head_from_files()
    if current is not None and current == head:
        return
    head = head_revision()  # a mismatch, or a branch: Alembic has the last word
    if current != head:
        state = "empty" if current is None else f"at revision {current}"
        raise SchemaOutOfDateError(
            f"database schema is {state}, this scimon needs {head}: run `scimon db upgrade`"
        )
