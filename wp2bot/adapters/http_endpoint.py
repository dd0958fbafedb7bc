"""wp2bot's HTTP endpoint: Mattermost slash command and button clicks, health, readiness, metrics.

Routes are an explicit table. The slash command is verified by its token and the button clicks
by the HMAC on their context (both compared in constant time); a forged request changes nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request as HttpRequest
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wp2bot.adapters.mattermost.attachments import (
    neutralise_broadcast,
    render_cards,
    verify_context,
)
from wp2bot.chat import Dispatcher, JSONValue, Reply, Request

log = logging.getLogger(__name__)
FAILURE_TEXT = "Sorry, that command failed on my side. The error has been logged."
FORGED_TEXT = "This button could not be verified; nothing was changed."
STALE_TEXT = "This button no longer stands for a command; nothing was changed."

# Turns the verified data of a button's context into the command line it stands for;
# raises ValueError for data that names no command.
ButtonCommand = Callable[[Mapping[str, JSONValue]], str]


@dataclass(frozen=True, slots=True)
class EndpointSettings:
    """Secrets and URLs of the endpoint."""

    slash_token: str  # the token Mattermost shows for the slash command
    signing_secret: bytes  # the HMAC key button contexts are signed with
    action_url: str  # public URL of /mattermost/actions, put into re-rendered buttons


class _Endpoint:
    def __init__(
        self,
        dispatcher: Dispatcher,
        settings: EndpointSettings,
        registry: CollectorRegistry,
        ready: Callable[[], bool],
        button_command: ButtonCommand,
    ) -> None:
        self.dispatcher = dispatcher
        self.button_command = button_command
        self.settings = settings
        self.registry = registry
        self.ready_check = ready
        self.requests = Counter(
            "wp2bot_http_requests",
            "Requests to the Mattermost integration endpoints by route and outcome",
            ["route", "outcome"],
            registry=registry,
        )

    async def _dispatch(self, request: Request) -> Reply:
        try:
            return await asyncio.to_thread(self.dispatcher.dispatch, request)
        except Exception:
            log.exception("command %r from @%s failed", request.text, request.user)
            return Reply(FAILURE_TEXT, ok=False, ephemeral=True)

    def _attachments(self, reply: Reply) -> list[JSONValue]:
        return render_cards(reply.cards, self.settings.action_url, self.settings.signing_secret)

    async def slash(self, http: HttpRequest) -> Response:
        form = {k: v[0] for k, v in parse_qs((await http.body()).decode(), True).items()}
        given = form.get("token") or http.headers.get("authorization", "").partition(" ")[2]
        expected = self.settings.slash_token
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            self.requests.labels("slash", "refused").inc()
            return JSONResponse({"error": "invalid command token"}, status_code=401)
        request = Request(
            text=form.get("text", "").strip(),
            user=form.get("user_name", ""),
            via="slash",
            user_id=form.get("user_id", ""),
            channel_id=form.get("channel_id", ""),
            root_id=form.get("root_id", ""),
        )
        reply = await self._dispatch(request)
        self.requests.labels("slash", "ok" if reply.ok else "refused").inc()
        return JSONResponse(self._slash_body(reply))

    def _slash_body(self, reply: Reply) -> dict[str, JSONValue]:
        body: dict[str, JSONValue] = {
            "response_type": "ephemeral" if reply.ephemeral or not reply.ok else "in_channel",
            "text": neutralise_broadcast(reply.text),
            "attachments": self._attachments(reply),
        }
        if reply.extra:
            body["extra_responses"] = [self._slash_body(extra) for extra in reply.extra]
        return body

    async def action(self, http: HttpRequest) -> Response:
        try:
            payload = await http.json()
        except ValueError:
            payload = None
        if not isinstance(payload, Mapping):
            self.requests.labels("actions", "refused").inc()
            return JSONResponse({"ephemeral_text": FORGED_TEXT})
        verified = verify_context(payload.get("context"), self.settings.signing_secret)
        if verified is None:
            log.warning("refused a button click with a forged or damaged context")
            self.requests.labels("actions", "forged").inc()
            return JSONResponse({"ephemeral_text": FORGED_TEXT})
        _button, data = verified
        try:
            command = self.button_command(data)
        except ValueError:
            self.requests.labels("actions", "refused").inc()
            return JSONResponse({"ephemeral_text": STALE_TEXT})
        request = Request(
            text=command,
            user=str(payload.get("user_name") or ""),
            via="button",
            user_id=str(payload.get("user_id") or ""),
            channel_id=str(payload.get("channel_id") or ""),
            post_id=str(payload.get("post_id") or ""),
        )
        reply = await self._dispatch(request)
        self.requests.labels("actions", "ok" if reply.ok else "refused").inc()
        return JSONResponse(self._action_body(reply))

    def _action_body(self, reply: Reply) -> dict[str, JSONValue]:
        extra = "\n\n".join(neutralise_broadcast(e.text) for e in reply.extra)
        if reply.ok and not reply.ephemeral:
            update: dict[str, JSONValue] = {
                "message": neutralise_broadcast(reply.text),
                "props": {"attachments": self._attachments(reply)},
            }
            body: dict[str, JSONValue] = {"update": update}
            if extra:
                body["ephemeral_text"] = extra
            return body
        text = neutralise_broadcast(reply.text)
        return {"ephemeral_text": f"{text}\n\n{extra}" if extra else text}

    async def healthz(self, _http: HttpRequest) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(self, _http: HttpRequest) -> Response:
        ready = self.ready_check()
        return JSONResponse({"ready": ready}, status_code=200 if ready else 503)

    async def metrics(self, _http: HttpRequest) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def build_http_app(
    dispatcher: Dispatcher,
    settings: EndpointSettings,
    *,
    registry: CollectorRegistry,
    ready: Callable[[], bool],
    button_command: ButtonCommand,
) -> Starlette:
    """The Starlette app; ``ready`` answers /readyz, ``registry`` is exposed on /metrics.

    ``button_command`` maps a verified button context to its command line (the command
    table's ``button_command``); the endpoint itself knows no commands.
    """
    endpoint = _Endpoint(dispatcher, settings, registry, ready, button_command)
    routes = [
        Route("/mattermost/slash", endpoint.slash, methods=["POST"]),
        Route("/mattermost/actions", endpoint.action, methods=["POST"]),
        Route("/healthz", endpoint.healthz, methods=["GET"]),
        Route("/readyz", endpoint.readyz, methods=["GET"]),
        Route("/metrics", endpoint.metrics, methods=["GET"]),
    ]
    return Starlette(routes=routes)


class HttpServer:
    """Serves an ASGI app with uvicorn inside the running event loop."""

    def __init__(self, app: Starlette, host: str = "127.0.0.1", port: int = 0) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_config=None, lifespan="off")
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None
        self.port = port

    async def start(self) -> int:
        """Start listening; returns the bound port (useful with port 0)."""
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # re-raises why uvicorn could not start
                raise RuntimeError("the HTTP server stopped while starting")
            await asyncio.sleep(0.01)
        sockets = self._server.servers[0].sockets
        self.port = int(sockets[0].getsockname()[1])
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
