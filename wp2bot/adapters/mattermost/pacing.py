"""Keeping to the server's rate limit: every REST call of the process passes one ``RateGate``.

Mattermost's rate limiter (``server/channels/app/ratelimit.go``, a GCRA bucket per remote
address or token) writes ``X-Ratelimit-Limit``, ``X-Ratelimit-Remaining`` and
``X-Ratelimit-Reset`` (seconds until the bucket is full again) on every answer, and answers 429
with ``Retry-After`` once the bucket is empty. ``RateLimitTransport`` reads those headers from
every response; the gate then spaces requests at the server's sustained rate while fewer than
``reserve`` requests remain (so parallel senders slow down before they are refused), and holds
every caller until ``Retry-After`` has passed after a 429. ``stop`` cuts every wait short with
``GateStopped``, so that a stopping process never sleeps through its grace period.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx

from wp2bot.adapters.retry import retry_after

N = TypeVar("N", int, float)


_MARGIN = 1.15  # pace a little slower than the estimated rate: the bound can undershoot


class GateStopped(Exception):
    """The process is stopping: a request that would have to wait is not sent."""


@dataclass(frozen=True, slots=True)
class RateHeaders:
    """The rate limiter's headers of one answer (None where absent or unreadable)."""

    limit: int | None
    remaining: int | None
    reset: float | None
    retry_after: float | None

    @classmethod
    def of(cls, headers: httpx.Headers) -> RateHeaders:
        """Read them (httpx headers are case-insensitive)."""
        return cls(
            _number(headers.get("X-Ratelimit-Limit"), int),
            _number(headers.get("X-Ratelimit-Remaining"), int),
            _number(headers.get("X-Ratelimit-Reset"), float),
            retry_after(headers.get("Retry-After")),
        )


def _number(raw: str | None, kind: Callable[[str], N]) -> N | None:
    if raw is None:
        return None
    try:
        value = kind(raw.strip())
    except ValueError:
        return None
    return value if value >= 0 and math.isfinite(value) else None


class RateGate:
    """Paces the requests of every thread by what the server's last answers said."""

    def __init__(
        self,
        *,
        reserve: int = 10,
        max_hold: float = 120.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._reserve = reserve
        self._max_hold = max_hold  # a longer Retry-After is capped (the caller's retry decides)
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._hold_until = 0.0  # nobody sends before this (after a 429)
        self._next_slot = 0.0  # the next paced request's time
        self._interval = 0.0  # seconds per request at the server's rate (0: unknown)
        self._remaining: int | None = None
        self.waited = 0.0  # seconds spent waiting, for benchmarks and logs
        self.refusals = 0  # 429 answers seen

    @property
    def stopping(self) -> bool:
        """Whether ``stop`` was called."""
        return self._stopping.is_set()

    def stop(self) -> None:
        """Cut every present and future wait short (``GateStopped``)."""
        self._stopping.set()

    def pause(self, seconds: float) -> None:
        """Sleep ``seconds`` unless stopped first (then ``GateStopped``)."""
        if seconds > 0 and self._stopping.wait(seconds):
            raise GateStopped("stopping")

    def before(self) -> None:
        """Wait for this request's turn."""
        with self._lock:
            now = self._monotonic()
            start = max(now, self._hold_until)
            pacing = (
                self._interval > 0
                and self._remaining is not None
                and self._remaining <= self._reserve
            )
            if pacing:
                start = max(start, self._next_slot)
                self._next_slot = start + self._interval
            wait = start - now
        if wait > 0:
            if self._stopping.is_set():
                raise GateStopped("stopping")
            self.waited += wait
            self.pause(wait)

    def observe(self, status: int, headers: RateHeaders) -> None:
        """Learn from one answer's headers."""
        with self._lock:
            now = self._monotonic()
            if headers.limit and headers.remaining is not None and headers.reset:
                # GCRA: the bucket empties by one request per interval, so the time until it is
                # full over the requests in it bounds the interval from above (Reset is rounded
                # up to seconds); the smallest bound seen is the closest. A 429 means the bound
                # was too close: start again from this answer's.
                used = max(headers.limit - headers.remaining, 1)
                bound = headers.reset / used * _MARGIN
                refused = status == 429
                self._interval = (
                    bound if refused or not self._interval else min(self._interval, bound)
                )
                self._remaining = headers.remaining
            if status == 429:
                self.refusals += 1
                hold = headers.retry_after if headers.retry_after is not None else headers.reset
                hold = min(max(hold or 1.0, self._interval), self._max_hold)
                self._hold_until = max(self._hold_until, now + hold)
                self._remaining = 0


class RateLimitTransport(httpx.BaseTransport):
    """Every request through ``inner`` waits at the gate and reports its answer to it."""

    def __init__(self, inner: httpx.BaseTransport, gate: RateGate) -> None:
        self._inner, self._gate = inner, gate

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Wait for the turn, send, learn from the headers."""
        self._gate.before()
        response = self._inner.handle_request(request)
        self._gate.observe(response.status_code, RateHeaders.of(response.headers))
        return response

    def close(self) -> None:
        self._inner.close()
