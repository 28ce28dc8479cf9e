"""The ``scimon`` command line: thin wrappers over library functions.

Every command module registers its commands on :data:`cli`; :func:`main`
turns user errors into one line on stderr and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import click

from monitor.app import App
from monitor.errors import MonitorError
from monitor.logs import setup_logging

log = logging.getLogger("monitor.cli")

# Each module defines COMMANDS, a list of click commands or groups.
_COMMAND_MODULES = [
    "db", "digest", "feeds", "fetch", "papers", "queries", "run", "triage", "learn", "labels",
    "trials", "web",
]  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="SCIMON_CONFIG",
    help="Config file (default: queries/sci.toml).",
)
@click.option(
    "--log-level",
    default="INFO",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
)
@click.option(
    "--log-format", default="text", show_default=True, type=click.Choice(["text", "json"])
)
@click.version_option(package_name="scimon", message="scimon %(version)s")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, log_level: str, log_format: str) -> None:
    """scimon: a literature monitor for spinal cord injury research."""
    setup_logging(log_level, log_format)
    app = App(config_path=config_path)
    ctx.obj = app
    ctx.call_on_close(app.close)


for _name in _COMMAND_MODULES:
    for _command in importlib.import_module(f"monitor.cli.{_name}").COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, reporting user errors as one line."""
    try:
        cli.main(args=argv, prog_name="scimon", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except MonitorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one line, the traceback only with --log-level DEBUG
        log.debug("unexpected error", exc_info=True)
        click.echo(f"error: unexpected {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
