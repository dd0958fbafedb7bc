"""FakeMattermost: an aiohttp server speaking the contract, with setup helpers and fault controls.

Set ``WP2BOT_MM_REQUEST_LOG`` to a file name to append every HTTP request it receives as one
JSON line ``{"method", "path", "query", "json"}``.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes.mattermost.ratelimit import RateLimiter, RateLimitSettings, Verdict
from tests.fakes.mattermost.rest_api import (
    ROUTES,
    V4,
    Ctx,
    Handler,
    broadcast_posted,
    send_ephemeral,
)
from tests.fakes.mattermost.slack_text import command_post, slack_links_to_markdown
from tests.fakes.mattermost.state import (
    VERSION,
    ApiError,
    Json,
    State,
    new_id,
    public_post,
    validate_attachments,
)
from tests.fakes.mattermost.tls import ThrowawayCA
from tests.fakes.mattermost.ws import Hub, broadcast_shape
from wp2bot.clock import Clock, SystemClock

WS_PATH = "/api/v4/websocket"
# Tests that do not test the rate limiter should never meet it, but still see its headers.
GENEROUS_LIMIT = RateLimitSettings(per_sec=2000.0, max_burst=2000)
_VERDICT = web.RequestKey("rate_limit_verdict", Verdict)


@dataclass
class Fault:
    """Answer the next ``count`` REST requests (whose path contains ``path``) with ``status``."""

    status: int
    count: int = 1
    retry_after: int = 1
    path: str = ""


@dataclass(frozen=True)
class Recorded:
    """One HTTP request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    json: Any


