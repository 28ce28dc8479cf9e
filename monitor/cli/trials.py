"""``scimon trials``: the registered SCI trials scimon follows, listed and exported as cards."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.app import App
from monitor.briefs.trials import FORMATS, render_cards, trial_card
from monitor.cli.common import EditorStatus, pass_app
from storage.models import STATUSES
from storage.trial_review import trials_decided
from storage.trials import list_trials


@click.group()
def trials() -> None:
    """Registered trials from ClinicalTrials.gov (fetched by `scimon fetch --source trials`)."""


@trials.command("export")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Only trials with this overall status, e.g. recruiting (repeatable; default: all).",
)
@click.option(
    "--decision",
    type=EditorStatus([s for s in STATUSES if s != "new"]),
    help="Only trials editors marked so (e.g. to-summarize), with the decision on each card.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout)."
)
@pass_app
def export(
    app: App, statuses: tuple[str, ...], decision: str | None, fmt: str, out: Path | None
) -> None:
    """One card per trial: condition, intervention, phase, status, enrollment, where."""
    wanted = {s.replace("-", "_").upper() for s in statuses}
    with app.sessions() as session:
        if decision is None:
            cards = [trial_card(t) for t in list_trials(session, wanted)]
        else:
            cards = [
                trial_card(t, decision=decision)
                for t in trials_decided(session, (decision,))
                if not wanted or t.overall_status in wanted
            ]
    text = render_cards(cards, fmt)
    if not cards:  # stderr: an empty stdout alone looked like a failure or a mistyped status
        asked = [f"--status {', '.join(statuses)}"] if statuses else []
        asked += [f"--decision {decision}"] if decision else []
        why = f"no stored trial matches {' '.join(asked)}" if asked else "no trials stored yet"
        click.echo(why, err=True)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"{len(cards)} trial cards written to {out}", err=True)


COMMANDS = [trials]
