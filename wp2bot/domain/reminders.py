"""Reminder policy and the pure rules behind it: when an item is due a nudge, when a person may
be written to, who an item escalates to, and the text of one person's daily digest.

Reminders are worked out from *occasions* (3 days before the due date, the due day, overdue
days with growing gaps, a few days before the next meeting for undated items). An item needs a
nudge when its latest occasion up to today is later than the occasion it was last nudged for;
so a bot that was down sends one nudge per item, not one per missed day.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from wp2bot.domain.calendar import Period, in_any, parse_period
from wp2bot.domain.models import OwnerKind, Roster, RosterGroup, RosterPerson
from wp2bot.domain.tracking import ActionRecord


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out and when they escalate (the ``[reminders]`` settings table)."""

    days_before: tuple[int, ...] = field(
        default=(3,), metadata=_doc("days before the due date that a reminder goes out")
    )
    on_due_day: bool = field(default=True, metadata=_doc("remind on the due day itself"))
    overdue_gaps: tuple[int, ...] = field(
        default=(1, 2, 4, 7),
        metadata=_doc("days between overdue nudges; the last gap repeats"),
    )
    undated_days_before_meeting: int = field(
        default=2, metadata=_doc("items without a due date: nudge this many days before a meeting")
    )
    send_from: int = field(default=9, metadata=_doc("earliest local hour for a reminder"))
    send_until: int = field(default=18, metadata=_doc("local hour after which reminders wait"))
    weekends: bool = field(default=False, metadata=_doc("also send on Saturdays and Sundays"))
    escalate_after: int = field(
        default=3, metadata=_doc("unanswered overdue nudges before the backup/site contact hears")
    )
    stuck_after: int = field(
        default=5, metadata=_doc("unanswered overdue nudges before the chair's summary says stuck")
    )
    closures: tuple[str, ...] = field(
        default=(),
        metadata=_doc("group closures, e.g. '2026-12-19..2027-01-04 CERN annual closure'"),
    )
    max_cards: int = field(default=10, metadata=_doc("items with buttons in one digest"))

    def closure_periods(self) -> tuple[Period, ...]:
        """The closures as periods (``ValueError`` for a malformed one)."""
        return tuple(parse_period(text) for text in self.closures)


class Occasion(enum.StrEnum):
    """Why an item is nudged."""

    BEFORE = "before"
    DUE = "due"
    OVERDUE = "overdue"
    MEETING = "meeting"  # no due date: before the next meeting


@dataclass(frozen=True, slots=True)
class Nudge:
    """An occasion to remind: what kind and on which (local) day."""

    kind: Occasion
    day: date


def _overdue_days(due: date, policy: ReminderPolicy) -> Iterable[date]:
    day = due
    gaps = policy.overdue_gaps or (7,)
    for gap in gaps:
        day += timedelta(days=max(1, gap))
        yield day
    last = max(1, gaps[-1])
    while True:
        day += timedelta(days=last)
        yield day


