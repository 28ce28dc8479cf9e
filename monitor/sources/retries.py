"""How the HTTP sources retry: which answers are worth another try, how long to wait.

E-utilities (eutils.py) and the JSON services (jsonapi.py) fail the same ways
(429, 5xx, a cut connection, a truncated body) and are retried the same way:
up to ``max_attempts`` requests, each through the host's shared rate limit,
waiting what ``Retry-After`` says or else an exponential backoff with jitter
(1 s, 2 s, 4 s, ... up to a minute; jitter so that clients that failed together
do not come back together).  Each client decides what a failure *is* (its own
error classes, which name the service in ``scimon status``) and raises
:class:`Retry` around it; :func:`with_retries` runs the loop once for both.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from monitor.errors import SourceError

log = logging.getLogger(__name__)

RETRY_STATUSES = {429, 500, 502, 503, 504}
BACKOFF_BASE = 1.0
BACKOFF_CAP = 60.0
T = TypeVar("T")


class Retry(Exception):  # a signal to the loop, not an error the caller sees
    """Raised by one attempt: ``error`` is what the caller gets if no attempt is left."""

    def __init__(self, error: SourceError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff(attempt: int, rng: random.Random) -> float:
    """The wait after failed attempt ``attempt`` (1-based) without a Retry-After."""
    wait = min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** (attempt - 1))
    return float(wait * (0.5 + rng.random() / 2))


def with_retries(
    attempt_once: Callable[[], T],
    *,
    max_attempts: int,
    before_each: Callable[[], None],
    sleep: Callable[[float], None],
    rng: random.Random,
    what: str,
) -> T:
    """``attempt_once()`` until it returns, raises something other than :class:`Retry`,
    or ``max_attempts`` are spent; then its last error, saying it gave up."""
    last: SourceError | None = None
    for attempt in range(1, max_attempts + 1):
        before_each()
        try:
            return attempt_once()
        except Retry as retry:
            last = retry.error
            if attempt == max_attempts:
                break
            wait = retry.wait if retry.wait is not None else backoff(attempt, rng)
            log.warning(
                "retry what=%s attempt=%s error=%s wait=%.1f", what, attempt + 1, retry.error, wait
            )
            sleep(wait)
    assert last is not None
    raise type(last)(f"{last} (gave up after {max_attempts} attempts)")
