"""A total deadline for an HTTP request, however slowly the server sends its answer.

httpx's timeouts bound each network operation: a server that trickles one byte a second never
trips a read timeout and holds the caller forever. ``DeadlineStream`` bounds the whole body by
checking the clock at every chunk; ``DeadlineTransport`` gives every request that passes it a
deadline for connecting, waiting and reading together (for clients such as
``mattermostautodriver`` that take an httpx transport but no deadline).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import httpx


class DeadlineStream(httpx.SyncByteStream):
    """A response body that stops with ``ReadTimeout`` once ``deadline`` (monotonic) passed."""

    def __init__(
        self,
        inner: httpx.SyncByteStream,
        deadline: float,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner, self._deadline, self._monotonic = inner, deadline, monotonic

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if self._monotonic() > self._deadline:
                raise httpx.ReadTimeout("the request's total deadline passed")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class DeadlineTransport(httpx.BaseTransport):
    """Every request through ``inner`` ends within ``seconds``, its body read included."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        seconds: float,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner, self._seconds, self._monotonic = inner, seconds, monotonic

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send with each network timeout cut to the time left, and bound the body."""
        deadline = self._monotonic() + self._seconds
        left = self._seconds
        given = dict(request.extensions.get("timeout", {}))
        request.extensions["timeout"] = {
            key: left if given.get(key) is None else min(float(given[key]), left)
            for key in ("connect", "read", "write", "pool")
        }
        response = self._inner.handle_request(request)
        if isinstance(response.stream, httpx.SyncByteStream):
            response.stream = DeadlineStream(response.stream, deadline, self._monotonic)
        return response

    def close(self) -> None:
        self._inner.close()
