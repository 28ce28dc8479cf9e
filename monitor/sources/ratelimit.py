"""One request-rate limit per remote service, shared by every job in the process.

NCBI allows 3 requests/s without an API key and 10 with one, per client
machine, so two jobs running at once (a fetch and a ``queries check``) must
share one budget.  :func:`shared_limiter` returns the same limiter for the same
(host, rate) wherever it is asked for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Spaces calls at least ``1/rate`` seconds apart (thread-safe)."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def acquire(self) -> float:
        """Wait for the next slot; return how long this call waited."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        wait = start - now
        if wait > 0:
            self._sleep(wait)
        return wait


_registry: dict[tuple[str, float], RateLimiter] = {}
_registry_lock = threading.Lock()


def shared_limiter(host: str, rate: float) -> RateLimiter:
    """The process-wide limiter for ``host`` at ``rate`` requests per second."""
    with _registry_lock:
        limiter = _registry.get((host, rate))
        if limiter is None:
            limiter = _registry[(host, rate)] = RateLimiter(rate)
        return limiter
