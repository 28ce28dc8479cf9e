"""Fetch every due journal feed and store its items.

Per feed: a conditional GET with the stored ETag/Last-Modified (a 304 parses
nothing), parse, keyword-filter broad journals, store, and only then save the
new validators, so a failure never skips items.  A body that is not
well-formed XML (a truncated download, broken markup) has its readable items
stored but its validators are not saved: a 304 must never stand for items
that were cut off, so the next fetch reads the whole feed again.  That is a
warning on the feed's run, not a failure.  A failing feed backs off
exponentially (never disabled for good) and never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

import httpx

from monitor.app import App
from monitor.errors import ConfigError, SourceError
from monitor.ingest.run import SourceRun
from monitor.parse.feed import parse_feed
from monitor.sources.feeds import FeedConfig, fetch_feed, load_feeds, next_check_after
from monitor.vocabulary import sci_pattern
from storage.ingest import AfterWrite, IngestStats, ingest_records
from storage.runs import get_state

log = logging.getLogger(__name__)


def user_agent(contact: str) -> str:
    try:
        ver = version("scimon")
    except PackageNotFoundError:
        ver = "dev"
    return f"scimon/{ver} (+mailto:{contact})"


def configured_feeds(app: App) -> list[FeedConfig]:
    return load_feeds(app.settings.named_file("feeds"))


def check_feed_names(names: Collection[str], feeds: list[FeedConfig]) -> None:
    """Raise for ``--feed`` names that feeds.toml lacks, naming the feeds it has, as an
    unknown ``--query`` names the queries (exit 2: the command line is wrong, no source is).
    One check for `scimon fetch` (before PubMed runs) and ``fetch_feeds``."""
    unknown = sorted(set(names) - {f.name for f in feeds})
    if unknown:
        known = ", ".join(f.name for f in feeds) or "none"
        raise ConfigError(
            f"no feed named {', '.join(repr(n) for n in unknown)}", f"configured: {known}"
        )


def due(app: App, feed: FeedConfig, now: datetime) -> bool:
    with app.sessions() as session:
        state = get_state(session, f"feed:{feed.name}", "feed")
        session.commit()
        return state.next_check_at is None or state.next_check_at <= now


def fetch_one(
    app: App,
    feed: FeedConfig,
    client: httpx.Client,
    run: SourceRun | None = None,
    *,
    after_write: AfterWrite | None = None,
) -> IngestStats:
    """Fetch, parse and store one feed; raise SourceError on any failure.

    ``run`` (the runner's record of this feed's run) gets the request count
    as soon as it is made and a warning when the body is not well-formed.
    ``after_write`` triages each batch in its transaction (``InlineTriage``).
    """
    run = run if run is not None else SourceRun()
    name = f"feed:{feed.name}"
    with app.sessions() as session:
        state = get_state(session, name, "feed")
        session.commit()
        etag, modified = state.etag, state.last_modified
    settings = app.settings
    run.stats.requests = 1  # counted even when it fails
    response = fetch_feed(
        str(feed.url),
        etag=etag,
        last_modified=modified,
        client=client,
        user_agent=user_agent(settings.ncbi_email),
    )
    stats = IngestStats(requests=1)
    if response.not_modified:
        log.info("feed not modified feed=%s", feed.name)
        return stats
    pattern = sci_pattern(settings.config.vocabulary) if feed.filter == "sci" else None
    result = parse_feed(
        response.body,
        feed=feed,
        content_type=response.content_type,
        base_url=response.url,
        keyword_filter=pattern,
    )
    if not result.is_feed:
        raise SourceError(f"{feed.url}: not a feed ({'; '.join(result.warnings) or 'no items'})")
    stored = ingest_records(app.sessions, result.records, after_write=after_write)
    stored.requests = 1
    stored.skipped += len(result.skipped)
    if result.malformed:
        log.warning(
            "feed not well-formed, validators not saved feed=%s items=%s reason=%s",
            feed.name, len(result.records), result.malformed,
        )  # fmt: skip
        run.warnings.append(
            f"not well-formed XML ({result.malformed}): stored the {len(result.records)} "
            "items read; validators not saved, so the next fetch reads the whole feed again"
        )
    with app.sessions() as session, session.begin():
        state = get_state(session, name, "feed")
        if not result.malformed:
            state.etag, state.last_modified = response.etag, response.last_modified
        state.url = response.permanent_redirect or state.url
    if response.permanent_redirect:
        log.warning(
            "feed moved permanently feed=%s new_url=%s (update feeds.toml)",
            feed.name, response.permanent_redirect,
        )  # fmt: skip
    return stored


def backoff_until(app: App, feed: FeedConfig) -> None:
    """After a failure, schedule the next attempt of this feed."""
    with app.sessions() as session, session.begin():
        state = get_state(session, f"feed:{feed.name}", "feed")
        state.next_check_at = next_check_after(state.error_count or 0, datetime.now(UTC))
