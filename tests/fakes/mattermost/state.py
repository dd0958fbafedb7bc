"""The fake server's data: users, teams, channels, posts, and the Mattermost object shapes."""

from __future__ import annotations

import copy
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.mattermost.mention_parser import MentionResults, parse_post
from wp2bot.clock import Clock

ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769"
ID_RE = re.compile(r"^[a-z0-9]{26}$")
VERSION = "11.1.0"
Json = dict[str, Any]


def new_id() -> str:
    """A random 26-character id in Mattermost's base32 alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(26))


class ApiError(Exception):
    """An error the REST layer turns into Mattermost's JSON error body."""

    def __init__(self, status: int, error_id: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_id = error_id
        self.message = message


def forbidden() -> ApiError:
    """The permission error of the real server."""
    return ApiError(
        403, "api.context.permissions.app_error", "You do not have the appropriate permissions."
    )


POST_MESSAGE_MAX_RUNES_V2 = 16383  # server/public/model/post.go


def check_message(message: object) -> None:
    """As ``Post.IsValid`` in ``server/public/model/post.go``: a message over
    ``PostMessageMaxRunesV2`` runes (Python counts code points, as ``utf8.RuneCountInString``)
    is a 400 ``model.post.is_valid.msg.app_error``, on create, update and patch alike."""
    if not isinstance(message, str) or len(message) > POST_MESSAGE_MAX_RUNES_V2:
        raise ApiError(400, "model.post.is_valid.msg.app_error", "Invalid message length.")


PENDING_POST_IDS_TTL_MS = 30_000  # pendingPostIDsCacheTTL in server/channels/app/post.go


@dataclass
class State:
    """All server-side data, plus the time source for ``create_at``."""

    clock: Clock
    users: dict[str, Json] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> user id
    teams: dict[str, Json] = field(default_factory=dict)
    team_members: dict[str, set[str]] = field(default_factory=dict)
    channels: dict[str, Json] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)  # channel id -> user ids
    posts: dict[str, Json] = field(default_factory=dict)  # full posts, integrations kept
    reactions: list[Json] = field(default_factory=list)
    # pending_post_id -> (post id, expiry in ms): the server's seenPendingPostIdsCache
    pending: dict[str, tuple[str, int]] = field(default_factory=dict)
    ephemeral_allowed: set[str] = field(default_factory=set)  # users with create_post_ephemeral
    ephemerals: list[tuple[str, Json]] = field(default_factory=list)  # (user id, post)
    groups: set[str] = field(default_factory=set)  # names of user groups, for @group mentions
    # Posts by bots or integrations that would notify a whole channel or group; tests fail on any.
    channel_wide: list[tuple[Json, MentionResults]] = field(default_factory=list)
    _last_ms: int = 0

    def now_ms(self) -> int:
        """Milliseconds since the epoch, strictly increasing so posts have a stable order."""
        ms = int(self.clock.now().timestamp() * 1000)
        self._last_ms = max(ms, self._last_ms + 1)
        return self._last_ms

    # -- creation ---------------------------------------------------------------------------

    def add_user(
        self, username: str, *, is_bot: bool = False, timezone: str = ""
    ) -> tuple[Json, str]:
        """A new user and a personal access token for it."""
        now = self.now_ms()
        user: Json = {
            "id": new_id(),
            "create_at": now,
            "update_at": now,
            "delete_at": 0,
            "username": username,
            "auth_service": "",
            "email": f"{username}@example.org",
            "nickname": "",
            "first_name": username.capitalize(),
            "last_name": "",
            "position": "",
            "roles": "system_user",
            "locale": "en",
            "timezone": {
                "useAutomaticTimezone": "true" if timezone else "false",
                "automaticTimezone": timezone,
                "manualTimezone": "",
            },
            "props": {},
            "notify_props": {},
        }
        if is_bot:
            user["is_bot"] = True
            user["bot_description"] = ""
        self.users[user["id"]] = user
        token = new_id()
        self.tokens[token] = user["id"]
        return user, token

    def add_team(self, name: str) -> Json:
        """A new open team."""
        now = self.now_ms()
        team: Json = {
            "id": new_id(),
            "create_at": now,
            "update_at": now,
            "delete_at": 0,
            "display_name": name.title(),
            "name": name,
            "description": "",
            "email": "",
            "type": "O",
            "allowed_domains": "",
            "invite_id": new_id(),
            "allow_open_invite": True,
            "scheme_id": "",
            "group_constrained": False,
        }
        self.teams[team["id"]] = team
        self.team_members[team["id"]] = set()
        return team

    def add_channel(self, team_id: str, name: str, type_: str = "O", creator: str = "") -> Json:
        """A new channel (O/P in a team, D/G with team_id "")."""
        now = self.now_ms()
        channel: Json = {
            "id": new_id(),
            "create_at": now,
            "update_at": now,
            "delete_at": 0,
            "team_id": team_id,
            "type": type_,
            "display_name": name,
            "name": name,
            "header": "",
            "purpose": "",
            "last_post_at": 0,
            "total_msg_count": 0,
            "extra_update_at": 0,
            "creator_id": creator,
            "props": None,
        }
        self.channels[channel["id"]] = channel
        self.members[channel["id"]] = set()
        return channel

    def direct_channel(self, a: str, b: str) -> Json:
        """The DM channel of two users (created once, named ``<smaller>__<larger>``)."""
        name = "__".join(sorted((a, b)))
        for channel in self.channels.values():
            if channel["type"] == "D" and channel["name"] == name:
                return channel
        channel = self.add_channel("", name, "D", a)
        channel["display_name"] = ""
        self.members[channel["id"]] = {a, b}
        return channel

    def create_post(self, user_id: str, body: Json) -> tuple[Json, bool]:
        """Store a post; returns it and whether it is new (False: deduplicated by pending id).

        As ``deduplicateCreatePost`` in ``server/channels/app/post.go``: any non-empty
        ``pending_post_id`` (its format is not checked) seen within ``pendingPostIDsCacheTTL``
        (30 s) answers the post made then; after that the same id makes a new post. The post
        is read back without deleted ones (``GetPostIfAuthorized(..., false)``): when it was
        deleted meanwhile the create fails with 500 ``deduplicate_create_post.failed_to_get``.
        """
        pending = body.get("pending_post_id") or ""
        seen = self.pending.get(pending) if isinstance(pending, str) else None
        if seen is not None and seen[1] > self.now_ms() and seen[0] in self.posts:
            if self.posts[seen[0]]["delete_at"]:
                raise ApiError(500, "api.post.deduplicate_create_post.failed_to_get",
                               "Failed to get the post of a pending post id.")  # fmt: skip
            return self.posts[seen[0]], False
        channel = self.channels.get(body.get("channel_id", ""))
        if channel is None:
            raise ApiError(
                400,
                "api.context.invalid_body_param.app_error",
                "Invalid or missing channel_id in request body.",
            )
        if user_id not in self.members[channel["id"]]:
            raise forbidden()
        message = body.get("message", "")
        check_message(message)
        root_id = body.get("root_id") or ""
        if root_id:
            root = self.posts.get(root_id)
            if root is None or root["root_id"] or root["channel_id"] != channel["id"]:
                raise ApiError(
                    400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter."
                )
        props = copy.deepcopy(body.get("props") or {})
        validate_attachments(props)
        if len(json.dumps(props)) > 800000:
            raise ApiError(400, "model.post.is_valid.props.app_error", "Invalid props.")
        if self.users[user_id].get("is_bot"):
            props["from_bot"] = "true"
        now = self.now_ms()
        post: Json = {
            "id": new_id(),
            "create_at": now,
            "update_at": now,
            "edit_at": 0,
            "delete_at": 0,
            "is_pinned": False,
            "user_id": user_id,
            "channel_id": channel["id"],
            "root_id": root_id,
            "original_id": "",
            "message": message,
            "type": "",
            "props": props,
            "hashtags": "",
            "file_ids": body.get("file_ids") or [],
            "pending_post_id": pending if isinstance(pending, str) else "",
            "reply_count": 0,
            "last_reply_at": 0,
            "participants": None,
            "metadata": body.get("metadata") or {},
        }
        self.posts[post["id"]] = post
        self.audit(post)
        if post["pending_post_id"]:  # CreatePost: SetWithExpiry(..., PendingPostIDsCacheTTL)
            self.pending[post["pending_post_id"]] = (post["id"], now + PENDING_POST_IDS_TTL_MS)
        channel["last_post_at"] = now
        channel["total_msg_count"] += 1
        if root_id:
            self.posts[root_id]["reply_count"] += 1
            self.posts[root_id]["last_reply_at"] = now
            # SqlPostStore.SaveMultiple: "UPDATE Posts SET UpdateAt = ? WHERE Id = ?" for the
            # root of every reply, so a since= read returns the thread's root again.
            self.posts[root_id]["update_at"] = now
        return post, True

    def edit(self, post: Json) -> int:
        """Before ``post`` changes: keep its old version as the server does; returns the time.

        ``SqlPostStore.Update`` in ``server/channels/store/sqlstore/post_store.go`` inserts the
        old version as a new post (new id, ``OriginalId`` = the post's id, ``DeleteAt`` and
        ``UpdateAt`` = the edit's time), which a since= read returns beside the edited post;
        the root of an edited reply gets that ``UpdateAt`` too.
        """
        now = self.now_ms()
        old = copy.deepcopy(post)
        old.update(id=new_id(), original_id=post["id"], delete_at=now, update_at=now)
        self.posts[old["id"]] = old
        post["update_at"] = post["edit_at"] = now
        root = self.posts.get(post["root_id"]) if post["root_id"] else None
        if root is not None and root["update_at"] < now:
            root["update_at"] = now
        return now

    def mentions(self, post: Json) -> MentionResults:
        """What the server's mention parser finds in a post, channel members as keywords."""
        members = self.members[post["channel_id"]]
        keywords = {"@" + self.users[u]["username"].lower(): [u] for u in members}
        return parse_post(post, keywords, self.groups)

    def audit(self, post: Json) -> None:
        """Record a bot's or an integration's post that would notify a whole channel."""
        author = self.users.get(post["user_id"]) or {}
        props = post.get("props") or {}
        if author.get("is_bot") or props.get("from_webhook") == "true":
            found = self.mentions(post)
            if found.channel_wide:
                self.channel_wide.append((copy.deepcopy(post), found))

    def mentioned(self, post: Json) -> list[str]:
        """Ids of channel members a post mentions (DM partners always count)."""
        channel = self.channels[post["channel_id"]]
        members = self.members[channel["id"]] - {post["user_id"]}
        if channel["type"] == "D":
            return sorted(members)
        found = self.mentions(post)
        if found.channel or found.all or found.here:
            return sorted(members)
        return sorted(members & found.users)


