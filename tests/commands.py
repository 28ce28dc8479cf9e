"""Running scimon from a test: the environment that points it at the test's database, config
and E-utilities emulator, and ``python -m monitor`` as a real child process.

Tests that kill, signal or race a scimon need a real process; these helpers keep the one
way to start it (this interpreter, the repository as working directory) in one place.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def scimon_env(database_url: str, config: Path, eutils_url: str | None = None) -> dict[str, str]:
    """The SCIMON_* variables for a database, a config file and (optionally) an emulator."""
    env = {"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config)}
    if eutils_url is not None:
        env["SCIMON_EUTILS_URL"] = eutils_url
    return env


def start_scimon(args: list[str], env: dict[str, str], *, capture: bool) -> subprocess.Popen[str]:
    """``python -m monitor ARGS`` started in the background, with ``env`` over this one's.

    ``capture`` pipes its output (read it with ``communicate``); otherwise it is discarded.
    """
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", *args],
        env={**os.environ, **env},
        cwd=REPO,
        stdout=out,
        stderr=out,
        text=True,
    )


def run_scimon(
    args: list[str], env: dict[str, str], *, timeout: float
) -> subprocess.CompletedProcess[str]:
    """``python -m monitor ARGS`` run to its end (as ``subprocess.run``); output captured."""
    with start_scimon(args, env, capture=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
