"""A polite JSON-over-HTTP client for the REST sources (ClinicalTrials.gov, Europe PMC).

The E-utilities client (monitor/sources/eutils.py) is shaped by NCBI's quirks
(errors inside 200 bodies, XML answers); these two services answer JSON and
say what went wrong with the HTTP status.  What unattended fetching needs is
the same, so it is done the same way:

* one rate limit per remote host, shared by every client of the process
  (:func:`monitor.sources.ratelimit.shared_limiter`);
* a timeout on every request;
* retries with exponential backoff and jitter on 429, 5xx, network errors and
  bodies that are not whole JSON (a connection cut mid-answer), honouring
  ``Retry-After``;
* a 4xx answer is not retried: it is returned to the caller as
  :class:`ApiRefused` with the body's own words, because only the caller knows
  whether it means "your configuration is wrong" (ClinicalTrials.gov's
  "`filter.phase` is unknown parameter") or "start the paging again" (an
  expired page token).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import httpx

from monitor.errors import SourceError
from monitor.sources.ratelimit import RateLimiter, shared_limiter
from monitor.sources.retries import RETRY_STATUSES, Retry, retry_after, with_retries

log = logging.getLogger(__name__)


class ApiError(SourceError):
    """The service could not answer, after retries where retrying makes sense."""


class ApiRateLimited(ApiError):
    """HTTP 429 more times than we retry."""


class ApiServerError(ApiError):
    """5xx, after retries."""


class ApiTransportError(ApiError):
    """Network failure, timeout, or a body that is not whole JSON, after retries."""


class ApiRefused(ApiError):
    """A 4xx answer: the request itself was refused (not retried).

    ``body`` is the service's own text (a plain sentence for ClinicalTrials.gov).
    """

    def __init__(self, message: str, status: int, body: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class JsonApiClient:
    """GET JSON from one service; use as a context manager."""

    def __init__(
        self,
        base_url: str,
        *,
        user_agent: str,
        rate: float,
        timeout: float = 30.0,
        max_attempts: int = 5,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.max_attempts = max(1, max_attempts)
        self.limiter = limiter or shared_limiter(urlsplit(self.base_url).netloc, rate)
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent, "Accept": "application/json"},
            follow_redirects=True,
        )
        self.requests = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        self.close()

    def get_json(self, path: str, params: Mapping[str, Any]) -> Any:
        """The decoded JSON answer of ``GET base/path?params``."""
        url = f"{self.base_url}/{path.lstrip('/')}" if path else self.base_url
        return with_retries(
            lambda: self._once(url, path, params), max_attempts=self.max_attempts,
            before_each=self._before_request, sleep=self._sleep, rng=self._rng, what=url,
        )  # fmt: skip

    def _before_request(self) -> None:
        self.limiter.acquire()
        self.requests += 1

    def _once(self, url: str, path: str, params: Mapping[str, Any]) -> Any:
        name = path or urlsplit(url).path
        try:
            response = self._http.get(url, params=dict(params))
        except httpx.TimeoutException as exc:
            raise Retry(ApiTransportError(f"{name}: timed out ({exc})")) from exc
        except httpx.TransportError as exc:
            raise Retry(ApiTransportError(f"{name}: {type(exc).__name__}: {exc}")) from exc
        status = response.status_code
        wait = retry_after(response.headers.get("Retry-After"))
        if status == 429:
            raise Retry(ApiRateLimited(f"{name}: HTTP 429 {response.text[:200]}"), wait)
        if status in RETRY_STATUSES:
            raise Retry(ApiServerError(f"{name}: HTTP {status}"), wait)
        if status >= 400:
            body = response.text.strip()
            raise ApiRefused(f"{name}: HTTP {status}: {body[:300]}", status, body[:2000])
        body_bytes = response.content
        try:
            return json.loads(body_bytes)
        except ValueError as exc:
            raise Retry(
                ApiTransportError(f"{name}: unreadable JSON ({len(body_bytes)} bytes)")
            ) from exc
