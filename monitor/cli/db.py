"""``scimon db``: schema migrations."""

from __future__ import annotations

import click

from monitor.app import App
from monitor.cli.common import pass_app
from storage import migrate
from storage.session import display_url


@click.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@pass_app
def upgrade(app: App, revision: str) -> None:
    """Create or migrate the schema to the current version."""
    from alembic.util.exc import CommandError

    try:
        migrate.upgrade(app.settings.database_url, revision)
    except CommandError as exc:  # a revision mistyped is a user error, not a bug
        # quoted as click quotes every other bad option value ("Invalid value for '--since'")
        raise click.BadParameter(str(exc), param_hint="'--revision'") from exc
    current = migrate.current_revision(app.engine)
    click.echo(f"database at revision {current} ({display_url(app.settings.database_url)})")


@db.command("current")
@pass_app
def current(app: App) -> None:
    """Show the schema revision and whether it is up to date."""
    rev = migrate.current_revision(app.engine)
    head = migrate.head_revision()
    state = "up to date" if rev == head else f"behind (head is {head}): run `scimon db upgrade`"
    click.echo(f"{rev or 'empty'}: {state}")


COMMANDS = [db]
