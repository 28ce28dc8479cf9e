"""``scimon serve`` (the review app) and ``scimon export`` (briefs for writers)."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.app import App
from monitor.briefs.brief import briefs
from monitor.briefs.categories import load_categories
from monitor.briefs.export import FORMATS, render
from monitor.cli.common import EditorStatus, pass_app
from storage.models import STATUSES


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
# Bounded: waitress took port 99999 modulo 65536 and served on 34463 while the
# banner announced 99999.
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 1000))
@pass_app
def serve(app: App, host: str, port: int, threads: int) -> None:
    """Run the editor review app with waitress (put a TLS reverse proxy in front)."""
    import waitress

    from monitor.web import create_app, served_url, shutdown, waitress_options

    flask = create_app(app, served_at=served_url(host, port))
    click.echo(f"scimon review app on http://{host}:{port}/", err=True)
    try:
        waitress.serve(
            flask,
            host=host,
            port=port,
            threads=threads,
            ident="scimon",
            **waitress_options(app.settings),
        )
    finally:
        shutdown(flask)  # sign-in mail already queued goes out first


@click.command("export")
@click.option(
    "--status",
    "status",
    type=EditorStatus(STATUSES),
    default="to-summarize",
    show_default=True,
    help="Which papers (their status).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout)."
)
@pass_app
def export(app: App, status: str, fmt: str, out: Path | None) -> None:
    """One brief per paper with what a summary writer needs.

    md: a card laid out like the site's; json: docs/brief-schema.json; csv;
    ris, bibtex, csl-json: citations for reference managers, with the
    editors' notes.
    """
    categories = load_categories(app.settings.categories_file())
    with app.sessions() as session:
        items = briefs(session, (status,), categories)  # (EditorStatus: the stored spelling)
    text = render(items, fmt)
    if not items:  # stderr: an empty stdout alone looked like a failure (or a hang)
        shown = status.replace("_", "-")
        click.echo(f"no papers with status {shown} (editors mark them in the review app)", err=True)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"{len(items)} briefs written to {out}", err=True)


COMMANDS = [serve, export]
