"""A token bucket, pure: the caller passes the time, so tests need no clock.

Used to keep ``messages.count_tokens`` under its per-minute limit: each call takes one token;
``take`` answers how long to wait before making the call (0 when a token is free).
"""

from __future__ import annotations


class TokenBucket:
    """Up to ``capacity`` calls in a burst, refilled at ``rate_per_s`` calls per second.

    ``take(now)`` always reserves a token, so callers that wait the returned time and then call
    stay within the rate even when several take tokens before any of them has waited.
    """

    def __init__(self, rate_per_s: float, capacity: float) -> None:
        if rate_per_s <= 0 or capacity < 1:
            raise ValueError("rate_per_s must be > 0 and capacity >= 1")
        self.rate_per_s = rate_per_s
        self.capacity = capacity
        self._tokens = float(capacity)
        self._last: float | None = None

    def take(self, now: float) -> float:
        """Reserve one call at time ``now`` (seconds, any monotonic origin); return the seconds to wait."""
        if self._last is not None and now > self._last:
            self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate_per_s)
        # A clock that steps back is treated as no time passing, never as a refill.
        self._last = now if self._last is None else max(self._last, now)
        self._tokens -= 1
        return 0.0 if self._tokens >= 0 else -self._tokens / self.rate_per_s
