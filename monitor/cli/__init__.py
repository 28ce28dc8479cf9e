"""The ``scimon`` command line: thin wrappers over library functions.

Commands are loaded on use (:class:`LazyGroup`, as click's documentation
shows): ``scimon papers list`` imports the papers module and what it needs,
not the scheduler, the web app, the HTTP client or the triage patterns, and
``scimon --help`` imports no command module at all.  :func:`main` turns user
errors into one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import click

from monitor.errors import MonitorError

log = logging.getLogger("monitor.cli")

# command name -> (module in monitor.cli, attribute, the one-line help `scimon --help` shows);
# tests/test_cli_startup.py checks each line against the command's own docstring
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "db": ("db", "db", "Database schema commands."),
    "digest": ("digest", "digest", "The weekly editor digest."),
    "eval": ("triage", "eval_", "Measure the classifier."),
    "export": ("web", "export", "One brief per paper with what a summary writer needs."),
    "feeds": ("feeds", "feeds", "Journal feeds: list them and show their health."),
    "fetch": ("fetch", "fetch", "Fetch new papers (PubMed, journal feeds, Europe PMC preprints) "
              "and trials, then triage."),
    "import": ("fetch", "import_", "Import local PubMed XML files (efetch output, "
               "baseline/update files, .xml or .xml.gz)."),
    "labels": ("labels", "labels",
               "Editors' labels: every decision and triage correction, imported or exported."),
    "learn": ("labels", "learn",
              "Train the preference model from the labels and rescore every paper."),
    "papers": ("papers", "papers", "List and show stored papers."),
    "queries": ("queries", "queries",
                "Check, compare and measure the configured PubMed queries."),
    "run": ("run", "run",
            "Run the scheduler (PubMed daily, feeds every few hours, the weekly digest)."),
    "serve": ("web", "serve", "Run the editor review app with waitress (put a TLS reverse "
              "proxy in front)."),
    "status": ("run", "status", "Last and next run of every job, failing sources, papers "
               "per week, last digest."),
    "trials": ("trials", "trials", "Registered trials from ClinicalTrials.gov (fetched by "
               "`scimon fetch --source trials`)."),
    "triage": ("triage", "triage",
               "Classify papers that are new, changed, or triaged by older rules."),
}  # fmt: skip


class LazyGroup(click.Group):
    """A group whose subcommands are imported when they are run (or asked for).

    ``scimon --help`` lists them from :data:`LAZY_COMMANDS` without importing
    them: a command module imports its library (SQLAlchemy, httpx, Flask,
    the triage patterns), which cost every command 0.66 s before it started.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute, _help = LAZY_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"monitor.cli.{module}"), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"monitor.cli.{module}.{attribute} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, LAZY_COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)



class _UpperChoice(click.Choice[str]):
    """Choices matched in any case but shown in upper case, as the docs and the default are.

    click's ``case_sensitive=False`` lists them casefolded in --help and in its errors
    ("[debug|info|...]"), which disagreed with docs/cli.md and the INFO default.
    """

    def normalize_choice(self, choice: object, ctx: click.Context | None) -> str:
        return super().normalize_choice(choice, ctx).upper()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    type=_UpperChoice(["DEBUG", "INFO", "WARNING", "ERROR"]),
    help="Log threshold, in either case; DEBUG adds tracebacks.",
)
@click.option(
    "--log-format", default="text", show_default=True, type=click.Choice(["text", "json"])
)
@click.version_option(package_name="scimon", message="scimon %(version)s")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, log_level: str, log_format: str) -> None:
    """scimon: a literature monitor for spinal cord injury research."""
    from monitor.app import App
    from monitor.logs import setup_logging

    setup_logging(log_level, log_format)
    app = App(config_path=config_path)
    ctx.obj = app
    ctx.call_on_close(app.close)


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