def validate_attachments(props: Json) -> None:
    """Reject invalid interactive attachments like the server will; give actions ids."""
    attachments = props.get("attachments")
    if attachments is None:
        return
    if not isinstance(attachments, list):
        raise ApiError(400, "model.post.is_valid.props.app_error", "attachments must be a list")
    for attachment in attachments:
        for action in (attachment or {}).get("actions") or []:
            integration = action.get("integration") or {}
            url = integration.get("url", "")
            ok = (
                action.get("type") in ("button", "select")
                and bool(action.get("name"))
                and isinstance(url, str)
                and (url.startswith(("http://", "https://", "/plugins/")))
                and (
                    action["type"] != "button"
                    or not (action.get("options") or action.get("data_source"))
                )
                and (
                    action["type"] != "select"
                    or bool(action.get("options") or action.get("data_source"))
                )
            )
            if not ok:
                raise ApiError(
                    400, "model.post.is_valid.action.app_error", f"invalid action {action!r}"
                )
            action_id = action.get("id") or new_id()
            if not re.fullmatch(r"[A-Za-z0-9]+", action_id):
                raise ApiError(
                    400, "model.post.is_valid.action_id.app_error", "action id must be alphanumeric"
                )
            action["id"] = action_id


def public_post(post: Json) -> Json:
    """A post as the server returns it: integrations removed, an opaque cookie added."""
    shown = copy.deepcopy(post)
    for attachment in shown.get("props", {}).get("attachments") or []:
        for action in (attachment or {}).get("actions") or []:
            action.pop("integration", None)
            action["cookie"] = secrets.token_urlsafe(24)
    return shown
