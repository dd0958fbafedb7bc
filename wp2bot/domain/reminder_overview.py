"""What ``reminders`` shows a person: their zone and hours, away periods, and each item's next
reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from wp2bot.domain.calendar import Period
from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.reminders import ReminderPolicy, first_send_day, next_nudge
from wp2bot.domain.render import one_line
from wp2bot.domain.tracking import ActionRecord


@dataclass(frozen=True, slots=True)
class PersonReminders:
    """One person's reminder settings and the open items that remind them."""

    zone: ZoneInfo
    today: date
    next_meeting: date | None
    away: list[Period]
    items: list[ActionRecord]
    unread: int  # owned items beyond those listed
    muted: set[int]
    last: dict[int, datetime]  # when each item last reminded them
    unread_over: bool = False  # more than ``unread`` (the count stopped there)


def sending_hours(policy: ReminderPolicy) -> str:
    """When reminders are sent, in words."""
    days = "every day" if policy.weekends else "Monday to Friday"
    return f"{days} between {policy.send_from}:00 and {policy.send_until}:00"


def _next_plan(rec: ActionRecord, person: PersonReminders, policy: ReminderPolicy) -> str:
    """When the next reminder really goes out: the next occasion moved to the first day and
    hour the policy allows (weekdays, send window, the person's away days, closures)."""
    occasion = next_nudge(rec.due, person.today, policy, person.next_meeting)
    if occasion is None:
        return "no reminder planned"
    sent = first_send_day(occasion, policy, person.away, policy.closure_periods())
    if sent is None:
        return "no reminder planned"
    return f"next reminder {sent.isoformat()} {policy.send_from:02d}:00"


def overview_text(person: PersonReminders, policy: ReminderPolicy) -> str:
    """The ``reminders`` answer: one line for the settings, one per item and its plan."""
    zone, today = person.zone, person.today
    lines = [f"Your reminders: timezone **{zone.key}**, sent {sending_hours(policy)}."]
    if person.away:
        periods = ", ".join(p.text() for p in person.away)
        lines.append(f"Away: {periods} (`away clear` ends it).")
    if not person.items:
        lines.append("No open confirmed actions remind you.")
    for rec in person.items:
        if rec.id in person.muted:
            plan = "muted (`unmute N`)"
        elif rec.snoozed_until is not None and rec.snoozed_until > today:
            plan = f"snoozed until {rec.snoozed_until.isoformat()}"
        else:
            plan = _next_plan(rec, person, policy)
        seen = person.last.get(rec.id)
        if seen is not None:
            plan += f"; last {seen.astimezone(zone):%Y-%m-%d}"
        text = escape_mentions(one_line(rec.text))
        text = text if len(text) <= 80 else text[:79] + "…"
        lines.append(f"- **#{rec.id}** {text} — {plan}")
    if person.unread_over:
        lines.append(f"… and over {person.unread} more (`actions mine` lists yours).")
    elif person.unread:
        lines.append(f"… and {person.unread} more (`actions mine` lists yours).")
    lines.append("Tune: `mute N`, `unmute N`, `away 2026-12-20..2027-01-06`, `timezone ZONE`.")
    return "\n".join(lines)
