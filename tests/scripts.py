"""Load a training script of scripts/ as a module, for tests of its data selection.

The scripts need the ``train`` extras (scikit-learn, scipy); a test that loads one
skips with the reason when they are absent, as the rest of the suite does.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_script(name: str, *needs: str) -> ModuleType:
    """``scripts/NAME.py`` as a module, after skipping unless every module in
    ``needs`` imports."""
    for module in needs:
        pytest.importorskip(module, reason=f"{module}: pip install -e '.[dev]'")
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded
