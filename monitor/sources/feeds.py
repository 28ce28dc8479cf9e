"""Journal feeds: their configuration and a careful HTTP fetch.

Feeds are listed in ``queries/feeds.toml`` (validated like the main config).
Fetching is a conditional GET (ETag / Last-Modified from the previous success,
so an unchanged feed costs a 304 and no parsing), with timeouts, a size cap,
at most five redirects (a permanent one is reported so the config can be
updated) and an identifying User-Agent, as rss2email and miniflux do.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from monitor.config import format_validation_error, read_toml, require_unique_names
from monitor.errors import ConfigError, SourceError

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
TOTAL_SECONDS = 60.0
BACKOFF_FIRST = timedelta(minutes=30)
BACKOFF_CAP = timedelta(hours=24)


class FeedConfig(BaseModel):
    """One journal feed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,62}$")
    url: str = Field(pattern=r"^https?://\S+$")
    journal: str = Field(min_length=1)
    issn: str | None = Field(None, pattern=r"^\d{4}-\d{3}[\dXx]$")
    enabled: bool = True
    # "sci": keep only items whose title or abstract uses the SCI vocabulary
    # (broad journals); None: every item (SCI journals)
    filter: Literal["sci"] | None = None

    @field_validator("filter", mode="before")
    @classmethod
    def _none(cls, value: object) -> object:
        return None if value in ("", "none") else value


class FeedsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feed: list[FeedConfig] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> FeedsFile:
        require_unique_names("feed", [f.name for f in self.feed])
        return self


def load_feeds(path: Path) -> list[FeedConfig]:
    """Read and validate the feeds file; ConfigError names file, key and problem."""
    data = read_toml(path)
    try:
        return FeedsFile.model_validate(data).feed
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from exc


@dataclass(frozen=True)
class FeedResponse:
    url: str
    not_modified: bool
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: str | None = None


def fetch_feed(
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    user_agent: str,
    max_bytes: int = MAX_BYTES,
    timeout: httpx.Timeout = TIMEOUT,
) -> FeedResponse:
    """GET a feed conditionally; raise SourceError with a clear reason on failure."""
    headers = {
        "User-Agent": user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    permanent: str | None = None
    current = url
    deadline = time.monotonic() + TOTAL_SECONDS
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            with client.stream(
                "GET", current, headers=headers, timeout=timeout, follow_redirects=False
            ) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise SourceError(f"{current}: HTTP {status} without Location")
                    target = urljoin(current, location)
                    if status in (301, 308) and (permanent is not None or current == url):
                        permanent = target
                    current = target
                    continue
                if status == 304:
                    return FeedResponse(
                        current, True, etag=etag, last_modified=last_modified,
                        permanent_redirect=permanent,
                    )  # fmt: skip
                if status in (404, 410):
                    raise SourceError(f"{current}: HTTP {status} (feed gone? check feeds.toml)")
                if status >= 400:
                    raise SourceError(f"{current}: HTTP {status}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise SourceError(f"{current}: larger than {max_bytes // 1024 // 1024} MB")
                    if time.monotonic() > deadline:
                        raise SourceError(f"{current}: took longer than {TOTAL_SECONDS:.0f} s")
                    chunks.append(chunk)
                return FeedResponse(
                    url=current,
                    not_modified=False,
                    body=b"".join(chunks),
                    content_type=response.headers.get("Content-Type", ""),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    permanent_redirect=permanent,
                )
        except httpx.TimeoutException as exc:
            raise SourceError(f"{current}: timed out ({type(exc).__name__})") from exc
        except httpx.DecodingError as exc:
            raise SourceError(f"{current}: corrupt compressed body ({exc})") from exc
        except httpx.HTTPError as exc:
            raise SourceError(f"{current}: {type(exc).__name__}: {exc}") from exc
    raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")


def next_check_after(error_count: int, now: datetime) -> datetime:
    """When a failing feed is tried again: 30 min, doubling, at most a day; never never."""
    if error_count <= 0:
        return now
    delay = BACKOFF_FIRST * (2 ** min(error_count - 1, 10))
    result: datetime = now + min(delay, BACKOFF_CAP)
    return result
