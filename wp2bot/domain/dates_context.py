"""What relative deadlines are measured against (shared by the deadline rules and their search)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from wp2bot.domain.models import Precision


@dataclass(frozen=True)
class DateContext:
    """What relative deadlines are measured against: the meeting, its zone, its series, events."""

    meeting_date: date | None  # the meeting's date in its own zone
    timezone: str = "UTC"
    next_meeting: date | None = None  # next event of the series when known (calendar, META, text)
    named_events: Mapping[str, date] = field(default_factory=dict)
    next_precision: Precision = Precision.DAY  # WEEK: next_meeting is an estimate (a cadence)
