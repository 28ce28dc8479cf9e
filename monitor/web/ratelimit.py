"""Token buckets for sign-in requests, per client address and per submitted address.

Each sign-in request may send a mail, so an unlimited ``POST /signin`` lets
anyone flood an editor's inbox or the relay (issue 18, item 5).  A bucket
holds ``capacity`` tokens and refills them evenly over ``window`` seconds:
bursts up to ``capacity``, then one request per ``window / capacity``.

Buckets live in memory, per process: a restart forgets them, and with
several processes each has its own (the reverse proxy's limit, see
docs/deployment-web.md, is the outer one).  The table is bounded: full
buckets (which behave as if absent) are dropped first, then the longest
idle ones.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class TokenBuckets:
    """One bucket per key; :meth:`take` spends a token or says how long to wait."""

    def __init__(
        self,
        capacity: int,
        window: float,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1 or window <= 0:
            raise ValueError("capacity must be >= 1 and window > 0")
        self.capacity = float(capacity)
        self.rate = capacity / window  # tokens per second
        self.max_keys = max_keys
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def _level(self, key: str, now: float) -> float:
        tokens, at = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - at) * self.rate)

    def take(self, key: str) -> float:
        """0.0 if a token was spent, else the seconds until one is available."""
        with self._lock:
            now = self._clock()
            tokens = self._level(key, now)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_keys:
                self._shrink(now)
            return 0.0

    def _shrink(self, now: float) -> None:
        for key in [k for k in self._buckets if self._level(k, now) >= self.capacity]:
            del self._buckets[key]
        if len(self._buckets) > self.max_keys:
            by_age = sorted(self._buckets, key=lambda k: self._buckets[k][1])
            for key in by_age[: len(self._buckets) - self.max_keys]:
                del self._buckets[key]


def retry_after(seconds: float) -> int:
    """A Retry-After value in whole seconds, at least 1."""
    return max(1, math.ceil(seconds))
