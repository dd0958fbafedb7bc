"""What a row of the command table is, and what its handler is given."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from wp2bot.chat import Card, ChatPort, Reply, Request
from wp2bot.domain.tracking import ActionRecord
from wp2bot.services.action_cards import action_card, live_status
from wp2bot.services.board import BoardLinks
from wp2bot.services.live_status import LiveStatus
from wp2bot.services.rhythm import RhythmServices
from wp2bot.services.search import SearchService
from wp2bot.services.tracking import Tracker
from wp2bot.services.tracking_terms import Actor


class Permission(enum.StrEnum):
    """Who may run a command; the dispatcher's authoriser (``commands.authorise``) enforces it
    against the actions or the site the command names."""

    ANYONE = "anyone"
    OWNER = "owner"
    OWNER_OR_CHAIR = "owner or chair"
    CHAIR = "chair"
    SITE_CONTACT_OR_CHAIR = "anyone lists; a chair or the site's contacts declare"


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a handler needs: the request, the use cases, the table (for help)."""

    request: Request
    tracker: Tracker
    commands: Sequence[Command]
    rhythm: RhythmServices  # the configured reminders, round-table, summary
    chat: ChatPort | None = None
    live: LiveStatus | None = None  # probes and action links; None when none are configured
    search: SearchService | None = None  # full-text search over the series
    board: BoardLinks | None = None  # personal links to the web board, where it is served

    @property
    def actor(self) -> Actor:
        """The requester and the way in, as history records them."""
        return Actor(self.request.user, self.request.via)

    @property
    def today(self) -> date:
        """Today in the group's timezone."""
        return self.tracker.today()

    def live_of(self, rec: ActionRecord) -> tuple[str, list[str]]:
        """(status lines, hints) of the checks linked to ``rec``; empty without probes."""
        return live_status(self.live, rec)

    def card(self, rec: ActionRecord) -> Card:
        """The action's card with its buttons and its linked checks' status."""
        line, hints = self.live_of(rec)
        return action_card(rec, self.today, live=line, hints=hints)


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
