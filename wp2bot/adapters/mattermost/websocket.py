"""The bot's own Mattermost websocket loop: auth, seq tracking, keepalive, reconnect and resume.

The driver's websocket helper cannot resume (it authenticates only by challenge) and cannot tell
a rejected token from a network failure, so the loop lives here. Rules (contract section 4):
events carry ``seq`` counting from 0 at ``hello``; a gap means lost events, so the connection is
dropped and resumed from the last seen seq + 1. A resume the server can serve replays events and
sends no ``hello``; a resume that lost nothing sends nothing at all (server
``app/platform/web_conn.go`` ``writePump``), so the loop sends a ``ping`` right away and takes its
``seq_reply`` as proof that the resumed stream is alive. A fresh ``hello`` tells the handler to
re-sync over REST. A socket closed
before ``hello`` is checked against REST: a rejected token is fatal, anything else is retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

import aiohttp

from wp2bot.adapters.mattermost.ws_frames import WebsocketEvent, frame_event, parse_frame
from wp2bot.adapters.retry import RetryPolicy

log = logging.getLogger(__name__)


class WebsocketAuthError(Exception):
    """Mattermost closed the websocket because it rejected the bot token."""


class _Reconnect(Exception):
    """The connection must be re-established (closed, gap, timeout)."""


@dataclass(frozen=True, slots=True)
class WebsocketOptions:
    """Tuning of the loop; tests shrink the delays."""

    auth: Literal["header", "challenge"] = "header"  # header auth is what allows resuming
    heartbeat: float = 30.0  # seconds between our ping frames; no pong within half -> reconnect
    hello_timeout: float = 10.0
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    request_timeout: float = 10.0


class WebsocketHandler(Protocol):
    """What the loop calls; both must return quickly (long work goes into tasks)."""

    async def on_connected(self, *, fresh: bool) -> None:
        """A connection is up: ``fresh`` after a new ``hello`` (events may be lost)."""
        ...

    async def on_event(self, event: WebsocketEvent) -> None:
        """One event, in ``seq`` order, never twice on one connection."""
        ...


TokenCheck = Callable[[], Awaitable[bool]]  # True: token accepted; False: rejected (401)


class MattermostWebsocket:
    """A self-healing websocket; ``run`` returns after ``stop``, raises on a bad token."""

    def __init__(
        self,
        url: str,
        token: str,
        check_token: TokenCheck,
        *,
        options: WebsocketOptions | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._url = url
        self._token = token
        self._check_token = check_token
        self._options = options or WebsocketOptions()
        self._reconnect = RetryPolicy(
            initial=self._options.backoff_initial, maximum=self._options.backoff_max
        )
        self._ssl: ssl.SSLContext | bool = ssl_context if ssl_context is not None else True
        self._stopping = asyncio.Event()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._started = False  # the current connection has its hello (or resumed)
        self._connection_id = ""
        self._last_seq = -1
        self._next_action_seq = 1
        self._replies: dict[int, asyncio.Future[Mapping[str, object]]] = {}
        self.connections = 0  # successful connections (hello or resume), for tests and metrics

    @property
    def connected(self) -> bool:
        """Whether a connection is up, authenticated and started (hello or resume seen)."""
        return self._started and self._ws is not None and not self._ws.closed

    async def stop(self) -> None:
        """Ask ``run`` to finish: closes the socket, no reconnect."""
        self._stopping.set()
        if self._ws is not None:
            await self._ws.close()

    async def request(
        self, action: str, data: Mapping[str, object] | None = None
    ) -> Mapping[str, object]:
        """Send an action (e.g. ``ping``) and wait for its reply."""
        ws = self._ws
        if ws is None or ws.closed:
            raise ConnectionError("websocket not connected")
        seq = self._next_action_seq
        self._next_action_seq += 1
        future: asyncio.Future[Mapping[str, object]] = asyncio.get_running_loop().create_future()
        self._replies[seq] = future
        try:
            await ws.send_json({"seq": seq, "action": action, "data": dict(data or {})})
            return await asyncio.wait_for(future, self._options.request_timeout)
        finally:
            self._replies.pop(seq, None)

    async def server_time(self) -> int | None:
        """The server's clock in ms, from its answer to a ``ping`` (None when it has none);
        raises ConnectionError or TimeoutError when the server cannot be asked."""
        reply = await self.request("ping")
        data = reply.get("data")
        server_time = data.get("server_time") if isinstance(data, dict) else None
        return server_time if isinstance(server_time, int) else None

    async def run(self, handler: WebsocketHandler) -> None:
        """Connect, deliver events, reconnect with capped exponential backoff and jitter."""
        failures = 0
        async with aiohttp.ClientSession() as session:
            while not self._stopping.is_set():
                try:
                    established = await self._connect_once(session, handler)
                except (aiohttp.ClientError, OSError, TimeoutError, _Reconnect) as err:
                    established = False
                    log.warning("websocket: %s", err or type(err).__name__)
                if self._stopping.is_set():
                    break
                failures = 0 if established else failures + 1
                delay = self._reconnect.backoff(failures)
                log.info("websocket: reconnecting in %.2f s", delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)

    async def _connect_once(
        self, session: aiohttp.ClientSession, handler: WebsocketHandler
    ) -> bool:
        headers: dict[str, str] = {}
        params: dict[str, str] = {}
        resuming = False
        if self._options.auth == "header":
            headers["Authorization"] = f"Bearer {self._token}"
            if self._connection_id:
                resuming = True
                params = {
                    "connection_id": self._connection_id,
                    "sequence_number": str(self._last_seq + 1),
                }
        try:
            ws = await session.ws_connect(
                self._url,
                headers=headers,
                params=params,
                heartbeat=self._options.heartbeat,
                ssl=self._ssl,
                autoping=True,
            )
        except aiohttp.WSServerHandshakeError as err:
            if err.status in (401, 403):
                await self._fail_if_token_rejected()
            raise
        self._ws = ws
        self._next_action_seq = 1
        try:
            if self._options.auth == "challenge":
                await self._send_challenge(ws)
            first = await self._await_start(ws, resuming)
            self._started = True
            self.connections += 1
            fresh = first is not None and first.event == "hello"
            log.info("websocket: %s", "connected" if fresh else "resumed")
            await handler.on_connected(fresh=fresh)
            if first is not None and not fresh:
                await handler.on_event(first)
            await self._read(ws, handler)
            return True
        finally:
            self._ws = None
            self._started = False
            for future in self._replies.values():
                if not future.done():  # the caller hears why, instead of being cancelled
                    future.set_exception(ConnectionError("the websocket closed before a reply"))
            await ws.close()

    async def _send_challenge(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        seq = self._next_action_seq
        self._next_action_seq += 1
        await ws.send_json(
            {"seq": seq, "action": "authentication_challenge", "data": {"token": self._token}}
        )

    async def _await_start(
        self, ws: aiohttp.ClientWebSocketResponse, resuming: bool
    ) -> WebsocketEvent | None:
        """The first event: a ``hello`` (fresh) or, when resuming, the next expected event;
        None when the resume lost nothing (our ``ping`` is answered before any event)."""
        probe = 0
        if resuming:
            probe = self._next_action_seq
            self._next_action_seq += 1
            await ws.send_json({"seq": probe, "action": "ping", "data": {}})
        while True:
            try:
                msg = await ws.receive(timeout=self._options.hello_timeout)
            except TimeoutError:
                await self._fail_if_token_rejected()
                raise _Reconnect("no hello from the server in time") from None
            if msg.type != aiohttp.WSMsgType.TEXT:
                # Closed before hello: Mattermost's only answer to a bad token.
                await self._fail_if_token_rejected()
                raise _Reconnect(f"closed before hello ({msg.type.name})")
            frame = parse_frame(msg.data)
            if frame is None:
                continue
            if "seq_reply" in frame:
                if probe and frame.get("seq_reply") == probe and frame.get("status") == "OK":
                    return None  # a quiet resume: the stream is alive and nothing was lost
                continue
            event = frame_event(frame)
            if event.event == "hello":
                self._connection_id = str(event.data.get("connection_id") or "")
                self._last_seq = event.seq
                return event
            if resuming and event.seq == self._last_seq + 1:
                self._last_seq = event.seq
                return event
            self._connection_id = ""  # the server cannot continue our stream: start fresh
            raise _Reconnect(f"unexpected first event seq {event.seq} (last {self._last_seq})")

    async def _read(self, ws: aiohttp.ClientWebSocketResponse, handler: WebsocketHandler) -> None:
        async for msg in ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            frame = parse_frame(msg.data)
            if frame is None:
                continue
            if "seq_reply" in frame:
                reply_to = frame.get("seq_reply")
                future = self._replies.get(reply_to) if isinstance(reply_to, int) else None
                if future is not None and not future.done():
                    future.set_result(frame)
                continue
            event = frame_event(frame)
            if event.event == "hello":  # the server restarted our stream
                self._connection_id = str(event.data.get("connection_id") or "")
                self._last_seq = event.seq
                await handler.on_connected(fresh=True)
                continue
            if event.seq != self._last_seq + 1:
                raise _Reconnect(f"seq gap: expected {self._last_seq + 1}, got {event.seq}")
            self._last_seq = event.seq
            await handler.on_event(event)
        if not self._stopping.is_set():
            raise _Reconnect(f"connection closed ({ws.close_code})")

    async def _fail_if_token_rejected(self) -> None:
        if self._stopping.is_set():
            return
        try:
            accepted = await self._check_token()
        except Exception as err:  # a failed check is a transient problem: retried
            log.debug("websocket: token check failed: %s", err)
            return
        if not accepted:
            raise WebsocketAuthError(
                "Mattermost rejected the bot token (check WP2BOT_MATTERMOST_TOKEN)"
            )
