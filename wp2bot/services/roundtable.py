"""The site/experiment round-table: asking before the meeting, answers in DMs, the report.

``tick`` opens the round-table a configured time before each meeting, asks each entity's
contacts (one DM per person, however many entities they answer for), chases silent entities
once, asks their backups, and closes at the meeting's start with one report thread. Everything
is recorded first, so a restart repeats nothing. The chair's live mode is in
``roundtable_live``; what is listed beside each entity in ``roundtable_entities``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from wp2bot.chat import Button, Card, Outgoing, Reply
from wp2bot.clock import Clock
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.outbox import message_key
from wp2bot.domain.roundtable import (
    AnswerKind,
    EntryState,
    RoundTablePolicy,
    Step,
    next_step,
    question_text,
)
from wp2bot.ports.roundtables import RoundTableInfo
from wp2bot.services.meeting_calendar import MeetingCalendar
from wp2bot.services.roundtable_entities import EntityView, RoundTableActions
from wp2bot.services.roundtable_report import ReportThread, RoundTableStore


class RoundTableError(ValueError):
    """A round-table request that cannot be done; the message says why."""


class RoundTableService:
    """Round-table use cases over the rhythm tables, the calendar and the outbox."""

    def __init__(
        self,
        store: RoundTableActions,
        rhythm: RoundTableStore,
        clock: Clock,
        view: EntityView,
        report: ReportThread,
        calendar: MeetingCalendar,
        *,
        policy: RoundTablePolicy | None = None,
    ) -> None:
        self.store, self.rhythm, self.clock = store, rhythm, clock
        # questions and chases are queued with their stamps and delivered by the outbox
        self.view, self.report, self.outbox = view, report, report.outbox
        self.calendar = calendar
        self.policy = policy or RoundTablePolicy()

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
                self.rhythm.open_roundtable(
                    meeting.key, meeting.title, meeting.starts_at, now, self.view.pairs()
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
            entity = self.view.entities.get(entry.entity)
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
                self.view.action_lines(entity),
                self.view.entity_status(entity.name),
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
            self.report.post(rt, now, closed_at=now)

    # ---------------------------------------------------------------- answers
    def answer(self, user: str, entry_id: int, kind: str, text: str = "") -> str:
        """Record a button's answer (nothing, same, reply) or a written one."""
        found = self.rhythm.entry(entry_id)
        if found is None:
            raise RoundTableError(f"There is no round-table question {entry_id}.")
        entry, rt = found
        if rt.closed_at is not None or rt.cancelled:
            raise RoundTableError("That round-table is closed; tell the meeting directly.")
        entity = self.view.entities.get(entry.entity)
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
