"""Typed views of the Mattermost JSON objects the bot reads (User, Team, Channel, Post)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

ID_PATTERN = re.compile(r"^[a-z0-9]{26}$")


def is_id(value: str) -> bool:
    """Whether ``value`` has the shape of a Mattermost id (26 lowercase letters and digits)."""
    return bool(ID_PATTERN.match(value))


def _obj(value: object, what: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ValueError(f"Mattermost sent a {type(value).__name__} where a {what} object belongs")
    return value


def _str(obj: Mapping[str, object], key: str) -> str:
    value = obj.get(key, "")
    return value if isinstance(value, str) else ""


def _int(obj: Mapping[str, object], key: str) -> int:
    value = obj.get(key, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@dataclass(frozen=True, slots=True)
class User:
    """A Mattermost account (person or bot)."""

    id: str
    username: str
    is_bot: bool = False
    timezone: str = ""  # the effective IANA zone, "" when the user set none

    @classmethod
    def from_json(cls, value: object) -> User:
        """Read a User object."""
        obj = _obj(value, "User")
        tz = obj.get("timezone")
        zone = ""
        if isinstance(tz, Mapping):
            auto = tz.get("useAutomaticTimezone") == "true"
            picked = tz.get("automaticTimezone" if auto else "manualTimezone")
            zone = picked if isinstance(picked, str) else ""
        return cls(_str(obj, "id"), _str(obj, "username"), obj.get("is_bot") is True, zone)


@dataclass(frozen=True, slots=True)
class Team:
    """A Mattermost team."""

    id: str
    name: str

    @classmethod
    def from_json(cls, value: object) -> Team:
        """Read a Team object."""
        obj = _obj(value, "Team")
        return cls(_str(obj, "id"), _str(obj, "name"))


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel; ``type`` is O (public), P (private), D (direct) or G (group)."""

    id: str
    type: str
    name: str
    team_id: str = ""

    @classmethod
    def from_json(cls, value: object) -> Channel:
        """Read a Channel object."""
        obj = _obj(value, "Channel")
        return cls(_str(obj, "id"), _str(obj, "type"), _str(obj, "name"), _str(obj, "team_id"))


@dataclass(frozen=True, slots=True)
class Post:
    """A post; ``root_id`` is "" for a root post."""

    id: str
    channel_id: str
    user_id: str
    message: str
    root_id: str = ""
    create_at: int = 0
    delete_at: int = 0
    type: str = ""
    from_bot: bool = False
    # Posted by an integration: a slash command's in_channel answer carries the invoking user's
    # id but props.from_webhook == "true" (server app/command.go HandleCommandResponsePost).
    from_webhook: bool = False
    props: Mapping[str, object] = field(default_factory=dict)
    # Set on the old version the server keeps of an edited post (a deleted copy with a new id,
    # ``SqlPostStore.Update``): the id of the post that was edited.
    original_id: str = ""

    @classmethod
    def from_json(cls, value: object) -> Post:
        """Read a Post object (also accepts the JSON string the websocket sends)."""
        if isinstance(value, str):
            value = json.loads(value)
        obj = _obj(value, "Post")
        raw_props = obj.get("props")
        props: Mapping[str, object] = raw_props if isinstance(raw_props, Mapping) else {}
        return cls(
            id=_str(obj, "id"),
            channel_id=_str(obj, "channel_id"),
            user_id=_str(obj, "user_id"),
            message=_str(obj, "message"),
            root_id=_str(obj, "root_id"),
            create_at=_int(obj, "create_at"),
            delete_at=_int(obj, "delete_at"),
            type=_str(obj, "type"),
            from_bot=props.get("from_bot") in ("true", True),
            from_webhook=props.get("from_webhook") in ("true", True),
            props=props,
            original_id=_str(obj, "original_id"),
        )


def posts_from_list(value: object) -> list[Post]:
    """The posts of a PostList, oldest first."""
    obj = _obj(value, "PostList")
    posts = _obj(obj.get("posts") or {}, "posts map")
    parsed = [Post.from_json(p) for p in posts.values()]
    return sorted(parsed, key=lambda p: (p.create_at, p.id))


def ordered_posts(value: object) -> list[Post]:
    """The posts a PostList names in its ``order``, oldest first.

    ``posts`` may hold more: a since= answer adds the root posts of the threads it returns,
    unchanged (``GetPostsSince`` in ``server/channels/store/sqlstore/post_store.go``).
    """
    obj = _obj(value, "PostList")
    posts = _obj(obj.get("posts") or {}, "posts map")
    order = obj.get("order") or []
    if not isinstance(order, list):
        raise ValueError("Mattermost sent a PostList whose order is not a list")
    parsed = [Post.from_json(posts[i]) for i in order if isinstance(i, str) and i in posts]
    return sorted(parsed, key=lambda p: (p.create_at, p.id))
