"""An httpx async transport that sends each request with httpx's blocking transport in a thread.

For a one-shot command (``wp2bot probe URL``). On its first request httpcore's asyncio path
imports anyio's asyncio backend, about 25 ms of CPU, a tenth of the whole command; its blocking
path needs nothing beyond what ``import httpx`` has already loaded. The bot's monitor keeps
httpx's own asyncio transport: it runs many checks at once on the event loop, where a thread per
request would be the wrong trade.

Each request runs in a daemon thread and the event loop awaits its answer, so the caller's
``asyncio.timeout`` still cuts a probe short at its deadline. A request cut short that way ends
in its thread on httpx's own timeouts, and a process that exits meanwhile does not wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading

import httpx

Outcome = httpx.Response | BaseException


def _settle(answer: asyncio.Future[httpx.Response], outcome: Outcome) -> None:
    """Hand the thread's outcome to the awaiting task, unless it gave up waiting."""
    if answer.done():  # cancelled: the probe's deadline passed while the request ran
        return
    if isinstance(outcome, BaseException):
        answer.set_exception(outcome)
    else:
        answer.set_result(outcome)


class ThreadedTransport(httpx.AsyncBaseTransport):
    """``httpx.AsyncClient(transport=ThreadedTransport(ctx))``: same requests, same errors
    (httpx's blocking transport raises the httpx exceptions the asyncio one does)."""

    def __init__(self, verify: ssl.SSLContext) -> None:
        self._blocking = httpx.HTTPTransport(verify=verify)

    def _send(self, request: httpx.Request) -> httpx.Response:
        """Send and read the whole answer; the bytes stay encoded as the server sent them
        (``iter_raw``), so the async response decodes them once, as it would have."""
        response = self._blocking.handle_request(request)
        try:
            body = b"".join(response.iter_raw())
        finally:
            response.close()
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(body),
            extensions=response.extensions,
        )

    def _run(
        self,
        request: httpx.Request,
        loop: asyncio.AbstractEventLoop,
        answer: asyncio.Future[httpx.Response],
    ) -> None:
        outcome: Outcome
        try:
            outcome = self._send(request)
        except BaseException as exc:  # every outcome, errors too, goes back to the loop
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
            loop.call_soon_threadsafe(_settle, answer, outcome)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()  # an async body becomes bytes the blocking transport can send
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[httpx.Response] = loop.create_future()
        worker = threading.Thread(
            target=self._run, args=(request, loop, answer), name="wp2bot-http", daemon=True
        )
        worker.start()
        return await answer

    async def aclose(self) -> None:
        self._blocking.close()
