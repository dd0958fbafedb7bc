"""What a row of the command table is, and what its handler is given."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from wp2bot.chat import ChatPort, Reply, Request
from wp2bot.services.tracking import Actor, Tracker


class Permission(enum.StrEnum):
    """Who may run a command (the use case checks it against the action's owners)."""

    ANYONE = "anyone"
    OWNER = "owner"
    OWNER_OR_CHAIR = "owner or chair"


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a handler needs: the request, the use cases, the table (for help)."""

    request: Request
    tracker: Tracker
    commands: Sequence[Command]
    chat: ChatPort | None = None

    @property
    def actor(self) -> Actor:
        """The requester and the way in, as history records them."""
        return Actor(self.request.user, self.request.via)

    @property
    def today(self) -> date:
        """Today in the group's timezone."""
        return self.tracker.today()


Handler = Callable[[Context, str], Reply]


@dataclass(frozen=True, slots=True)
class Command:
    """One row of the command table."""

    name: str
    usage: str  # the full usage line, e.g. "done N [comment]"
    summary: str  # one line for help, the README and slash-command autocomplete
    handler: Handler
    permission: Permission = Permission.ANYONE
    aliases: tuple[str, ...] = ()
    hint: str = ""  # slash-command autocomplete hint: the arguments part of the usage
    examples: tuple[str, ...] = ()
    button: bool = False  # a button's context may name this command
