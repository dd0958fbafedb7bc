"""Stored meetings."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol


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


class Meetings(Protocol):
    """The meetings the minutes came from, and the calendar's planned ones."""

    def upsert_meeting(self, source: str, **fields: Any) -> tuple[MeetingRecord, str | None]:
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
