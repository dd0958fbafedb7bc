"""MattermostBot: turns ``posted`` events into Requests, answers in the thread; the ChatPort.

Every post is handled at most once (deduplicated by post id) whether it arrives live, replayed on
resume, or re-read over REST after a fresh ``hello``; with ``AnswerClaims`` (the database) also
across restarts and between two instances: a command is claimed before it runs, its answer
carries the command's id (``pending_post_id`` and props), and a channel's cursor never passes a
command that is not answered yet, so a crash loses no command and answers none twice.
Which posts are commands is in ``post_commands``; what the bot posts, and the ChatPort the
services use, in ``posting``; how far the cursors move, in ``cursor_book``; what a take-over
resumes, in ``answer_plan``; the re-reading of channels, in ``rereading``.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from datetime import datetime
from functools import partial

from wp2bot.adapters.guarded_dispatch import guarded_dispatch
from wp2bot.adapters.mattermost.address import ServerAddress
from wp2bot.adapters.mattermost.answer_plan import LATER, Plan, Resume, plan_answer
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.cursor_book import CursorBook
from wp2bot.adapters.mattermost.lookups import UserDirectory
from wp2bot.adapters.mattermost.post_commands import command_in, mentions_of
from wp2bot.adapters.mattermost.posting import Poster
from wp2bot.adapters.mattermost.rereading import catch_up, reread_channels
from wp2bot.adapters.mattermost.rest import (
    MattermostAuthError,
    MattermostRest,
    MattermostUnavailable,
)
from wp2bot.adapters.mattermost.websocket import (
    MattermostWebsocket,
    WebsocketAuthError,
    WebsocketOptions,
)
from wp2bot.adapters.mattermost.wire import Post
from wp2bot.adapters.mattermost.ws_frames import WebsocketEvent
from wp2bot.chat import (
    ANY_CHANNEL,
    AnswerClaims,
    CardPosts,
    ChannelCursors,
    Dispatcher,
    Request,
    Via,
)
from wp2bot.clock import Clock

__all__ = [
    "EXIT_AUTH",
    "EXIT_OK",
    "EXIT_UNAVAILABLE",
    "MattermostBot",
]

log = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_AUTH = 78  # EX_CONFIG: the token is wrong, restarting will not help
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE: the server cannot be reached at start; retry later


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
        self._waiting: set[asyncio.Task[None]] = set()  # claims held elsewhere, looked at later
        self._cursors = cursors
        self._book = CursorBook()
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
        self._consider(post, channel_type, mentions_of(event.data.get("mentions")))

    async def _take_baseline(self) -> None:
        """The server's clock, then the catch-up: commands posted while the bot was down.

        The local clock stands in for the server's when the connection drops before it answers
        (then there is no catch-up: the re-sync after the reconnect reads from that time).
        """
        local_ms = int(self._clock.now().timestamp() * 1000)
        try:
            server_time = await self._websocket.server_time()
        except (ConnectionError, TimeoutError) as err:
            log.warning("could not read the server time (%s); using the local clock", err)
            self._last_post_ms = max(self._last_post_ms, local_ms)
            return
        if server_time is None:
            return
        self._last_post_ms = max(self._last_post_ms, server_time)
        cursors, s = self._cursors, self._settings
        if cursors is None or not await catch_up(cursors, server_time, s, self._reread):
            return
        self._book.see(ANY_CHANNEL, server_time)
        await self._flush_cursors()

    async def _resync(self) -> None:
        if not self._last_post_ms:
            log.warning("reconnected without a known last post time; nothing to re-read")
            return
        since = self._last_post_ms - self._settings.resync_slack_ms
        await self._reread(lambda _channel_id: since)
        await self._flush_cursors()

    async def _reread(self, since_for: Callable[[str], int | None], limit: int = 0) -> int:
        me = self.identity().id
        consider = partial(self._consider, mentions=None)
        return await reread_channels(self._rest, me, since_for, consider, self._note_seen, limit)

    def _note_seen(self, post: Post) -> None:
        self._last_post_ms = max(self._last_post_ms, post.create_at)
        self._book.see_post(post)

    async def _flush_cursors(self) -> None:
        """Store the channels' newest seen posts as their cursors (best effort)."""
        if self._cursors is None:
            return
        seen = self._book.take()
        if not seen:
            return
        try:
            await asyncio.to_thread(self._cursors.advance, seen)
        except Exception:
            log.exception("could not store the channel cursors")
            self._book.restore(seen)

    # -- commands ---------------------------------------------------------------------------

    def _consider(self, post: Post, channel_type: str, mentions: list[str] | None) -> bool:
        """Answer ``post`` if it is a command not handled yet; True when it is answered."""
        self._note_seen(post)
        command = command_in(post, channel_type, mentions, self.identity())
        if command is None or post.id in self._handled:
            return False
        text, via = command
        self._handled[post.id] = None
        while len(self._handled) > self._settings.remembered_posts:
            self._handled.popitem(last=False)
        self._book.hold(post)
        self._spawn(self._answer(post, text, via, channel_type))
        return True

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
            self._book.release(post)
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
            reply = await asyncio.to_thread(
                guarded_dispatch, self._dispatcher, request, ephemeral=False
            )
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
        """How this instance answers ``post`` (``answer_plan``); without ``AnswerClaims`` it
        does. A post another instance holds is looked at again when its lease runs out."""
        if self._answers is None:
            return Resume()
        now = self._clock.now()
        until = now + self._settings.answer_lease
        me = self.identity().id
        plan = await asyncio.to_thread(
            plan_answer, self._answers, self._rest.thread, me, post.id, now, until
        )
        if not isinstance(plan, datetime):
            return plan
        wait = max((plan - now).total_seconds(), 0.0) + 0.05
        task = asyncio.create_task(self._later(wait, post, text, via, channel_type))
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)
        return LATER

    async def _later(self, wait: float, post: Post, text: str, via: Via, kind: str) -> None:
        await asyncio.sleep(wait)
        self._spawn(self._answer(post, text, via, kind))
