"""The REST subset of the contract (section 2) with the real server's shapes and status codes."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes.mattermost.state import (
    ID_RE,
    ApiError,
    Json,
    State,
    check_message,
    forbidden,
    new_id,
    public_post,
    validate_attachments,
)
from tests.fakes.mattermost.ws import Hub, broadcast_shape

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
EMOJI_RE = re.compile(r"^[A-Za-z0-9_+-]{1,64}$")


@dataclass
class Ctx:
    """One authenticated API call."""

    request: web.Request
    caller: str  # user id ("" for endpoints that need no session)
    state: State
    hub: Hub
    body: Any

    def param_id(self, name: str) -> str:
        """A path id parameter (``me`` allowed for user ids), 400 when malformed."""
        value = self.request.match_info[name]
        if name == "user_id" and value == "me":
            return self.caller
        if not ID_RE.match(value):
            raise ApiError(
                400,
                "api.context.invalid_url_param.app_error",
                f"Invalid or missing {name} parameter in request URL.",
            )
        return value

    def int_query(self, name: str, default: int) -> int:
        """An integer query parameter."""
        raw = self.request.query.get(name, "")
        try:
            return int(raw) if raw else default
        except ValueError:
            raise ApiError(
                400,
                "api.context.invalid_url_param.app_error",
                f"Invalid or missing {name} parameter in request URL.",
            ) from None


Handler = Callable[[Ctx], Awaitable[tuple[int, Any]]]


def _bad_body(what: str) -> ApiError:
    return ApiError(
        400,
        "api.context.invalid_body_param.app_error",
        f"Invalid or missing {what} in request body.",
    )


def _user(ctx: Ctx, user_id: str) -> Json:
    user = ctx.state.users.get(user_id)
    if user is None:
        raise ApiError(404, "app.user.missing_account.const", "Unable to find the user.")
    return user


def _channel_for_member(ctx: Ctx, channel_id: str) -> Json:
    channel = ctx.state.channels.get(channel_id)
    if channel is None:
        raise ApiError(
            404, "app.channel.get.existing.app_error", "Unable to find the existing channel."
        )
    if ctx.caller not in ctx.state.members[channel_id]:
        raise forbidden()
    return channel


POSTS_SINCE_LIMIT = 1000
PER_PAGE_MAX = 200  # api4 getPostsForChannel caps per_page (PerPageMaximum)


def _updated(post: Json) -> int:
    return int(post["update_at"])


def _post_list(posts: list[Json]) -> Json:
    ordered = sorted(posts, key=lambda p: p["create_at"], reverse=True)
    return {
        "order": [p["id"] for p in ordered],
        "posts": {p["id"]: public_post(p) for p in ordered},
        "next_post_id": "",
        "prev_post_id": "",
        "has_next": False,
    }


async def get_user(ctx: Ctx) -> tuple[int, Any]:
    return 200, _user(ctx, ctx.param_id("user_id"))


async def get_user_by_username(ctx: Ctx) -> tuple[int, Any]:
    name = ctx.request.match_info["username"]
    if not USERNAME_RE.match(name):
        raise ApiError(400, "api.context.invalid_url_param.app_error", "Invalid username.")
    for user in ctx.state.users.values():
        if user["username"] == name.lower():
            return 200, user
    raise ApiError(404, "app.user.get_by_username.app_error", "Unable to find an existing account.")


async def users_by_usernames(ctx: Ctx) -> tuple[int, Any]:
    if not isinstance(ctx.body, list):
        raise _bad_body("usernames")
    names = {str(n).lower() for n in ctx.body}
    return 200, [u for u in ctx.state.users.values() if u["username"] in names]


async def users_by_ids(ctx: Ctx) -> tuple[int, Any]:
    if not isinstance(ctx.body, list):
        raise _bad_body("user_ids")
    return 200, [ctx.state.users[i] for i in ctx.body if i in ctx.state.users]


async def search_users(ctx: Ctx) -> tuple[int, Any]:
    if not isinstance(ctx.body, dict) or not ctx.body.get("term"):
        raise _bad_body("term")
    term = str(ctx.body["term"]).lower().lstrip("@")
    found = [u for u in ctx.state.users.values() if u["username"].startswith(term)]
    if ctx.body.get("in_channel_id"):
        members = ctx.state.members.get(ctx.body["in_channel_id"], set())
        found = [u for u in found if u["id"] in members]
    return 200, found[: int(ctx.body.get("limit") or 100)]


async def teams_of_user(ctx: Ctx) -> tuple[int, Any]:
    user_id = ctx.param_id("user_id")
    if user_id != ctx.caller:
        raise forbidden()
    return 200, [t for tid, t in ctx.state.teams.items() if user_id in ctx.state.team_members[tid]]


def _team_by_name(ctx: Ctx, name: str) -> Json:
    for team in ctx.state.teams.values():
        if team["name"] == name:
            if ctx.caller not in ctx.state.team_members[team["id"]]:
                raise forbidden()
            return team
    raise ApiError(
        404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team."
    )


async def team_by_name(ctx: Ctx) -> tuple[int, Any]:
    return 200, _team_by_name(ctx, ctx.request.match_info["name"])


def _channel_by_name(ctx: Ctx, team_id: str, name: str) -> Json:
    for channel in ctx.state.channels.values():
        if channel["team_id"] == team_id and channel["name"] == name:
            if channel["type"] == "P" and ctx.caller not in ctx.state.members[channel["id"]]:
                raise forbidden()
            return channel
    raise ApiError(
        404, "app.channel.get_by_name.missing.app_error", "Unable to find the existing channel."
    )


async def channel_by_name(ctx: Ctx) -> tuple[int, Any]:
    team_id = ctx.param_id("team_id")
    return 200, _channel_by_name(ctx, team_id, ctx.request.match_info["channel_name"])


async def channel_by_team_name(ctx: Ctx) -> tuple[int, Any]:
    team = _team_by_name(ctx, ctx.request.match_info["team_name"])
    return 200, _channel_by_name(ctx, team["id"], ctx.request.match_info["channel_name"])


async def get_channel(ctx: Ctx) -> tuple[int, Any]:
    return 200, _channel_for_member(ctx, ctx.param_id("channel_id"))


async def channels_of_user(ctx: Ctx) -> tuple[int, Any]:
    user_id, team_id = ctx.param_id("user_id"), ctx.param_id("team_id")
    if user_id != ctx.caller:
        raise forbidden()
    # Like the server: the team's channels plus the user's DMs and group messages.
    return 200, [
        c
        for c in ctx.state.channels.values()
        if c["team_id"] in (team_id, "") and user_id in ctx.state.members[c["id"]]
    ]


async def create_direct(ctx: Ctx) -> tuple[int, Any]:
    ids = ctx.body
    if not isinstance(ids, list) or not 1 <= len(ids) <= 2 or ctx.caller not in ids:
        raise _bad_body("user_ids")
    pair = [str(i) for i in ids] + ([ctx.caller] if len(ids) == 1 else [])
    for user_id in pair:
        if not ID_RE.match(user_id):
            raise _bad_body("user_ids")
        _user(ctx, user_id)
    return 201, ctx.state.direct_channel(pair[0], pair[1])


async def create_post(ctx: Ctx) -> tuple[int, Any]:
    if not isinstance(ctx.body, dict) or "channel_id" not in ctx.body:
        raise _bad_body("post")
    post, new = ctx.state.create_post(ctx.caller, ctx.body)
    if new:
        broadcast_posted(ctx.state, ctx.hub, post)
    return 201, public_post(post)


def broadcast_posted(state: State, hub: Hub, post: Json) -> None:
    """Send ``posted`` to every member's connections (``data.post`` is a JSON string)."""
    channel = state.channels[post["channel_id"]]
    mentioned = state.mentioned(post)
    data: Json = {
        "channel_display_name": channel["display_name"],
        "channel_name": channel["name"],
        "channel_type": channel["type"],
        "post": json.dumps(public_post(post)),
        "sender_name": "@" + state.users[post["user_id"]]["username"],
        "set_online": True,
        "team_id": channel["team_id"],
    }
    for member in sorted(state.members[channel["id"]]):
        per_user = dict(data)
        # server/channels/app/web_broadcast_hooks.go addMentionsBroadcastHook: each receiver
        # sees only its own id in "mentions", and only when the post mentions it.
        if member in mentioned:
            per_user["mentions"] = json.dumps([member])
        hub.send_to_user(member, "posted", per_user, broadcast_shape(channel_id=channel["id"]))


