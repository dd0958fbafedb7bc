"""Personal board links: who may look, as what, until when (pure: the clock's time is passed in).

A link carries ``user.role.expiry.signature`` in its ``t`` parameter: the signature is an
HMAC-SHA256 over the first three with the bot's action secret, compared in constant time, so
a changed user, role or expiry, or a link past its expiry, is refused.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_VALIDITY = timedelta(days=7)


class BoardRole(enum.StrEnum):
    """What a link shows: a chair sees everything, a member the accepted items and status."""

    CHAIR = "chair"
    MEMBER = "member"


class BoardAccessError(ValueError):
    """A link that does not open the board (forged, changed, expired)."""


@dataclass(frozen=True, slots=True)
class BoardViewer:
    """Who the link was made for."""

    user: str
    role: BoardRole
    expires: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, b"wp2bot-board\x00" + payload.encode(), hashlib.sha256).digest())


def sign_link(secret: bytes, user: str, role: BoardRole, expires: datetime) -> str:
    """The ``t`` value of a board link for ``user`` valid until ``expires``."""
    if not secret:
        raise ValueError("board links need the action secret")
    payload = f"{_b64(user.encode())}.{role.value}.{int(expires.timestamp())}"
    return f"{payload}.{_mac(secret, payload)}"


def verify_link(secret: bytes, token: str, now: datetime) -> BoardViewer:
    """The viewer of a link; ``BoardAccessError`` when it is forged, changed or expired."""
    parts = token.split(".")
    if len(parts) != 4 or not secret:
        raise BoardAccessError("This board link is not valid.")
    payload, mac = ".".join(parts[:3]), parts[3]
    if not hmac.compare_digest(_mac(secret, payload), mac):
        raise BoardAccessError("This board link is not valid.")
    try:
        user = _unb64(parts[0]).decode()
        role = BoardRole(parts[1])
        expires = datetime.fromtimestamp(int(parts[2]), tz=now.tzinfo)
    except (ValueError, UnicodeDecodeError) as err:
        raise BoardAccessError("This board link is not valid.") from err
    if now >= expires:
        raise BoardAccessError("This board link has expired; ask the bot for a new one: board")
    return BoardViewer(user, role, expires)
