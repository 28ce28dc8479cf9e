"""Models are imported on first use; whatever needs every table asks ``storage.models.metadata()``.

``from storage.models import Paper`` imports ``storage.models.papers`` and
the modules its foreign keys name, not all ten (``scimon papers list``
starts faster).  The price is that ``Base.metadata`` holds only the tables
imported so far: merging papers along every foreign key, Alembic and the
test database's cleanup would silently miss tables if they read it.  These
tests run fresh interpreters, since this process has imported every model.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import storage.models
from storage.migrate import upgrade
from storage.session import make_engine
from tests.commands import REPO

MODEL_MODULES = sorted(p.stem for p in (REPO / "storage" / "models").glob("*.py")
                       if p.stem != "__init__")  # fmt: skip
ALLOWED_BASE_METADATA = {Path("storage/models/__init__.py")}


def run_python(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout


def base_metadata_reads(source: str) -> list[int]:
    """Lines of ``source`` that read ``Base.metadata``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr == "metadata"
        and isinstance(node.value, ast.Name)
        and node.value.id == "Base"
    ]


def test_the_checker_finds_a_read_of_base_metadata() -> None:
    assert base_metadata_reads("x = 1\nfor t in Base.metadata.sorted_tables:\n    pass\n") == [2]
    assert base_metadata_reads("from storage.models import metadata\nmetadata().tables\n") == []


def test_no_code_reads_base_metadata_but_storage_models() -> None:
    found = []
    for top in ("storage", "monitor", "tests", "benchmarks", "scripts"):
        for path in sorted((REPO / top).rglob("*.py")):
            relative = path.relative_to(REPO)
            if relative in ALLOWED_BASE_METADATA or "migrations/versions" in str(relative):
                continue
            found += [f"{relative}:{line}"
                      for line in base_metadata_reads(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert found == [], "use storage.models.metadata(): Base.metadata lacks unimported models"


def test_every_name_the_package_exports_resolves() -> None:
    names = [n for n in storage.models.__all__ if n != "metadata"]
    assert sorted(names) == sorted(storage.models._MODULE_OF)
    for name in names:
        value = getattr(storage.models, name)
        if name != "STATUSES":
            assert value.__module__ == f"storage.models.{storage.models._MODULE_OF[name]}"
    with pytest.raises(AttributeError):
        storage.models.Nope  # noqa: B018


def test_papers_list_models_load_alone() -> None:
    """What ``from storage.models import Paper, PaperTriage`` loads, in a fresh interpreter."""
    code = (
        "import json, sys\n"
        "from storage.models import Paper, PaperTriage\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('storage.models.'))))\n"
    )
    assert json.loads(run_python(code)) == ["storage.models.papers", "storage.models.triage"]


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_each_model_module_alone_resolves_its_foreign_keys_and_mappers(module: str) -> None:
    """A module imports the modules of the tables its foreign keys name (else a join or
    flush on it alone fails with NoReferencedTableError)."""
    code = (
        "from sqlalchemy.orm import configure_mappers\n"
        f"import storage.models.{module}\n"
        "from storage.base import Base\n"
        "for table in Base.metadata.tables.values():\n"
        "    for fk in table.foreign_keys:\n"
        "        assert fk.column is not None\n"
        "configure_mappers()\n"
        "print('ok')\n"
    )
    assert run_python(code).strip() == "ok"


def test_metadata_has_every_migrated_table_after_loading_one_model(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/m.db"
    upgrade(url)
    engine = make_engine(url)
    try:
        from sqlalchemy import inspect

        migrated = set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()
    code = (
        "import json\n"
        "from storage.models import Paper, metadata\n"
        "print(json.dumps(sorted(metadata().tables)))\n"
    )
    assert set(json.loads(run_python(code))) == migrated
