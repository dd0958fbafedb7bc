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
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from wp2bot.adapters.mattermost.attachments import render_cards
from wp2bot.adapters.mattermost.button_context import Binding
from wp2bot.adapters.mattermost.catch_up import catch_up_since, read_since
from wp2bot.adapters.mattermost.long_posts import (
    OLD_MAX_MESSAGE,
    fit_message,
    is_length_refusal,
    split_message,
)
from wp2bot.adapters.mattermost.lookups import UserDirectory
from wp2bot.adapters.mattermost.rest import (
    MattermostApiError,
    MattermostAuthError,
    MattermostRest,
    MattermostUnavailable,
    ServerAddress,
    new_pending_id,
)
from wp2bot.adapters.mattermost.websocket import (
    MattermostWebsocket,
    WebsocketAuthError,
    WebsocketEvent,
    WebsocketOptions,
)
from wp2bot.adapters.mattermost.wire import Channel, Post, User, is_id
from wp2bot.chat import (
    ANY_CHANNEL,
    AnswerClaims,
    Card,
    CardPost,
    CardPosts,
    ChannelCursors,
    Dispatcher,
    JSONValue,
    Reply,
    Request,
    Via,
    without_buttons,
)
from wp2bot.clock import Clock, SystemClock
from wp2bot.domain.mentions import chat_safe
from wp2bot.domain.outbox import pending_post_id

log = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_AUTH = 78  # EX_CONFIG: the token is wrong, restarting will not help
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE: the server cannot be reached at start; retry later
FAILURE_TEXT = "Sorry, that command failed on my side. The error has been logged."
REPLY_PROP = "wp2bot_reply_to"  # the id of the command post an answer belongs to, in its props


@dataclass(frozen=True, slots=True)
class BotSettings:
    """What the bot needs beyond the connection."""

    team: str  # team name, used to resolve channel names
    action_url: str  # public URL of the HTTP endpoint's /mattermost/actions
    signing_secret: bytes  # HMAC key for button contexts
    workers: int = 8  # commands run at the same time
    resync_slack_ms: int = 5000  # re-read this much before the last seen post (dedupe absorbs it)
    remembered_posts: int = 10000  # post ids kept for deduplication
    button_ttl: timedelta = timedelta(days=14)  # a button counts this long after it is sent
    catch_up_ms: int = 2 * 3600 * 1000  # after a start, answer commands at most this old
    catch_up_commands: int = 20  # and at most this many per channel (the newest), no flood
    # A claimed command is held this long; then another instance (or the next start) takes it.
    answer_lease: timedelta = timedelta(minutes=2)


def command_text(message: str, botname: str) -> str | None:
    """The command in a post naming ``@botname``: the text after the mention (or before it)."""
    pattern = re.compile(rf"(?<![\w@.-])@{re.escape(botname)}(?![\w.-])[:,]?", re.IGNORECASE)
    found = pattern.search(message)
    if found is None:
        return None
    return message[found.end() :].strip() or message[: found.start()].strip()


