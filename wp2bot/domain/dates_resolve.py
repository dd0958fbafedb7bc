"""Resolvers for the deadline rules: each turns one regex match into a date and a precision."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from wp2bot.domain.dates_calendar import (
    add_months,
    month_end,
    month_index,
    next_weekday,
    number_value,
    quarter_end,
    week_of_month_friday,
    weekday_index,
    weekday_of_week,
    year_for_month,
)
from wp2bot.domain.dates_context import DateContext
from wp2bot.domain.dates_events import lookup_event
from wp2bot.domain.models import Precision

# What a rule resolves to: a date (None when it cannot be fixed) and its precision.
Resolution = tuple[date | None, Precision]
Resolver = Callable[[re.Match[str], DateContext], Resolution | None]

# Qualifiers of "next ... meeting" that still mean the group's own series.
OWN_SERIES = re.compile(
    r"^(?:(?:our|the|regular|usual|weekly|fortnightly|bi-?weekly|monthly|group|team|wg|"
    r"working\s+group|wp\s?\d+|wp\d+\s+\w+|general|plenary)\s*)*$",
    re.IGNORECASE,
)

_DAY_AFTER = re.compile(r"day\s+after", re.IGNORECASE)


def written_or_meeting_year(m: re.Match[str], ctx: DateContext) -> int | None:
    """The written year, else the meeting's; None when neither is known."""
    written = m.groupdict().get("y")
    if written:
        year = int(written)
        return year + 2000 if year < 100 else year
    return ctx.meeting_date.year if ctx.meeting_date else None


# A date written without its year and more than this long before the meeting is next year's:
# "by 15/01" in December minutes. Closer ones stay: "by 1 December" there is overdue.
LOOK_BACK = timedelta(days=90)


def ahead(when: date, written_year: bool, ctx: DateContext) -> date:
    """``when``, or the same day a year later when its year was not written and it would lie
    more than LOOK_BACK before the meeting."""
    if written_year or ctx.meeting_date is None or when >= ctx.meeting_date - LOOK_BACK:
        return when
    try:
        return when.replace(year=when.year + 1)
    except ValueError:  # 29 February
        return date(when.year + 1, 2, 28)


def resolve_explicit(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    """ "25th of Mar", "April 3rd": the written day and month, in the written or meeting year."""
    year = written_or_meeting_year(m, ctx)
    month_text = m.group("m")
    month = int(month_text) if month_text.isdigit() else month_index(month_text)
    if not year:
        return None, Precision.VAGUE
    try:
        when = date(year, month, int(m.group("d")))
    except ValueError:  # 31/02, 45 May: not a date after all
        return None
    return ahead(when, bool(m.groupdict().get("y")), ctx), Precision.DAY


def resolve_iso(m: re.Match[str], _ctx: DateContext) -> Resolution | None:
    """ "2024-05-01": a complete date."""
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), Precision.DAY
    except ValueError:
        return None


def days_after_meeting(days: int, precision: Precision = Precision.DAY) -> Resolver:
    """A resolver for a fixed offset from the meeting ("today" is 0 days)."""

    def resolve(_m: re.Match[str], ctx: DateContext) -> Resolution:
        if ctx.meeting_date is None:
            return None, Precision.VAGUE
        return ctx.meeting_date + timedelta(days=days), precision

    return resolve


