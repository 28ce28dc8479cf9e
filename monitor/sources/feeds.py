"""Journal feeds: their configuration and a careful HTTP fetch.

Feeds are listed in ``queries/feeds.toml`` (validated like the main config).
Fetching is a conditional GET (ETag / Last-Modified from the previous success,
so an unchanged feed costs a 304 and no parsing), with timeouts, a size cap,
at most five redirects (a permanent one is reported so the config can be
updated) and an identifying User-Agent, as rss2email and miniflux do.

A compressed body is inflated here rather than by httpx, which returns
whatever a gzip stream cut in half gave and calls it complete: a body whose
compressed stream does not reach its end fails the fetch, so its cut-off
items are not mistaken for the whole feed (and its validators never saved).
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from monitor.config import format_validation_error, read_toml, require_unique_names
from monitor.errors import ConfigError, SourceError

if TYPE_CHECKING:  # imported where a feed is fetched: checking feeds.toml (as every
    # command does) needs no HTTP client (httpx, its CLI's rich and pygments: ~6 MiB)
    import httpx

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = (20.0, 10.0)  # seconds: httpx.Timeout(20.0, connect=10.0)
TOTAL_SECONDS = 60.0
BACKOFF_FIRST = timedelta(minutes=30)
BACKOFF_CAP = timedelta(hours=24)


_HTTP_URL = TypeAdapter(HttpUrl)


class FeedConfig(BaseModel):
    """One journal feed."""

    # strict as the config's sections (monitor.config_models): `enabled = 1` or "yes"
    # is refused, not taken as true
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

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

    @field_validator("url")
    @classmethod
    def _parses(cls, value: str) -> str:
        """A URL that parses (host, port, IPv6 brackets), not only one that starts well."""
        _HTTP_URL.validate_python(value)
        return value


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
    timeout: httpx.Timeout | None = None,
) -> FeedResponse:
    """GET a feed conditionally; raise SourceError with a clear reason on failure."""
    import httpx

    if timeout is None:
        timeout = httpx.Timeout(TIMEOUT[0], connect=TIMEOUT[1])
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
                inflate = _Inflater(current, response.headers.get("Content-Encoding", ""))
                chunks: list[bytes] = []
                size = 0
                for raw in response.iter_raw():
                    chunk = inflate.feed(raw, max_bytes - size + 1)
                    size += len(chunk)
                    if size > max_bytes:
                        raise SourceError(f"{current}: larger than {max_bytes // 1024 // 1024} MB")
                    if time.monotonic() > deadline:
                        raise SourceError(f"{current}: took longer than {TOTAL_SECONDS:.0f} s")
                    chunks.append(chunk)
                chunks.append(inflate.finish())
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


class _Inflater:
    """Inflate a gzip or deflate body as it arrives, refusing one cut short.

    ``feed`` returns at most ``limit`` bytes of one chunk (a gzip bomb stops
    at the size cap; the caller then refuses the body); ``finish`` raises
    SourceError when the compressed stream did not reach its end.
    """

    def __init__(self, url: str, encoding: str) -> None:
        self.url = url
        self.kind = encoding.strip().lower()
        if self.kind == "x-gzip":
            self.kind = "gzip"
        if self.kind not in ("gzip", "deflate"):
            if self.kind not in ("", "identity"):
                raise SourceError(f"{url}: unsupported Content-Encoding {encoding!r}")
            self.kind = ""
        self.zlib: zlib._Decompress | None = None

    def _new(self, head: bytes) -> zlib._Decompress:
        if self.kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is zlib-wrapped by the standard, raw deflate by some servers
        zlib_header = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)

    def feed(self, data: bytes, limit: int) -> bytes:
        if not self.kind or not data:
            return data if not self.kind else b""
        if self.zlib is None:
            self.zlib = self._new(data)
        if self.zlib.eof:  # bytes after the stream's end: ignored, as httpx does
            return b""
        try:
            return self.zlib.decompress(data, max(limit, 1))
        except zlib.error as exc:
            raise SourceError(f"{self.url}: corrupt compressed body ({exc})") from exc

    def finish(self) -> bytes:
        if not self.kind:
            return b""
        if self.zlib is None or not self.zlib.eof:
            got = "empty" if self.zlib is None else "cut short"
            raise SourceError(
                f"{self.url}: {self.kind} body {got} (truncated download; nothing stored, "
                "tried again on the next fetch)"
            )
        return self.zlib.flush()


def next_check_after(error_count: int, now: datetime) -> datetime:
    """When a failing feed is tried again: 30 min, doubling, at most a day; never never."""
    if error_count <= 0:
        return now
    delay = BACKOFF_FIRST * (2 ** min(error_count - 1, 10))
    result: datetime = now + min(delay, BACKOFF_CAP)
    return result
