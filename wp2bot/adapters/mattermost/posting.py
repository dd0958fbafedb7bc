"""The bot's outgoing side, the services' ChatPort: posts, DMs, answers, cards and updates.

Long messages are split into parts in the thread; cards become attachments whose buttons are
bound (signed) to their post, channel and recipient; an answer carries its command's id.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence

from wp2bot.adapters.mattermost.answer_parts import REPLY_PART_PROP, REPLY_PROP, answer_parts
from wp2bot.adapters.mattermost.attachments import render_cards
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.button_context import Binding
from wp2bot.adapters.mattermost.long_posts import (
    OLD_MAX_MESSAGE,
    fit_message,
    is_length_refusal,
    split_message,
)
from wp2bot.adapters.mattermost.lookups import UserDirectory
from wp2bot.adapters.mattermost.rest import (
    MattermostApiError,
    MattermostRest,
    MattermostUnavailable,
    new_pending_id,
)
from wp2bot.adapters.mattermost.wire import User, is_id
from wp2bot.chat import Card, CardPost, CardPosts, JSONValue, Reply, Request, without_buttons
from wp2bot.clock import Clock, SystemClock
from wp2bot.domain.mentions import chat_safe
from wp2bot.domain.outbox import pending_post_id

log = logging.getLogger(__name__)


class Poster:
    """REST out: every post the bot makes goes through here (the ChatPort methods)."""

    def __init__(
        self,
        rest: MattermostRest,
        settings: BotSettings,
        *,
        posts: CardPosts | None = None,
        clock: Clock | None = None,
        directory: UserDirectory | None = None,
    ) -> None:
        self._rest = rest
        self.directory = directory or UserDirectory(rest)
        self._posts = posts
        self._clock = clock or SystemClock()
        self._settings = settings
        self._me: User | None = None
        self._me_lock = threading.Lock()
        self._channel_ids: dict[str, str] = {}
        self._ephemeral_denied = False

    def identity(self) -> User:
        """The bot's own account (fetched once)."""
        with self._me_lock:
            if self._me is None:
                self._me = self._rest.me()
            return self._me

    def _deliver(
        self,
        request: Request,
        reply: Reply,
        in_dm: bool,
        *,
        skip: int = 0,
        sent: Callable[[int], None] | None = None,
    ) -> None:
        """Send the answer's parts in order (see ``answer_parts``), from the ``skip``-th on;
        ``sent(n)`` after each, n being how many are out."""
        for index, (number, part) in enumerate(answer_parts(reply)):
            if index < skip:
                continue
            self._deliver_part(request, part, in_dm, number)
            if sent is not None:
                sent(index + 1)

    def _deliver_part(self, request: Request, reply: Reply, in_dm: bool, part: int) -> None:
        text = chat_safe(reply.text)
        # The answer carries its command's id and its part: the server drops a resent copy for
        # 30 s, and a take-over after a crash finds the parts already in the thread.
        key = f"answer:{request.post_id}:{part}" if request.post_id else ""
        pending = pending_post_id(key) if key else ""
        marked: dict[str, JSONValue] | None = (
            {REPLY_PROP: request.post_id, REPLY_PART_PROP: part} if key else None
        )
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
