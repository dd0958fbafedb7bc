"""The one retry policy of wp2bot's network clients (Mattermost REST and websocket, Indico).

Each client keeps its own loop, because what may be retried differs (a POST the server
deduplicates, a GET within a total deadline, a websocket that reconnects for as long as the
process runs), but how long to wait is decided here: capped exponential backoff with "equal
jitter" (half of the step fixed, half random, so that clients that failed together do not
retry together, while no retry comes sooner than half its step), and the server's
``Retry-After`` when it gives one, up to a bound beyond which waiting is pointless.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry transient failures."""

    attempts: int = 6  # total tries, the first included
    initial: float = 0.5  # seconds of the first retry's step
    maximum: float = 30.0  # cap of one step
    max_retry_after: float = 120.0  # a longer Retry-After is not waited for
    jitter: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def backoff(self, retry: int) -> float:
        """The wait before the ``retry``-th retry (from 0): half its capped step plus a random
        part of the other half."""
        step = min(self.maximum, self.initial * 2.0 ** min(retry, 64))
        return step * (0.5 + 0.5 * self.jitter())

    def wait(self, retry: int, retry_after: float | None) -> float | None:
        """The server's ``Retry-After`` when given, else the backoff; None when the server asks
        for longer than ``max_retry_after`` (give up rather than hang)."""
        if retry_after is None:
            return self.backoff(retry)
        return retry_after if retry_after <= self.max_retry_after else None


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header's delay-seconds (what Mattermost's rate limiter and
    Indico send); None when absent, negative or unreadable (an HTTP-date is not used here)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 and math.isfinite(seconds) else None
