"""The round-table's live mode: the chair walks the list in the meeting's channel.

``start`` opens (or finds) the round-table of the meeting at hand, ``next``/``back``/``skip``
move along the entities, ``note`` writes down what was said, ``end`` posts the report into the
live thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from wp2bot.chat import Outgoing
from wp2bot.clock import Clock
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.outbox import in_thread_of, message_key
from wp2bot.domain.roundtable import EntryState, report_text
from wp2bot.ports.roundtables import RoundTableInfo
from wp2bot.services.meeting_calendar import MeetingCalendar
from wp2bot.services.roundtable import RoundTableError
from wp2bot.services.roundtable_entities import EntityView
from wp2bot.services.roundtable_report import ReportThread, RoundTableStore

LIVE_WINDOW = timedelta(hours=12)  # a live round-table belongs to a meeting this close to now
LIVE = "roundtable_live"  # the outbox kind of the live round-table's first post


class LiveRoundTable:
    """The live mode's use cases over the rhythm tables, the calendar and the report thread."""

    def __init__(
        self,
        rhythm: RoundTableStore,
        clock: Clock,
        view: EntityView,
        report: ReportThread,
        calendar: MeetingCalendar,
    ) -> None:
        self.rhythm, self.clock, self.view = rhythm, clock, view
        self.report, self.calendar = report, calendar
        self.outbox = report.outbox

    def live_start(self, channel: str, user: str) -> str:
        """Start walking the list in ``channel``; the first entity's line."""
        now = self.clock.now()
        rt = self._current(now)
        root = rt.live_root_id or rt.report_post_id
        messages: list[Outgoing] = []
        if not root and self.outbox is not None and channel:
            key = message_key(LIVE, rt.id, now.isoformat(timespec="seconds"))
            text = f"**Round-table — {escape_mentions(rt.title)}** (live)"
            messages.append(Outgoing(key, LIVE, channel, text, direct=False))
            root = in_thread_of(key)  # the report goes into this post's thread once it is out
        rt = self.rhythm.update_roundtable(
            rt.id, messages=messages, at=now, live_active=True, live_channel=channel,
            live_root_id=root, live_position=0,
        )  # fmt: skip
        if self.outbox is not None and messages:
            self.outbox.send(messages)
        entries = self.rhythm.entries(rt.id)
        if not entries:
            raise RoundTableError("No sites or experiments are listed in the community file.")
        head = f"Round-table started by {escape_mentions(user)}: {len(entries)} to go."
        return head + "\n" + self.view.line(entries[0])

    def _current(self, now: datetime) -> RoundTableInfo:
        near = [rt for rt in self.rhythm.roundtables() if abs(rt.starts_at - now) <= LIVE_WINDOW]
        near = [rt for rt in near if not rt.cancelled]
        if near:
            return min(near, key=lambda rt: abs(rt.starts_at - now))
        meeting = self.calendar.previous_meeting(now)
        if meeting is None or meeting.starts_at is None or now - meeting.starts_at > LIVE_WINDOW:
            key, title, starts = f"live:{now:%Y-%m-%d}", f"meeting of {now:%Y-%m-%d}", now
        else:
            key, title, starts = meeting.key, meeting.title, meeting.starts_at
        return self.rhythm.open_roundtable(key, title, starts, now, self.view.pairs())

    def _live(self) -> tuple[RoundTableInfo, list[EntryState]]:
        active = [rt for rt in self.rhythm.roundtables() if rt.live_active]
        if not active:
            raise RoundTableError("No round-table is running; `roundtable start` starts one.")
        rt = active[-1]
        return rt, self.rhythm.entries(rt.id)

    def live_move(self, step: int, *, skip: bool = False) -> str:
        """``next`` (+1), ``back`` (-1) or ``skip`` (mark skipped, +1)."""
        rt, entries = self._live()
        pos = max(0, min(rt.live_position, len(entries) - 1))
        current = entries[pos]
        if skip:
            self.rhythm.update_entry(current.id, skipped=True, visited=True)
        elif step > 0:
            self.rhythm.update_entry(current.id, visited=True)
        new = pos + step
        if new >= len(entries):
            self.rhythm.update_roundtable(rt.id, live_position=len(entries))
            return "That was the last one; `roundtable end` posts the result."
        new = max(0, new)
        self.rhythm.update_roundtable(rt.id, live_position=new)
        return self.view.line(self.rhythm.entries(rt.id)[new])

    def live_note(self, text: str, user: str) -> str:
        """Write down what the current entity said in the meeting."""
        rt, entries = self._live()
        if not text.strip():
            raise RoundTableError("A note needs some text.")
        pos = max(0, min(rt.live_position, len(entries) - 1))
        entry = entries[pos]
        note = " ".join(filter(None, [entry.note, " ".join(text.split())]))[:2000]
        self.rhythm.update_entry(entry.id, note=note, answered_by=entry.answered_by or user)
        return f"Noted for **{escape_mentions(entry.entity)}**."

    def live_end(self) -> str:
        """Stop the live mode and post the result into the round-table's thread."""
        rt, _ = self._live()
        now = self.clock.now()
        rt = self.report.post(rt, now, live_active=False, closed_at=now)
        root, _ = report_text(rt.title, self.rhythm.entries(rt.id))
        return root