class MattermostBot:
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
        self._rest = rest
        self.directory = directory or UserDirectory(rest)
        self._answers = answers
        # channel -> {command post id: create_at} not answered yet: the cursor stays before them
        self._inflight: dict[str, dict[str, int]] = {}
        self._waiting: set[asyncio.Task[None]] = set()  # claims held elsewhere, looked at later
        self._posts = posts
        self._cursors = cursors
        self._seen: dict[str, int] = {}  # channel -> newest post ms not yet stored as cursor
        self._clock = clock or SystemClock()
        self._dispatcher = dispatcher
        self._settings = settings
        self._websocket = MattermostWebsocket(
            address.websocket_url,
            token,
            self._token_accepted,
            options=websocket_options,
            ssl_context=address.ssl_context(),
        )
        self._me: User | None = None
        self._me_lock = threading.Lock()
        self._handled: OrderedDict[str, None] = OrderedDict()
        self._channel_ids: dict[str, str] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots: asyncio.Semaphore | None = None
        self._last_post_ms = 0
        self._first_connection = True
        self._ephemeral_denied = False

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

    def identity(self) -> User:
        """The bot's own account (fetched once)."""
        with self._me_lock:
            if self._me is None:
                self._me = self._rest.me()
            return self._me

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
                claimed = await self._claim(post, text, via, channel_type)
                if claimed is None:
                    return  # held elsewhere: looked at again later, the cursor waits for it
                if claimed:
                    await self._run(post, text, via, channel_type)
            except Exception:
                log.exception("answering post %s failed", post.id)
            self._done(post)
            await self._flush_cursors()

    async def _run(self, post: Post, text: str, via: Via, channel_type: str) -> None:
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
        reply = await asyncio.to_thread(self._dispatch, request)
        await asyncio.to_thread(self._deliver, request, reply, channel_type == "D")
        if self._answers is not None:
            await asyncio.to_thread(self._answers.answered, post.id, self._clock.now())

    async def _claim(self, post: Post, text: str, via: Via, channel_type: str) -> bool | None:
        """Whether this instance answers ``post`` now; None when it looks again later.

        Without ``AnswerClaims``, or when they cannot be read, the post is answered (losing a
        command is worse than a rare second answer). A post another instance holds is looked
        at again when its lease runs out; a lease that ran out unanswered is taken over, unless
        its answer is in the thread already.
        """
        if self._answers is None:
            return True
        now = self._clock.now()
        try:
            claim = await asyncio.to_thread(
                self._answers.claim, post.id, now, now + self._settings.answer_lease
            )
        except Exception:
            log.exception("could not claim post %s; answering it anyway", post.id)
            return True
        if claim.held_until is not None:
            wait = max((claim.held_until - now).total_seconds(), 0.0) + 0.05
            task = asyncio.create_task(self._later(wait, post, text, via, channel_type))
            self._waiting.add(task)
            task.add_done_callback(self._waiting.discard)
            return None
        if claim.won and claim.taken_over:
            thread = await asyncio.to_thread(self._rest.thread, post.id)
            me = self.identity().id
            if any(p.user_id == me and p.props.get(REPLY_PROP) == post.id for p in thread):
                log.info("post %s was answered before a restart; not again", post.id)
                await asyncio.to_thread(self._answers.answered, post.id, now)
                return False
        return claim.won

    async def _later(self, wait: float, post: Post, text: str, via: Via, kind: str) -> None:
        await asyncio.sleep(wait)
        self._spawn(self._answer(post, text, via, kind))

    def _dispatch(self, request: Request) -> Reply:
        try:
            return self._dispatcher.dispatch(request)
        except Exception:
            log.exception("command %r from @%s failed", request.text, request.user)
            return Reply(FAILURE_TEXT, ok=False)

    def _deliver(self, request: Request, reply: Reply, in_dm: bool, part: int = 0) -> None:
        text = chat_safe(reply.text)
        # The answer carries its command's id: the server drops a resent copy for 30 s, and a
        # later start finds it in the thread (see _claim).
        key = f"answer:{request.post_id}:{part}" if request.post_id else ""
        pending = pending_post_id(key) if key else ""
        marked: dict[str, JSONValue] | None = {REPLY_PROP: request.post_id} if key else None
        recipient = request.user_id if in_dm else ""
        if reply.ephemeral and not in_dm:
            # An ephemeral post is never stored, so the server could not update it after a
            # click: it carries no buttons (see chat.without_buttons).
            props = self._props(
                without_buttons(reply.cards), Binding("", request.channel_id, request.user_id)
            )
            try:
                if self._ephemeral_denied:
                    raise MattermostApiError(403, "", "known: no create_post_ephemeral")
                self._rest.create_ephemeral(
                    request.user_id, request.channel_id, text, root_id=request.root_id, props=props
                )
            except MattermostApiError as err:
                if err.status != 403:
                    raise
                # Without create_post_ephemeral the answer goes to a DM, never to the channel;
                # the permission is not asked for again until a restart.
                self._ephemeral_denied = True
                dm = self._dm_channel(request.user_id)
                self._create(dm, text, cards=reply.cards, recipient=request.user_id,
                             pending_id=pending, extra=marked)  # fmt: skip
        else:
            self._create(
                request.channel_id,
                text,
                root_id=request.root_id,
                cards=reply.cards,
                recipient=recipient,
                pending_id=pending,
                extra=marked,
            )
        for number, extra in enumerate(reply.extra, start=1):
            self._deliver(request, extra, in_dm, part * 100 + number)

    def _expiry(self) -> int:
        return int((self._clock.now() + self._settings.button_ttl).timestamp())

    def _props(self, cards: Sequence[Card], binding: Binding) -> dict[str, JSONValue] | None:
        if not cards:
            return None
        secret = self._settings.signing_secret
        bound = Binding(binding.post, binding.channel, binding.recipient, self._expiry())
        return {"attachments": render_cards(cards, self._settings.action_url, secret, bound)}

    def _create(
        self,
        channel_id: str,
        message: str,
        *,
        root_id: str = "",
        cards: Sequence[Card] = (),
        recipient: str = "",
        pending_id: str = "",
        extra: Mapping[str, JSONValue] | None = None,
    ) -> str:
        """Create a post; one with cards is kept so that a click can update a single card.

        Its buttons are bound to the post's ``pending_post_id`` (known before the server
        assigns the id; the caller's own when given), its channel and, in a direct message,
        its recipient. ``extra`` props are added to the post's.
        """
        nonce = pending_id or new_pending_id()
        # Bound to the post only where the record to check it against is kept.
        bound = nonce if self._posts is not None else ""
        props = self._props(cards, Binding(bound, channel_id, recipient))
        if extra:
            props = {**(props or {}), **extra}
        parts = split_message(message)
        try:
            post = self._rest.create_post(
                channel_id, parts[0], root_id=root_id, props=props, pending_id=nonce
            )
        except MattermostApiError as err:
            if err.status != 400 or not is_length_refusal(err.error_id):
                raise
            # A server with a smaller limit: split again at that limit, never resend unchanged.
            smaller = split_message(message, OLD_MAX_MESSAGE)
            if smaller == parts:
                raise
            log.warning("the server refused %d characters; sending %d parts", len(message),
                        len(smaller))  # fmt: skip
            parts = smaller
            post = self._rest.create_post(
                channel_id, parts[0], root_id=root_id, props=props, pending_id=new_pending_id()
            )
        self._remember(post.id, nonce, channel_id, recipient, parts[0], props)
        for part in parts[1:]:  # the rest follows in the thread, in order
            self._rest.create_post(channel_id, part, root_id=root_id or post.id)
        return post.id

    def _remember(
        self,
        post_id: str,
        nonce: str,
        channel_id: str,
        recipient: str,
        message: str,
        props: dict[str, JSONValue] | None,
    ) -> None:
        attachments = props.get("attachments") if props else None
        if self._posts is None or not isinstance(attachments, list):
            return
        record = CardPost(post_id, nonce, channel_id, recipient, message, tuple(attachments))
        try:
            self._posts.save(record)
        except Exception:  # the post is out; only a later click would update all its cards
            log.exception("could not keep the cards of post %s", post_id)

    def _username(self, user_id: str) -> str:
        return self.directory.by_id(user_id).username

    def _dm_channel(self, user_id: str) -> str:
        return self.directory.dm_channel(self.identity().id, user_id)

    # -- ChatPort ---------------------------------------------------------------------------

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        """Post to a channel (id, name or ~name) or into a thread; returns the new post id."""
        channel_id = self._channel_id(channel)
        message = chat_safe(text)
        post_id = self._create(channel_id, message, root_id=root_id, cards=cards)
        log.info(
            "sent post %s to channel %s (%d chars, %d cards)",
            post_id,
            channel,
            len(message),
            len(cards),
        )
        return post_id

    def user_exists(self, username: str) -> bool | None:
        """Whether the server has this username; None when it cannot be asked just now."""
        try:
            self.directory.by_username(username)
        except MattermostApiError as exc:
            return False if exc.status == 404 else None
        except MattermostUnavailable:
            return None
        return True

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        """Send a direct message to a user; returns the new post id."""
        user_id = self.directory.by_username(username).id
        message = chat_safe(text)
        post_id = self._create(self._dm_channel(user_id), message, cards=cards, recipient=user_id)
        log.info(
            "sent DM %s to @%s (%d chars, %d cards)",
            post_id,
            username.removeprefix("@"),
            len(message),
            len(cards),
        )
        return post_id

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        """Replace the text and cards of a bot post (cards re-sent in full, with integrations)."""
        record = self._posts.get(post_id) if self._posts is not None else None
        nonce, channel_id, recipient = (
            (record.nonce, record.channel_id, record.recipient)
            if record
            else (post_id if self._posts is not None else "", "", "")
        )
        message = fit_message(chat_safe(text))
        props = self._props(cards, Binding(nonce, channel_id, recipient)) or {"attachments": []}
        self._rest.patch_post(post_id, message, props)
        self._remember(post_id, nonce, channel_id, recipient, message, props)

    def patch_post(self, post_id: str, message: str, props: Mapping[str, JSONValue]) -> None:
        """Replace a bot post's message and props as given (a late answer to a click)."""
        self._rest.patch_post(post_id, message, props)

    def tell(self, user_id: str, channel_id: str, text: str) -> None:
        """Show ``text`` to one person: ephemeral in the channel, a DM without the permission."""
        request = Request(text="", user="", via="button", user_id=user_id, channel_id=channel_id)
        self._deliver(request, Reply(text, ephemeral=True), in_dm=False)

    def target(self, to: str, *, direct: bool) -> tuple[str, str]:
        """(channel id, recipient user id or "") of a DM to username ``to`` or channel ``to``."""
        if direct:
            user_id = self.directory.by_username(to).id
            return self._dm_channel(user_id), user_id
        return self._channel_id(to), ""

    def send_keyed(
        self,
        to: str,
        text: str,
        *,
        direct: bool,
        pending_id: str,
        props: Mapping[str, JSONValue],
        root_id: str = "",
        cards: Sequence[Card] = (),
    ) -> str:
        """Post with the caller's ``pending_post_id`` and extra props (the outbox's courier)."""
        channel_id, recipient = self.target(to, direct=direct)
        return self._create(
            channel_id, chat_safe(text), root_id=root_id, cards=cards,
            recipient=recipient, pending_id=pending_id, extra=props,
        )  # fmt: skip

    def _channel_id(self, channel: str) -> str:
        if is_id(channel):
            return channel
        name = channel.removeprefix("~")
        if name not in self._channel_ids:
            self._channel_ids[name] = self._rest.channel_by_name(self._settings.team, name).id
        return self._channel_ids[name]


def _mentions(value: object) -> list[str] | None:
    """The ``mentions`` field: a JSON string holding a list of user ids (absent = unknown)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return [str(item) for item in parsed] if isinstance(parsed, list) else None
