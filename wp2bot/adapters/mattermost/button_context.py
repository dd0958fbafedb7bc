"""Signed button contexts: what a button means, and where, for whom and until when it counts.

Mattermost hands a button's ``integration.context`` back to the bot on a click. The context
carries the button's data (the command it stands for) plus its binding: the card it sits on,
the post it belongs to (a nonce stored with the post), the channel, the one person who may click
it (for direct messages) and an expiry. All of it is signed with HMAC-SHA256 and verified in
constant time, so a context copied to another post, channel or person, or kept past its expiry,
changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass

from wp2bot.chat import JSONValue

SIGNATURE_KEY = "sig"
JSONDict = dict[str, JSONValue]


@dataclass(frozen=True, slots=True)
class Binding:
    """Where a post's buttons count; "" (or 0) leaves that part unbound."""

    post: str = ""  # the nonce stored with the post the buttons sit on
    channel: str = ""  # the channel id of that post
    recipient: str = ""  # the one user id who may click (direct messages)
    expires: int = 0  # unix seconds after which a click is refused


UNBOUND = Binding()


@dataclass(frozen=True, slots=True)
class Verified:
    """A genuine context: the button, its data, its card's place in the post and its binding."""

    button: str
    data: Mapping[str, JSONValue]
    card: int
    binding: Binding


def _canonical(payload: Mapping[str, JSONValue]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _payload(button: str, data: Mapping[str, JSONValue], card: int, b: Binding) -> JSONDict:
    return {
        "button": button,
        "data": dict(data),
        "card": card,
        "post": b.post,
        "ch": b.channel,
        "to": b.recipient,
        "exp": b.expires,
    }


def sign_context(
    button_id: str,
    context: Mapping[str, JSONValue],
    secret: bytes,
    *,
    card: int = 0,
    binding: Binding = UNBOUND,
) -> JSONDict:
    """The context Mattermost carries for a button: data, card, binding and an HMAC."""
    if not secret:
        raise ValueError("button contexts need a signing secret (WP2BOT_ACTION_SECRET)")
    payload = _payload(button_id, context, card, binding)
    digest = hmac.new(secret, _canonical(payload), hashlib.sha256).hexdigest()
    return {**payload, SIGNATURE_KEY: digest}


def verify_context(context: object, secret: bytes) -> Verified | None:
    """The verified content of a genuine signed context; None for anything forged or malformed.

    Keys the server adds (``selected_option`` for selects) are not part of the signature.
    """
    if not secret or not isinstance(context, Mapping):
        return None
    button, data, given = context.get("button"), context.get("data"), context.get(SIGNATURE_KEY)
    card, post, channel = context.get("card"), context.get("post"), context.get("ch")
    recipient, expires = context.get("to"), context.get("exp")
    if not (
        isinstance(button, str)
        and isinstance(data, Mapping)
        and isinstance(given, str)
        and isinstance(card, int)
        and isinstance(post, str)
        and isinstance(channel, str)
        and isinstance(recipient, str)
        and isinstance(expires, int)
    ):
        return None
    binding = Binding(post, channel, recipient, expires)
    payload = _payload(button, data, card, binding)
    expected = hmac.new(secret, _canonical(payload), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), given.encode()):
        return None
    return Verified(button, data, card, binding)


def binding_refusal(
    verified: Verified, *, post_nonce: str | None, channel_id: str, user_id: str, now: int
) -> str | None:
    """Why a genuine context does not count for this click (None when it does).

    ``post_nonce`` is the nonce stored with the clicked post (None when the bot has no record).
    """
    b = verified.binding
    if b.expires and now > b.expires:
        return "expired"
    if b.channel and b.channel != channel_id:
        return "another channel"
    if b.recipient and b.recipient != user_id:
        return "another person"
    if b.post and b.post != post_nonce:
        return "another post"
    return None
