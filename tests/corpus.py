"""Locate ../shared/corpus (real recorded data we may read but never copy).

Tests call :func:`corpus_path`; when the corpus is absent (a clone without
``shared/`` beside it) they are skipped with the reason, not failed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    """``$SCIMON_CORPUS_DIR``, else ``<repo>/../shared/corpus``."""
    env = os.environ.get("SCIMON_CORPUS_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "corpus"


def corpus_path(*parts: str) -> Path:
    """Path inside the corpus, or skip the calling test with a clear reason."""
    path = corpus_dir().joinpath(*parts)
    if not path.exists():
        hint = "set SCIMON_CORPUS_DIR or put shared/ beside the repo"
        pytest.skip(f"recorded corpus not found at {path} ({hint})")
    return path
