"""Stored meetings."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypedDict, Unpack


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """A stored meeting."""

    id: int
    source: str
    title: str
    meeting_date: date | None
    timezone: str
    url: str | None
    minutes_hash: str
    indico_id: str | None = None
    starts_at: datetime | None = None
    cancelled: bool = False


class MeetingFields(TypedDict, total=False):
    """The fields of a meeting an upsert sets; those not given keep their stored values."""

    indico_id: str | None
    title: str
    meeting_date: date | None
    starts_at: datetime | None
    timezone: str
    url: str | None
    category: str | None
    minutes_hash: str
    cancelled: bool
    ingested_at: datetime | None


class Meetings(Protocol):
    """The meetings the minutes came from, and the calendar's planned ones."""

    def upsert_meeting(
        self, source: str, **fields: Unpack[MeetingFields]
    ) -> tuple[MeetingRecord, str | None]:
        """Create or update the meeting of ``source``; also returns its previous minutes hash."""
        ...

    def meetings(self) -> list[MeetingRecord]:
        """Every stored meeting."""
        ...

    def minutes_hash(self, source: str) -> str | None:
        """The hash of the minutes last ingested from ``source``; None for a new source."""
        ...

    def exclusive(self, key: str) -> AbstractContextManager[None]:
        """One transaction for the block, and one such block per ``key`` at a time."""
        ...
