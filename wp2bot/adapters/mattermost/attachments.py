"""Cards and buttons as Mattermost message attachments, signed button contexts, safe chat text.

Button contexts come back to the bot on a click, so they are signed and bound to their post,
card, channel, recipient and an expiry (``button_context``). Every action id is unique within
its post (``c<card><button>``): the server runs the FIRST action with the clicked id
(``model/post.go`` ``GetAction``), so equal ids on several cards would all act on the first.

Every text of a card passes ``chat_safe`` (``wp2bot.domain.mentions``): no card can make the
bot ping a whole channel, load a remote image or carry a ``javascript:`` link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wp2bot.adapters.mattermost.button_context import UNBOUND, Binding, sign_context
from wp2bot.chat import Button, Card, JSONValue
from wp2bot.domain.mentions import chat_safe, safe_url

_BUTTON_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_STYLES = {"default", "primary", "danger", "good", "success", "warning"}

JSONDict = dict[str, JSONValue]


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
        "name": chat_safe(button.label),
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
        "fallback": chat_safe(card.title or card.text),
        "text": chat_safe(card.text),
    }
    if card.title:
        attachment["title"] = chat_safe(card.title)
    if card.title_link and safe_url(card.title_link):  # no javascript: or data: title links
        attachment["title_link"] = card.title_link
    if card.color:
        attachment["color"] = card.color
    if card.footer:
        attachment["footer"] = chat_safe(card.footer)
    if card.fields:
        attachment["fields"] = [
            {"title": chat_safe(t), "value": chat_safe(v), "short": short}
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
