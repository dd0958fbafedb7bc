"""What the reminder sweep remembers: preferences, away periods, mutes and sent digests."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from wp2bot.chat import Outgoing
from wp2bot.domain.calendar import Period
from wp2bot.domain.tracking import ActionRecord

ESCALATION = "escalation"  # the digest item kind of a message to a site contact or chair


@dataclass(frozen=True, slots=True)
class ReminderState:
    """What was already sent, per (action, username), as the sweep needs it."""

    last_occasion: dict[tuple[int, str], date]  # latest occasion nudged (escalations aside)
    unanswered: dict[int, int]  # overdue nudges since the action last changed (max over owners)
    escalated: set[tuple[int, str]]  # (action, target) told since the action last changed


@dataclass(frozen=True, slots=True)
class SweepBounds:
    """What can owe a reminder on the sweep's day, as the store filters it.

    ``today`` is the group's day (snoozes end on it), ``due_until`` the latest due date that has
    an occasion by now in any recipient's zone, ``undated`` whether items without a due date are
    in their before-the-meeting window, ``done`` the usernames (lower case) whose digest for
    their own today is already claimed, and ``escalate_after`` the unanswered overdue nudges
    that make an item escalate to someone else.

    The store leaves out the items only people with a digest dated ``today`` would be reminded
    of, read in SQL from the digests themselves, except the people of ``owed_despite_digest``:
    those with a digest dated ``today`` whose own today is another day (their zone is past
    midnight, or not there yet). A person done for another day is left to the sweep. The
    set of those exceptions is small, however many people are done.
    """

    today: date
    due_until: date
    undated: bool
    done: Collection[str] = ()
    escalate_after: int = 3
    owed_despite_digest: Collection[str] = ()


class ReminderStates(Protocol):
    """People's reminder settings and what each sweep sent."""

    def timezones(self) -> dict[str, str]:
        """username -> the IANA zone they set or their profile gave."""
        ...

    def set_timezone(self, username: str, zone: str | None, source: str, at: datetime) -> None:
        """Remember (or forget, with None) a person's zone and where it came from."""
        ...

    def add_away(self, username: str, period: Period, at: datetime) -> None:
        """A period without reminders for ``username``."""
        ...

    def clear_away(self, username: str) -> int:
        """Forget the person's away periods; how many there were."""
        ...

    def away_periods(self, until_after: date) -> dict[str, list[Period]]:
        """username -> away periods that end on or after ``until_after``."""
        ...

    def mute(self, username: str, action_id: int, at: datetime) -> bool:
        """No more reminders of the action for the person; False when already muted."""
        ...

    def unmute(self, username: str, action_id: int) -> bool:
        """Reminders again; False when it was not muted."""
        ...

    def mutes(self) -> set[tuple[int, str]]:
        """Every (action, username) muted."""
        ...

    def reminder_state(
        self, bounds: SweepBounds | None = None, *, ids: Sequence[int] | None = None
    ) -> ReminderState:
        """What was already sent (only of the items within ``bounds``, or of ``ids``, when
        given)."""
        ...

    def unanswered(self, at_least: int) -> list[tuple[int, int]]:
        """(action id, overdue nudges unanswered since it last changed, the most of any owner)
        of the open accepted actions with at least ``at_least``, by id (the summary's stuck
        items), read from the overdue nudges only."""
        ...

    def open_actions(self) -> list[ActionRecord]:
        """Open accepted actions with their owners (one grouped read)."""
        ...

    def owned_actions(
        self,
        username: str,
        groups: Sequence[str],
        limit: int | None = None,
        count_cap: int | None = None,
    ) -> tuple[list[ActionRecord], int]:
        """The first ``limit`` open accepted actions a person owns (by username) or one of
        ``groups`` owns, soonest due first (undated last), and how many there are; with
        ``count_cap`` the count stops past it, so a count above it means "more than that"."""
        ...

    def sweep_actions(
        self, bounds: SweepBounds, *, after_id: int = 0, limit: int | None = None
    ) -> list[ActionRecord]:
        """Open accepted actions that may owe a reminder or an escalation within ``bounds``
        (a superset: the sweep decides), by id: the first ``limit`` with ids above
        ``after_id``; read with date bounds, not every open action."""
        ...

    def sweep_ids(self, bounds: SweepBounds) -> Sequence[int]:
        """The ids ``sweep_actions`` would give, ascending, read in one query: the sweep then
        reads the state and the items of those ids only."""
        ...

    def actions_with_ids(self, ids: Sequence[int]) -> list[ActionRecord]:
        """The open accepted actions among ``ids`` with their owners, by id."""
        ...

    def digest_days(self, since: date) -> set[tuple[str, date]]:
        """(username, day) of digests claimed since ``since``."""
        ...

    def claim_digests(
        self,
        batch: Sequence[tuple[str, date, Sequence[tuple[int, str, date]]]],
        at: datetime,
        messages: Mapping[str, Outgoing] | None = None,
    ) -> dict[str, int]:
        """Claim the day's digests and queue each claimed person's message, in one go;
        username -> digest id of those won."""
        ...

    def last_reminded(self, username: str) -> dict[int, datetime]:
        """action id -> when the person was last reminded of it."""
        ...
