"""Helpers shared by command modules."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

import click

from monitor.app import App
from monitor.config import check_config_files
from monitor.errors import ConfigError
from storage.dbapi import sqlite_file

F = TypeVar("F", bound=Callable[..., Any])

pass_app = click.make_pass_decorator(App)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def json_report(group: click.Group, name: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A read-only subcommand of ``group``: it gets the App and a ``--json`` flag."""

    def make(func: Callable[..., Any]) -> click.Command:
        return group.command(name)(json_option(pass_app(func)))

    return make


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=_default, ensure_ascii=False))


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialize {type(value).__name__}")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """Lines of a table whose columns start where their headers do (two spaces between).

    Each column is as wide as its widest cell, so a long job id or DOI pushes
    the columns right instead of running into the next one; the last column is
    not padded.
    """
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    return [
        indent
        + "  ".join(
            str(cell).ljust(width) if i < len(widths) - 1 else str(cell)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in (headers, *rows)
    ]


class EditorStatus(click.Choice):  # type: ignore[type-arg]
    """An editor's decision or paper status in either spelling: ``to-summarize``, as help
    and the review app write it, or ``to_summarize``, as it is stored (the value given to
    the command).  One type for `scimon export --status` and `trials export --decision`,
    which parsed the two spellings two ways (smoke19, fixs19)."""

    def __init__(self, stored: Sequence[str]) -> None:
        super().__init__([s.replace("_", "-") for s in stored])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        shown = super().convert(str(value).replace("_", "-"), param, ctx)
        return str(shown).replace("-", "_")


def parse_since(value: str | None) -> datetime | None:
    """``2026-11-01`` or ``14d`` (days ago) to an aware datetime."""
    if not value:
        return None
    text = value.strip()
    if text.endswith("d") and text[:-1].isdigit():
        from datetime import timedelta

        try:
            return datetime.now(UTC) - timedelta(days=int(text[:-1]))
        except OverflowError as exc:  # "99999999d": before year 1
            raise click.BadParameter(
                f"{value!r} reaches back before year 1", param_hint="'--since'"
            ) from exc
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        # param_hint: raised in the command's body, click does not know the option's name
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD) or Nd", param_hint="'--since'"
        ) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_terminal() -> bool:
    return sys.stderr.isatty()


def checks_config(*, feeds: bool = True, triage: bool = True) -> Callable[[F], F]:
    """For commands that write: load and validate every config file first.

    Put it under ``@pass_app``; ``feeds``/``triage`` say whether the command
    needs that file (one that exists is validated either way).  Without it
    a bad feeds.toml surfaced only when the feeds' turn came, after PubMed
    had stored thousands of papers.  (``fetch`` and ``import`` call
    :func:`check_config_files` themselves: what they need depends on their
    options.)
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(app: App, *args: Any, **kwargs: Any) -> Any:
            check_config_files(app.settings, feeds=feeds, triage=triage)
            return func(app, *args, **kwargs)

        return cast(F, wrapper)

    return decorate


def require_database(app: App) -> None:
    """For read-only commands: a SQLite file in a missing folder is an error, not created.

    Opening the engine creates a SQLite file's folder (right for ``db
    upgrade`` and writers); a command that only reads should say the
    database is not there instead of leaving an empty folder behind.
    """
    path = sqlite_file(app.settings.database_url)
    if path is None:
        return
    if not path.parent.is_dir():
        raise ConfigError(
            f"SCIMON_DATABASE_URL: no database at {path} (its folder {path.parent} does not exist)",
            "check the URL, or create the database with `scimon db upgrade`",
        )
