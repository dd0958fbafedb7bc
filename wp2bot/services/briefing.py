"""The meeting calendar (Indico or a recurrence, moved and cancelled meetings) and the chair's
pre-meeting summary, posted once per meeting to the channel and to the chairs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from wp2bot.chat import ChatPort, Outgoing
from wp2bot.domain.calendar import (
    CalendarDiff,
    PlannedMeeting,
    Recurrence,
    guess_next,
    parse_recurrence,
    reconcile,
    series_starts,
)
from wp2bot.domain.outbox import message_key
from wp2bot.domain.reminders import ReminderPolicy
from wp2bot.domain.roundtable import answer_summary
from wp2bot.domain.summary import (
    MeetingRef,
    RoundTableView,
    Summary,
    SummaryPolicy,
    build_summary,
    render,
    summary_since,
)
from wp2bot.ports.actions import ActionFilter, ActionReader
from wp2bot.ports.meeting_source import (
    CategoryReader,
    FetchedMeeting,
    MeetingSource,
    SourceNotFound,
)
from wp2bot.ports.meetings import MeetingRecord, Meetings
from wp2bot.ports.reminder_state import ReminderStates
from wp2bot.ports.roundtables import Briefings, RoundTables
from wp2bot.services.action_cards import StatusLookup, live_badges
from wp2bot.services.outbox import Outbox

__all__ = ["BriefingService", "CategoryReader", "MeetingCalendar", "MeetingSource"]

log = logging.getLogger(__name__)


class BriefingState(RoundTables, Briefings, ReminderStates, Protocol):
    """What the summary reads of the rhythm's state, and its once-per-meeting claim."""


class BriefingActions(ActionReader, Meetings, Protocol):
    """The actions and meetings the summary lists."""


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

    def next_meeting(self, now: datetime) -> Meeting | None:
        """The first meeting not yet started: stored, else from the rule, else guessed."""
        today = now.astimezone(ZoneInfo(self.zone)).date()
        known = self._known()
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

    def previous_meeting(self, now: datetime) -> Meeting | None:
        """The last meeting that has started (its minutes are the ones to link)."""
        today = now.astimezone(ZoneInfo(self.zone)).date()
        past = [
            m
            for m in self._known()
            if (m.starts_at is not None and m.starts_at <= now)
            or (m.starts_at is None and m.day <= today)
        ]
        return past[-1] if past else None


class BriefingService:
    """Builds the chair's summary and posts it once, a configured time before each meeting."""

    def __init__(
        self,
        store: BriefingActions,
        rhythm: BriefingState,
        chat: ChatPort | None,
        calendar: MeetingCalendar,
        *,
        channel: str = "",
        chairs: Sequence[str] = (),
        policy: SummaryPolicy | None = None,
        reminders: ReminderPolicy | None = None,
        red_endpoints: Callable[[], Sequence[str]] | None = None,
        status: StatusLookup | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.store, self.rhythm, self.chat, self.calendar = store, rhythm, chat, calendar
        self.outbox = outbox  # the summary is queued with its claim and delivered from there
        self.channel, self.chairs = channel, tuple(chairs)
        self.policy = policy or SummaryPolicy()
        self.reminders = reminders or ReminderPolicy()
        self.red_endpoints = red_endpoints  # the failing checks, listed at the end
        self.status = status  # live status of the checks linked to each listed action

    def build(self, now: datetime) -> Summary:
        """The summary as of ``now``."""
        meeting = self.calendar.next_meeting(now)
        previous = self.calendar.previous_meeting(now)
        today = now.astimezone(ZoneInfo(self.calendar.zone)).date()
        state = self.rhythm.reminder_state()
        stuck = sorted(
            (a, n) for a, n in state.unanswered.items() if n >= self.reminders.stuck_after
        )
        # what the summary shows: the open items, and the done ones closed or new since then
        since = summary_since(previous.ref()) if previous else None
        done = (since, previous.stored_id if previous else None)
        records = self.store.actions(ActionFilter(open_only=True))
        records += self.store.actions(ActionFilter(done_since=done))
        records.sort(key=lambda r: r.id)
        summary = build_summary(
            records,
            today,
            meeting.ref() if meeting else None,
            previous.ref() if previous else None,
            previous_id=previous.stored_id if previous else None,
            stuck=stuck,
            roundtable=self._roundtable(meeting),
            red_endpoints=self.red_endpoints() if self.red_endpoints else (),
        )
        listed = [r.id for r in (*summary.overdue, *summary.due_soon, *summary.new,
                                 *summary.still_open, *summary.closed)]  # fmt: skip
        badges = live_badges(self.status, listed)
        return replace(summary, live=badges) if badges else summary

    def _roundtable(self, meeting: Meeting | None) -> RoundTableView | None:
        rt = self.rhythm.roundtable(meeting.key) if meeting else None
        if rt is None:
            return None
        entries = self.rhythm.entries(rt.id)
        return RoundTableView(
            answers=tuple(
                (e.entity, e.answered_by, answer_summary(e)) for e in entries if e.answered
            ),
            missing=tuple(e.entity for e in entries if not e.answered),
        )

    def text(self, now: datetime, fmt: str = "markdown") -> str:
        """The summary rendered as markdown, html or text."""
        return render(self.build(now), fmt)

    def tick(self, now: datetime) -> bool:
        """Post the next meeting's summary when its time has come; True when it was posted.

        Idempotent: the database remembers each meeting's summary, so a restart or a second
        tick posts nothing new; a bot that comes back after the meeting started stays quiet.
        """
        meeting = self.calendar.next_meeting(now)
        if meeting is None or meeting.expected or meeting.starts_at is None or self.outbox is None:
            return False
        if not meeting.starts_at - timedelta(hours=self.policy.hours_before) <= now:
            return False
        body = render(self.build(now), "markdown")
        messages = [
            Outgoing(message_key("summary", meeting.key, "~" + self.channel), "summary",
                     self.channel, body, direct=False)
        ] if self.channel else []  # fmt: skip
        messages += [
            Outgoing(message_key("summary", meeting.key, chair.removeprefix("@").lower()),
                     "summary", chair.removeprefix("@"), body)
            for chair in self.chairs
        ]  # fmt: skip
        if not self.rhythm.claim_briefing(meeting.key, now, messages):
            return False
        self.outbox.deliver()
        log.info("queued the summary for %s", meeting.key)
        return True
