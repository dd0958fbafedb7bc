"""The site/experiment round-table: asking before the meeting, answers in DMs, live mode, report.

``tick`` opens the round-table a configured time before each meeting, asks each entity's
contacts (one DM per person, however many entities they answer for), chases silent entities
once, asks their backups, and closes at the meeting's start with one report thread. Everything
is recorded first, so a restart repeats nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from wp2bot.chat import Button, Card, ChatPort, Outgoing, Reply
from wp2bot.clock import Clock
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.models import OwnerKind
from wp2bot.domain.outbox import in_thread_of, message_key
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.render import one_line
from wp2bot.domain.roundtable import (
    AnswerKind,
    Entity,
    EntryState,
    RoundTablePolicy,
    Step,
    live_line,
    next_step,
    question_text,
    report_text,
)
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.ports.actions import ActionFilter, ActionReader
from wp2bot.ports.meetings import Meetings
from wp2bot.ports.roundtables import RoundTableInfo, RoundTables
from wp2bot.services.action_cards import StatusLookup, live_badges
from wp2bot.services.meeting_calendar import MeetingCalendar
from wp2bot.services.outbox import Outbox, OutboxRepository, local_outbox

log = logging.getLogger(__name__)

LIVE_WINDOW = timedelta(hours=12)  # a live round-table belongs to a meeting this close to now
REPORT = "roundtable_report"  # the outbox kind of the report thread's posts
LIVE = "roundtable_live"  # the outbox kind of the live round-table's first post


class RoundTableStore(RoundTables, Protocol):
    """The round-table's own state and its outbox (``RhythmStore`` in production)."""

    def outbox(self) -> OutboxRepository:
        """The outbox in the same database."""
        ...


class RoundTableActions(ActionReader, Meetings, Protocol):
    """The actions and meetings the round-table reads."""


class RoundTableError(ValueError):
    """A round-table request that cannot be done; the message says why."""


