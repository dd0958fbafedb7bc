"""Cards and buttons as Mattermost message attachments, signed button contexts, safe chat text.

Button contexts travel through the user's browser and back to the bot, so they are signed with
HMAC-SHA256 and verified in constant time before a click runs anything.

Echoed text is made harmless by inserting a zero-width joiner (U+200D) right after the ``@`` of
``@channel``, ``@all`` and ``@here``: the text still reads the same, but Mattermost's mention
parser no longer sees a channel-wide mention. The transport applies this to every outgoing text,
so no command can make the bot ping a whole channel. ``escape_mentions`` does the same to every
``@name`` in text that merely quotes a user, and ``mention`` is the one way to ping on purpose.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping, Sequence

from wp2bot.chat import Button, Card, JSONValue

ZWJ = "\u200d"
SIGNATURE_KEY = "sig"
_BROADCAST = re.compile(r"@(?=(?:channel|all|here)(?![A-Za-z0-9_]))", re.IGNORECASE)
_ANY_MENTION = re.compile(r"@(?=[A-Za-z0-9_])")
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_ACTION_ID = re.compile(r"^[A-Za-z0-9]+$")
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


def _canonical(payload: Mapping[str, JSONValue]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_context(button_id: str, context: Mapping[str, JSONValue], secret: bytes) -> JSONDict:
    """The context Mattermost carries for a button: its data, the button id and an HMAC."""
    payload: JSONDict = {"button": button_id, "data": dict(context)}
    digest = hmac.new(secret, _canonical(payload), hashlib.sha256).hexdigest()
    return {**payload, SIGNATURE_KEY: digest}


def verify_context(context: object, secret: bytes) -> tuple[str, Mapping[str, JSONValue]] | None:
    """The (button id, data) of a genuine signed context, or None for anything forged or malformed.

    Keys the server adds (``selected_option`` for selects) are not part of the signature.
    """
    if not isinstance(context, Mapping):
        return None
    button, data, given = context.get("button"), context.get("data"), context.get(SIGNATURE_KEY)
    if not isinstance(button, str) or not isinstance(data, Mapping) or not isinstance(given, str):
        return None
    payload: JSONDict = {"button": button, "data": dict(data)}
    expected = hmac.new(secret, _canonical(payload), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), given.encode()):
        return None
    return button, data


def render_button(button: Button, action_url: str, secret: bytes) -> JSONDict:
    """One attachment action with its integration (URL and signed context)."""
    if not _ACTION_ID.match(button.id):
        raise ValueError(
            f"button id must be alphanumeric (Mattermost routes clicks by it): {button.id!r}"
        )
    return {
        "id": button.id,
        "type": "button",
        "name": neutralise_broadcast(button.label),
        "style": button.style if button.style in _STYLES else "default",
        "integration": {
            "url": action_url,
            "context": sign_context(button.id, button.context, secret),
        },
    }


def render_card(card: Card, action_url: str, secret: bytes) -> JSONDict:
    """One Mattermost message attachment for a card."""
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
        attachment["actions"] = [render_button(b, action_url, secret) for b in card.buttons]
    return attachment


def render_cards(cards: Sequence[Card], action_url: str, secret: bytes) -> list[JSONValue]:
    """All cards as the ``props.attachments`` list (full, with integrations)."""
    return [render_card(card, action_url, secret) for card in cards]
