"""Light commands: ``scimon --help`` imports no command module, a command only what it needs.

Each case runs a fresh interpreter (``sys.modules`` of this test process holds
everything the other tests imported) and reports the modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from sqlalchemy.engine import make_url

from monitor.cli import LAZY_COMMANDS, cli
from tests.commands import REPO

# heavy libraries, each wanted only by the commands that use it
HEAVY = ("alembic", "httpx", "flask", "rich", "pygments", "monitor.triage.design_patterns")
# what `papers list` has no use for (on SQLite, nor for the PostgreSQL dialect)
NOT_FOR_PAPERS_LIST = ("pydantic", "monitor.config_models", "monitor.records", "asyncpg")
POSTGRESQL = ("sqlalchemy.dialects.postgresql", "psycopg")
# the ORM and everything that declares or maps a model
ORM = ("sqlalchemy.orm", "storage.models", "storage.base", "storage.papers")

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
    assert "storage.listed" in modules
    assert heavy(modules) == []
    assert not any(m.startswith(("monitor.cli.web", "monitor.cli.run")) for m in modules)
    # what it does not use: config sections (pydantic), PostgreSQL's dialect on SQLite,
    # the record types, and the ORM with the models (it reads through Core: storage.listing)
    unused = sorted(m for m in modules if m.startswith(NOT_FOR_PAPERS_LIST))
    if make_url(database_url).get_backend_name() == "sqlite":
        unused += sorted(m for m in modules if m.startswith(POSTGRESQL))
    assert unused == []
    assert sorted(m for m in modules if m.startswith(ORM)) == []
    # a plain URL at the head schema: read on the driver alone, no SQLAlchemy at all
    assert sorted(m for m in modules if m.startswith(("sqlalchemy", "storage.listing"))) == []


def test_papers_list_with_a_bad_config_section_runs_and_a_command_using_it_fails(
    database_url: str, tmp_path: Path
) -> None:
    """Sections are validated on first use: the same ConfigError, only where it matters."""
    config = tmp_path / "sci.toml"
    config.write_text(
        (REPO / "queries" / "sci.toml").read_text(encoding="utf-8")
        + "\n[schedule]\npubmed_hour = 25\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(config)}
    listed = subprocess.run(
        [sys.executable, "-m", "monitor", "papers", "list"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    status = subprocess.run(
        [sys.executable, "-m", "monitor", "status"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert status.returncode == 2, status.stderr
    assert status.stderr.strip() == (
        f"error: {config}: schedule.pubmed_hour: must be <= 23 (got 25)"
    )


def test_a_bound_error_reads_as_the_readme_shows_it(tmp_path: Path) -> None:
    """Smoke test, session 17: README, docs/configuration.md and queries/sci.toml promise
    ``pubmed.query[0].lookback_days: must be >= 1 (got 0)``; the command said "Input should
    be greater than or equal to 1", without the value written."""
    from monitor.config import load_file_config
    from monitor.errors import ConfigError

    shipped = (REPO / "queries" / "sci.toml").read_text(encoding="utf-8")
    assert "\nlookback_days = 30\n" in shipped
    config = tmp_path / "sci.toml"
    config.write_text(shipped.replace("\nlookback_days = 30\n", "\nlookback_days = 0\n", 1))
    with pytest.raises(ConfigError) as raised:
        load_file_config(config)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    promised = "pubmed.query[0].lookback_days: must be >= 1 (got 0)"
    assert promised in readme
    assert str(raised.value).startswith(f"{config}: {promised}"), str(raised.value)


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


def test_serve_refuses_a_port_it_cannot_bind() -> None:
    """Smoke test, session 17: ``serve --port 99999`` announced port 99999 while waitress
    served on 34463 (99999 - 65536); a port out of range is now refused before serving."""
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["serve", "--port", "99999"])
    assert result.exit_code == 2, result.output
    assert "99999 is not in the range 1<=x<=65535" in result.output
    assert "review app on" not in result.output


