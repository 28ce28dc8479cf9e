"""Light commands: ``scimon --help`` imports no command module, a command only what it needs.

Each case runs a fresh interpreter (``sys.modules`` of this test process holds
everything the other tests imported) and reports the modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from monitor.cli import LAZY_COMMANDS, cli
from tests.commands import REPO

# heavy libraries, each wanted only by the commands that use it
HEAVY = ("alembic", "httpx", "flask", "rich", "pygments", "monitor.triage.design_patterns")

PROBE = """
import json, sys
from monitor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules ``scimon ARGS`` imported, run in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env={**os.environ, **(env or {})}, cwd=REPO, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    modules: list[str] = json.loads(out.stderr.strip().splitlines()[-1])
    return set(modules)


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)


def test_help_imports_no_command_module_nor_heavy_library() -> None:
    modules = loaded("--help")
    assert heavy(modules) == []
    assert not any(m.startswith(("monitor.cli.", "sqlalchemy", "pydantic")) for m in modules)


def test_papers_list_imports_no_alembic_httpx_flask_or_triage_patterns(
    database_url: str, tmp_path: Path
) -> None:
    modules = loaded("papers", "list", env={"SCIMON_DATABASE_URL": database_url})
    assert "monitor.cli.papers" in modules  # it ran
    assert "storage.papers" in modules
    assert heavy(modules) == []
    assert not any(m.startswith(("monitor.cli.web", "monitor.cli.run")) for m in modules)


def test_import_loads_its_command_and_the_classifier(database_url: str, tmp_path: Path) -> None:
    modules = loaded("import", "--help")
    assert "monitor.cli.fetch" in modules
    assert "flask" not in modules and "alembic" not in modules


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_each_lazy_command_is_listed_with_its_own_help(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.name in (name, name.rstrip("_"))
    assert LAZY_COMMANDS[name][2] == command.get_short_help_str(limit=500)


def test_an_unknown_command_is_an_error_not_an_import() -> None:
    assert cli.get_command(click.Context(cli), "nope") is None


def test_every_command_a_module_lists_is_reachable() -> None:
    """A command added to a module's COMMANDS but not to LAZY_COMMANDS would be unreachable."""
    import importlib

    listed = {}
    for module in sorted({m for m, _a, _h in LAZY_COMMANDS.values()}):
        for command in importlib.import_module(f"monitor.cli.{module}").COMMANDS:
            listed[command.name] = module
    assert {name: LAZY_COMMANDS[name][0] for name in listed if name in LAZY_COMMANDS} == listed
