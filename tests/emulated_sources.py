"""What the tests of the JSON sources (trials, preprints) share: an App whose source URL
points at a loopback emulator, the config they start from, and row counts.

tests/test_trials.py and tests/test_preprints.py each start their emulator from
the recorded corpus in their own way; what follows that was written twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from monitor.app import App

# the [ncbi] and [vocabulary] sections every source config of these tests opens with
CONFIG_HEAD = """
[ncbi]
tool = "scimon-test"
email = "tests@example.org"

[vocabulary]
mesh = ["Spinal Cord Injuries"]
tiab = ["spinal cord injur*", "tetrapleg*"]
"""


@contextmanager
def emulated_app(
    database_url: str, tmp_path: Path, config: str, url_env: dict[str, str]
) -> Iterator[App]:
    """An App on ``database_url`` with ``config`` and the emulator URLs of ``url_env``
    (``{"SCIMON_CTGOV_URL": emulator.url}``), closed after."""
    path = tmp_path / "sci.toml"
    path.write_text(config)
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(path), **url_env}
    application = App(config_path=path, env=env)
    try:
        yield application
    finally:
        application.close()


def count(app: App, model: Any, *where: Any) -> int:
    """How many rows of ``model`` (matching ``where``) are stored."""
    with app.sessions() as session:
        stmt = select(func.count()).select_from(model)
        for w in where:
            stmt = stmt.where(w)
        return int(session.scalar(stmt) or 0)
