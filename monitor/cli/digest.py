"""``scimon digest preview|send|history``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from monitor.app import App
from monitor.cli.common import checks_config, echo_json, json_option, pass_app
from monitor.wording import count_of


def _check_week(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A wrong --week is a bad option value (exit 2, before anything is read or sent),
    not a failure of the run (exit 1), as a wrong --since of `papers list` is."""
    if value is None:
        return None
    from monitor.digest.weeks import parse_week
    from monitor.errors import InputError

    try:
        parse_week(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from exc
    return value


WEEK = click.option(
    "--week", callback=_check_week, help="ISO week, e.g. 2026-W47 (default: this week)."
)


@click.group()
def digest() -> None:
    """The weekly editor digest."""


@digest.command("preview")
@WEEK
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the HTML here (default: print the plain text).")  # fmt: skip
@pass_app
def preview_(app: App, week: str | None, out: Path | None) -> None:
    """Render the week's digest without sending or recording anything."""
    from monitor.digest.send import preview

    rendered = preview(app, week)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(rendered.html, encoding="utf-8")
        click.echo(f"{rendered.subject}\nwritten to {out}")
    else:
        click.echo(f"Subject: {rendered.subject}\n\n{rendered.text}")


@digest.command("send")
@WEEK
@click.option("--dry-run", is_flag=True, help="Show who would receive it; send nothing.")
@click.option(
    "--resend", metavar="EDITOR|all",
    help="Send the week's stored digest again to one editor (email) or to all of them.",
)  # fmt: skip
@json_option
@pass_app
@checks_config(feeds=False)
def send(app: App, week: str | None, dry_run: bool, resend: str | None, as_json: bool) -> None:
    """Send the week's digest to every editor who has not received it yet.

    When no source answered since the last digest, the digest is held (nothing
    is recorded, the week stays open) for `[digest] hold_hours`, then sent with
    a plain note that the sources could not be reached.
    """
    from monitor.digest.send import HELD_REASON, send_weekly
    from monitor.digest.send import resend as resend_digest

    if resend is not None:
        report = resend_digest(app, resend, week=week, dry_run=dry_run)
    else:
        report = send_weekly(app, week=week, dry_run=dry_run)
    if as_json:
        echo_json(report.as_dict())
    else:
        click.echo(f"digest {report.week}: {count_of(report.papers, 'paper')}")
        if report.held_until is not None:
            click.echo(f"  held: {HELD_REASON}; it goes anyway after "
                       f"{report.held_until:%Y-%m-%d %H:%M} UTC")  # fmt: skip
        for email in report.sent:
            click.echo(f"  {'resent' if resend is not None else 'sent'} to {email}")
        for email in report.already_sent:
            click.echo(f"  already sent to {email}")
        for email in report.would_send:
            click.echo(f"  would send to {email}")
        for email in report.busy:
            click.echo(f"  being sent by another run: {email}")
        for path in report.outbox:
            click.echo(f"  written {path}")
        if dry_run:
            click.echo("  (dry run: nothing sent)")
    for email, error in report.failed.items():
        click.echo(f"error: {email}: {error} (retried on the next run)", err=True)
    if report.failed:
        sys.exit(1)


@digest.command("history")
@json_option
@pass_app
def history_(app: App, as_json: bool) -> None:
    """Past digests and who received them."""
    from storage.digests import history

    with app.sessions() as session:
        rows: list[dict[str, Any]] = [
            {
                "week": d.week,
                "papers": len(d.paper_ids),
                "window": [d.window_start.isoformat(), d.window_end.isoformat()],
                "recipients": [
                    {
                        "email": s.editor_email,
                        "status": s.status,
                        "sent_at": s.sent_at.isoformat() if s.sent_at else None,
                        "attempts": s.attempts,
                        "error": s.last_error,
                    }
                    for s in sends
                ],
            }
            for d, sends in history(session)
        ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no digest built yet")
    for row in rows:
        click.echo(f"{row['week']}: {count_of(row['papers'], 'paper')}")
        for r in row["recipients"]:
            extra = f" ({r['error']})" if r["error"] and r["status"] != "sent" else ""
            click.echo(f"  {r['status']:<8}{r['email']}{extra}")


COMMANDS = [digest]
