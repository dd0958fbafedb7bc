"""A total deadline for an HTTP request, however slowly the server sends its answer.

httpx's timeouts bound each network operation: a server that trickles one byte a second never
trips a read timeout and holds the caller forever. Inside ``deadline_scope`` every socket
operation of a transport made by ``deadline_transport`` waits at most for the time left (so a
trickled status line and headers end at the deadline too); ``DeadlineStream`` bounds the body by
checking the clock at every chunk; ``DeadlineTransport`` gives every request that passes it a
deadline for connecting, waiting and reading together (for clients such as
``mattermostautodriver`` that take an httpx transport but no deadline).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

# (deadline, clock) of the request this thread or task is making, if it has one
_SCOPE: ContextVar[tuple[float, Callable[[], float]] | None] = ContextVar(
    "wp2bot_http_deadline", default=None
)


@contextmanager
def deadline_scope(
    deadline: float, monotonic: Callable[[], float] = time.monotonic
) -> Iterator[None]:
    """Socket operations of deadline transports inside this block end by ``deadline``."""
    token = _SCOPE.set((deadline, monotonic))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def _cut(timeout: float | None) -> float | None:
    """``timeout`` cut to the time left before the current scope's deadline."""
    scope = _SCOPE.get()
    if scope is None:
        return timeout
    deadline, monotonic = scope
    left = deadline - monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most for the time left."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cut(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _cut(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _BoundedStream(self._inner.start_tls(ssl_context, server_hostname, _cut(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _BoundedBackend(httpcore.NetworkBackend):
    """Opens connections that honour the current ``deadline_scope``."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, _cut(timeout), local_address, socket_options)
        return _BoundedStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _BoundedStream(self._inner.connect_unix_socket(path, _cut(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(**options: Any) -> httpx.HTTPTransport:
    """An ``httpx.HTTPTransport`` (same options) whose sockets honour ``deadline_scope``."""
    transport = httpx.HTTPTransport(**options)
    # httpx builds its httpcore pool itself and takes no network backend: give the pool one that
    # wraps the default backend (httpcore's ConnectionPool keeps it in ``_network_backend``)
    pool = transport._pool
    pool._network_backend = _BoundedBackend(pool._network_backend)
    return transport


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
        chunks = iter(self._inner)
        while True:
            with deadline_scope(self._deadline, self._monotonic):
                chunk = next(chunks, None)
            if chunk is None:
                return
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
        with deadline_scope(deadline, self._monotonic):
            response = self._inner.handle_request(request)
        if isinstance(response.stream, httpx.SyncByteStream):
            response.stream = DeadlineStream(response.stream, deadline, self._monotonic)
        return response

    def close(self) -> None:
        self._inner.close()
