"""The meeting calendar: where the meetings come from (an Indico category, an event list or a
recurrence) and the upcoming ones kept in the meeting table, moved and cancelled included."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from wp2bot.domain.calendar import (
    CalendarDiff,
    PlannedMeeting,
    Recurrence,
    guess_next,
    parse_recurrence,
    reconcile,
    series_starts,
)
from wp2bot.domain.summary import MeetingRef
from wp2bot.ports.meeting_source import (
    CategoryReader,
    FetchedMeeting,
    MeetingSource,
    SourceNotFound,
)
from wp2bot.ports.meetings import MeetingRecord, Meetings

log = logging.getLogger(__name__)


SERIES_PREFIX = "series:"


class RecurrenceSource:
    """Meetings from a recurrence rule in the configuration (no Indico)."""

    prefix = SERIES_PREFIX

    def __init__(self, rule: Recurrence, first: date, zone: str, title: str) -> None:
        self.rule, self.first, self.zone, self.title = rule, first, zone, title

    def meetings(self, start: date, end: date) -> list[PlannedMeeting]:
        """The rule's meetings within [start, end]."""
        after = datetime.combine(start, time(), tzinfo=ZoneInfo(self.zone))
        found = []
        for starts in series_starts(self.rule, self.first, self.zone, after, 60):
            if starts.astimezone(ZoneInfo(self.zone)).date() > end:
                break
            key = f"{SERIES_PREFIX}{starts.astimezone(UTC).isoformat()}"
            found.append(PlannedMeeting(key, self.title, starts, self.zone))
        return found


def series_source(
    recurrence: str, first: str, zone: str, title: str = "Meeting"
) -> RecurrenceSource | None:
    """The configured recurrence (``[meeting]`` recurrence/first/timezone) as a source; None
    when no recurrence is configured, ``ValueError`` when it cannot be read."""
    if not recurrence.strip():
        return None
    rule = parse_recurrence(recurrence)
    if first.strip():
        anchor = date.fromisoformat(first.strip())
    elif rule.every_weeks == 1:
        anchor = date(2000, 1, 3)  # any Monday: a weekly series needs no anchor
    else:
        raise ValueError("meeting.first: a date of one meeting is needed for a multi-week series")
    ZoneInfo(zone)  # fail early on an unknown zone
    return RecurrenceSource(rule, anchor, zone, title)


def _planned(e: FetchedMeeting) -> PlannedMeeting:
    return PlannedMeeting(e.source, e.title, e.starts_at, e.timezone, e.url, e.indico_id)


class IndicoSource:
    """Meetings of an Indico category (moved ones come with their new start)."""

    def __init__(self, client: CategoryReader, category_id: int, base_url: str) -> None:
        self.client, self.category_id = client, category_id
        self.prefix = base_url.rstrip("/") + "/event/"

    def meetings(self, start: date, end: date) -> list[PlannedMeeting]:
        """The category's events within [start, end], without their notes."""
        events = self.client.category_events(self.category_id, start, end, with_notes=False)
        return [_planned(e) for e in events]


class IndicoEventsSource:
    """Meetings given as a list of Indico event ids (``indico.events``), without a category.

    An event that is no longer visible drops out of the list, so it counts as cancelled.
    """

    def __init__(self, client: CategoryReader, event_ids: Sequence[int], base_url: str) -> None:
        self.client, self.event_ids = client, tuple(event_ids)
        self.prefix = base_url.rstrip("/") + "/event/"

    def meetings(self, start: date, end: date) -> list[PlannedMeeting]:
        """The listed events that start within [start, end]."""
        found = []
        for event_id in self.event_ids:
            try:
                planned = _planned(self.client.event(event_id))
            except SourceNotFound:
                continue
            if start <= planned.local_date <= end:
                found.append(planned)
        return sorted(found, key=lambda m: m.starts_at)


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting as the rhythm sees it (stored, computed from the rule, or guessed)."""

    key: str
    title: str
    day: date
    timezone: str
    starts_at: datetime | None = None
    url: str = ""
    stored_id: int | None = None
    expected: bool = False  # guessed from the series' rhythm

    def ref(self) -> MeetingRef:
        """The summary's view of it."""
        return MeetingRef(
            self.title, self.starts_at, self.day, self.timezone, self.url, self.expected
        )