async def create_ephemeral(ctx: Ctx) -> tuple[int, Any]:
    if ctx.caller not in ctx.state.ephemeral_allowed:
        raise forbidden()
    body = ctx.body if isinstance(ctx.body, dict) else {}
    post = body.get("post")
    if not isinstance(post, dict) or not body.get("user_id"):
        raise _bad_body("post")
    _channel_for_member(ctx, str(post.get("channel_id", "")))
    shown = send_ephemeral(
        ctx.state, ctx.hub, str(body["user_id"]), {**post, "user_id": ctx.caller}
    )
    return 201, public_post(shown)


def send_ephemeral(state: State, hub: Hub, user_id: str, post: Json) -> Json:
    """Show a post to one user only, never stored (``app/post.go`` ``SendEphemeralPost``)."""
    props = copy.deepcopy(post.get("props") or {})
    validate_attachments(props)
    shown = {
        **post,
        "id": post.get("id") or new_id(),  # SendEphemeralPost fills in a new id
        "type": "system_ephemeral",
        "create_at": state.now_ms(),
        "props": props,
        "root_id": post.get("root_id") or "",
    }
    state.ephemerals.append((user_id, shown))
    state.audit(shown)
    hub.send_to_user(
        user_id, "ephemeral_message", {"post": json.dumps(public_post(shown))}, broadcast_shape()
    )
    return shown


