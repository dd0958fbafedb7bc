"""The fake server's websocket: auth (header or challenge), hello, seq, replies, resume buffer."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.mattermost.state import VERSION, Json, State, new_id

BUFFER = 128  # events a connection keeps for a resume, like the real server


@dataclass
class Conn:
    """One logical websocket connection: survives socket drops until a resume or forget."""

    id: str
    user_id: str
    next_seq: int = 0
    buffer: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=BUFFER))
    socket: web.WebSocketResponse | None = None
    queue: asyncio.Queue[str | None] | None = None

    def emit(self, event: str, data: Json, broadcast: Json, *, skip: int = 0) -> None:
        """Number the event, buffer it, and queue it when a socket is attached."""
        self.next_seq += skip
        frame = json.dumps(
            {"event": event, "data": data, "broadcast": broadcast, "seq": self.next_seq}
        )
        self.buffer.append((self.next_seq, frame))
        self.next_seq += 1
        if self.queue is not None:
            self.queue.put_nowait(frame)


def broadcast_shape(**values: Any) -> Json:
    """The ``broadcast`` object of an event."""
    shape: Json = {
        "omit_users": None,
        "user_id": "",
        "channel_id": "",
        "team_id": "",
        "connection_id": "",
        "omit_connection_id": "",
    }
    shape.update(values)
    return shape


class Hub:
    """All websocket connections, the auth rules and the broadcast of events."""

    def __init__(self, state: State, token_user: Callable[[str], str | None]) -> None:
        self.state = state
        self.token_user = token_user
        self.conns: dict[str, Conn] = {}
        self.auth_timeout = 5.0
        self.ping_interval = 60.0
        self.skip_next_seq = 0
        self.upgrades = 0
        self.sockets: set[web.WebSocketResponse] = set()

    def send_to_user(self, user_id: str, event: str, data: Json, broadcast: Json) -> None:
        """Deliver one event to every connection of a user."""
        for conn in list(self.conns.values()):
            if conn.user_id == user_id:
                # An injected gap hits the first connection that gets an event.
                skip, self.skip_next_seq = self.skip_next_seq, 0
                conn.emit(event, data, broadcast, skip=skip)

    async def drop(self, *, forget: bool) -> None:
        """Close every socket abruptly; ``forget`` also discards the resume state."""
        for socket in list(self.sockets):
            await socket.close(code=1001, message=b"going away")
        if forget:
            self.conns.clear()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """GET /api/v4/websocket."""
        self.upgrades += 1
        socket = web.WebSocketResponse(heartbeat=self.ping_interval, autoping=True)
        await socket.prepare(request)
        self.sockets.add(socket)
        try:
            await self._serve(request, socket)
        finally:
            self.sockets.discard(socket)
            await socket.close()
        return socket

    async def _serve(self, request: web.Request, socket: web.WebSocketResponse) -> None:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        user_id = self.token_user(token) if scheme.lower() in ("bearer", "token") else None
        challenge_seq = 0
        resumed: tuple[Conn, int] | None = None
        if user_id is None:
            user_id, challenge_seq = await self._challenge(socket)
            if user_id is None:
                return  # the real server just closes: no FAIL reply
        else:
            resumed = self._resume(request, user_id)
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        # Attaching and the first frames happen without an await: no event can slip between.
        if resumed is not None:
            conn, wanted = resumed
            conn.socket, conn.queue = socket, queue
            for seq, frame in conn.buffer:
                if seq >= wanted:
                    queue.put_nowait(frame)
        else:
            conn = Conn(new_id(), user_id)
            self.conns[conn.id] = conn
            conn.socket, conn.queue = socket, queue
            data = {
                "connection_id": conn.id,
                "server_version": f"{VERSION}.{VERSION}.cafe.false",
                "server_hostname": "fake-mattermost",
            }
            conn.emit("hello", data, broadcast_shape(user_id=user_id))
            if challenge_seq:
                queue.put_nowait(json.dumps({"status": "OK", "seq_reply": challenge_seq}))
        writer = asyncio.create_task(self._write(socket, queue))
        try:
            async for msg in socket:
                if msg.type != WSMsgType.TEXT:
                    break
                queue.put_nowait(json.dumps(self._answer(msg.data)))
        finally:
            if conn.socket is socket:
                conn.socket, conn.queue = None, None
            queue.put_nowait(None)
            await writer

    async def _challenge(self, socket: web.WebSocketResponse) -> tuple[str | None, int]:
        try:
            msg = await socket.receive(timeout=self.auth_timeout)
        except TimeoutError:
            return None, 0
        if msg.type != WSMsgType.TEXT:
            return None, 0
        with contextlib.suppress(ValueError):
            frame = json.loads(msg.data)
            if isinstance(frame, dict) and frame.get("action") == "authentication_challenge":
                token = (frame.get("data") or {}).get("token", "")
                user_id = self.token_user(token) if isinstance(token, str) else None
                return user_id, int(frame.get("seq", 0))
        return None, 0

    def _resume(self, request: web.Request, user_id: str) -> tuple[Conn, int] | None:
        """The connection to continue and the first seq to replay, or None for a fresh hello.

        Follows ``server/channels/app/platform/web_conn.go`` ``writePump``: a wanted seq still
        in the dead queue is replayed from there (``isInDeadQueue``/``drainDeadQueue``); when
        nothing was lost (``hasMsgLoss`` false: the client asks for the next seq) the server
        sends nothing at all, no hello and no event; otherwise a new connection id and a hello.
        """
        conn = self.conns.get(request.query.get("connection_id", ""))
        try:
            wanted = int(request.query.get("sequence_number", ""))
        except ValueError:
            return None
        if conn is None or conn.user_id != user_id or conn.socket is not None:
            return None
        if wanted != conn.next_seq and wanted not in [seq for seq, _ in conn.buffer]:
            del self.conns[conn.id]  # too old: the client gets a fresh hello
            return None
        return conn, wanted

    async def _write(self, socket: web.WebSocketResponse, queue: asyncio.Queue[str | None]) -> None:
        while (frame := await queue.get()) is not None:
            if socket.closed:
                return
            with contextlib.suppress(ConnectionError):
                await socket.send_str(frame)

    def _answer(self, text: str) -> Json:
        try:
            frame = json.loads(text)
        except ValueError:
            frame = {}
        seq = frame.get("seq") if isinstance(frame, dict) else None
        action = frame.get("action") if isinstance(frame, dict) else None
        if not isinstance(seq, int) or seq <= 0:
            error = {"id": "api.web_socket_router.bad_seq.app_error", "message": "Invalid seq."}
            return {"status": "FAIL", "seq_reply": seq or 0, "error": error}
        if action == "ping":
            data = {
                "text": "pong",
                "version": VERSION,
                "server_time": self.state.now_ms(),
                "node_id": "",
            }
            return {"status": "OK", "seq_reply": seq, "data": data}
        if action == "user_typing":
            return {"status": "OK", "seq_reply": seq}
        return {
            "status": "FAIL",
            "seq_reply": seq,
            "error": {
                "id": "api.web_socket_router.not_implemented.app_error",
                "message": "Unknown action.",
            },
        }