def latest_nudge(
    due: date | None, today: date, policy: ReminderPolicy, next_meeting: date | None = None
) -> Nudge | None:
    """The latest occasion on or before ``today`` (None when none has come yet)."""
    if due is None:
        if next_meeting is None:
            return None
        day = next_meeting - timedelta(days=policy.undated_days_before_meeting)
        return Nudge(Occasion.MEETING, day) if day <= today <= next_meeting else None
    if today > due:
        found = None
        gaps = policy.overdue_gaps or (7,)
        head = due + timedelta(days=sum(max(1, g) for g in gaps))
        if today >= head:
            # Past the listed gaps the last one repeats: jump there arithmetically.
            last = max(1, gaps[-1])
            return Nudge(
                Occasion.OVERDUE, head + timedelta(days=(today - head).days // last * last)
            )
        for day in _overdue_days(due, policy):
            if day > today:
                break
            found = Nudge(Occasion.OVERDUE, day)
        if found is not None:
            return found
    if today >= due and policy.on_due_day:
        return Nudge(Occasion.DUE, due)
    before = [due - timedelta(days=n) for n in policy.days_before if n > 0]
    passed = [d for d in before if d <= today]
    return Nudge(Occasion.BEFORE, max(passed)) if passed else None


def next_nudge(
    due: date | None, today: date, policy: ReminderPolicy, next_meeting: date | None = None
) -> date | None:
    """The first occasion after ``today`` (for ``reminders``: "next reminder on …")."""
    for offset in range(1, 400):
        day = today + timedelta(days=offset)
        found = latest_nudge(due, day, policy, next_meeting)
        if found is not None and found.day > today:
            return found.day
    return None


def needs_nudge(latest: Nudge | None, last_sent_for: date | None) -> bool:
    """Whether ``latest`` is an occasion the person has not been nudged for yet."""
    return latest is not None and (last_sent_for is None or latest.day > last_sent_for)


def may_send(
    local_now: datetime,
    policy: ReminderPolicy,
    away: Sequence[Period] = (),
    closures: Sequence[Period] = (),
) -> bool:
    """Whether a person may be written to at ``local_now`` (their own zone): working hours,
    a working day unless weekends are allowed, not away, not during a group closure."""
    day = local_now.date()
    if not policy.send_from <= local_now.hour < policy.send_until:
        return False
    if not policy.weekends and day.weekday() >= 5:
        return False
    return in_any(day, away) is None and in_any(day, closures) is None


def first_send_day(
    day: date,
    policy: ReminderPolicy,
    away: Sequence[Period] = (),
    closures: Sequence[Period] = (),
) -> date | None:
    """The first day on or after ``day`` whose send window opens (``may_send`` at
    ``send_from``): an occasion on a weekend, an away day or a closure goes out then, which is
    when the sweep sends it. None when no day within a year allows it."""
    for offset in range(400):
        candidate = day + timedelta(days=offset)
        if may_send(datetime.combine(candidate, time(policy.send_from)), policy, away, closures):
            return candidate
    return None


class Level(enum.IntEnum):
    """The escalation ladder of an overdue item."""

    OWNER = 0
    BACKUP = 1  # the owner's backup / site contact has been told
    STUCK = 2  # listed as stuck in the chair's summary


def escalation_level(unanswered: int, policy: ReminderPolicy) -> Level:
    """Where an item stands after ``unanswered`` overdue nudges with no reaction."""
    if unanswered >= policy.stuck_after:
        return Level.STUCK
    if unanswered >= policy.escalate_after:
        return Level.BACKUP
    return Level.OWNER


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class RosterIndex:
    """Who answers for an item: recipients, escalation targets and the sites it belongs to."""

    def __init__(self, roster: Roster) -> None:
        self.people: dict[str, RosterPerson] = {}
        self.by_username: dict[str, RosterPerson] = {}
        self.groups: dict[str, RosterGroup] = {}
        for p in roster.people:
            self.people.setdefault(_key(p.name), p)
            if p.username:
                self.by_username.setdefault(p.username.lower(), p)
        for g in roster.groups:
            for name in (g.name, *g.aliases):
                self.groups.setdefault(_key(name), g)

    def group(self, name: str | None) -> RosterGroup | None:
        """A group by name or alias."""
        return self.groups.get(_key(name)) if name else None

    def recipients(self, rec: ActionRecord) -> tuple[str, ...]:
        """Usernames reminded of ``rec``: person owners, and a group owner's primary contact."""
        found: dict[str, None] = {}
        for o in rec.owners:
            if o.kind is OwnerKind.PERSON and o.username:
                found.setdefault(o.username, None)
            elif o.kind is OwnerKind.GROUP:
                g = self.group(o.name)
                if g is not None and g.contacts:
                    found.setdefault(g.contacts[0], None)
        return tuple(found)

    def sites(self, rec: ActionRecord) -> frozenset[str]:
        """Names of the sites ``rec`` belongs to: owning sites and the owners' sites."""
        names: set[str] = set()
        for o in rec.owners:
            g = self.group(o.name)
            if o.kind is OwnerKind.GROUP and g is not None and g.kind == "site":
                names.add(g.name)
            person = self.people.get(_key(o.name))
            if o.kind is OwnerKind.PERSON and person is not None and person.site:
                site = self.group(person.site)
                names.add(site.name if site else person.site)
        return frozenset(names)

    def escalation_targets(self, rec: ActionRecord, owners: Iterable[str]) -> tuple[str, ...]:
        """Who hears about an unanswered item: the owner's site contact, or its backup when the
        owner is that contact; a group owner's backup."""
        asked = {u.lower() for u in owners}
        found: dict[str, None] = {}
        for o in rec.owners:
            group: RosterGroup | None = None
            if o.kind is OwnerKind.GROUP:
                group = self.group(o.name)
            elif o.kind is OwnerKind.PERSON:
                person = self.people.get(_key(o.name))
                if person is None and o.username:
                    person = self.by_username.get(o.username.lower())
                group = self.group(person.site) if person and person.site else None
            if group is None:
                continue
            for username in (*group.contacts, *group.backups):
                if username.lower() not in asked:
                    found.setdefault(username, None)
                    break
        return tuple(found)
