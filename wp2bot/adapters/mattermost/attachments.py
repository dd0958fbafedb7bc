"""Cards and buttons as Mattermost message attachments, signed button contexts, safe chat text.

Button contexts come back to the bot on a click, so they are signed and bound to their post,
card, channel, recipient and an expiry (``button_context``). Every action id is unique within
its post (``c<card><button>``): the server runs the FIRST action with the clicked id
(``model/post.go`` ``GetAction``), so equal ids on several cards would all act on the first.

Echoed text is made harmless by inserting a zero-width joiner (U+200D) right after the ``@`` of
``@channel``, ``@all`` and ``@here``: the text still reads the same, but Mattermost's mention
parser no longer sees a channel-wide mention. The transport applies this to every outgoing text,
so no command can make the bot ping a whole channel. ``escape_mentions`` does the same to every
``@name`` in text that merely quotes a user, and ``mention`` is the one way to ping on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wp2bot.adapters.mattermost.button_context import UNBOUND, Binding, sign_context
from wp2bot.chat import Button, Card, JSONValue

ZWJ = "\u200d"
_BROADCAST = re.compile(r"@(?=(?:channel|all|here)(?![A-Za-z0-9_]))", re.IGNORECASE)
_ANY_MENTION = re.compile(r"@(?=[A-Za-z0-9_])")
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_BUTTON_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_STYLES = {"default", "primary", "danger", "good", "success", "warning"}

JSONDict = dict[str, JSONValue]


def neutralise_broadcast(text: str) -> str:
    """Defuse ``@channel``, ``@all`` and ``@here`` (any case) with a zero-width joiner."""
    return _BROADCAST.sub("@" + ZWJ, text)


def escape_mentions(text: str) -> str:
    """Defuse every ``@mention`` in text that is only quoted (echoed user input)."""
    return _ANY_MENTION.sub("@" + ZWJ, text)


def mention(username: str) -> str:
    """An ``@username`` that really pings; refuses names that are not plain usernames."""
    name = username.removeprefix("@")
    if not _USERNAME.match(name) or name.lower() in {"channel", "all", "here"}:
        raise ValueError(f"not a username that may be mentioned: {username!r}")
    return "@" + name


def action_id(card: int, button_id: str) -> str:
    """The action id of a button on the ``card``-th card: unique within the post."""
    return f"c{card}{button_id}"


def render_button(
    button: Button, action_url: str, secret: bytes, *, card: int = 0, binding: Binding = UNBOUND
) -> JSONDict:
    """One attachment action with its integration (URL and signed, bound context)."""
    if not _BUTTON_ID.match(button.id):
        raise ValueError(
            "button id must be alphanumeric, starting with a letter (Mattermost routes clicks "
            f"by it): {button.id!r}"
        )
    return {
        "id": action_id(card, button.id),
        "type": "button",
        "name": neutralise_broadcast(button.label),
        "style": button.style if button.style in _STYLES else "default",
        "integration": {
            "url": action_url,
            "context": sign_context(button.id, button.context, secret, card=card, binding=binding),
        },
    }


def render_card(
    card: Card, action_url: str, secret: bytes, *, index: int = 0, binding: Binding = UNBOUND
) -> JSONDict:
    """One Mattermost message attachment for the ``index``-th card of a post."""
    attachment: JSONDict = {
        "fallback": neutralise_broadcast(card.title or card.text),
        "text": neutralise_broadcast(card.text),
    }
    if card.title:
        attachment["title"] = neutralise_broadcast(card.title)
    if card.title_link:
        attachment["title_link"] = card.title_link
    if card.color:
        attachment["color"] = card.color
    if card.footer:
        attachment["footer"] = neutralise_broadcast(card.footer)
    if card.fields:
        attachment["fields"] = [
            {"title": neutralise_broadcast(t), "value": neutralise_broadcast(v), "short": short}
            for t, v, short in card.fields
        ]
    # Without a public action URL Mattermost could not deliver a click (and refuses the post):
    # the cards are shown without their buttons, and the commands still work as text.
    if card.buttons and action_url:
        attachment["actions"] = [
            render_button(b, action_url, secret, card=index, binding=binding) for b in card.buttons
        ]
    return attachment


def render_cards(
    cards: Sequence[Card], action_url: str, secret: bytes, binding: Binding = UNBOUND
) -> list[JSONValue]:
    """All cards as the ``props.attachments`` list (full, with integrations)."""
    return [
        render_card(card, action_url, secret, index=i, binding=binding)
        for i, card in enumerate(cards)
    ]
