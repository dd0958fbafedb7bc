"""Where meetings and their minutes come from (Indico in production)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from wp2bot.domain.calendar import PlannedMeeting
from wp2bot.domain.minutes import NotePart
from wp2bot.domain.models import Participant


class SourceError(Exception):
    """The source could not give what was asked; the message is for humans, without secrets."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class SourceNotFound(SourceError):
    """No such meeting, or one the source will not show."""


@dataclass(frozen=True)
class FetchedMeeting:
    """One meeting with its notes, ready for extraction."""

    source: str  # canonical event URL, the meeting's identity: "https://host/event/123/"
    indico_id: str
    title: str
    starts_at: datetime  # aware, in the event's own zone
    timezone: str  # the event's own zone
    url: str
    category: str | None
    parts: tuple[NotePart, ...]
    participants: tuple[Participant, ...]
    has_minutes: bool
    ends_at: datetime | None = field(default=None, compare=False)


class MeetingSource(Protocol):
    """Announces the series' meetings in a date window."""

    prefix: str  # every key this source gives starts with it

    def meetings(self, start: date, end: date) -> Sequence[PlannedMeeting]:
        """Meetings starting within [start, end]."""
        ...


class CategoryReader(Protocol):
    """The part of the Indico client the calendar and the minutes watch use."""

    def category_events(
        self, category_id: int, start: date, end: date, *, with_notes: bool = True
    ) -> list[FetchedMeeting]:
        """Events of a category in a date window."""
        ...

    def event(self, event_id: int) -> FetchedMeeting:
        """One event."""
        ...
