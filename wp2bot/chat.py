"""The seam between transports (Mattermost, slash endpoint, buttons, console) and the command table.

Every way in builds a ``Request`` and hands it to a ``Dispatcher``; every way out is a
``ChatPort``. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, Protocol

from wp2bot.domain.outbox import OutboxState

Via = Literal["mention", "dm", "slash", "button", "console", "scheduler", "cli"]

JSONValue = str | int | float | bool | None | Sequence["JSONValue"] | Mapping[str, "JSONValue"]


@dataclass(frozen=True, slots=True)
class Request:
    """One command as a user gave it, whatever the way in."""

    text: str  # the command line without the @mention or the /trigger
    user: str  # Mattermost username of the sender (the console uses a configured name)
    via: Via
    user_id: str = ""
    channel_id: str = ""
    root_id: str = ""  # the thread the answer belongs to ("" = start one at the post)
    post_id: str = ""  # the post that carried the command, when there is one


@dataclass(frozen=True, slots=True)
class Button:
    """An interactive button; ``context`` is signed by the transport before it is sent."""

    id: str  # alphanumeric only (Mattermost routes clicks by it)
    label: str
    context: Mapping[str, JSONValue]
    style: str = "default"  # default | primary | danger | good


@dataclass(frozen=True, slots=True)
class Card:
    """A message attachment: a block with a colour bar, fields and buttons."""

    text: str = ""
    title: str = ""
    title_link: str = ""
    color: str = ""
    fields: tuple[tuple[str, str, bool], ...] = ()  # (title, value, short)
    buttons: tuple[Button, ...] = ()
    footer: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """What a command answers: Markdown text, optional cards; ``ok`` False for refusals/errors."""

    text: str
    cards: tuple[Card, ...] = ()
    ok: bool = True
    ephemeral: bool = False  # only the requester needs to see it
    extra: tuple[Reply, ...] = field(default=())  # further messages in the same thread


def without_buttons(cards: Sequence[Card]) -> tuple[Card, ...]:
    """The cards for an ephemeral post: the server cannot update a post it never stored, so a
    button there would run its command and then show the clicker an error."""
    return tuple(replace(card, buttons=()) for card in cards)


class Dispatcher(Protocol):
    """The command table's entry point."""

    def dispatch(self, request: Request) -> Reply:
        """Run one command and return its answer."""
        ...


class Accounts(Protocol):
    """Which chat accounts exist, so that a mistyped @username is caught before it is stored."""

    def user_exists(self, username: str) -> bool | None:
        """True or False; None when the server cannot tell just now."""
        ...


class ChatPort(Protocol):
    """How services speak: post to a channel or thread, DM a person, update a post."""

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        """Post to a channel (by id or name) or into a thread; returns the new post id."""
        ...

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        """Send a direct message to a user; returns the new post id."""
        ...

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        """Replace the text and cards of a post the bot made."""
        ...


@dataclass(frozen=True, slots=True)
class CardPost:
    """A post the bot made with cards, as it was sent, so that a click can update one card.

    ``attachments`` are the rendered cards with their integrations (the server strips those
    from every post it returns, so they cannot be read back); ``nonce`` is what the buttons'
    signed contexts are bound to.
    """

    post_id: str
    nonce: str
    channel_id: str
    recipient: str  # the user id the buttons are for ("" = anyone the command allows)
    message: str
    attachments: tuple[JSONValue, ...]


class CardPosts(Protocol):
    """Where the posts with cards are kept (the database in production)."""

    def save(self, post: CardPost) -> None:
        """Keep (or replace) a post's record."""
        ...

    def get(self, post_id: str) -> CardPost | None:
        """The record of a post, None when the bot has none."""
        ...


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message the outbox posts: a DM to ``to`` (a username) or a post in channel ``to``.

    ``key`` names the decision to send it (see ``wp2bot.domain.outbox.message_key``): the outbox
    keeps one row per key, and a retry carries the same key so that it never shows twice.
    """

    key: str
    kind: str
    to: str
    text: str
    direct: bool = True
    root_id: str = ""
    cards: tuple[Card, ...] = ()


@dataclass(frozen=True, slots=True)
class Queued:
    """An outbox message as stored, with its delivery state (see ``wp2bot.services.outbox``)."""

    id: int
    message: Outgoing
    state: OutboxState
    created_at: datetime
    attempts: int
    lease_until: datetime | None
    retry_at: datetime | None
    post_id: str = ""
    error: str = ""


class ChannelCursors(Protocol):
    """How far the bot has read each channel (ms of the newest post seen), kept across restarts.

    The key ``ANY_CHANNEL`` holds how far the bot had read anywhere: the start of the catch-up
    for a channel that has no cursor of its own.
    """

    def cursors(self) -> dict[str, int]:
        """Every channel's cursor."""
        ...

    def advance(self, positions: Mapping[str, int]) -> None:
        """Move cursors forward (never back)."""
        ...


ANY_CHANNEL = "*"


@dataclass(frozen=True, slots=True)
class AnswerClaim:
    """The outcome of claiming a command post: whether this caller answers it."""

    won: bool
    # Another caller's unfinished claim holds the post until then (look again after it).
    held_until: datetime | None = None
    # An earlier claim ran out unanswered: its answer may be out already, look for it first.
    taken_over: bool = False
    # What that earlier claim had computed (None: the command is run again) and how many of
    # the answer's parts it had sent: the rest is sent without running the command twice.
    reply: Reply | None = None
    parts_done: int = 0


class AnswerClaims(Protocol):
    """Which command posts are being answered or were answered, across restarts and instances.

    Two instances both read every post, and a restart re-reads the posts after its cursor: the
    claim makes one caller answer each command post, once.
    """

    def claim(self, post_id: str, now: datetime, until: datetime) -> AnswerClaim:
        """Claim answering ``post_id`` until ``until`` (a lease; it runs out if we die)."""
        ...

    def computed(self, post_id: str, reply: Reply) -> None:
        """The command ran and this is its answer (kept until answered, for a take-over)."""
        ...

    def sent(self, post_id: str, parts: int) -> None:
        """The first ``parts`` parts of the answer are out."""
        ...

    def answered(self, post_id: str, now: datetime) -> None:
        """The post is answered: no claim takes it again."""
        ...


class LateClicks(Protocol):
    """How a click's answer that missed the server's deadline still reaches the clicker (REST)."""

    def patch_post(self, post_id: str, message: str, props: Mapping[str, JSONValue]) -> None:
        """Replace the message and props of a post the bot made."""
        ...

    def tell(self, user_id: str, channel_id: str, text: str) -> None:
        """Show ``text`` to one person only: ephemeral in the channel, else a direct message."""
        ...
