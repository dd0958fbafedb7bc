"""Which posts are commands to the bot, and the command text in them.

A post is a command when it is a direct message to the bot, or when it names ``@botname`` in a
channel (channel-wide mentions also put the bot into ``mentions``, but are not commands). The
bot's own posts, other bots' posts, integrations' posts (``from_webhook``: a slash command's
``in_channel`` answer is posted under the invoking user's name) and system messages are not.
"""

from __future__ import annotations

import json
import re

from wp2bot.adapters.mattermost.wire import Post, User
from wp2bot.chat import Via

__all__ = ["command_in", "command_text", "mentions_of"]


def command_text(message: str, botname: str) -> str | None:
    """The command in a post naming ``@botname``: the text after the mention (or before it)."""
    pattern = re.compile(rf"(?<![\w@.-])@{re.escape(botname)}(?![\w.-])[:,]?", re.IGNORECASE)
    found = pattern.search(message)
    if found is None:
        return None
    return message[found.end() :].strip() or message[: found.start()].strip()


def command_in(
    post: Post, channel_type: str, mentions: list[str] | None, me: User
) -> tuple[str, Via] | None:
    """The command ``post`` gives the bot ``me`` and how it came, or None when it is none.

    ``mentions`` are the user ids the server says the post mentions (None: not known, as for
    posts read over REST).
    """
    not_a_command = post.from_bot or post.from_webhook or post.type or post.delete_at
    if post.user_id == me.id or not_a_command:
        return None
    text = command_text(post.message, me.username)
    if channel_type == "D":
        return (text if text is not None else post.message.strip()), "dm"
    if text is None or (mentions is not None and me.id not in mentions):
        return None
    return text, "mention"


def mentions_of(value: object) -> list[str] | None:
    """The ``mentions`` field: a JSON string holding a list of user ids (absent = unknown)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return [str(item) for item in parsed] if isinstance(parsed, list) else None
