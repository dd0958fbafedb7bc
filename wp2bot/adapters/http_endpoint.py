"""wp2bot's HTTP endpoint: Mattermost slash command and button clicks, health, readiness, metrics.

Routes are an explicit table. The slash command is verified by its token and the button clicks
by the HMAC on their context (both compared in constant time); a forged request changes nothing.
A click on one card of a post with several cards (a digest, a round-table bundle) updates that
card only: the post as sent is kept in ``CardPosts``, since the server returns posts without
their buttons' integrations. The server waits 30 s for a slash answer or a click's answer
(``OutgoingIntegrationRequestsTimeout``) and then drops it: a command still running after
``slash_deadline``/``click_deadline`` is answered at once with "still working", and its result
follows through the slash command's ``response_url``, or for a click through ``LateClicks``
(the post updated over REST, the rest shown to the clicker).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from urllib.parse import parse_qs

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request as HttpRequest
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from wp2bot.adapters.guarded_dispatch import guarded_dispatch
from wp2bot.adapters.http_server import HttpServer, limited_body, too_large
from wp2bot.adapters.late_answers import LateAnswers
from wp2bot.adapters.mattermost.button_context import (
    Verified,
    binding_refusal,
    verify_context,
)
from wp2bot.adapters.mattermost.endpoint_answers import EndpointAnswers
from wp2bot.chat import (
    CardPost,
    CardPosts,
    Dispatcher,
    JSONValue,
    LateClicks,
    Reply,
    Request,
)
from wp2bot.clock import Clock, SystemClock

__all__ = [
    "FORGED_TEXT",
    "MISPLACED_TEXT",
    "STALE_TEXT",
    "ButtonCommand",
    "EndpointSettings",
    "HttpServer",
    "build_http_app",
    "limited_body",
]

log = logging.getLogger(__name__)
FORGED_TEXT = "This button could not be verified; nothing was changed."
STALE_TEXT = "This button no longer stands for a command; nothing was changed."
MISPLACED_TEXT = "This button is not valid here (it has expired or belongs elsewhere)."
# Turns the verified data of a button's context into the command line it stands for;
# raises ValueError for data that names no command.
ButtonCommand = Callable[[Mapping[str, JSONValue]], str]


@dataclass(frozen=True, slots=True)
class EndpointSettings:
    """Secrets and URLs of the endpoint."""

    slash_token: str  # the token Mattermost shows for the slash command
    signing_secret: bytes  # the HMAC key button contexts are signed with
    action_url: str  # public URL of /mattermost/actions, put into re-rendered buttons
    button_ttl: timedelta = timedelta(days=14)  # how long re-rendered buttons count
    # The server waits OutgoingIntegrationRequestsTimeout (30 s) for a slash answer; a command
    # still running after this many seconds is answered later through its response_url.
    slash_deadline: float = 20.0
    click_deadline: float = 20.0  # the same for a click (DoPostActionWithCookie's timeout)
    site_url: str = ""  # the Mattermost site: the only place a response_url may point to
    site_tls: ssl.SSLContext | None = None  # how to trust it (the REST client's context)


def _only_clicker(text: str) -> JSONResponse:
    """An action answer only the clicker sees; no Slack parsing (see ``EndpointAnswers.slash``)."""
    return JSONResponse({"ephemeral_text": text, "skip_slack_parsing": True})


class _Endpoint:
    def __init__(
        self,
        dispatcher: Dispatcher,
        settings: EndpointSettings,
        registry: CollectorRegistry,
        ready: Callable[[], bool],
        button_command: ButtonCommand,
        posts: CardPosts | None,
        clock: Clock,
        clicks: LateClicks | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.posts = posts
        self.clock = clock
        self.button_command = button_command
        self.settings = settings
        self.registry = registry
        self.ready_check = ready
        self.answers = EndpointAnswers(
            settings.signing_secret, settings.action_url, settings.button_ttl, clock
        )
        self.requests = Counter(
            "wp2bot_http_requests",
            "Requests to the Mattermost integration endpoints by route and outcome",
            ["route", "outcome"],
            registry=registry,
        )
        self.late = LateAnswers(
            lambda route, outcome: self.requests.labels(route, outcome).inc(),
            site_url=settings.site_url, site_tls=settings.site_tls, clicks=clicks, posts=posts,
        )  # fmt: skip

    async def _dispatch(self, request: Request) -> Reply:
        return await asyncio.to_thread(guarded_dispatch, self.dispatcher, request, ephemeral=True)

    async def slash(self, http: HttpRequest) -> Response:
        raw = await limited_body(http)
        if raw is None:
            self.requests.labels("slash", "too_large").inc()
            return too_large()
        form = {k: v[0] for k, v in parse_qs(raw.decode(errors="replace"), True).items()}
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
        running = asyncio.ensure_future(self._dispatch(request))
        try:
            reply = await asyncio.wait_for(asyncio.shield(running), self.settings.slash_deadline)
        except TimeoutError:
            respond_to = form.get("response_url", "")
            answer = self.answers.slash
            text = self.late.slash(running, lambda done: answer(done, request), respond_to)
            return JSONResponse(
                {"response_type": "ephemeral", "text": text, "skip_slack_parsing": True}
            )
        self.requests.labels("slash", "ok" if reply.ok else "refused").inc()
        return JSONResponse(self.answers.slash(reply, request))

    async def action(self, http: HttpRequest) -> Response:
        raw = await limited_body(http)
        if raw is None:
            self.requests.labels("actions", "too_large").inc()
            return too_large()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        if not isinstance(payload, Mapping):
            self.requests.labels("actions", "refused").inc()
            return _only_clicker(FORGED_TEXT)
        verified = verify_context(payload.get("context"), self.settings.signing_secret)
        if verified is None:
            log.warning("refused a button click with a forged or damaged context")
            self.requests.labels("actions", "forged").inc()
            return _only_clicker(FORGED_TEXT)
        request = Request(
            text="",
            user=str(payload.get("user_name") or ""),
            via="button",
            user_id=str(payload.get("user_id") or ""),
            channel_id=str(payload.get("channel_id") or ""),
            post_id=str(payload.get("post_id") or ""),
        )
        record = await self._record(request.post_id)
        refusal = binding_refusal(
            verified,
            post_nonce=record.nonce if record else None,
            channel_id=request.channel_id,
            user_id=request.user_id,
            now=int(self.clock.now().timestamp()),
        )
        if refusal is not None:
            log.warning("refused a button click: its context is for %s", refusal)
            self.requests.labels("actions", "misplaced").inc()
            return _only_clicker(MISPLACED_TEXT)
        try:
            command = self.button_command(verified.data)
        except ValueError:
            self.requests.labels("actions", "refused").inc()
            return _only_clicker(STALE_TEXT)
        running = asyncio.ensure_future(self._dispatch(replace(request, text=command)))
        try:
            reply = await asyncio.wait_for(asyncio.shield(running), self.settings.click_deadline)
        except TimeoutError:
            text = self.late.click(
                running,
                lambda done: self._click_body(done, request, verified, record),
                (request.post_id, request.user_id, request.channel_id),
            )
            return _only_clicker(text)
        self.requests.labels("actions", "ok" if reply.ok else "refused").inc()
        body, kept = self._click_body(reply, request, verified, record)
        if kept is not None and self.posts is not None:
            await asyncio.to_thread(self.posts.save, kept)
        return JSONResponse(body)

    async def _record(self, post_id: str) -> CardPost | None:
        if self.posts is None or not post_id:
            return None
        return await asyncio.to_thread(self.posts.get, post_id)

    def _click_body(
        self, reply: Reply, request: Request, verified: Verified, record: CardPost | None
    ) -> tuple[dict[str, JSONValue], CardPost | None]:
        keeping = self.posts is not None
        return self.answers.click(reply, request, verified, record, keeping=keeping)

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
    posts: CardPosts | None = None,
    clock: Clock | None = None,
    extra: Sequence[BaseRoute] = (),
    clicks: LateClicks | None = None,
) -> Starlette:
    """The Starlette app; ``ready`` answers /readyz, ``registry`` is exposed on /metrics.

    ``button_command`` maps a verified button context to its command line (the command
    table's ``button_command``); the endpoint itself knows no commands. ``posts`` holds the
    posts the bot made with cards, so a click updates only the clicked card; ``clicks``
    delivers a click's answer that took longer than ``click_deadline``.
    """
    endpoint = _Endpoint(
        dispatcher, settings, registry, ready, button_command, posts, clock or SystemClock(),
        clicks,
    )  # fmt: skip
    routes = [
        Route("/mattermost/slash", endpoint.slash, methods=["POST"]),
        Route("/mattermost/actions", endpoint.action, methods=["POST"]),
        Route("/healthz", endpoint.healthz, methods=["GET"]),
        Route("/readyz", endpoint.readyz, methods=["GET"]),
        Route("/metrics", endpoint.metrics, methods=["GET"]),
        *extra,  # the web board's pages
    ]
    return Starlette(routes=routes)
