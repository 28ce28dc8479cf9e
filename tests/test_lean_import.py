"""``scimon import`` on SQLite keeps OpenSSL out of its storing process (issue 23, mem8).

SQLAlchemy imports ``asyncio`` (and with it ``ssl``) and ``hashlib``, which load
libcrypto and libssl: 4.6 MiB of resident memory the import never uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.cli.lean import drop_openssl
from tests.corpus import REPO_ROOT
from tests.records import pubmed_article


def _run(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **env}, timeout=180, check=False,
    )  # fmt: skip


def test_a_sqlite_import_runs_without_openssl(tmp_path: Path) -> None:
    """The whole command (its classifying child, triage in the pass) imports a file
    into SQLite with neither ``_ssl`` nor ``_hashlib`` nor libcrypto loaded, and its
    digests are CPython's own, the same as OpenSSL's."""
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
        "print(json.dumps({'libcrypto': 'libcrypto' in maps, 'libssl': 'libssl' in maps,\n"
        "    'ssl': 'ssl' in sys.modules, 'hashlib_openssl': sys.modules.get('_hashlib') is not None,\n"
        "    'sqlalchemy': 'sqlalchemy' in sys.modules,\n"
        "    'sha1': hashlib.sha1(b'scimon').hexdigest(), 'md5': hashlib.md5(b'scimon').hexdigest()}))\n"
    )
    out = _run(script, {"SCIMON_DATABASE_URL": url, "SCIMON_CONFIG": str(config)})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()

    report, state = json.loads("\n".join(lines[:-1])), json.loads(lines[-1])
    assert report["new"] == 3 and report["triage"]["triaged"] == 3
    assert state["sqlalchemy"] is True  # it did store, through SQLAlchemy
    assert state["libcrypto"] is False and state["libssl"] is False
    assert state["ssl"] is False and state["hashlib_openssl"] is False
    assert state["sha1"] == "370293ba1e44717b476cbc84b6c5ebd5f38ed459"
    assert state["md5"] == "b27b3709014cb2ca02c35bb9a0c82a51"


@pytest.mark.parametrize(
    ("url", "preloaded", "dropped"),
    [
        ("sqlite:///x.db", (), True),
        ("postgresql+psycopg://u@h/db", (), False),  # psycopg's libpq wrapper imports ssl
        ("sqlite:///x.db", ("_hashlib",), False),  # already loaded: nothing to save
    ],
)
def test_drop_openssl_only_for_sqlite_and_only_before_it_loads(
    url: str, preloaded: tuple[str, ...], dropped: bool
) -> None:
    script = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in preloaded)
        + "from monitor.cli.lean import drop_openssl\n"
        f"print(drop_openssl({url!r}))\n"
        "import hashlib\n"
        "print(sys.modules.get('_hashlib') is None, 'ssl' in sys.modules)\n"
        "import asyncio\n"  # what SQLAlchemy imports: must still work
        "print('ssl' in sys.modules)\n"
    )
    out = _run(script, {})
    assert out.returncode == 0, out.stderr
    said, no_hashlib, _ssl_before, ssl_after = out.stdout.split()
    assert said == str(dropped)
    assert no_hashlib == str(dropped)
    assert ssl_after == str(not dropped)


def test_drop_openssl_reads_the_database_url_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not SQLite in SCIMON_DATABASE_URL: nothing done (and this process untouched)."""
    monkeypatch.setenv("SCIMON_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert drop_openssl() is False