def _from_record(m: MeetingRecord) -> Meeting | None:
    zone = m.timezone or "UTC"
    if m.starts_at is not None:
        day = m.starts_at.astimezone(ZoneInfo(zone)).date()
    elif m.meeting_date is not None:
        day = m.meeting_date
    else:
        return None
    return Meeting(m.source, m.title, day, zone, m.starts_at, m.url or "", m.id)


class MeetingCalendar:
    """Keeps the upcoming meetings in the meeting table and answers "next" and "previous"."""

    def __init__(
        self,
        store: Meetings,
        zone: str,
        source: MeetingSource | None = None,
        *,
        lookahead_days: int = 60,
    ) -> None:
        self.store, self.zone, self.source = store, zone, source
        self.lookahead = lookahead_days

    def sync(self, now: datetime) -> CalendarDiff:
        """Store new, moved and cancelled meetings of the source's upcoming window."""
        if self.source is None:
            return CalendarDiff()
        today = now.astimezone(ZoneInfo(self.zone)).date()
        end = today + timedelta(days=self.lookahead)
        fetched = self.source.meetings(today, end)
        stored = [
            PlannedMeeting(
                m.source, m.title, m.starts_at, m.timezone, m.url or "", m.indico_id, m.cancelled
            )
            for m in self.store.meetings()
            if m.starts_at is not None and m.source.startswith(self.source.prefix)
        ]
        start_at = datetime.combine(today, time(), tzinfo=ZoneInfo(self.zone))
        end_at = datetime.combine(end, time(23, 59), tzinfo=ZoneInfo(self.zone))
        diff = reconcile(stored, fetched, start_at, end_at)
        for m in (*diff.new, *diff.moved, *diff.cancelled):
            self.store.upsert_meeting(
                m.key,
                title=m.title,
                meeting_date=m.local_date,
                starts_at=m.starts_at,
                timezone=m.timezone,
                url=m.url or None,
                indico_id=m.indico_id,
                cancelled=m.cancelled,
            )
        if diff.moved or diff.cancelled:
            log.info("calendar: %d moved, %d cancelled", len(diff.moved), len(diff.cancelled))
        return diff

    def _known(self) -> list[Meeting]:
        found = [
            (m, r) for r in self.store.meetings() if not r.cancelled for m in [_from_record(r)] if m
        ]
        # An ingested meeting (with minutes) wins over the series' placeholder of the same day.
        found.sort(key=lambda x: (x[0].day, x[0].starts_at is not None, bool(x[1].minutes_hash)))
        return [m for m, _ in found]

    def around(self, now: datetime) -> tuple[Meeting | None, Meeting | None]:
        """(previous, next) meeting as of ``now``, from one read of the stored meetings."""
        known = self._known()
        return self._previous(now, known), self._next(now, known)

    def next_meeting(self, now: datetime) -> Meeting | None:
        """The first meeting not yet started: stored, else from the rule, else guessed."""
        return self._next(now, self._known())

    def previous_meeting(self, now: datetime) -> Meeting | None:
        """The last meeting that has started (its minutes are the ones to link)."""
        return self._previous(now, self._known())

    def _next(self, now: datetime, known: list[Meeting]) -> Meeting | None:
        today = now.astimezone(ZoneInfo(self.zone)).date()
        ahead = [
            m
            for m in known
            if (m.starts_at is not None and m.starts_at > now)
            or (m.starts_at is None and m.day > today)
        ]
        if ahead:
            return min(ahead, key=lambda m: (m.day, m.starts_at or now))
        if isinstance(self.source, RecurrenceSource):
            for p in self.source.meetings(today, today + timedelta(days=62)):
                if p.starts_at > now:
                    return Meeting(p.key, p.title, p.local_date, p.timezone, p.starts_at)
        past = [m for m in known if m.day <= today]
        guess = guess_next([m.day for m in past], today + timedelta(days=1))
        if guess is None:
            return None
        title = past[-1].title if past else "Meeting"
        return Meeting(f"expected:{guess.isoformat()}", title, guess, self.zone, expected=True)

    def _previous(self, now: datetime, known: list[Meeting]) -> Meeting | None:
        today = now.astimezone(ZoneInfo(self.zone)).date()
        past = [
            m
            for m in known
            if (m.starts_at is not None and m.starts_at <= now)
            or (m.starts_at is None and m.day <= today)
        ]
        return past[-1] if past else None
