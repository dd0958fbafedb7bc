"""Serving the HTTP endpoint: uvicorn inside the event loop, and the limit on request bodies.

The listening socket is bound here, before uvicorn starts, so that a port another process holds
is a ``ListenError`` naming the address: uvicorn itself logs the failure and raises
``SystemExit`` inside its task, which a caller cannot tell from a bug (and ``wp2bot run`` hung).
"""

from __future__ import annotations

import asyncio
import socket

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request as HttpRequest
from starlette.responses import JSONResponse, Response

# Mattermost's slash form and click payloads are a few kilobytes; anything far larger is refused
# before it is read in full or parsed.
MAX_BODY = 64 * 1024


async def limited_body(http: HttpRequest, limit: int = MAX_BODY) -> bytes | None:
    """The request body, or None when it is (or says it is) larger than ``limit`` bytes."""
    declared = http.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in http.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int = MAX_BODY) -> Response:
    """The answer to a request whose body is over ``limit`` bytes."""
    return JSONResponse({"error": f"request body over {limit} bytes"}, status_code=413)


class ListenError(OSError):
    """The endpoint cannot listen on its address (taken, not local, not permitted)."""


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` as uvicorn binds it (``SO_REUSEADDR``)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise ListenError(f"cannot listen on {host}:{port} (http.host): {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        raise ListenError(f"cannot listen on {host}:{port} (http.port): {reason}") from None
    return sock


class HttpServer:
    """Serves an ASGI app with uvicorn inside the running event loop."""

    def __init__(self, app: Starlette, host: str = "127.0.0.1", port: int = 0) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_config=None, lifespan="off")
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None
        self.host = host
        self.port = port

    async def start(self) -> int:
        """Start listening; returns the bound port (useful with port 0).

        ``ListenError`` when the address cannot be bound.
        """
        sock = bind(self.host, self.port)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:
            if self._task.done():
                sock.close()
                self._task.result()  # re-raises why uvicorn could not start
                raise RuntimeError("the HTTP server stopped while starting")
            await asyncio.sleep(0.01)
        self.port = int(sock.getsockname()[1])
        return self.port

    async def serve_until_stopped(self) -> None:
        """Wait for the server to finish (after ``stop``)."""
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        """Finish open requests and stop listening."""
        self._server.should_exit = True
        if self._task is not None:
            await self._task