def _own_post(ctx: Ctx) -> Json:
    post = ctx.state.posts.get(ctx.param_id("post_id"))
    if post is None or post["delete_at"]:
        raise ApiError(404, "app.post.get.app_error", "Unable to get the post.")
    _channel_for_member(ctx, post["channel_id"])
    return post


def _changed(ctx: Ctx, post: Json) -> tuple[int, Any]:
    ctx.state.audit(post)
    channel_id = post["channel_id"]
    for member in sorted(ctx.state.members[channel_id]):
        ctx.hub.send_to_user(
            member,
            "post_edited",
            {"post": json.dumps(public_post(post))},
            broadcast_shape(channel_id=channel_id),
        )
    return 200, public_post(post)


async def get_post(ctx: Ctx) -> tuple[int, Any]:
    return 200, public_post(_own_post(ctx))


async def update_post(ctx: Ctx) -> tuple[int, Any]:
    post = _own_post(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if body.get("id") != post["id"]:
        raise _bad_body("id")
    if post["user_id"] != ctx.caller:
        raise forbidden()
    props = body.get("props") or {}
    validate_attachments(props)
    check_message(body.get("message", ""))
    ctx.state.edit(post)
    post.update(
        message=body.get("message", ""),
        props=props,
        file_ids=body.get("file_ids") or [],
        is_pinned=bool(body.get("is_pinned")),
    )
    return _changed(ctx, post)


async def patch_post(ctx: Ctx) -> tuple[int, Any]:
    post = _own_post(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if post["user_id"] != ctx.caller:
        raise forbidden()
    if "props" in body:
        if not isinstance(body["props"], dict):
            raise _bad_body("props")
        validate_attachments(body["props"])
    if "message" in body:
        check_message(body["message"])
    ctx.state.edit(post)
    if "props" in body:
        post["props"] = body["props"]
    for key in ("message", "file_ids", "is_pinned", "has_reactions"):
        if key in body:
            post[key] = body[key]
    return _changed(ctx, post)


async def delete_post(ctx: Ctx) -> tuple[int, Any]:
    post = _own_post(ctx)
    if post["user_id"] != ctx.caller:
        raise forbidden()
    # The store's Delete sets DeleteAt and UpdateAt together, so a since= read shows it.
    post["delete_at"] = post["update_at"] = ctx.state.now_ms()
    return 200, {"status": "OK"}


async def post_thread(ctx: Ctx) -> tuple[int, Any]:
    post = _own_post(ctx)
    root_id = post["root_id"] or post["id"]
    thread = [
        p
        for p in ctx.state.posts.values()
        if (p["id"] == root_id or p["root_id"] == root_id) and not p["delete_at"]
    ]
    return 200, _post_list(thread)


async def channel_posts(ctx: Ctx) -> tuple[int, Any]:
    channel = _channel_for_member(ctx, ctx.param_id("channel_id"))
    in_channel = [p for p in ctx.state.posts.values() if p["channel_id"] == channel["id"]]
    since = ctx.int_query("since", 0)
    if since:
        # server/channels/store/sqlstore/post_store.go GetPostsSince: every post updated after
        # `since`, edited and deleted ones (and the old versions of edited ones) included, at
        # most 1,000 rows: "LIMIT 1000" with no ORDER BY, so which rows is up to the database;
        # the fake takes them in id order (random), so that no client can count on any order.
        # The roots of the threads returned are added to "posts", not to "order".
        changed = sorted((p for p in in_channel if p["update_at"] > since), key=lambda p: p["id"])
        found = sorted(changed[:POSTS_SINCE_LIMIT], key=_updated)
        return 200, _with_roots(ctx, _post_list(found), found)
    posts = [p for p in in_channel if not p["delete_at"]]
    page = ctx.int_query("page", 0)
    per_page = min(ctx.int_query("per_page", 60), PER_PAGE_MAX)
    posts.sort(key=lambda p: p["create_at"], reverse=True)
    for key, newer in (("before", False), ("after", True)):
        anchor = ctx.state.posts.get(ctx.request.query.get(key, ""))
        if anchor is not None:
            posts = [
                p
                for p in posts
                if (p["create_at"] > anchor["create_at"]) == newer and p["id"] != anchor["id"]
            ]
    shown = posts[page * per_page : (page + 1) * per_page]
    return 200, _with_roots(ctx, _post_list(shown), shown)


def _with_roots(ctx: Ctx, listed: Json, shown: list[Json]) -> Json:
    """The roots of the replies shown join ``posts`` but not ``order`` (``getParentsPosts``
    and ``GetPostsSince`` in ``server/channels/store/sqlstore/post_store.go``)."""
    roots = {p["root_id"] for p in shown if p["root_id"]} - {p["id"] for p in shown}
    for root_id in sorted(roots):
        if root_id in ctx.state.posts:
            listed["posts"][root_id] = public_post(ctx.state.posts[root_id])
    return listed


async def add_reaction(ctx: Ctx) -> tuple[int, Any]:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if body.get("user_id") != ctx.caller:
        raise ApiError(
            403,
            "api.reaction.save_reaction.user_id.app_error",
            "You do not have the appropriate permissions.",
        )
    post = ctx.state.posts.get(str(body.get("post_id", "")))
    if post is None or not EMOJI_RE.match(str(body.get("emoji_name", ""))):
        raise _bad_body("reaction")
    _channel_for_member(ctx, post["channel_id"])
    now = ctx.state.now_ms()
    reaction = {
        "user_id": ctx.caller,
        "post_id": post["id"],
        "emoji_name": body["emoji_name"],
        "create_at": now,
        "update_at": now,
        "delete_at": 0,
        "channel_id": post["channel_id"],
        "remote_id": "",
    }
    ctx.state.reactions.append(reaction)
    return 200, reaction  # the spec says 201; the server sends 200


async def post_reactions(ctx: Ctx) -> tuple[int, Any]:
    post = _own_post(ctx)
    return 200, [r for r in ctx.state.reactions if r["post_id"] == post["id"]]


async def delete_reaction(ctx: Ctx) -> tuple[int, Any]:
    user_id, post_id = ctx.param_id("user_id"), ctx.param_id("post_id")
    if user_id != ctx.caller:
        raise forbidden()
    emoji = ctx.request.match_info["emoji_name"]
    ctx.state.reactions[:] = [
        r
        for r in ctx.state.reactions
        if (r["user_id"], r["post_id"], r["emoji_name"]) != (user_id, post_id, emoji)
    ]
    return 200, {"status": "OK"}


async def typing(ctx: Ctx) -> tuple[int, Any]:
    if ctx.param_id("user_id") != ctx.caller:
        raise forbidden()
    return 200, {"status": "OK"}


async def timezones(ctx: Ctx) -> tuple[int, Any]:
    channel = _channel_for_member(ctx, ctx.param_id("channel_id"))
    zones = {
        ctx.state.users[u]["timezone"]["automaticTimezone"]
        for u in ctx.state.members[channel["id"]]
    }
    return 200, sorted(z for z in zones if z)


async def system_ping(_ctx: Ctx) -> tuple[int, Any]:
    return 200, {"status": "OK", "ActiveSearchBackend": "database"}


async def open_dialog(ctx: Ctx) -> tuple[int, Any]:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    dialog = body.get("dialog")
    if (
        not body.get("trigger_id")
        or not body.get("url")
        or not isinstance(dialog, dict)
        or not dialog.get("title")
        or not isinstance(dialog.get("elements"), list)
    ):
        raise _bad_body("dialog")
    return 200, {"status": "OK"}


V4 = "/api/v4"
ROUTES: tuple[tuple[str, str, Handler, bool], ...] = (  # method, path, handler, needs a session
    ("GET", "/users/username/{username}", get_user_by_username, True),
    ("POST", "/users/usernames", users_by_usernames, True),
    ("POST", "/users/ids", users_by_ids, True),
    ("POST", "/users/search", search_users, True),
    ("GET", "/users/{user_id}/teams/{team_id}/channels", channels_of_user, True),
    ("GET", "/users/{user_id}/teams", teams_of_user, True),
    ("POST", "/users/{user_id}/typing", typing, True),
    ("DELETE", "/users/{user_id}/posts/{post_id}/reactions/{emoji_name}", delete_reaction, True),
    ("GET", "/users/{user_id}", get_user, True),
    ("GET", "/teams/name/{team_name}/channels/name/{channel_name}", channel_by_team_name, True),
    ("GET", "/teams/name/{name}", team_by_name, True),
    ("GET", "/teams/{team_id}/channels/name/{channel_name}", channel_by_name, True),
    ("POST", "/channels/direct", create_direct, True),
    ("GET", "/channels/{channel_id}/posts", channel_posts, True),
    ("GET", "/channels/{channel_id}/timezones", timezones, True),
    ("GET", "/channels/{channel_id}", get_channel, True),
    ("POST", "/posts/ephemeral", create_ephemeral, True),
    ("POST", "/posts", create_post, True),
    ("GET", "/posts/{post_id}/thread", post_thread, True),
    ("GET", "/posts/{post_id}/reactions", post_reactions, True),
    ("PUT", "/posts/{post_id}/patch", patch_post, True),
    ("GET", "/posts/{post_id}", get_post, True),
    ("PUT", "/posts/{post_id}", update_post, True),
    ("DELETE", "/posts/{post_id}", delete_post, True),
    ("POST", "/reactions", add_reaction, True),
    ("GET", "/system/ping", system_ping, False),
    ("POST", "/actions/dialogs/open", open_dialog, False),
)
