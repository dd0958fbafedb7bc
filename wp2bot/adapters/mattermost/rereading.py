"""Re-reading the bot's channels: after a reconnect, and the catch-up after a start.

Each channel on its own: one that cannot be read is logged and the others go on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.catch_up import catch_up_since, read_since
from wp2bot.adapters.mattermost.rest import MattermostRest
from wp2bot.adapters.mattermost.wire import Channel, Post
from wp2bot.chat import ChannelCursors

__all__ = ["catch_up", "reread_channels"]

log = logging.getLogger(__name__)


async def reread_channels(
    rest: MattermostRest,
    me: str,
    since_for: Callable[[str], int | None],
    consider: Callable[[Post, str], bool],
    skipped: Callable[[Post], None],
    limit: int = 0,
) -> int:
    """Re-read every channel of the bot ``me`` from ``since_for(channel)`` (None: not at all);
    the number of commands ``consider(post, channel type)`` took.

    ``limit`` keeps only the newest that many commands of a channel (0 = all); the older posts
    go to ``skipped``.
    """
    try:
        teams = await asyncio.to_thread(rest.teams_of, me)
        channels: dict[str, Channel] = {}
        for team in teams:
            for channel in await asyncio.to_thread(rest.channels_of, me, team.id):
                channels[channel.id] = channel
    except Exception:
        log.exception("could not list the bot's channels; some commands may be unanswered")
        return 0
    answered = 0
    for channel in channels.values():
        since = since_for(channel.id)
        if since is None:
            continue
        try:
            posts = await asyncio.to_thread(_read_since, rest, channel.id, since)
        except Exception:
            log.exception("re-reading channel %s failed; the other channels go on", channel.id)
            continue
        new = [p for p in posts if p.create_at > since]  # edits of older posts: no commands
        taken = 0
        for post in sorted(new, key=lambda p: p.create_at, reverse=True):
            if limit and taken >= limit:
                skipped(post)
                continue
            taken += consider(post, channel.type)
        if limit and taken >= limit and len(new) > taken:
            log.warning("channel %s: only the newest %d commands are answered", channel.id, limit)
        answered += taken
    return answered


async def catch_up(
    cursors: ChannelCursors,
    server_time: int,
    settings: BotSettings,
    reread: Callable[[Callable[[str], int | None], int], Awaitable[int]],
) -> bool:
    """After a start, ``reread`` each channel from its stored cursor (``catch_up_since``), at
    most ``catch_up_commands`` commands a channel; False when the cursors cannot be read."""
    try:
        stored = await asyncio.to_thread(cursors.cursors)
    except Exception:
        log.exception("could not read the channel cursors; no catch-up after this start")
        return False
    window = settings.catch_up_ms
    answered = await reread(
        lambda channel_id: catch_up_since(stored, channel_id, server_time, window),
        settings.catch_up_commands,
    )
    if answered:
        log.info("catch-up: answering %d command(s) posted while I was away", answered)
    return True


def _read_since(rest: MattermostRest, channel_id: str, since: int) -> list[Post]:
    return read_since(
        lambda ms: rest.posts_since(channel_id, ms),
        lambda page, per_page: rest.channel_posts(channel_id, page, per_page),
        since,
    )
