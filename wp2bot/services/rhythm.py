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
from wp2bot.services.briefing import BriefingService, BriefingState
from wp2bot.services.meeting_calendar import MeetingCalendar
from wp2bot.services.outbox import Outbox, local_outbox
from wp2bot.services.reminder_zones import ProfileSource
from wp2bot.services.reminding import ReminderService, ReminderStore
from wp2bot.services.roundtable import RoundTableService
from wp2bot.services.roundtable_entities import EntityView
from wp2bot.services.roundtable_live import LiveRoundTable
from wp2bot.services.roundtable_report import ReportThread, RoundTableStore


@dataclass(frozen=True)
class RhythmServices:
    """The rhythm's use cases, wired once by the composition root."""

    calendar: MeetingCalendar
    reminders: ReminderService
    roundtable: RoundTableService
    live_table: LiveRoundTable  # the chair's live mode of the same round-tables
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


class LiveView(StatusLookup, Protocol):
    """What the rhythm shows of live status (``LiveStatus`` in production)."""

    def entity_status(self, entity: str) -> str:
        """A line on the checks of an entity's site, for its round-table entry."""
        ...

    def red_endpoints(self) -> Sequence[str]:
        """The failing checks, listed at the end of the chair's summary."""
        ...


@dataclass(frozen=True, slots=True)
class RhythmOptions:
    """How the rhythm is configured, and what it reads and sends besides the database.

    ``live`` (live status of linked checks) is shown next to every action listed, beside each
    round-table entity and at the end of the summary; ``outbox`` delivers what the rhythm sends
    (None: nothing is sent, as without a chat).
    """

    zone: str
    channel: str = ""
    chairs: Sequence[str] = ()
    source: MeetingSource | None = None
    reminders: ReminderPolicy | None = None
    roundtable: RoundTablePolicy | None = None
    summary: SummaryPolicy | None = None
    profiles: ProfileSource | None = None
    live: LiveView | None = None
    outbox: Outbox | None = None


def wire_rhythm(
    store: RhythmActions,
    rhythm: RhythmState,
    clock: Clock,
    chat: ChatPort | None,
    roster: Roster,
    options: RhythmOptions,
) -> RhythmServices:
    """Wire the calendar, reminders, round-table and briefing over one database."""
    o, live = options, options.live
    (o.reminders or ReminderPolicy()).closure_periods()  # a malformed closure fails at start-up
    index = RosterIndex(roster)
    calendar = MeetingCalendar(store, o.zone, o.source)
    rt_policy = o.roundtable or RoundTablePolicy()

    reminder = ReminderService(
        store, rhythm, clock, chat, index, policy=o.reminders, zone=o.zone,
        next_meeting=lambda now: (m.day if (m := calendar.next_meeting(now)) else None),
        profiles=o.profiles, status=live, outbox=o.outbox,
    )  # fmt: skip
    view = EntityView(
        store, index, entities(roster, rt_policy.kinds),
        status_for=live.entity_status if live else None, status=live,
    )  # fmt: skip
    report = ReportThread(rhythm, o.outbox or local_outbox(rhythm.outbox(), clock, chat), o.channel)
    table = RoundTableService(store, rhythm, clock, view, report, calendar, policy=rt_policy)
    live_table = LiveRoundTable(rhythm, clock, view, report, calendar)
    briefing = BriefingService(
        store, rhythm, chat, calendar, channel=o.channel, chairs=o.chairs, policy=o.summary,
        reminders=o.reminders, red_endpoints=live.red_endpoints if live else None, status=live,
        outbox=o.outbox,
    )  # fmt: skip
    return RhythmServices(calendar, reminder, table, live_table, briefing, o.outbox)
