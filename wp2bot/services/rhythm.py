"""The group's rhythm wired together: meeting calendar, reminders, round-table, chair's summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from wp2bot.chat import ChatPort
from wp2bot.clock import Clock
from wp2bot.domain.models import Roster
from wp2bot.domain.reminders import ReminderPolicy, RosterIndex
from wp2bot.domain.roundtable import RoundTablePolicy, entities
from wp2bot.domain.summary import SummaryPolicy
from wp2bot.ports.actions import Actions
from wp2bot.ports.meeting_source import MeetingSource
from wp2bot.ports.meetings import Meetings
from wp2bot.services.action_cards import StatusLookup
from wp2bot.services.briefing import BriefingService, BriefingState, MeetingCalendar
from wp2bot.services.outbox import Outbox
from wp2bot.services.reminding import ProfileSource, ReminderService, ReminderStore
from wp2bot.services.roundtable import RoundTableService, RoundTableStore


@dataclass(frozen=True)
class RhythmServices:
    """The rhythm's use cases, wired once by the composition root."""

    calendar: MeetingCalendar
    reminders: ReminderService
    roundtable: RoundTableService
    briefing: BriefingService
    outbox: Outbox | None = None

    def jobs(self) -> list[tuple[str, Callable[[datetime], object]]]:
        """(name, tick) for the scheduler, in the order they should run."""
        retries = [("outbox", self.outbox.tick)] if self.outbox is not None else []
        return [
            *retries,  # messages a killed or stopped sender left behind go out first
            ("calendar", self.calendar.sync),
            ("reminders", self.reminders.tick),
            ("roundtable", self.roundtable.tick),
            ("summary", self.briefing.tick),
        ]


class RhythmState(BriefingState, ReminderStore, RoundTableStore, Protocol):
    """Everything the rhythm remembers (``RhythmStore`` in production)."""


class RhythmActions(Actions, Meetings, Protocol):
    """The actions and meetings the rhythm reads (``Store`` in production)."""


def wire_rhythm(
    store: RhythmActions,
    rhythm: RhythmState,
    clock: Clock,
    chat: ChatPort | None,
    roster: Roster,
    *,
    zone: str,
    channel: str = "",
    chairs: Sequence[str] = (),
    source: MeetingSource | None = None,
    reminders: ReminderPolicy | None = None,
    roundtable: RoundTablePolicy | None = None,
    summary: SummaryPolicy | None = None,
    profiles: ProfileSource | None = None,
    status_for: Callable[[str], str] | None = None,
    red_endpoints: Callable[[], Sequence[str]] | None = None,
    status: StatusLookup | None = None,
    outbox: Outbox | None = None,
) -> RhythmServices:
    """Wire the calendar, reminders, round-table and briefing over one database.

    ``status`` (live status of linked checks) is shown next to every action they list;
    ``outbox`` delivers what they send (None: nothing is sent, as without a chat).
    """
    (reminders or ReminderPolicy()).closure_periods()  # a malformed closure fails at start-up
    index = RosterIndex(roster)
    calendar = MeetingCalendar(store, zone, source)
    rt_policy = roundtable or RoundTablePolicy()

    reminder = ReminderService(
        store, rhythm, clock, chat, index, policy=reminders, zone=zone,
        next_meeting=lambda now: (m.day if (m := calendar.next_meeting(now)) else None),
        profiles=profiles, status=status, outbox=outbox,
    )  # fmt: skip
    table = RoundTableService(
        store, rhythm, clock, chat, index, entities(roster, rt_policy.kinds), calendar,
        policy=rt_policy, channel=channel, status_for=status_for, status=status, outbox=outbox,
    )  # fmt: skip
    briefing = BriefingService(
        store, rhythm, chat, calendar, channel=channel, chairs=chairs, policy=summary,
        reminders=reminders, red_endpoints=red_endpoints, status=status, outbox=outbox,
    )  # fmt: skip
    return RhythmServices(calendar, reminder, table, briefing, outbox)
