"""Tracked actions and their history, as services read and change them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypedDict

from wp2bot.chat import Outgoing
from wp2bot.domain.models import Owner, Precision, Status
from wp2bot.domain.tracking import ActionRecord, HistoryEntry, Review


class NotFound(LookupError):
    """No such row."""


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Which actions to list; every criterion given must hold."""

    ids: tuple[int, ...] | None = None
    after_id: int | None = None  # ids strictly greater (paging by id)
    statuses: tuple[Status, ...] | None = None
    reviews: tuple[Review, ...] | None = None
    owner_username: str | None = None
    owner_name: str | None = None
    owner_names: tuple[str, ...] | None = None  # an owner (group or person) of one of these names
    due_before: date | None = None  # due strictly before this date
    due_until: date | None = None  # due on or before
    due_from: date | None = None  # due on or after
    meeting_id: int | None = None
    open_only: bool = False
    changed_since: datetime | None = None  # created or changed at or after this time
    limit: int | None = None
    undated_or_due_after: date | None = None  # no due date, or due strictly after this date
    # (since, meeting id): new since the last meeting is from that meeting (id), or added by
    # hand (no meeting) since the time; ``new`` True keeps those items, False the others
    new_since: tuple[datetime | None, int | None] | None = None
    new: bool = True
    # done, not rejected, and closed since the time or new since the meeting (as ``new_since``):
    # what a summary shows of the closed items
    done_since: tuple[datetime | None, int | None] | None = None
    meeting_ids: tuple[int, ...] | None = None  # from, or last restated in, one of these
    unowned: bool = False  # only actions without any owner
    soonest_first: bool = False  # by due date (undated last), then id; else by id


class ActionChanges(TypedDict, total=False):
    """The fields of an action an update may change; those not given keep their values."""

    text: str
    status: Status
    review: Review
    due: date | None
    due_phrase: str | None
    due_precision: Precision | None
    section: str
    source_text: str
    source_line: int
    fingerprint: str
    last_meeting_id: int | None
    carried_over: bool
    similar_to: int | None
    snoozed_until: date | None


class ActionReader(Protocol):
    """Read tracked actions."""

    def actions(self, flt: ActionFilter | None = None) -> list[ActionRecord]:
        """The actions ``flt`` selects (all when None)."""
        ...

    def action(self, action_id: int) -> ActionRecord:
        """One action; ``NotFound`` when there is none."""
        ...

    def count_actions(self, flt: ActionFilter | None = None) -> int:
        """How many actions ``flt`` selects (all when None), its limit ignored."""
        ...

    def count_each(self, filters: Sequence[ActionFilter]) -> list[int]:
        """How many actions each of ``filters`` selects (limits ignored), in one read."""
        ...


class Actions(ActionReader, Protocol):
    """Read, create and change tracked actions, each change with its history entry."""

    def create_action(
        self,
        *,
        text: str,
        owners: Sequence[Owner],
        at: datetime,
        who: str,
        via: str,
        status: Status = Status.OPEN,
        review: Review = Review.PROPOSED,
        meeting_id: int | None = None,
        due: date | None = None,
        due_phrase: str | None = None,
        due_precision: Precision | None = None,
        section: str = "",
        source_text: str = "",
        source_line: int = 0,
        source_url: str | None = None,
        fingerprint: str = "",
        carried_over: bool = False,
        similar_to: int | None = None,
    ) -> ActionRecord:
        """Store a new action and its "created" history entry."""
        ...

    def update_action(
        self,
        action_id: int,
        changes: ActionChanges,
        *,
        at: datetime,
        who: str,
        via: str,
        comment: str = "",
        owners: Sequence[Owner] | None = None,
        mark_edited: bool = True,
    ) -> ActionRecord:
        """Change fields (and owners) of an action, recording each change."""
        ...

    def record(
        self,
        action_id: int,
        *,
        at: datetime,
        who: str,
        via: str,
        change: str,
        comment: str = "",
        old: str = "",
        new: str = "",
    ) -> None:
        """Add one history entry."""
        ...

    def add_note(self, action_id: int, *, at: datetime, who: str, via: str, text: str) -> None:
        """Attach a note (and its history entry)."""
        ...

    def history(self, action_id: int) -> list[HistoryEntry]:
        """The action's history, oldest first."""
        ...

    def record_sent(
        self,
        sent: Sequence[tuple[int, str]],
        messages: Sequence[Outgoing],
        *,
        at: datetime,
        who: str,
        via: str,
        change: str,
    ) -> None:
        """History entries (action, username) for messages decided now, and the messages
        queued, in one transaction."""
        ...