@dataclass
class FakeMattermost:
    """A loopback Mattermost for tests; ``await start()``, then use ``url``."""

    clock: Clock = field(default_factory=SystemClock)
    tls: ThrowawayCA | None = None
    requests: list[Recorded] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    tokens_rejected: bool = False
    # (method, path suffix) -> seconds the answer takes after the request was handled: a slow
    # server or network, so that a client can die between the server's work and its answer
    latency: dict[tuple[str, str], float] = field(default_factory=dict)
    # RateLimitSettings (None: Enable=false, no headers at all); see ratelimit.py
    rate_limit: RateLimitSettings | None = GENEROUS_LIMIT

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.rate_limit) if self.rate_limit else None
        self.state = State(self.clock)
        self.hub = Hub(self.state, self._token_user)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._log_file = os.environ.get("WP2BOT_MM_REQUEST_LOG", "")
        # response_url hooks of slash commands: id -> (user id, channel, root id, created ms, uses)
        self.command_hooks: dict[str, list[Any]] = {}
        self.integration_timeout = 30.0  # ServiceSettings.OutgoingIntegrationRequestsTimeout

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> FakeMattermost:
        """Listen on a free loopback port."""
        app = web.Application(middlewares=[self._rate_limit_middleware, self._middleware])
        app.on_response_prepare.append(self._rate_limit_headers)
        app.router.add_get(WS_PATH, self.hub.handle)
        app.router.add_post("/hooks/commands/{hook_id}", self._command_webhook)
        for method, path, handler, session in ROUTES:
            app.router.add_route(method, V4 + path, self._endpoint(handler, session))
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        ssl_context = self.tls.server_context() if self.tls else None
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=ssl_context)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        """Close sockets and stop listening."""
        await self.hub.drop(forget=True)
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        """The site URL (http or https)."""
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    # -- setup helpers ----------------------------------------------------------------------

    def add_user(
        self, username: str, *, is_bot: bool = False, timezone: str = ""
    ) -> tuple[Json, str]:
        """A user (or bot) and its access token."""
        return self.state.add_user(username, is_bot=is_bot, timezone=timezone)

    def add_team(self, name: str, members: list[str]) -> Json:
        """A team with these user ids as members."""
        team = self.state.add_team(name)
        self.state.team_members[team["id"]].update(members)
        return team

    def add_channel(self, team: Json, name: str, members: list[str], type_: str = "O") -> Json:
        """A channel of a team with these members."""
        channel = self.state.add_channel(team["id"], name, type_)
        self.state.members[channel["id"]].update(members)
        return channel

    def direct_channel(self, a: str, b: str) -> Json:
        """The DM channel of two users."""
        return self.state.direct_channel(a, b)

    def post_as(self, user_id: str, channel_id: str, message: str, root_id: str = "") -> Json:
        """Post as a user, exactly as POST /posts would (broadcasts ``posted``)."""
        post, _ = self.state.create_post(
            user_id, {"channel_id": channel_id, "message": message, "root_id": root_id}
        )
        broadcast_posted(self.state, self.hub, post)
        return public_post(post)

    def posts(self, channel_id: str) -> list[Json]:
        """Stored posts of a channel, oldest first, with their full props (deleted ones too,
        not the old versions the server keeps of edited posts)."""
        found = [
            p
            for p in self.state.posts.values()
            if p["channel_id"] == channel_id and not p["original_id"]
        ]
        return sorted(found, key=lambda p: p["create_at"])

    def allow_ephemeral(self, user_id: str) -> None:
        """Grant create_post_ephemeral (the system_admin role) to a user."""
        self.state.ephemeral_allowed.add(user_id)

    # -- faults -----------------------------------------------------------------------------

    def limit_rate(
        self, per_sec: float, max_burst: int, *, vary_by_user: bool = False
    ) -> RateLimiter:
        """Enable the server's rate limiter with these ``RateLimitSettings`` (fresh buckets)."""
        self.rate_limit = RateLimitSettings(per_sec, max_burst, vary_by_user)
        self.limiter = RateLimiter(self.rate_limit)
        return self.limiter

    def slow(self, method: str, path_suffix: str, seconds: float) -> None:
        """Answer requests ``method`` to paths ending in ``path_suffix`` ``seconds`` late."""
        self.latency[(method, path_suffix)] = seconds

    def fail_next(self, count: int, status: int, *, retry_after: int = 1, path: str = "") -> None:
        """The next ``count`` REST requests (matching ``path``) get ``status`` (429 or 5xx)."""
        self.faults.append(Fault(status, count, retry_after, path))

    async def drop_websockets(self, *, forget: bool = False) -> None:
        """Cut every websocket; ``forget`` also drops resume buffers (next connect: fresh hello)."""
        await self.hub.drop(forget=forget)

    def skip_seq(self) -> None:
        """The next event skips a sequence number (a lost event)."""
        self.hub.skip_next_seq = 1

    def reject_tokens(self, rejected: bool = True) -> None:
        """Refuse every token from now on (REST 401, websocket closed)."""
        self.tokens_rejected = rejected

    def count(self, method: str, path_pattern: str) -> int:
        """How many requests matched (path as a regex, full match)."""
        return sum(
            1 for r in self.requests if r.method == method and re.fullmatch(path_pattern, r.path)
        )

    # -- Mattermost calling integrations ----------------------------------------------------

    async def run_slash(
        self, url: str, token: str, user: Json, channel: Json, text: str, *, root_id: str = ""
    ) -> tuple[int, Any]:
        """Call a slash command URL like the server does; returns (status, parsed body)."""
        team = self.state.teams.get(channel["team_id"], {"id": "", "name": ""})
        hook_id = new_id()
        form = {
            "token": token,
            "team_id": team["id"],
            "team_domain": team["name"],
            "channel_id": channel["id"],
            "channel_name": channel["name"],
            "user_id": user["id"],
            "user_name": user["username"],
            "command": "/wp2",
            "text": text,
            "trigger_id": new_id(),
            "root_id": root_id,
            "response_url": f"{self.url}/hooks/commands/{hook_id}",
        }
        # app/command.go ExecuteCommand: a CommandWebhook (the response_url) is created for
        # every call, and the integration gets OutgoingIntegrationRequestsTimeout to answer.
        self.command_hooks[hook_id] = [user["id"], channel, root_id, self.state.now_ms(), 0]
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        timeout = aiohttp.ClientTimeout(total=self.integration_timeout)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(url, data=form, headers=headers) as r,
        ):
            body = await r.json() if r.content_type == "application/json" else await r.text()
            status = r.status
        if status == 200:
            # app/command.go doCommandRequest: a body that is not JSON becomes the text.
            response = body if isinstance(body, dict) else {"text": str(body)}
            for one in [response, *(response.get("extra_responses") or [])]:
                self._command_response_post(user["id"], channel, root_id, one)
        return status, body

    async def _command_webhook(self, request: web.Request) -> web.Response:
        """``app/command.go`` ``HandleCommandWebhook``: a response_url takes the same JSON as a
        command answer, at most ``MaxCommandWebhookUses`` (5) times within
        ``CommandWebhookExpiry`` (30 minutes) of the command; otherwise 400."""
        hook = self.command_hooks.get(request.match_info["hook_id"])
        if hook is None or self.state.now_ms() - hook[3] > 30 * 60 * 1000 or hook[4] >= 5:
            return web.json_response(
                {"id": "app.command_webhook.handle_command_webhook.parse", "status_code": 400},
                status=400,
            )
        hook[4] += 1
        try:
            response = await request.json()
        except ValueError:
            return web.json_response({"status_code": 400}, status=400)
        user_id, channel, root_id = hook[0], hook[1], hook[2]
        for one in [response, *(response.get("extra_responses") or [])]:
            self._command_response_post(user_id, channel, root_id, one)
        return web.Response(text="ok")

    def _command_response_post(
        self, user_id: str, channel: Json, root_id: str, response: Json
    ) -> None:
        """``app/command.go`` ``HandleCommandResponsePost`` and ``CreateCommandPost``."""
        usernames = {uid: u["username"] for uid, u in self.state.users.items()}
        message, attachments = command_post(response, usernames)
        props = dict(response.get("props") or {})
        # A custom (not built-in) command's answer is a "bot post": from_webhook is set, and
        # the post's author is the user who typed the command, not the integration.
        props["from_webhook"] = "true"
        if attachments:
            props["attachments"] = attachments
        channel_id = str(response.get("channel_id") or channel["id"])
        if user_id not in self.state.members.get(channel_id, set()):
            return  # api.command.command_post.forbidden.app_error
        body = {"channel_id": channel_id, "message": message, "root_id": root_id, "props": props}
        if response.get("response_type") == "in_channel":
            post, _ = self.state.create_post(user_id, body)
            broadcast_posted(self.state, self.hub, post)
        elif message or attachments:
            send_ephemeral(self.state, self.hub, user_id, {**body, "user_id": user_id})

    async def click(self, post_id: str, action_id: str, user: Json) -> tuple[int, Any]:
        """Click a button like the server does: POST the context, apply update/ephemeral_text.

        Follows ``server/channels/app/integration_action.go`` ``DoPostActionWithCookie``: the
        action is looked up in the stored post with ``model/post.go`` ``GetAction``, which
        returns the FIRST action with the id; no such action is a 404
        (``api.post.do_action.action_id.app_error``), and nothing is sent to the integration.
        On an ephemeral post (never stored, clicked through its cookie) an ``update`` fails with
        404 too: ``UpdatePost`` finds no stored post; the clicker sees that error although the
        integration already ran. The integration gets ``OutgoingIntegrationRequestsTimeout``
        (``context.WithTimeout`` around ``DoActionRequest``): a later answer is dropped unread
        and the click fails with 400 ``api.post.do_action.action_integration.app_error``.
        """
        ephemeral = next((p for _, p in self.state.ephemerals if p["id"] == post_id), None)
        post = ephemeral if ephemeral is not None else self.state.posts[post_id]
        action = next(
            (
                a
                for att in post["props"].get("attachments") or []
                for a in att.get("actions") or []
                if a and a.get("id") == action_id
            ),
            None,
        )
        if action is None or not action.get("integration"):
            return 404, {"id": "api.post.do_action.action_id.app_error", "status_code": 404}
        channel = self.state.channels[post["channel_id"]]
        integration = action["integration"]
        payload = {
            "user_id": user["id"],
            "user_name": user["username"],
            "channel_id": channel["id"],
            "channel_name": channel["name"],
            "team_id": channel["team_id"],
            "team_domain": "",
            "post_id": post_id,
            "trigger_id": new_id(),
            "type": action["type"],
            "data_source": "",
            "context": integration.get("context") or {},
        }
        timeout = aiohttp.ClientTimeout(total=self.integration_timeout)
        failed = 400, {"id": "api.post.do_action.action_integration.app_error", "status_code": 400}
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.post(integration["url"], json=payload) as r,
            ):
                text = await r.text()
                status = r.status
        except TimeoutError:
            return failed
        # DoActionRequest: an answer other than 200 is the same 400, and so is a body that is
        # not a JSON object (DoPostActionWithCookie's json.Unmarshal); nothing is applied.
        try:
            body = json.loads(text) if text else {}
        except ValueError:
            return failed
        if status != 200 or not isinstance(body, dict):
            return failed
        if ephemeral is not None and isinstance(body.get("update"), dict):
            return 404, {"id": "app.post.get.app_error", "status_code": 404}
        self._apply_action_response(post, user["id"], body)
        return status, body

    def _apply_action_response(self, post: Json, user_id: str, body: Json) -> None:
        update = body.get("update")
        if isinstance(update, dict):
            self.state.edit(post)  # DoPostActionWithCookie -> UpdatePost -> SqlPostStore.Update
            if "message" in update:
                post["message"] = update["message"]
            if isinstance(update.get("props"), dict):
                validate_attachments(update["props"])  # integrations must be sent again
                post["props"] = {**update["props"], "from_bot": post["props"].get("from_bot", "")}
            self.state.audit(post)
            data = {"post": json.dumps(public_post(post))}
            for member in sorted(self.state.members[post["channel_id"]]):
                self.hub.send_to_user(member, "post_edited", data, broadcast_shape())
        if body.get("ephemeral_text"):
            text = str(body["ephemeral_text"])
            ephemeral = {
                "channel_id": post["channel_id"],
                "root_id": post["root_id"] or post["id"],
                "message": text
                if body.get("skip_slack_parsing")
                else slack_links_to_markdown(text),
                "user_id": user_id,
                "props": {"from_webhook": "true"},
            }
            send_ephemeral(self.state, self.hub, user_id, ephemeral)

    # -- HTTP plumbing ----------------------------------------------------------------------

    def _token_user(self, token: str) -> str | None:
        return None if self.tokens_rejected else self.state.tokens.get(token)

    def _respond(self, status: int, body: Any, request_id: str) -> web.Response:
        # Content-Type exactly application/json: the drivers compare it literally.
        headers = {
            "Content-Type": "application/json",
            "X-Request-Id": request_id,
            "X-Version-Id": f"{VERSION}.{VERSION}.cafe.false",
        }
        return web.Response(status=status, body=json.dumps(body).encode(), headers=headers)

    def _error(self, err: ApiError, request_id: str) -> web.Response:
        body = {
            "id": err.error_id,
            "message": err.message,
            "detailed_error": "",
            "request_id": request_id,
            "status_code": err.status,
        }
        return self._respond(err.status, body, request_id)

    @web.middleware
    async def _rate_limit_middleware(
        self, request: web.Request, handler: Any
    ) -> web.StreamResponse:
        """``app/ratelimit.go`` ``RateLimitHandler``: every request of the router is counted
        before it is handled; a limited one is answered by ``RateLimitWriter`` with
        ``http.Error(w, "limit exceeded", http.StatusTooManyRequests)`` and never handled."""
        if self.limiter is None:
            return await handler(request)  # type: ignore[no-any-return]
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        token = token.strip() if scheme.lower() in ("bearer", "token") else ""
        remote = request.remote or ""
        verdict = self.limiter.check(self.limiter.key(remote, token))
        request[_VERDICT] = verdict
        if verdict.limited:
            self.requests.append(Recorded(request.method, request.path, dict(request.query), None))
            return web.Response(
                status=429,
                text="limit exceeded\n",
                content_type="text/plain",
                charset="utf-8",
                headers={"X-Content-Type-Options": "nosniff"},
            )
        return await handler(request)  # type: ignore[no-any-return]

    async def _rate_limit_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """``setRateLimitHeaders``: on every answer (websocket upgrade and errors included)."""
        verdict = request.get(_VERDICT)
        if verdict is not None:
            for name, value in verdict.headers().items():
                response.headers.setdefault(name, value)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        raw = await request.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        record = Recorded(request.method, request.path, dict(request.query), parsed)
        self.requests.append(record)
        if self._log_file:
            with open(self._log_file, "a", encoding="utf-8") as log:
                log.write(json.dumps(record.__dict__) + "\n")
        request_id = new_id()
        if "//" in request.path:
            clean = re.sub("/{2,}", "/", request.path)
            location = clean + (f"?{request.query_string}" if request.query_string else "")
            raise web.HTTPMovedPermanently(location)
        if request.path != WS_PATH and self.faults:
            fault = next((f for f in self.faults if f.path in request.path), None)
            if fault is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self.faults.remove(fault)
                return self._fault(fault, request_id)
        try:
            response: web.StreamResponse = await handler(request)
        except web.HTTPNotFound:
            err = ApiError(404, "api.context.404.app_error", "Sorry, we could not find the page.")
            return self._error(err, request_id)
        except web.HTTPMethodNotAllowed:
            return self._error(
                ApiError(405, "api.context.405.app_error", "Method not allowed."), request_id
            )
        for (method, suffix), seconds in self.latency.items():
            if request.method == method and request.path.endswith(suffix):
                await asyncio.sleep(seconds)  # the work is done; only the answer is late
        return response

    def _fault(self, fault: Fault, request_id: str) -> web.Response:
        if fault.status == 429:
            # what RateLimitWriter answers to a limited request (the headers set here win
            # over the limiter's own in _rate_limit_headers)
            limit = str(self.rate_limit.max_burst + 1) if self.rate_limit else "101"
            headers = {
                "Retry-After": str(fault.retry_after),
                "X-Ratelimit-Limit": limit,
                "X-Ratelimit-Remaining": "0",
                "X-Ratelimit-Reset": str(fault.retry_after),
                "X-Content-Type-Options": "nosniff",
            }
            return web.Response(
                status=429, text="limit exceeded\n", headers=headers,
                content_type="text/plain", charset="utf-8",
            )  # fmt: skip
        err = ApiError(fault.status, "api.context.server_error.app_error", "Internal server error.")
        return self._error(err, request_id)

    def _endpoint(self, handler: Handler, needs_session: bool) -> Any:
        async def endpoint(request: web.Request) -> web.Response:
            request_id = new_id()
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            caller = (
                self._token_user(token.strip()) if scheme.lower() in ("bearer", "token") else None
            )
            if needs_session and caller is None:
                err = ApiError(
                    401,
                    "api.context.session_expired.app_error",
                    "Invalid or expired session, please login again.",
                )
                return self._error(err, request_id)
            raw = await request.read()
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                return self._error(
                    ApiError(
                        400,
                        "api.context.invalid_body_param.app_error",
                        "Invalid or missing body in request body.",
                    ),
                    request_id,
                )
            try:
                status, result = await handler(
                    Ctx(request, caller or "", self.state, self.hub, body)
                )
            except ApiError as err:
                return self._error(err, request_id)
            return self._respond(status, result, request_id)

        return endpoint
