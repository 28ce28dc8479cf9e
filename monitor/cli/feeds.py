"""``scimon feeds``: the configured journal feeds and their health."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from monitor.app import App
from monitor.cli.common import echo_json, json_report
from monitor.ingest.feeds import configured_feeds
from storage.runs import last_run_warnings, list_states


@click.group()
def feeds() -> None:
    """Journal feeds: list them and show their health."""


@json_report(feeds, "status")
def status(app: App, as_json: bool) -> None:
    """Last success, last error, consecutive errors and next check of every feed."""
    configured = configured_feeds(app)
    with app.sessions() as session:
        states = {s.name: s for s in list_states(session, "feed")}
        warned = {
            r.source: "; ".join((r.stats or {}).get("warning_messages") or ["warning"])
            for r in last_run_warnings(session)
        }
    now = datetime.now(UTC)
    rows = []
    for feed in configured:
        state = states.get(f"feed:{feed.name}")
        rows.append(
            {
                "name": feed.name,
                "journal": feed.journal,
                "enabled": feed.enabled,
                "url": str(feed.url),
                "moved_to": state.url if state and state.url != str(feed.url) else None,
                "last_success_at": state.last_success_at if state else None,
                "last_error_at": state.last_error_at if state else None,
                "last_error": state.last_error if state and state.error_count else None,
                "consecutive_errors": state.error_count if state else 0,
                "next_check_at": state.next_check_at if state else None,
                "last_run_warning": warned.get(f"feed:{feed.name}"),
            }
        )
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        health = "never fetched"
        if row["consecutive_errors"]:
            nxt = row["next_check_at"]
            when = f", retry {_ago(nxt, now)}" if isinstance(nxt, datetime) else ""
            health = f"FAILING x{row['consecutive_errors']}{when}: {row['last_error']}"
        elif row["last_run_warning"]:
            health = f"WARNING on the last run: {row['last_run_warning']}"
        elif isinstance(row["last_success_at"], datetime):
            health = f"ok {_ago(row['last_success_at'], now)}"
        flag = "" if row["enabled"] else " (disabled)"
        click.echo(f"{row['name']:<28}{flag} {health}")
        if row["moved_to"]:
            click.echo(f"{'':<28} moved permanently to {row['moved_to']}")


def _ago(when: datetime, now: datetime) -> str:
    seconds = int((now - when).total_seconds())
    future = seconds < 0
    seconds = abs(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            text = f"{seconds // size}{unit}"
            break
    else:
        text = f"{seconds}s"
    return f"in {text}" if future else f"{text} ago"


COMMANDS = [feeds]
