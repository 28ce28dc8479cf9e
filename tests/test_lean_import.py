"""``scimon import`` on SQLite keeps Python's ``ssl`` out of its storing process
(issue 23, mem8): SQLAlchemy imports ``asyncio``, which imports ``ssl`` (1.1 MiB)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.cli.lean import drop_ssl
from tests.corpus import REPO_ROOT
from tests.records import pubmed_article


def _run(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **env}, timeout=180, check=False,
    )  # fmt: skip


def test_a_sqlite_import_runs_without_ssl(tmp_path: Path) -> None:
    """The whole command (its classifying child, triage in the pass) imports a file
    into SQLite with neither ``ssl`` nor libssl loaded; ``hashlib`` keeps OpenSSL
    (the records' fingerprints) and its digests."""
    body = "".join(pubmed_article(p, f"Gait {p} after spinal cord injury") for p in range(1, 4))
    xml = tmp_path / "three.xml"
    xml.write_text(f"<?xml version='1.0'?><PubmedArticleSet>{body}</PubmedArticleSet>")
    config = tmp_path / "sci.toml"
    config.write_text(
        '[ncbi]\nemail = "tests@example.org"\n'
        '[vocabulary]\nmesh = ["Spinal Cord Injuries"]\ntiab = ["spinal cord injur*"]\n'
        f'[triage]\nfile = "{REPO_ROOT / "queries" / "triage.toml"}"\n'
    )
    url = f"sqlite:///{tmp_path / 'lean.db'}"
    upgraded = _run(f"from storage.migrate import upgrade; upgrade({url!r})", {})
    assert upgraded.returncode == 0, upgraded.stderr
    script = (
        "import json, sys\n"
        "from monitor.cli import main\n"
        f"sys.argv = ['scimon', 'import', '--json', {str(xml)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "import hashlib\n"
        "maps = open('/proc/self/maps').read()\n"
        "print(json.dumps({'libssl': 'libssl' in maps, 'ssl': 'ssl' in sys.modules,\n"
        "    'hashlib_openssl': sys.modules.get('_hashlib') is not None,\n"
        "    'asyncio': 'asyncio' in sys.modules, 'sqlalchemy': 'sqlalchemy' in sys.modules,\n"
        "    'sha1': hashlib.sha1(b'scimon').hexdigest()}))\n"
    )
    out = _run(script, {"SCIMON_DATABASE_URL": url, "SCIMON_CONFIG": str(config)})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    report, state = json.loads("\n".join(lines[:-1])), json.loads(lines[-1])
    assert report["new"] == 3 and report["triage"]["triaged"] == 3
    assert state["sqlalchemy"] is True and state["asyncio"] is True  # stored through them
    assert state["libssl"] is False and state["ssl"] is False
    assert state["hashlib_openssl"] is True
    assert state["sha1"] == "370293ba1e44717b476cbc84b6c5ebd5f38ed459"


@pytest.mark.parametrize(
    ("url", "preloaded", "dropped"),
    [
        ("sqlite:///x.db", (), True),
        ("postgresql+psycopg://u@h/db", (), False),  # psycopg's libpq wrapper imports ssl
        ("sqlite:///x.db", ("ssl",), False),  # already loaded: nothing to save
    ],
)
def test_drop_ssl_only_for_sqlite_and_only_before_it_loads(
    url: str, preloaded: tuple[str, ...], dropped: bool
) -> None:
    script = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in preloaded)
        + "from monitor.cli.lean import drop_ssl\n"
        f"print(drop_ssl({url!r}))\n"
        "import asyncio, hashlib\n"  # what SQLAlchemy imports: both must still work
        "print('ssl' in sys.modules, sys.modules.get('_hashlib') is not None)\n"
        "print(hashlib.sha1(b'x').hexdigest()[:8])\n"
    )
    out = _run(script, {})
    assert out.returncode == 0, out.stderr
    said, ssl_loaded, openssl_hashes, digest = out.stdout.split()
    assert said == str(dropped)
    assert ssl_loaded == str(not dropped)
    assert openssl_hashes == "True"
    assert digest == "11f6ad8e"


def test_drop_ssl_reads_the_database_url_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not SQLite in SCIMON_DATABASE_URL: nothing done (and this process untouched)."""
    monkeypatch.setenv("SCIMON_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert drop_ssl() is False


def test_a_cli_runner_import_leaves_ssl_alone(tmp_path: Path) -> None:
    """Run through ``cli`` in a process that goes on (a test's CliRunner), not through
    ``main``, ``scimon import`` leaves ``ssl`` importable."""
    url = f"sqlite:///{tmp_path / 'runner.db'}"
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from monitor.cli import cli\n"
        "result = CliRunner().invoke(cli, ['import', '--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sys.modules.get('_ssl', 'unloaded') is not None)\n"
        "import ssl\n"
        "print(ssl.OPENSSL_VERSION.split()[0])\n"
    )
    out = _run(script, {"SCIMON_DATABASE_URL": url})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "OpenSSL"]