def resolve_week(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "this week", "next week", "beginning of next week", "end of the week"."""
    meeting = ctx.meeting_date
    if meeting is None:
        return None, Precision.VAGUE
    if m.group("when2"):  # "end of week": this week's
        return weekday_of_week(meeting, 4), Precision.DAY
    when, which = (m.group("when") or "").lower(), m.group("which").lower()
    # "last week" only as "due last week": a deadline that has passed
    shift = {"this": 0, "the": 0, "next": 7, "nxt": 7, "following": 7, "last": -7, "previous": -7}[
        which
    ]
    if when.startswith(("beginning", "start", "early")):
        return weekday_of_week(meeting + timedelta(days=shift), 0), Precision.WEEK
    if when.startswith(("end", "late")):
        return weekday_of_week(meeting + timedelta(days=shift), 4), Precision.DAY
    if shift == 0:
        return weekday_of_week(meeting, 4), Precision.WEEK
    return meeting + timedelta(days=shift), Precision.WEEK


def resolve_duration(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "in two weeks", "within 3 days", "in 2 months"."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    count, unit = number_value(m.group("n")), m.group("unit").lower()
    if unit.startswith("day"):
        return ctx.meeting_date + timedelta(days=count), Precision.DAY
    if unit.startswith("fortnight"):
        return ctx.meeting_date + timedelta(days=14 * count), Precision.WEEK
    if unit.startswith("week"):
        return ctx.meeting_date + timedelta(days=7 * count), Precision.WEEK
    return add_months(ctx.meeting_date, count), Precision.MONTH


def resolve_from_today(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "a week from today" counts from a fixed day, so the result is a day, not a week."""
    when, precision = resolve_duration(m, ctx)
    return when, (Precision.DAY if when is not None else precision)


def resolve_month_end(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "end of month", "end of next month", "end of April"."""
    meeting = ctx.meeting_date
    written = m.group("mon")
    if written is not None:
        month = month_index(written)
        if m.group("y"):
            return month_end(int(m.group("y")), month), Precision.MONTH
        if meeting is None:
            return None, Precision.VAGUE
        return month_end(year_for_month(meeting, month), month), Precision.MONTH
    if meeting is None:
        return None, Precision.VAGUE
    shifted = add_months(meeting, 1 if (m.group("which") or "").lower() == "next" else 0)
    return month_end(shifted.year, shifted.month), Precision.MONTH


def resolve_month_part(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "mid-December", "beginning of June", "late May"."""
    month = month_index(m.group("mon"))
    year = written_or_meeting_year(m, ctx) if m.group("y") else None
    if year is None:
        if ctx.meeting_date is None:
            return None, Precision.VAGUE
        year = year_for_month(ctx.meeting_date, month)
    part = m.group("part").lower()
    if part.startswith("mid") or part.startswith("middle"):
        return date(year, month, 15), Precision.MONTH
    if part.startswith(("late", "end")):
        return month_end(year, month), Precision.MONTH
    return date(year, month, 1), Precision.MONTH


def resolve_week_of_month(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "first week of January": the Friday of that week, the next such month."""
    month = month_index(m.group("mon"))
    ordinal = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(
        m.group("ord").lower(), -1
    )
    if m.group("y"):
        return week_of_month_friday(int(m.group("y")), month, ordinal), Precision.WEEK
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    year = year_for_month(ctx.meeting_date, month)
    return week_of_month_friday(year, month, ordinal), Precision.WEEK


def resolve_year_end(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "end of year", "end of 2021": 31 December."""
    year = written_or_meeting_year(m, ctx)
    return (date(year, 12, 31), Precision.MONTH) if year else (None, Precision.VAGUE)


def resolve_quarter(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "end of Q1", "in Q3 2021": the last day of the quarter."""
    quarter = int(m.group("q"))
    year = written_or_meeting_year(m, ctx)
    if not year:
        return None, Precision.VAGUE
    return ahead(quarter_end(year, quarter), bool(m.group("y")), ctx), Precision.QUARTER


def resolve_period_end(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "EOW", "EOM", "EOQ", "end of this quarter", "end of next quarter": the period's last
    (working) day, counted from the meeting."""
    meeting = ctx.meeting_date
    if meeting is None:
        return None, Precision.VAGUE
    abbr = (m.group("abbr") or "").lower()
    if abbr == "eow":
        return weekday_of_week(meeting, 4), Precision.DAY
    if abbr == "eom":
        return month_end(meeting.year, meeting.month), Precision.MONTH
    index = meeting.year * 4 + (meeting.month - 1) // 3 + (1 if m.group("next") else 0)
    return quarter_end(index // 4, index % 4 + 1), Precision.QUARTER


def resolve_iso_week(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    """ "KW 50", "by week 3", "CW 12/2027": the Friday of that calendar (ISO) week, of the
    meeting's year unless that lies months back (then the next year's)."""
    written = m.group("y") or m.group("y2")
    year = int(written) if written else ctx.meeting_date.year if ctx.meeting_date else None
    if not year:
        return None, Precision.VAGUE
    week = int(m.group("w") or m.group("w2"))
    try:
        when = date.fromisocalendar(year, week, 5)
        if not written and ctx.meeting_date and when < ctx.meeting_date - LOOK_BACK:
            when = date.fromisocalendar(year + 1, week, 5)
    except ValueError:
        return None  # week 53 of a year with 52
    return when, Precision.WEEK


def resolve_day_of_month(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    """ "by the 3rd": the next such day of a month on or after the meeting."""
    meeting = ctx.meeting_date
    if meeting is None:
        return None, Precision.VAGUE
    day = int(m.group("d"))
    for months in range(3):  # "the 31st" in a month of 30 days is the next month's
        start = add_months(meeting.replace(day=1), months)
        try:
            when = start.replace(day=day)
        except ValueError:
            continue
        if when >= meeting:
            return when, Precision.DAY
    return None


def resolve_next_meeting(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "at the next (WP2) meeting": the series' next event; other bodies' meetings stay vague."""
    qualifier = " ".join((m.group("qual") or "").split())
    if qualifier and not OWN_SERIES.match(qualifier):
        found = lookup_event(qualifier, ctx.named_events)
        return (found, Precision.DAY) if found else (None, Precision.VAGUE)
    if ctx.next_meeting is not None:
        return ctx.next_meeting, ctx.next_precision
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    # The series is unknown: fortnightly is the group's habit, and WEEK marks the estimate.
    return ctx.meeting_date + timedelta(days=14), Precision.WEEK


def resolve_named_event(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    """ "before the GDB": the date the document gives the event, else vague."""
    noun = m.groupdict().get("noun")  # "the ACME workshop" is not the ACME review
    found = lookup_event(f"{m.group('ev')} {noun}" if noun else m.group("ev"), ctx.named_events)
    if found:
        if m.groupdict().get("off"):  # "two weeks before the workshop"
            count = number_value(m.group("off"))
            days = count * 7 if m.group("unit").lower().startswith("week") else count
            return found - timedelta(days=days), Precision.DAY
        if m.groupdict().get("wd"):  # "the Monday before the review"
            back = (found.weekday() - weekday_index(m.group("wd"))) % 7 or 7
            return found - timedelta(days=back), Precision.DAY
        return found, Precision.DAY
    # "by the X" / "for the X" is mostly not a deadline unless X is a known event.
    if m.group("soft") and not m.group("noun"):
        return None
    return None, Precision.VAGUE


def resolve_vague(_m: re.Match[str], _ctx: DateContext) -> Resolution:
    """ "asap", "soon", "after Easter": a deadline without a date."""
    return None, Precision.VAGUE


def resolve_numeric(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    """ "15/04", "2.2.", "09/03/2020": European day-first numbers; "for 7.2." is a version."""
    month = m.group("m") or m.group("m2")
    if m.group("m2") and not m.group("y2") and (m.group("trig") or "").startswith("for"):
        return None  # "backport the fix for 7.2.": the sentence's stop after a version number
    short = m.group("yy")  # "09/04/20"
    if m.group("y2") or short:
        year: int | None = int(m.group("y2")) if m.group("y2") else 2000 + int(short)
    else:
        year = written_or_meeting_year(m, ctx)
    if not year:
        return None, Precision.VAGUE
    day, month_number = int(m.group("d")), int(month)
    if month_number > 12 >= day:
        day, month_number = month_number, day  # "12/15/2026": month first, as only it can be
    try:
        when = date(year, month_number, day)
    except ValueError:
        return None
    written = bool(m.group("y2") or short or m.groupdict().get("y"))
    return ahead(when, written, ctx), Precision.DAY


def resolve_tomorrow(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "tomorrow (afternoon)", "the day after tomorrow"."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    days = 2 if _DAY_AFTER.search(m.group(0)) else 1
    return ctx.meeting_date + timedelta(days=days), Precision.DAY


def resolve_fortnight(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "in a fortnight": two weeks after the meeting."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    return ctx.meeting_date + timedelta(days=14), Precision.WEEK


def resolve_weekday_any(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "by Friday", "this Friday", "on Thursday": the next such day after the meeting."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    groups = m.groupdict()  # (a rule may name no modifier: "d'ici vendredi")
    name = groups["wd"] or groups["wd2"]
    modifier = (groups.get("mod") or groups.get("mod2") or "").lower()
    wanted = weekday_index(name)
    if modifier == "this" and ctx.meeting_date.weekday() == wanted:
        return ctx.meeting_date, Precision.DAY
    return next_weekday(ctx.meeting_date, wanted), Precision.DAY
