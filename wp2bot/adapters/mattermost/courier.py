"""The outbox's courier for Mattermost: posts with the message's own idempotency id.

Each post carries ``pending_post_id`` derived from the outbox key, which the server
deduplicates for 30 seconds (``deduplicateCreatePost`` in ``server/channels/app/post.go``), and
the key itself in the post's props. A retry after a longer gap first reads the channel's posts
since the message was queued and takes a post of the bot's with that key as the delivery, so a
message whose sender died between posting and confirming still shows once.
"""

from __future__ import annotations

import logging
from datetime import datetime

from wp2bot.adapters.mattermost.bot import MattermostBot
from wp2bot.adapters.mattermost.rest import MattermostApiError, MattermostRest
from wp2bot.chat import Outgoing
from wp2bot.domain.outbox import Undeliverable, pending_post_id, permanent_refusal

log = logging.getLogger(__name__)

KEY_PROP = "wp2bot_outbox_key"  # the outbox key in the post's props


class MattermostCourier:
    """Delivers outbox messages through the bot (DMs by username, posts by channel)."""

    def __init__(self, bot: MattermostBot, rest: MattermostRest) -> None:
        self.bot = bot
        self.rest = rest

    def deliver(self, message: Outgoing) -> str:
        """Post the message; ``Undeliverable`` when the server refuses it for good."""
        try:
            post_id = self.bot.send_keyed(
                message.to, message.text, direct=message.direct,
                pending_id=pending_post_id(message.key), props={KEY_PROP: message.key},
                root_id=message.root_id, cards=message.cards,
            )  # fmt: skip
        except MattermostApiError as exc:
            raise _refusal(message, exc) from None
        log.info("outbox: sent %s %s to %s", message.kind, post_id, _where(message))
        return post_id

    def find(self, message: Outgoing, since: datetime) -> str | None:
        """The bot's post carrying this message's key, made since ``since``, if any."""
        try:
            channel_id, _ = self.bot.target(message.to, direct=message.direct)
        except MattermostApiError as exc:
            raise _refusal(message, exc) from None
        me = self.bot.identity().id
        since_ms = int(since.timestamp() * 1000) - 1000  # the server's clock may differ a little
        for post in self.rest.posts_since(channel_id, max(since_ms, 1)):
            if post.user_id == me and post.props.get(KEY_PROP) == message.key:
                # A click that updated the post replaced its props: then only the old version
                # the server keeps carries the key, and names the post it was.
                post_id = post.original_id or post.id
                log.info("outbox: %s to %s was already posted as %s", message.kind,
                         _where(message), post_id)  # fmt: skip
                return post_id
        return None


def _refusal(message: Outgoing, exc: MattermostApiError) -> Exception:
    """``Undeliverable`` for an answer that will not change, the error itself otherwise."""
    if not permanent_refusal(exc.status):
        return exc
    what = "user" if message.direct else "channel"
    return Undeliverable(f"Mattermost refused the {what} {_where(message)} ({exc.status})")


def _where(message: Outgoing) -> str:
    return ("@" if message.direct else "~") + message.to.removeprefix("@").removeprefix("~")
