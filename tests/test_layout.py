"""The storage boundary, checked on the source: what may import and run what.

* ``storage`` never imports ``monitor`` (storage is usable, and testable, alone);
* ``monitor`` never imports SQLAlchemy, outside ALLOWED_SQLALCHEMY;
* ``monitor`` never runs statements itself (``.execute(``, ``.scalars(``,
  ``.scalar(``, ``.exec_driver_sql(``): repository functions in storage do.

ruff's banned-api rule (TID251, pyproject.toml) catches the imports in the
editor; this test also catches what ruff cannot see (statements run through
a session handed in, dynamic imports) and checks that the two agree.  Each
check is also fed deliberately bad snippets, so a checker that flags nothing
fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

#: monitor modules that may import SQLAlchemy, with why (also per-file-ignores in
#: pyproject.toml).  Empty: APScheduler's job store takes App.engine, typed with
#: storage.session.Engine, and needs no import.
ALLOWED_SQLALCHEMY: dict[str, str] = {}
STATEMENT_METHODS = frozenset({"execute", "scalars", "scalar", "exec_driver_sql"})


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    what: str


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module an import names (relative ones resolved), with its line.

    ``importlib.import_module("x")`` and ``__import__("x")`` with a constant
    name count as imports too.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in {"import_module", "__import__"} and isinstance(first, ast.Constant):
                found.append((node.lineno, str(first.value)))
    return found


def _within(name: str, top: str) -> bool:
    return name == top or name.startswith(top + ".")


def boundary_violations(source: str, module: str, is_package: bool = False) -> list[Violation]:
    """What ``module`` (given as its source) does across the storage boundary."""
    tree = ast.parse(source)
    out: list[Violation] = []
    imports = imported_modules(tree, module, is_package)
    if _within(module, "storage"):
        out.extend(
            Violation(module, line, f"storage imports {name}")
            for line, name in imports
            if _within(name, "monitor")
        )
    if _within(module, "monitor"):
        if module not in ALLOWED_SQLALCHEMY:
            out.extend(
                Violation(module, line, f"monitor imports {name}")
                for line, name in imports
                if _within(name, "sqlalchemy")
            )
        out.extend(
            Violation(module, node.lineno, f"monitor runs a statement: .{node.func.attr}(")
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in STATEMENT_METHODS
        )
    return out


def package_modules(top: str) -> list[Path]:
    paths = sorted((REPO / top).rglob("*.py"))
    assert len(paths) > 10, f"{top}/ not found where expected"
    return paths


def check_package(top: str) -> list[Violation]:
    out: list[Violation] = []
    for path in package_modules(top):
        out.extend(
            boundary_violations(
                path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
            )
        )
    return out


# -- the code base ---------------------------------------------------------------------------


def test_storage_never_imports_monitor() -> None:
    assert check_package("storage") == []


def test_monitor_imports_no_sqlalchemy_and_runs_no_statements() -> None:
    assert check_package("monitor") == []


def test_allowed_list_matches_ruff_exceptions() -> None:
    """An exception granted to one checker and not the other is a mistake."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert "sqlalchemy" in lint["flake8-tidy-imports"]["banned-api"]
    exempt = {
        pattern
        for pattern, rules in lint["per-file-ignores"].items()
        if "TID251" in rules and pattern.startswith("monitor")
    }
    allowed = {str(Path(*name.split(".")).with_suffix(".py")) for name in ALLOWED_SQLALCHEMY}
    assert exempt == allowed
    for pattern in exempt:
        assert (REPO / pattern).is_file(), pattern
        assert "**" not in pattern and "*" not in pattern  # one module at a time


# -- the checker flags what it must ---------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "snippet", "flagged"),
    [
        ("monitor.cli.run", "from sqlalchemy import select\n", "monitor imports sqlalchemy"),
        ("monitor.web.views", "import sqlalchemy.orm as orm\n", "monitor imports sqlalchemy.orm"),
        (
            "monitor.app",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from sqlalchemy.orm import Session\n",
            "monitor imports sqlalchemy.orm",
        ),
        (
            "monitor.cli.db",
            "import importlib\nsa = importlib.import_module('sqlalchemy')\n",
            "monitor imports sqlalchemy",
        ),
        ("monitor.cli.run", "def f(s):\n    return s.scalar(q)\n", ".scalar("),
        ("monitor.web", "def f(db):\n    db.scalars(q).all()\n", ".scalars("),
        ("monitor.web.views", "with app.sessions() as db:\n    db.execute(q)\n", ".execute("),
        ("monitor.schedule.scheduler", "conn.exec_driver_sql('SELECT 1')\n", ".exec_driver_sql("),
        ("storage.jobs", "from monitor.schedule.jobs import run_job\n", "storage imports monitor"),
        ("storage.models.jobs", "import monitor.app\n", "storage imports monitor.app"),
        ("storage.leader", "from ..monitor import app\n", "storage imports monitor"),
        ("storage.models.papers", "from ...monitor.records import Author\n", "storage imports"),
    ],
)
def test_checker_flags_a_bad_snippet(module: str, snippet: str, flagged: str) -> None:
    found = boundary_violations(snippet, module)
    assert found, f"not flagged: {snippet!r}"
    assert any(flagged in v.what for v in found), found


def test_relative_imports_resolve_against_the_package() -> None:
    """``from ..monitor import app`` in storage/leader.py names monitor, not storage."""
    # storage.leader's package is storage: one dot is storage, two dots is the top level
    assert imported_modules(ast.parse("from ..monitor import app"), "storage.leader")[0][1] == (
        "monitor"
    )
    assert imported_modules(ast.parse("from .base import x"), "storage.leader")[0][1] == (
        "storage.base"
    )
    assert imported_modules(ast.parse("from . import auth"), "monitor.web", True)[0][1] == (
        "monitor.web"
    )


@pytest.mark.parametrize(
    ("module", "snippet"),
    [
        ("monitor.app", "from storage.session import Engine, SessionFactory, UnitOfWork\n"),
        ("monitor.schedule.scheduler", "from apscheduler.jobstores.sqlalchemy import S\n"),
        ("monitor.schedule.jobs", "def run(app, job):\n    return execute(app, job)\n"),
        ("storage.papers", "from sqlalchemy import select\nsession.scalars(select(P))\n"),
    ],
)
def test_checker_leaves_what_is_allowed(module: str, snippet: str) -> None:
    assert boundary_violations(snippet, module) == []


def test_ruff_rejects_sqlalchemy_in_monitor() -> None:
    """The CI half: ruff with this repository's configuration bans the import in monitor."""
    snippet = "from sqlalchemy import select\n\nprint(select)\n"
    ruff = [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251"]

    def run(filename: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*ruff, "--stdin-filename", filename, "-"],
            input=snippet,
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )

    probe = run("monitor/cli/run.py")
    if "No module named ruff" in probe.stderr:
        pytest.skip("ruff is not installed in this environment")
    assert probe.returncode == 1, probe.stdout + probe.stderr
    assert "TID251" in probe.stdout and "sqlalchemy" in probe.stdout
    assert run("storage/papers.py").returncode == 0