def test_db_upgrade_to_an_unknown_revision_is_a_user_error(database_url: str) -> None:
    """Smoke test, session 17: a mistyped ``--revision`` printed "error: unexpected
    CommandError", the wording kept for bugs; it is a bad option value (exit 2)."""
    env = {**os.environ, "SCIMON_DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "db", "upgrade", "--revision", "9999"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "unexpected" not in result.stderr
    # the option quoted as click quotes every other bad value's (fixdesk12)
    assert "Invalid value for '--revision': Can't locate revision identified by '9999'" in (
        result.stderr
    )


def test_log_level_takes_either_case_and_shows_upper_case() -> None:
    """--help listed "[debug|info|...]" while docs/cli.md and the INFO default use upper case."""
    from click.testing import CliRunner

    shown = CliRunner().invoke(cli, ["--help"]).output
    assert "[DEBUG|INFO|WARNING|ERROR]" in shown and "debug|info" not in shown
    for level in ("debug", "Warning", "ERROR"):
        result = CliRunner().invoke(cli, ["--log-level", level, "papers", "--help"])
        assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(cli, ["--log-level", "loud", "papers", "--help"])
    assert bad.exit_code == 2 and "'DEBUG', 'INFO', 'WARNING', 'ERROR'" in bad.output


@pytest.mark.parametrize(
    ("line", "wrong", "promised"),
    [
        ("\nlookback_days = 30\n", '\nlookback_days = "thirty"\n',
         "pubmed.query[0].lookback_days: must be an integer (got 'thirty')"),
        ("\nlookback_days = 30\n", "\nlookback_days = 2.5\n",
         "pubmed.query[0].lookback_days: must be an integer (got 2.5)"),
        ("\nenabled = true\n", '\nenabled = "yes please"\n',
         "trials.enabled: must be true or false (got 'yes please')"),
        ('\nname = "Example editor"\n', "\nname = 7\n",
         "editor[0].name: must be a string (in quotes) (got 7)"),
    ],
)  # fmt: skip
def test_a_type_error_names_the_value_written(
    tmp_path: Path, line: str, wrong: str, promised: str
) -> None:
    """Smoke test, session 18 (smoke19): a bound error said "must be >= 1 (got 0)" but a
    wrong type still read as pydantic's "Input should be a valid integer, unable to parse
    string as an integer", without the value written or the plain word for the type."""
    from monitor.config import load_file_config
    from monitor.errors import ConfigError

    shipped = (REPO / "queries" / "sci.toml").read_text(encoding="utf-8")
    assert line in shipped
    config = tmp_path / "sci.toml"
    config.write_text(shipped.replace(line, wrong, 1))
    with pytest.raises(ConfigError) as raised:
        load_file_config(config)
    assert str(raised.value).startswith(f"{config}: {promised}"), str(raised.value)


def _scalar_fields(model: type[Any], path: str = "") -> Iterator[tuple[str, type]]:
    """Every int, float and bool setting of a config model, as a dotted path (a list of
    tables at its first entry) and its type."""
    from typing import get_args, get_origin

    from pydantic import BaseModel

    for name, info in model.model_fields.items():
        key = f"{path}.{name}" if path else name
        kind = info.annotation
        if get_origin(kind) is list and get_args(kind):
            kind, key = get_args(kind)[0], f"{key}[0]"
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _scalar_fields(kind, key)
        elif kind in (int, float, bool):
            yield key, kind


def test_a_setting_of_the_wrong_scalar_type_is_refused_not_converted(tmp_path: Path) -> None:
    """Review of smoke19 (fixs19): `lookback_days = true` was taken as 1 day, `timeout =
    true` as 1 second and `enabled = 1` as true (pydantic converts in lax mode), silently;
    every int, float and bool setting of the config now refuses the other scalar types with
    the plain wording smoke19 gave type errors, the value as TOML writes it."""
    import re
    import tomllib

    from monitor.config import validate_file_config
    from monitor.config_models import FileConfig
    from monitor.errors import ConfigError

    written = tomllib.loads((REPO / "queries" / "sci.toml").read_text(encoding="utf-8"))
    # every table written out (the shipped file leaves some to their defaults)
    shipped = validate_file_config(tmp_path / "sci.toml", written).model_dump()
    wrong: dict[type, tuple[object, str]] = {
        int: (True, "must be an integer (got true)"),
        float: (False, "must be a number (got false)"),
        bool: (1, "must be true or false (got 1)"),
    }
    fields = list(_scalar_fields(FileConfig))
    assert {kind for _, kind in fields} == {int, float, bool} and len(fields) > 25, fields
    for key, kind in fields:
        data = json.loads(json.dumps(shipped))  # a deep copy
        *tables, leaf = re.findall(r"\w+|\[0\]", key)
        node: Any = data
        for part in tables:
            node = node[0] if part == "[0]" else node[part]
        node[leaf] = wrong[kind][0]
        with pytest.raises(ConfigError) as raised:
            validate_file_config(tmp_path / "sci.toml", data)
        assert str(raised.value) == f"{tmp_path / 'sci.toml'}: {key}: {wrong[kind][1]}", key
    # an integer where a number is wanted is still a number (timeout = 30)
    data = json.loads(json.dumps(shipped))
    data["ncbi"]["timeout"] = 30
    assert validate_file_config(tmp_path / "sci.toml", data).ncbi.timeout == 30.0


def test_a_feed_s_enabled_must_be_true_or_false(tmp_path: Path) -> None:
    """Review of smoke19 (fixs19): feeds.toml's `enabled = 1` (or "yes") was taken as true."""
    from monitor.errors import ConfigError
    from monitor.sources.feeds import load_feeds

    feeds = tmp_path / "feeds.toml"
    feed = '[[feed]]\nname = "a"\nurl = "https://example.org/rss"\njournal = "A"\n'
    feeds.write_text(feed + "enabled = false\n")
    assert [f.enabled for f in load_feeds(feeds)] == [False]
    feeds.write_text(feed + "enabled = 1\n")
    with pytest.raises(ConfigError) as raised:
        load_feeds(feeds)
    assert str(raised.value) == f"{feeds}: feed[0].enabled: must be true or false (got 1)"


def test_a_string_of_the_wrong_form_is_not_called_a_wrong_type(tmp_path: Path) -> None:
    """Review of smoke19 (fixs19): smoke19 worded every error whose pydantic code starts
    with "string" as a type error, so `tool = "my tool"` (a string, against the pattern
    `^\\S+$`) read "must be a string (in quotes) (got 'my tool')"; only wrong types are."""
    import tomllib

    from monitor.config import validate_file_config
    from monitor.errors import ConfigError

    shipped = (REPO / "queries" / "sci.toml").read_text(encoding="utf-8")
    for tool, said in (("my tool", "String should match pattern"), ("", "at least 1 character")):
        data = tomllib.loads(shipped)
        data["ncbi"]["tool"] = tool
        with pytest.raises(ConfigError) as raised:
            validate_file_config(tmp_path / "sci.toml", data)
        assert said in str(raised.value) and "must be a string" not in str(raised.value), tool
    data = tomllib.loads(shipped)
    data["ncbi"]["tool"] = 7
    with pytest.raises(ConfigError) as raised:
        validate_file_config(tmp_path / "sci.toml", data)
    assert str(raised.value).endswith("ncbi.tool: must be a string (in quotes) (got 7)")
