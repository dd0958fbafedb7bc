"""The meeting series: recurrence rules, the next meetings, moved and cancelled ones, periods."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from wp2bot.domain.dates_calendar import weekday_index

_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b")
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2})\s*(am|pm)?|\s*(am|pm))\b")
_EVERY_N = re.compile(r"\bevery\s+(\d{1,2})\s+weeks?\b")
_ORDINAL_WEEKS = {"other": 2, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_CANCELLED = re.compile(r"\b(cancel+ed|cancel+ation|postponed|no meeting)\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|—|\s+to\s+)\s*(\d{4}-\d{2}-\d{2})\s*(.*)$"
)
_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A weekly series: which weekday, what local time, every how many weeks."""

    weekday: int  # 0 = Monday
    at: time
    every_weeks: int = 1


def parse_recurrence(text: str) -> Recurrence:
    """Read "every second Wednesday 11:00", "every 2 weeks on Wednesday at 11:00", "weekly …".

    ``ValueError`` names what is missing.
    """
    low = " ".join(text.lower().split())
    day = _WEEKDAY.search(low)
    if day is None:
        raise ValueError(f"recurrence {text!r}: no weekday")
    clock = _TIME.search(low)
    weeks = 1
    if m := _EVERY_N.search(low):
        weeks = int(m.group(1))
    elif "fortnight" in low or "biweekly" in low or "bi-weekly" in low:
        weeks = 2
    else:
        for word, n in _ORDINAL_WEEKS.items():
            if re.search(rf"\bevery\s+{re.escape(word)}\b", low):
                weeks = n
                break
    if clock is None:
        raise ValueError(f"recurrence {text!r}: no time of day (e.g. 11:00)")
    hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    half = clock.group(3) or clock.group(4)
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60) or weeks < 1:
        raise ValueError(f"recurrence {text!r}: impossible time or interval")
    return Recurrence(weekday_index(day.group(1)), time(hour, minute), weeks)


def series_starts(
    rule: Recurrence, first: date, zone: str, after: datetime, count: int
) -> list[datetime]:
    """The next ``count`` meetings of the series anchored at ``first`` starting at or after
    ``after``, as aware UTC datetimes (the local time stays fixed across DST changes)."""
    tz = ZoneInfo(zone)
    anchor = first + timedelta(days=(rule.weekday - first.weekday()) % 7)
    step = 7 * rule.every_weeks
    local_after = after.astimezone(tz).date()
    k = max(0, (local_after - anchor).days // step - 1)
    found: list[datetime] = []
    while len(found) < count:
        day = anchor + timedelta(days=k * step)
        starts = datetime.combine(day, rule.at, tzinfo=tz).astimezone(UTC)
        if starts >= after:
            found.append(starts)
        k += 1
    return found


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    """One meeting of the series as its source (Indico or the recurrence) announces it."""

    key: str  # the meeting's identity: Indico event URL or "series:<UTC start>"
    title: str
    starts_at: datetime  # aware
    timezone: str
    url: str = ""
    indico_id: str | None = None
    cancelled: bool = False

    @property
    def local_date(self) -> date:
        """The meeting's date in its own zone."""
        return self.starts_at.astimezone(ZoneInfo(self.timezone)).date()


def is_cancelled_title(title: str) -> bool:
    """Indico series mark a dropped meeting in its title ("CANCELLED - WP2 meeting")."""
    return bool(_CANCELLED.search(title))


@dataclass(frozen=True, slots=True)
class CalendarDiff:
    """What changed in the series' upcoming window since it was last looked at."""

    new: tuple[PlannedMeeting, ...] = ()
    moved: tuple[PlannedMeeting, ...] = ()  # the new state; starts_at differs from the stored one
    cancelled: tuple[PlannedMeeting, ...] = ()
    unchanged: tuple[PlannedMeeting, ...] = ()


def reconcile(
    stored: Sequence[PlannedMeeting],
    fetched: Sequence[PlannedMeeting],
    start: datetime,
    end: datetime,
) -> CalendarDiff:
    """Compare the source's meetings in [start, end) with the stored ones.

    A stored meeting of the window that the source no longer lists, or whose title now says it
    is cancelled, is cancelled; one whose start changed has moved.
    """
    known = {m.key: m for m in stored}
    seen: set[str] = set()
    new: list[PlannedMeeting] = []
    moved: list[PlannedMeeting] = []
    cancelled: list[PlannedMeeting] = []
    unchanged: list[PlannedMeeting] = []
    for m in fetched:
        seen.add(m.key)
        if is_cancelled_title(m.title) and not m.cancelled:
            m = PlannedMeeting(m.key, m.title, m.starts_at, m.timezone, m.url, m.indico_id, True)
        old = known.get(m.key)
        if m.cancelled:
            if old is None or not old.cancelled:
                cancelled.append(m)
            else:
                unchanged.append(m)
        elif old is None:
            new.append(m)
        elif old.starts_at != m.starts_at or old.cancelled:
            moved.append(m)
        else:
            unchanged.append(m)
    for old in stored:
        if old.key not in seen and not old.cancelled and start <= old.starts_at < end:
            cancelled.append(
                PlannedMeeting(
                    old.key, old.title, old.starts_at, old.timezone, old.url, old.indico_id, True
                )
            )
    return CalendarDiff(tuple(new), tuple(moved), tuple(cancelled), tuple(unchanged))


def guess_next(dates: Iterable[date], after: date, default_gap: int = 14) -> date | None:
    """The next meeting date when nothing announces it: the last gap of the series repeated
    (fortnightly when only one meeting is known); None when no meeting is known at all."""
    known = sorted(set(dates))
    if not known:
        return None
    gap = (known[-1] - known[-2]).days if len(known) > 1 else default_gap
    gap = gap if 1 <= gap <= 62 else default_gap
    day = known[-1]
    while day < after:
        day += timedelta(days=gap)
    return day


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days from ``start`` to ``end``, both included, with an optional label."""

    start: date
    end: date
    label: str = ""

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` falls in the period."""
        return isinstance(day, date) and self.start <= day <= self.end

    def text(self) -> str:
        """``2026-12-20..2027-01-06`` (the form ``parse_period`` reads)."""
        span = f"{self.start.isoformat()}..{self.end.isoformat()}"
        return f"{span} {self.label}".rstrip()


def parse_period(text: str) -> Period:
    """``2026-12-20..2027-01-06 [label]`` or one day ``2026-12-24 [label]``; ValueError else."""
    m = _PERIOD.match(text)
    try:
        if m:
            start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
            label = m.group(3)
        elif d := _DAY.match(text):
            start = end = date.fromisoformat(d.group(1))
            label = d.group(2)
        else:
            raise ValueError("expected YYYY-MM-DD..YYYY-MM-DD")
    except ValueError as exc:
        raise ValueError(f"{text.strip()!r}: {exc}") from None
    if end < start:
        raise ValueError(f"{text.strip()!r}: the period ends before it starts")
    return Period(start, end, " ".join(label.split()))


def in_any(day: date, periods: Iterable[Period]) -> Period | None:
    """The first period that holds ``day``, if any."""
    return next((p for p in periods if day in p), None)
