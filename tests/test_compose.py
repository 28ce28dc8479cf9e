"""docker-compose.yml is valid (Debian's docker-compose; no engine is needed for config)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``docker-compose config -q`` in the repository with this environment."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose not installed (apt-get install docker-compose; .ci/run does)")
    return subprocess.run(
        [binary, "config", "-q"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_compose_file_is_valid() -> None:
    result = compose_config({**os.environ, "SCIMON_SECRET_KEY": "test-secret"})
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_a_secret_key() -> None:
    result = compose_config({k: v for k, v in os.environ.items() if k != "SCIMON_SECRET_KEY"})
    assert result.returncode != 0 and "SCIMON_SECRET_KEY" in result.stderr


def test_dockerfile_runs_migrations_before_services() -> None:
    compose = (REPO / "docker-compose.yml").read_text()
    assert 'command: ["db", "upgrade"]' in compose
    assert compose.count("service_completed_successfully") == 2
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "USER scimon" in dockerfile and 'ENTRYPOINT ["scimon"]' in dockerfile
