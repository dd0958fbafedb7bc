"""MattermostBot: turns ``posted`` events into Requests, answers in the thread; the ChatPort.

A post is a command when it is a direct message to the bot, or when it names ``@botname`` in a
channel (channel-wide mentions also put the bot into ``mentions``, but are not commands). The
bot ignores its own posts, other bots' posts, integrations' posts (``from_webhook``: a slash
command's ``in_channel`` answer is posted under the invoking user's name) and system messages.
Every post is handled at most once (deduplicated by post id) whether it arrives live, replayed on
resume, or re-read over REST after a fresh ``hello``; with ``AnswerClaims`` (the database) also
across restarts and between two instances: a command is claimed before it runs, its answer
carries the command's id (``pending_post_id`` and props), and a channel's cursor never passes a
command that is not answered yet, so a crash loses no command and answers none twice.
What the bot posts, and the ChatPort the services use, is in ``posting``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from typing import Final, Literal

from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.catch_up import catch_up_since, read_since
from wp2bot.adapters.mattermost.lookups import UserDirectory
from wp2bot.adapters.mattermost.posting import REPLY_PART_PROP, REPLY_PROP, Poster, answer_parts
from wp2bot.adapters.mattermost.rest import (
    MattermostAuthError,
    MattermostRest,
    MattermostUnavailable,
    ServerAddress,
)
from wp2bot.adapters.mattermost.websocket import (
    MattermostWebsocket,
    WebsocketAuthError,
    WebsocketEvent,
    WebsocketOptions,
)
from wp2bot.adapters.mattermost.wire import Channel, Post
from wp2bot.chat import (
    ANY_CHANNEL,
    AnswerClaims,
    CardPosts,
    ChannelCursors,
    Dispatcher,
    Reply,
    Request,
    Via,
)
from wp2bot.clock import Clock

__all__ = [
    "EXIT_AUTH",
    "EXIT_OK",
    "EXIT_UNAVAILABLE",
    "FAILURE_TEXT",
    "REPLY_PROP",
    "BotSettings",
    "MattermostBot",
    "command_text",
]

log = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_AUTH = 78  # EX_CONFIG: the token is wrong, restarting will not help
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE: the server cannot be reached at start; retry later
FAILURE_TEXT = "Sorry, that command failed on my side. The error has been logged."


def command_text(message: str, botname: str) -> str | None:
    """The command in a post naming ``@botname``: the text after the mention (or before it)."""
    pattern = re.compile(rf"(?<![\w@.-])@{re.escape(botname)}(?![\w.-])[:,]?", re.IGNORECASE)
    found = pattern.search(message)
    if found is None:
        return None
    return message[found.end() :].strip() or message[: found.start()].strip()


@dataclass(frozen=True, slots=True)
class Resume:
    """Answer a command post: run it (``reply`` None) or send its kept answer from a part on."""

    reply: Reply | None = None
    parts_done: int = 0


LATER: Final = "later"  # another instance holds the post: look again when its lease runs out
SKIP: Final = "skip"  # answered already, or by another instance
Plan = Resume | Literal["later", "skip"]


class MattermostBot(Poster):
    """The Mattermost transport: websocket in, REST out; also the services' ChatPort."""

    def __init__(
        self,
        rest: MattermostRest,
        dispatcher: Dispatcher,
        settings: BotSettings,
        *,
        address: ServerAddress,
        token: str,
        websocket_options: WebsocketOptions | None = None,
        posts: CardPosts | None = None,
        clock: Clock | None = None,
        cursors: ChannelCursors | None = None,
        answers: AnswerClaims | None = None,
        directory: UserDirectory | None = None,
    ) -> None:
        super().__init__(rest, settings, posts=posts, clock=clock, directory=directory)
        self._answers = answers
        # channel -> {command post id: create_at} not answered yet: the cursor stays before them
        self._inflight: dict[str, dict[str, int]] = {}
        self._waiting: set[asyncio.Task[None]] = set()  # claims held elsewhere, looked at later
        self._cursors = cursors
        self._seen: dict[str, int] = {}  # channel -> newest post ms not yet stored as cursor
        self._dispatcher = dispatcher
        self._websocket = MattermostWebsocket(
            address.websocket_url,
            token,
            self._token_accepted,
            options=websocket_options,
            ssl_context=address.ssl_context(),
        )
        self._handled: OrderedDict[str, None] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots: asyncio.Semaphore | None = None
        self._last_post_ms = 0
        self._first_connection = True

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the websocket is connected (for /readyz)."""
        return self._websocket.connected

    async def run(self) -> int:
        """Serve until ``stop``; returns EXIT_OK, EXIT_AUTH when the token is rejected, or
        EXIT_UNAVAILABLE when the server cannot be reached at start (after the retries)."""
        self._slots = asyncio.Semaphore(self._settings.workers)
        try:
            try:
                me = await asyncio.to_thread(self.identity)
            except MattermostUnavailable as exc:
                log.error("Mattermost cannot be reached at start (%s); exiting", exc)
                return EXIT_UNAVAILABLE
            log.info("connected to Mattermost as @%s", me.username)
            await self._websocket.run(self)
        except (MattermostAuthError, WebsocketAuthError):
            log.error("Mattermost rejected the bot token (check WP2BOT_MATTERMOST_TOKEN); exiting")
            return EXIT_AUTH
        finally:
            await self._drain()
            await self._flush_cursors()
        return EXIT_OK

    async def stop(self) -> None:
        """Stop reading events; commands already running finish and are answered."""
        await self._websocket.stop()

    async def _drain(self) -> None:
        for task in self._waiting:  # held by another instance: its cursor stays before them
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _token_accepted(self) -> bool:
        try:
            await asyncio.to_thread(self._rest.me)
        except MattermostAuthError:
            return False
        return True

    # -- websocket handler ------------------------------------------------------------------

    async def on_connected(self, *, fresh: bool) -> None:
        """After a fresh hello, re-read what was posted while we were away."""
        if self._first_connection:
            self._first_connection = False
            self._spawn(self._take_baseline())
        elif fresh:
            self._spawn(self._resync())

    async def on_event(self, event: WebsocketEvent) -> None:
        """Handle ``posted``; every other event is ignored."""
        if event.event != "posted":
            return
        try:
            post = Post.from_json(event.data.get("post", "{}"))
        except ValueError:
            log.warning("ignoring a posted event with an unreadable post")
            return
        channel_type = str(event.data.get("channel_type") or "")
        self._consider(post, channel_type, _mentions(event.data.get("mentions")))

    async def _take_baseline(self) -> None:
        """The server's clock, then the catch-up: commands posted while the bot was down.

        The local clock stands in for the server's when the connection drops before it answers
        (then there is no catch-up: the re-sync after the reconnect reads from that time).
        """
        local_ms = int(self._clock.now().timestamp() * 1000)
        try:
            reply = await self._websocket.request("ping")
        except (ConnectionError, TimeoutError) as err:
            log.warning("could not read the server time (%s); using the local clock", err)
            self._last_post_ms = max(self._last_post_ms, local_ms)
            return
        data = reply.get("data")
        server_time = data.get("server_time") if isinstance(data, dict) else None
        if not isinstance(server_time, int):
            return
        self._last_post_ms = max(self._last_post_ms, server_time)
        if self._cursors is None:
            return
        try:
            stored = await asyncio.to_thread(self._cursors.cursors)
        except Exception:
            log.exception("could not read the channel cursors; no catch-up after this start")
            return
        s = self._settings
        answered = await self._reread(
            lambda channel_id: catch_up_since(stored, channel_id, server_time, s.catch_up_ms),
            limit=s.catch_up_commands,
        )
        if answered:
            log.info("catch-up: answering %d command(s) posted while I was away", answered)
        self._seen[ANY_CHANNEL] = max(self._seen.get(ANY_CHANNEL, 0), server_time)
        await self._flush_cursors()

    async def _resync(self) -> None:
        if not self._last_post_ms:
            log.warning("reconnected without a known last post time; nothing to re-read")
            return
        since = self._last_post_ms - self._settings.resync_slack_ms
        await self._reread(lambda _channel_id: since)
        await self._flush_cursors()

    async def _reread(self, since_for: Callable[[str], int | None], limit: int = 0) -> int:
        """Re-read every channel of the bot from ``since_for(channel)``; commands answered.

        Each channel on its own: one that cannot be read is logged and the others go on.
        ``limit`` keeps only the newest that many commands of a channel (0 = all).
        """
        me = self.identity()
        try:
            teams = await asyncio.to_thread(self._rest.teams_of, me.id)
            channels: dict[str, Channel] = {}
            for team in teams:
                for channel in await asyncio.to_thread(self._rest.channels_of, me.id, team.id):
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
                posts = await asyncio.to_thread(self._read_since, channel.id, since)
            except Exception:
                log.exception("re-reading channel %s failed; the other channels go on", channel.id)
                continue
            new = [p for p in posts if p.create_at > since]  # edits of older posts: no commands
            taken = 0
            for post in sorted(new, key=lambda p: p.create_at, reverse=True):
                if limit and taken >= limit:
                    self._note_seen(post)
                    continue
                taken += self._consider(post, channel.type, None)
            if limit and taken >= limit and len(new) > taken:
                log.warning(
                    "channel %s: only the newest %d commands are answered", channel.id, limit
                )
            answered += taken
        return answered

    def _read_since(self, channel_id: str, since: int) -> list[Post]:
        return read_since(
            lambda ms: self._rest.posts_since(channel_id, ms),
            lambda page, per_page: self._rest.channel_posts(channel_id, page, per_page),
            since,
        )

    def _note_seen(self, post: Post) -> None:
        self._last_post_ms = max(self._last_post_ms, post.create_at)
        if post.channel_id:
            self._seen[post.channel_id] = max(self._seen.get(post.channel_id, 0), post.create_at)
            self._seen[ANY_CHANNEL] = max(self._seen.get(ANY_CHANNEL, 0), post.create_at)

    async def _flush_cursors(self) -> None:
        """Store the channels' newest seen posts as their cursors (best effort).

        The swap happens on the event loop, which is the only writer of ``_seen``.
        """
        if self._cursors is None or not self._seen:
            return
        seen, self._seen = self._seen, {}
        for channel_id, ms in list(seen.items()):
            held = [
                at
                for posts in (
                    self._inflight.values()
                    if channel_id == ANY_CHANNEL
                    else [self._inflight.get(channel_id, {})]
                )
                for at in posts.values()
            ]
            if held and ms >= min(held):  # up to the oldest unanswered command, the rest later
                self._seen[channel_id] = ms
                seen[channel_id] = min(held) - 1
        try:
            await asyncio.to_thread(self._cursors.advance, seen)
        except Exception:
            log.exception("could not store the channel cursors")
            for channel_id, ms in seen.items():  # kept for the next try
                self._seen[channel_id] = max(self._seen.get(channel_id, 0), ms)

    # -- commands ---------------------------------------------------------------------------

    def _consider(self, post: Post, channel_type: str, mentions: list[str] | None) -> bool:
        """Answer ``post`` if it is a command not handled yet; True when it is answered."""
        self._note_seen(post)
        me = self.identity()
        not_a_command = post.from_bot or post.from_webhook or post.type or post.delete_at
        if post.user_id == me.id or not_a_command:
            return False
        text = command_text(post.message, me.username)
        if channel_type == "D":
            via: Via = "dm"
            text = text if text is not None else post.message.strip()
        elif text is None or (mentions is not None and me.id not in mentions):
            return False
        else:
            via = "mention"
        if post.id in self._handled:
            return False
        self._handled[post.id] = None
        while len(self._handled) > self._settings.remembered_posts:
            self._handled.popitem(last=False)
        self._inflight.setdefault(post.channel_id, {})[post.id] = post.create_at
        self._spawn(self._answer(post, text, via, channel_type))
        return True

    def _done(self, post: Post) -> None:
        waiting = self._inflight.get(post.channel_id, {})
        waiting.pop(post.id, None)
        if not waiting:
            self._inflight.pop(post.channel_id, None)

    def _spawn(self, coro: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, post: Post, text: str, via: Via, channel_type: str) -> None:
        assert self._slots is not None
        async with self._slots:
            try:
                plan = await self._claim(post, text, via, channel_type)
                if plan is LATER:
                    return  # held elsewhere: looked at again later, the cursor waits for it
                if isinstance(plan, Resume):
                    await self._run(post, text, via, channel_type, plan)
            except Exception:
                log.exception("answering post %s failed", post.id)
            self._done(post)
            await self._flush_cursors()

    async def _run(self, post: Post, text: str, via: Via, channel_type: str, plan: Resume) -> None:
        username = await asyncio.to_thread(self._username, post.user_id)
        request = Request(
            text=text,
            user=username,
            via=via,
            user_id=post.user_id,
            channel_id=post.channel_id,
            root_id=post.root_id or post.id,
            post_id=post.id,
        )
        answers = self._answers
        reply = plan.reply
        if reply is None:
            reply = await asyncio.to_thread(self._dispatch, request)
            if answers is not None:
                # Kept before anything is sent: a take-over after a crash sends the rest of
                # this answer instead of running the command a second time.
                await asyncio.to_thread(answers.computed, post.id, reply)
        sent = None if answers is None else partial(answers.sent, post.id)
        in_dm = channel_type == "D"
        await asyncio.to_thread(
            self._deliver, request, reply, in_dm, skip=plan.parts_done, sent=sent
        )
        if answers is not None:
            await asyncio.to_thread(answers.answered, post.id, self._clock.now())

    async def _claim(self, post: Post, text: str, via: Via, channel_type: str) -> Plan:
        """How this instance answers ``post``: ``LATER`` when it looks again later, ``SKIP``
        when it does not answer it, else a ``Resume`` of what is left to do.

        Without ``AnswerClaims``, or when they cannot be read, the post is answered (losing a
        command is worse than a rare second answer). A post another instance holds is looked
        at again when its lease runs out; a lease that ran out unanswered is taken over: its
        kept answer is sent from the first part that is not in the thread yet, or, when the
        command had not finished, it is run unless an answer is in the thread already.
        """
        if self._answers is None:
            return Resume()
        now = self._clock.now()
        try:
            claim = await asyncio.to_thread(
                self._answers.claim, post.id, now, now + self._settings.answer_lease
            )
        except Exception:
            log.exception("could not claim post %s; answering it anyway", post.id)
            return Resume()
        if claim.held_until is not None:
            wait = max((claim.held_until - now).total_seconds(), 0.0) + 0.05
            task = asyncio.create_task(self._later(wait, post, text, via, channel_type))
            self._waiting.add(task)
            task.add_done_callback(self._waiting.discard)
            return LATER
        if not claim.won:
            return SKIP
        if not claim.taken_over:
            return Resume()
        thread = await asyncio.to_thread(self._rest.thread, post.id)
        me = self.identity().id
        out = {p.props.get(REPLY_PART_PROP) for p in thread
               if p.user_id == me and p.props.get(REPLY_PROP) == post.id}  # fmt: skip
        if claim.reply is None:
            if out:
                log.info("post %s was answered before a restart; not again", post.id)
                await asyncio.to_thread(self._answers.answered, post.id, now)
                return SKIP
            return Resume()
        # The part being sent when the claim lapsed may be out although not recorded.
        done = claim.parts_done
        numbers = [number for number, _ in answer_parts(claim.reply)]
        while done < len(numbers) and numbers[done] in out:
            done += 1
        if done == len(numbers):
            log.info("post %s was answered before a restart; not again", post.id)
            await asyncio.to_thread(self._answers.answered, post.id, now)
            return SKIP
        log.info("post %s: sending its kept answer from part %d of %d after a take-over",
                 post.id, done + 1, len(numbers))  # fmt: skip
        return Resume(claim.reply, done)

    async def _later(self, wait: float, post: Post, text: str, via: Via, kind: str) -> None:
        await asyncio.sleep(wait)
        self._spawn(self._answer(post, text, via, kind))

    def _dispatch(self, request: Request) -> Reply:
        try:
            return self._dispatcher.dispatch(request)
        except Exception:
            log.exception("command %r from @%s failed", request.text, request.user)
            return Reply(FAILURE_TEXT, ok=False)


def _mentions(value: object) -> list[str] | None:
    """The ``mentions`` field: a JSON string holding a list of user ids (absent = unknown)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return [str(item) for item in parsed] if isinstance(parsed, list) else None
