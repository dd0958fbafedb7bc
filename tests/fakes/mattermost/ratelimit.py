"""The server's rate limiter: a GCRA bucket per key, and the headers it puts on every answer.

Follows ``server/channels/app/ratelimit.go``: ``NewRateLimiter`` builds a
``throttled.GCRARateLimiter`` with ``MaxRate: PerSec(RateLimitSettings.PerSec)`` and
``MaxBurst: RateLimitSettings.MaxBurst``; ``RateLimitHandler`` wraps the whole router
(``server/channels/app/server.go`` ``Server.Start`` does ``handler =
rateLimiter.RateLimitHandler(handler)`` when ``RateLimitSettings.Enable``), so the websocket
upgrade and the command webhooks count too. ``GenerateKey`` keys by the token when
``VaryByUser`` is set and by the remote address otherwise (``VaryByRemoteAddr``, the default).
``RateLimitWriter`` sets the headers of ``setRateLimitHeaders`` on every answer, limited or
not, and a limited request gets ``http.Error(w, "limit exceeded", 429)``: a plain-text body,
not the JSON error of the API, and the handler never runs.

The arithmetic is ``throttled``'s ``GCRARateLimiter.RateLimit`` (``rate.go``): the limit is
``MaxBurst + 1``, the emission interval ``1 / PerSec``, the delay variation tolerance
``MaxBurst`` intervals; ``Retry-After`` is only sent when the request was limited.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RateLimitSettings:
    """``model.RateLimitSettings`` (server defaults: 10 per second, a burst of 100)."""

    per_sec: float = 10.0
    max_burst: int = 100
    vary_by_user: bool = False  # VaryByUser: key by the session token instead of the address

    def __post_init__(self) -> None:
        if self.per_sec <= 0 or self.max_burst < 0:
            raise ValueError("the rate limit needs per_sec > 0 and max_burst >= 0")


@dataclass(frozen=True, slots=True)
class Verdict:
    """One request's outcome and the headers the server writes for it."""

    limited: bool
    limit: int
    remaining: int
    reset_after: float  # seconds until the bucket is full again
    retry_after: float  # seconds until the next request is allowed; -1 when not limited

    def headers(self) -> dict[str, str]:
        """``setRateLimitHeaders``: seconds rounded up, ``Retry-After`` only when limited."""
        out = {
            "X-Ratelimit-Limit": str(self.limit),
            "X-Ratelimit-Remaining": str(max(self.remaining, 0)),
            "X-Ratelimit-Reset": str(math.ceil(self.reset_after)),
        }
        if self.retry_after >= 0:
            out["Retry-After"] = str(math.ceil(self.retry_after))
        return out


@dataclass
class RateLimiter:
    """GCRA buckets by key: the theoretical arrival time of the next request per key."""

    settings: RateLimitSettings = field(default_factory=RateLimitSettings)
    monotonic: Callable[[], float] = time.monotonic
    _tat: dict[str, float] = field(default_factory=dict)
    limited_count: int = 0  # how many requests were answered 429 (for tests and benchmarks)

    @property
    def interval(self) -> float:
        """The emission interval: seconds per request at the sustained rate."""
        return 1.0 / self.settings.per_sec

    def check(self, key: str) -> Verdict:
        """Count one request of ``key`` (``GCRARateLimiter.RateLimit`` with quantity 1)."""
        now = self.monotonic()
        interval = self.interval
        tolerance = interval * self.settings.max_burst
        tat = self._tat.get(key)
        limited = False
        if tat is None:
            new_tat = now + interval
            ttl = new_tat - now
            self._tat[key] = new_tat
        elif now < tat - tolerance:  # the next permitted time is in the future
            ttl = tat - now
            limited = True
        else:
            new_tat = max(now, tat) + interval
            ttl = new_tat - now
            self._tat[key] = new_tat
        spare = tolerance - ttl
        remaining = int(spare / interval + 1e-9) + 1 if spare >= 0 else 0
        if limited:
            self.limited_count += 1
        return Verdict(
            limited,
            self.settings.max_burst + 1,
            remaining,
            max(ttl, 0.0),
            -spare if limited else -1.0,
        )

    def key(self, remote: str, token: str) -> str:
        """``RateLimiter.GenerateKey``: the token when varying by user, else the address."""
        return token if self.settings.vary_by_user and token else remote
