"""The chair's pre-meeting summary, posted once per meeting to the channel and to the chairs.

The meeting calendar it reads is in ``meeting_calendar``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from wp2bot.chat import ChatPort, Outgoing
from wp2bot.domain.outbox import message_key
from wp2bot.domain.reminders import ReminderPolicy
from wp2bot.domain.roundtable import answer_summary
from wp2bot.domain.summary import (
    RoundTableView,
    Summary,
    SummaryPolicy,
    build_summary,
    summary_window,
)
from wp2bot.domain.summary_render import render
from wp2bot.ports.actions import ActionReader
from wp2bot.ports.meetings import Meetings
from wp2bot.ports.reminder_state import ReminderStates
from wp2bot.ports.roundtables import Briefings, RoundTables
from wp2bot.services.action_cards import StatusLookup, live_badges
from wp2bot.services.meeting_calendar import (
    Meeting,
    MeetingCalendar,
)
from wp2bot.services.outbox import Outbox
from wp2bot.services.summary_reads import count_proposals, read_sections, read_stuck

log = logging.getLogger(__name__)


class BriefingState(RoundTables, Briefings, ReminderStates, Protocol):
    """What the summary reads of the rhythm's state, and its once-per-meeting claim."""


class BriefingActions(ActionReader, Meetings, Protocol):
    """The actions and meetings the summary lists."""


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
        previous, meeting = self.calendar.around(now)
        today = now.astimezone(ZoneInfo(self.calendar.zone)).date()
        stuck = self.rhythm.unanswered(self.reminders.stuck_after)
        # what the summary shows, narrowed in SQL: each section's first items and its count
        meeting_ref = meeting.ref() if meeting else None
        previous_ref = previous.ref() if previous else None
        previous_id = previous.stored_id if previous else None
        window = summary_window(today, meeting_ref, previous_ref, previous_id)
        records, more = read_sections(self.store, window)
        summary = build_summary(
            records,
            today,
            meeting_ref,
            previous_ref,
            previous_id=previous_id,
            roundtable=self._roundtable(meeting),
            red_endpoints=self.red_endpoints() if self.red_endpoints else (),
        )
        summary = replace(
            summary,
            stuck=read_stuck(self.store, stuck),
            proposals=count_proposals(self.store),
            more=more,
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