class RoundTableService:
    """Round-table use cases over the rhythm tables, the calendar and the outbox."""

    def __init__(
        self,
        store: RoundTableActions,
        rhythm: RoundTableStore,
        clock: Clock,
        chat: ChatPort | None,
        index: RosterIndex,
        entities: Sequence[Entity],
        calendar: MeetingCalendar,
        *,
        policy: RoundTablePolicy | None = None,
        channel: str = "",
        status_for: Callable[[str], str] | None = None,
        status: StatusLookup | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.store, self.rhythm, self.clock, self.chat = store, rhythm, clock, chat
        # questions and chases are queued with their stamps and delivered by the outbox
        self.outbox = outbox or local_outbox(rhythm.outbox(), clock, chat)
        self.index, self.calendar = index, calendar
        self.entities = {e.name: e for e in entities}
        self.policy = policy or RoundTablePolicy()
        self.channel = channel
        self.status_for = status_for  # live endpoint status of an entity (its site's checks)
        self.status = status  # live status of the checks linked to each listed action

    # ---------------------------------------------------------------- schedule
    def tick(self, now: datetime | None = None) -> list[str]:
        """Open, ask, chase, ask backups and close as due at ``now``; returns who was written."""
        now = now or self.clock.now()
        self._follow_calendar()
        for rt in self.rhythm.roundtables(active=True):
            if rt.starts_at <= now:
                self._close(rt, now)
        meeting = self.calendar.next_meeting(now)
        if meeting is not None and not meeting.expected and meeting.starts_at is not None:
            opens = meeting.starts_at - timedelta(hours=self.policy.open_hours_before)
            if opens <= now < meeting.starts_at:
                pairs = [(e.name, e.kind) for e in self.entities.values()]
                self.rhythm.open_roundtable(
                    meeting.key, meeting.title, meeting.starts_at, now, pairs
                )
        written: list[str] = []
        for rt in self.rhythm.roundtables(active=True):
            if rt.starts_at > now:
                written.extend(self._ask(rt, now))
        return written

    def _follow_calendar(self) -> None:
        """Moved meetings move their round-table; cancelled ones cancel it."""
        meetings = {m.source: m for m in self.store.meetings()}
        for rt in self.rhythm.roundtables(active=True):
            m = meetings.get(rt.meeting_key)
            if m is None:
                continue
            if m.cancelled:
                self.rhythm.update_roundtable(rt.id, cancelled=True)
            elif m.starts_at is not None and m.starts_at != rt.starts_at:
                self.rhythm.update_roundtable(rt.id, starts_at=m.starts_at)

    def _ask(self, rt: RoundTableInfo, now: datetime) -> list[str]:
        bundles: dict[str, list[tuple[EntryState, str]]] = defaultdict(list)
        stamps: list[tuple[int, tuple[str, ...], str]] = []
        for entry in self.rhythm.entries(rt.id):
            entity = self.entities.get(entry.entity)
            if entity is None:
                continue
            step = next_step(entry, now, self.policy)
            if step is Step.WAIT:
                continue
            people = entity.backups if step is Step.BACKUP else entity.contacts
            if not people and step is Step.BACKUP:
                people = entity.contacts  # no backup named: chase the contacts instead
            stamp = {Step.ASK: "asked_at", Step.CHASE: "chased_at", Step.BACKUP: "backup_at"}
            stamps.append((entry.id, tuple(people), stamp[step]))
            text = question_text(
                entity,
                rt.title,
                self._action_lines(entity),
                self._status(entity.name),
                chase=step is Step.CHASE,
                backup=step is Step.BACKUP,
            )
            for person in people:
                bundles[person.lower()].append((entry, text))
        messages = [
            Outgoing(
                message_key("roundtable", rt.id, person, now.isoformat(timespec="seconds")),
                "roundtable",
                person,
                "\n\n".join(t for _, t in items),
                cards=tuple(self._card(e) for e, _ in items),
            )
            for person, items in bundles.items()
        ]
        # The stamps and the questions commit together: a crash loses or repeats neither.
        self.rhythm.record_asks(stamps, now, messages if self.outbox is not None else ())
        if self.outbox is None:
            return []
        self.outbox.deliver()
        return sorted(bundles)

    def _card(self, entry: EntryState) -> Card:
        def button(bid: str, label: str, arg: str, style: str = "default") -> Button:
            return Button(bid, label, {"cmd": "roundtable", "id": entry.id, "arg": arg}, style)

        return Card(
            title=escape_mentions(entry.entity),
            buttons=(
                button("rtnothing", "Nothing to report", "nothing", "primary"),
                button("rtsame", "Same as last time", "same"),
                button("rtreply", "Reply", "reply"),
            ),
        )

    def _close(self, rt: RoundTableInfo, now: datetime) -> None:
        """No more DM answers; the report thread unless the chair runs the live mode."""
        if rt.live_active or rt.report_post_id:
            self.rhythm.update_roundtable(rt.id, closed_at=now)
        else:
            self._report(rt, now, closed_at=now)

    def _report(self, rt: RoundTableInfo, now: datetime, **fields: Any) -> RoundTableInfo:
        """Change ``fields`` and queue the report in one transaction, then send it.

        The report is a root post with the answers in its thread, or one post in the live
        thread; the thread is remembered as the outbox message it starts with, whose post id
        the outbox fills in when it sends the answers.
        """
        channel = rt.live_channel or self.channel
        if self.outbox is None or not channel:
            return self.rhythm.update_roundtable(rt.id, **fields)
        root, reply = report_text(rt.title, self.rhythm.entries(rt.id))
        key = message_key(REPORT, rt.id, now.isoformat(timespec="seconds"))
        thread = rt.live_root_id or rt.report_post_id
        if thread:
            messages = [Outgoing(key, REPORT, channel, root + "\n\n" + reply, direct=False,
                                 root_id=thread)]  # fmt: skip
        else:
            head = message_key(key, "root")
            thread = in_thread_of(head)
            messages = [
                Outgoing(head, REPORT, channel, root, direct=False),
                Outgoing(message_key(key, "answers"), REPORT, channel, reply, direct=False,
                         root_id=thread),
            ]  # fmt: skip
        rt = self.rhythm.update_roundtable(
            rt.id, messages=messages, at=now, report_post_id=thread, **fields
        )
        self.outbox.send(messages)
        return rt

    # ---------------------------------------------------------------- answers
    def answer(self, user: str, entry_id: int, kind: str, text: str = "") -> str:
        """Record a button's answer (nothing, same, reply) or a written one."""
        found = self.rhythm.entry(entry_id)
        if found is None:
            raise RoundTableError(f"There is no round-table question {entry_id}.")
        entry, rt = found
        if rt.closed_at is not None or rt.cancelled:
            raise RoundTableError("That round-table is closed; tell the meeting directly.")
        entity = self.entities.get(entry.entity)
        allowed = {
            u.lower()
            for u in (*(entity.contacts if entity else ()), *(entity.backups if entity else ()))
        }
        if user.lower() not in allowed:
            raise RoundTableError(f"You are not a contact of {escape_mentions(entry.entity)}.")
        now = self.clock.now()
        if kind == "reply":
            self.rhythm.set_replying(user, entry_id, now)
            name = escape_mentions(entry.entity)
            return f"Write your answer for **{name}** as your next message here."
        if kind == "same":
            previous = self.rhythm.previous_answer(entry.entity, rt.starts_at)
            answer, stored = AnswerKind.SAME, previous
        elif kind == "nothing":
            answer, stored = AnswerKind.NOTHING, ""
        elif kind == "text" and text.strip():
            answer, stored = AnswerKind.TEXT, " ".join(text.split())[:2000]
        else:
            raise RoundTableError("Answer with nothing, same, reply or some text.")
        self.rhythm.update_entry(
            entry_id, answer=answer.value, answer_text=stored, answered_by=user, answered_at=now
        )
        self.rhythm.set_replying(user, None, now)
        said = {AnswerKind.NOTHING: "nothing to report", AnswerKind.SAME: "same as last time"}
        what = said.get(answer, "your answer")
        return f"Thanks — recorded for **{escape_mentions(entry.entity)}**: {what}."

    def roundtable_answer(self, user: str, text: str) -> Reply | None:
        """A DM that is not a command: the answer to an open round-table question, if any.

        None when ``user`` has no open question (the transport then answers as usual).
        """
        asked = self.rhythm.asked_entries(user)
        if not asked or not text.strip():
            return None
        chosen = self.rhythm.replying_entry(user)
        pick = [e for e, _ in asked if e.id == chosen]
        if not pick:
            named = [e for e, _ in asked if text.strip().casefold().startswith(e.entity.casefold())]
            pick = named or ([asked[0][0]] if len({e.entity for e, _ in asked}) == 1 else [])
        if not pick:
            cards = tuple(self._card(e) for e, _ in asked)
            names = ", ".join(escape_mentions(e.entity) for e, _ in asked)
            return Reply(
                f"You answer for {names}: start your message with the name, or press Reply.",
                cards=cards, ok=False,
            )  # fmt: skip
        try:
            return Reply(self.answer(user, pick[0].id, "text", text))
        except RoundTableError as exc:
            return Reply(str(exc), ok=False)

    # ---------------------------------------------------------------- live mode
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
        return head + "\n" + self._line(entries[0])

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
        pairs = [(e.name, e.kind) for e in self.entities.values()]
        return self.rhythm.open_roundtable(key, title, starts, now, pairs)

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
        return self._line(self.rhythm.entries(rt.id)[new])

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
        rt = self._report(rt, now, live_active=False, closed_at=now)
        root, _ = report_text(rt.title, self.rhythm.entries(rt.id))
        return root

    def _line(self, entry: EntryState) -> str:
        entity = self.entities.get(entry.entity)
        contacts = entity.contacts if entity else ()
        count = len(self._entity_records(entry.entity))
        return live_line(entry, contacts, count, self._status(entry.entity))

    # ---------------------------------------------------------------- context
    def _status(self, entity: str) -> str:
        if self.status_for is None:
            return ""
        try:
            return self.status_for(entity)
        except Exception:  # live status is a nicety; the round-table goes on without it
            log.warning("no endpoint status for %s", entity, exc_info=True)
            return ""

    def _entity_records(self, name: str) -> list[ActionRecord]:
        """The open accepted items of an entity: owned by its group (by name or alias), or by a
        person of that site or experiment. One indexed read of those owners' items, not of every
        open item; the roster decides which of them belong."""
        key = name.casefold()
        group = self.index.group(name)
        names = {name, *((group.name, *group.aliases) if group else ())}
        for member in self.index.people.values():
            site = self.index.group(member.site) if member.site else None
            at_site = (site.name if site else member.site or "").casefold() == key
            if at_site or key in (x.casefold() for x in member.experiments):
                names.add(member.name)
        flt = ActionFilter(reviews=(Review.ACCEPTED,), open_only=True, owner_names=tuple(names))
        found = []
        for rec in self.store.actions(flt):
            if any(s.casefold() == key for s in self.index.sites(rec)):
                found.append(rec)
                continue
            for o in rec.owners:
                person = self.index.people.get(" ".join(o.name.split()).casefold())
                in_group = o.kind is OwnerKind.GROUP and o.name.casefold() == key
                in_exp = person is not None and key in (x.casefold() for x in person.experiments)
                if in_group or in_exp:
                    found.append(rec)
                    break
        return found

    def _action_lines(self, entity: Entity) -> list[str]:
        lines = []
        shown = self._entity_records(entity.name)[:10]
        badges = live_badges(self.status, [r.id for r in shown])
        for rec in shown:
            due = f" (due {rec.due.isoformat()})" if rec.due else ""
            badge = f" — {badges[rec.id]}" if rec.id in badges else ""
            lines.append(f"#{rec.id} {escape_mentions(one_line(rec.text))[:120]}{due}{badge}")
        return lines
