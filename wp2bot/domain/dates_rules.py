"""The regex layer that locates deadline phrases in free text and resolves each to a date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

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
from wp2bot.domain.dates_events import lookup_event
from wp2bot.domain.models import Precision

if TYPE_CHECKING:
    from wp2bot.domain.dates import DateContext

# What a rule resolves to: a date (None when it cannot be fixed) and its precision.
Resolution = tuple[date | None, Precision]
Resolver = Callable[[re.Match[str], "DateContext"], Resolution | None]

# Rank of each rule family: an explicit calendar date beats a relative phrase beats a vague one.
EXPLICIT, RELATIVE, EVENT, VAGUE = 40, 30, 20, 10

# "May" is also a modal verb, so only the capitalised month counts.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WEEKDAY_SHORT = r"(?:mon|tues?|wed|thu(?:rs?)?|fri)\.?"
DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
NUMBER = (
    r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?couple\s+of)"
)
# A deadline word in front of a phrase; it becomes part of the phrase the user sees.
TRIGGER = (
    r"(?P<trig>\b(?:no\s+later\s+than|at\s+the\s+latest\s+by|deadline(?:\s+(?:of|is|on))?"
    r"|due(?:\s+(?:date|by|on))?|eta|by|before|until|till|on|at|for|starting)\b[\s:]*"
    r"(?:the\s+)?)"
)
# Qualifiers of "next ... meeting" that still mean the group's own series.
OWN_SERIES = re.compile(
    r"^(?:(?:our|the|regular|usual|weekly|fortnightly|bi-?weekly|monthly|group|team|wg|"
    r"working\s+group|wp\s?\d+|wp\d+\s+\w+|general|plenary)\s*)*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern, how to resolve its match and how much to trust it."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    rank: int


def _year(m: re.Match[str], ctx: DateContext) -> int | None:
    """The written year, else the meeting's; None when neither is known."""
    written = m.groupdict().get("y")
    if written:
        year = int(written)
        return year + 2000 if year < 100 else year
    return ctx.meeting_date.year if ctx.meeting_date else None


def _explicit(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    year = _year(m, ctx)
    month_text = m.group("m")
    month = int(month_text) if month_text.isdigit() else month_index(month_text)
    try:
        return (
            (date(year, month, int(m.group("d"))), Precision.DAY)
            if year
            else (None, Precision.VAGUE)
        )
    except ValueError:  # 31/02, 45 May: not a date after all
        return None


def _iso(m: re.Match[str], _ctx: DateContext) -> Resolution | None:
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), Precision.DAY
    except ValueError:
        return None


def _offset(days: int, precision: Precision = Precision.DAY) -> Resolver:
    def resolve(_m: re.Match[str], ctx: DateContext) -> Resolution:
        if ctx.meeting_date is None:
            return None, Precision.VAGUE
        return ctx.meeting_date + timedelta(days=days), precision

    return resolve


def _week(m: re.Match[str], ctx: DateContext) -> Resolution:
    meeting = ctx.meeting_date
    if meeting is None:
        return None, Precision.VAGUE
    when, which = (m.group("when") or "").lower(), m.group("which").lower()
    shift = {"this": 0, "the": 0, "next": 7, "following": 7, "last": -7, "previous": -7}[which]
    if when.startswith(("beginning", "start", "early")):
        return weekday_of_week(meeting + timedelta(days=shift), 0), Precision.WEEK
    if when.startswith(("end", "late")):
        return weekday_of_week(meeting + timedelta(days=shift), 4), Precision.DAY
    if shift == 0:
        return weekday_of_week(meeting, 4), Precision.WEEK
    return meeting + timedelta(days=shift), Precision.WEEK


def _duration(m: re.Match[str], ctx: DateContext) -> Resolution:
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


def _from_today(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "a week from today" counts from a fixed day, so the result is a day, not a week."""
    when, precision = _duration(m, ctx)
    return when, (Precision.DAY if when is not None else precision)


def _month_end(m: re.Match[str], ctx: DateContext) -> Resolution:
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


def _month_part(m: re.Match[str], ctx: DateContext) -> Resolution:
    month = month_index(m.group("mon"))
    year = _year(m, ctx) if m.group("y") else None
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


def _week_of_month(m: re.Match[str], ctx: DateContext) -> Resolution:
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


def _year_end(m: re.Match[str], ctx: DateContext) -> Resolution:
    year = _year(m, ctx)
    return (date(year, 12, 31), Precision.MONTH) if year else (None, Precision.VAGUE)


def _quarter(m: re.Match[str], ctx: DateContext) -> Resolution:
    quarter = int(m.group("q"))
    year = _year(m, ctx)
    return (quarter_end(year, quarter), Precision.QUARTER) if year else (None, Precision.VAGUE)


def _next_meeting(m: re.Match[str], ctx: DateContext) -> Resolution:
    qualifier = " ".join((m.group("qual") or "").split())
    if qualifier and not OWN_SERIES.match(qualifier):
        found = lookup_event(qualifier, ctx.named_events)
        return (found, Precision.DAY) if found else (None, Precision.VAGUE)
    if ctx.next_meeting is not None:
        return ctx.next_meeting, Precision.DAY
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    # The series is unknown: fortnightly is the group's habit, and WEEK marks the estimate.
    return ctx.meeting_date + timedelta(days=14), Precision.WEEK


def _named_event(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    found = lookup_event(m.group("ev"), ctx.named_events)
    if found:
        return found, Precision.DAY
    # "by the X" / "for the X" is mostly not a deadline unless X is a known event.
    if m.group("soft") and not m.group("noun"):
        return None
    return None, Precision.VAGUE


def _vague(_m: re.Match[str], _ctx: DateContext) -> Resolution:
    return None, Precision.VAGUE


def _rule(name: str, pattern: str, resolve: Resolver, rank: int, trigger: bool = True) -> Rule:
    full = (TRIGGER + "?" if trigger else "") + pattern
    return Rule(name, re.compile(full, re.IGNORECASE), resolve, rank)


def build_rules() -> tuple[Rule, ...]:
    """Every deadline pattern, compiled once per process by the caller's cache."""
    numeric_day = r"(?P<d>[0-3]?\d)"
    return (
        _rule(
            "iso",
            r"(?<![\w./-])(?P<y>(?:19|20)\d\d)[-/](?P<m>[01]?\d)[-/](?P<d>[0-3]?\d)(?![\w/-])",
            _iso,
            EXPLICIT,
        ),
        _rule(
            "day-month",
            rf"(?<![\w.:/]){DAY}(?:\s+of)?[\s-]+(?P<m>{MONTH})(?:,?\s+{YEAR})?",
            _explicit,
            EXPLICIT,
        ),
        _rule(
            "month-day",
            rf"(?<![\w.])(?P<m>{MONTH})\s*{DAY}(?!:)(?:,?\s+{YEAR})?",
            _explicit,
            EXPLICIT,
        ),
        # Numbers alone are versions, ratios and section numbers unless a deadline word or a
        # bracket introduces them, and "d.m" needs its closing dot ("2.2.") or a year.
        _rule(
            "numeric",
            rf"(?:{TRIGGER}|(?P<paren>\())(?<![\w./:]){numeric_day}(?:/(?P<m>[01]?\d)(?:/{YEAR})?"
            r"|\.(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)?)(?![\w/:]|\.\d)",
            _numeric,
            EXPLICIT,
            trigger=False,
        ),
        _rule(
            "today",
            r"\b(?:as\s+soon\s+as\s+possible\s+)?(?:today|tonight|end\s+of\s+(?:the\s+)?day|eod)\b",
            _offset(0),
            RELATIVE,
        ),
        _rule(
            "tomorrow",
            r"\b(?:(?:the\s+)?day\s+after\s+)?tomorrow(?:\s+(?:morning|afternoon|evening))?\b",
            _tomorrow,
            RELATIVE,
        ),
        _rule(
            "a-week-from-today",
            rf"\b(?:precisely\s+)?(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|months?)\s+from\s+(?:today|now)\b",
            _from_today,
            RELATIVE,
        ),
        _rule(
            "in-n",
            rf"\b(?:in|within)\s+(?:the\s+next\s+)?(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|fortnights?|months?)\b",
            _duration,
            RELATIVE,
        ),
        _rule(
            "in-a-fortnight",
            r"\b(?:in|within)\s+a\s+(?P<unit>fortnight)(?P<n>)\b",
            _fortnight,
            RELATIVE,
        ),
        _rule(
            "week-after-next",
            r"\b(?:the\s+)?week\s+after\s+next\b",
            _offset(14, Precision.WEEK),
            RELATIVE,
        ),
        _rule(
            "week",
            r"\b(?:(?P<when>beginning|start|early|end|late)(?:\s+of)?\s+)?(?:the\s+)?(?P<which>this|next|following|last|previous|the)\s+week\b(?!\s*(?:'s|of))",
            _week,
            RELATIVE,
        ),
        _rule(
            "weekday",
            rf"\b(?:(?P<mod>this|next|coming|on|by|until|before)\s+)?(?P<wd>{WEEKDAY})\b|\b(?P<mod2>this|next|on|by|until|before)\s+(?P<wd2>{WEEKDAY_SHORT})(?![\w])",
            _weekday_any,
            RELATIVE,
        ),
        _rule(
            "month-end",
            rf"\b(?:the\s+)?(?:end|close)\s+of\s+(?:(?:the\s+)?(?:(?P<which>this|next)\s+)?month|(?P<mon>{MONTH})(?:\s+{YEAR})?)",
            _month_end,
            RELATIVE,
        ),
        _rule(
            "month-part",
            rf"\b(?P<part>mid|middle\s+of|beginning\s+of|start\s+of|early|late)[\s-]*(?:the\s+month\s+of\s+)?(?P<mon>{MONTH})(?:\s+{YEAR})?(?!\s*[0-3]?\d)",
            _month_part,
            RELATIVE,
        ),
        _rule(
            "week-of-month",
            rf"\b(?P<ord>first|1st|second|2nd|third|3rd|last)\s+week\s+(?:of|in)\s+(?P<mon>{MONTH})(?:\s+{YEAR})?",
            _week_of_month,
            RELATIVE,
        ),
        _rule(
            "year-end",
            rf"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:year|{YEAR})|year[\s-]end|eoy)\b",
            _year_end,
            RELATIVE,
        ),
        _rule(
            "quarter",
            r"\b(?:(?:end\s+of|by|before|until|in|during|for)\s+(?:the\s+)?)Q(?P<q>[1-4])(?:\s*(?:/|')?\s*(?P<y>(?:20)?\d\d)(?!\d))?\b",
            _quarter,
            RELATIVE,
            trigger=False,
        ),
        _rule(
            "next-meeting",
            r"\b(?:the\s+)?(?:next|following|upcoming|forthcoming|coming)\s+(?:(?P<qual>[\w&/-]+(?:\s+[\w&/-]+)?)\s+)??(?:meeting|telcon|teleconf(?:erence)?|phone\s+call|call|session|videocon)s?\b",
            _next_meeting,
            EVENT,
        ),
        _rule(
            "named-event",
            r"(?:\b(?:before|ahead\s+of|prior\s+to|in\s+time\s+for|until)\s+(?:the\s+)?(?:next\s+|upcoming\s+|forthcoming\s+)?|(?P<soft>\b(?:by|at|for)\s+the\s+(?:next\s+|upcoming\s+|forthcoming\s+)?))(?P<ev>(?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z0-9][\w&-]*))?)(?:\s+(?P<noun>meeting|workshop|conference|session|review|call|telcon))?",
            _named_event,
            EVENT,
            trigger=False,
        ),
        _rule(
            "month-alone",
            rf"\b(?:in|by|before|until|during|for|at|around|after)\s+(?:the\s+)?(?:month\s+of\s+)?(?P<m>{MONTH})(?:\s+{YEAR})?(?!\s*[0-3]?\d)(?:\s+(?:teleconf(?:erence)?|telcon|meeting|council\s+meeting))?",
            _vague,
            VAGUE,
            trigger=False,
        ),
        _rule(
            "season",
            r"\b(?:before|by|after|until|in|during|over|for)\s+(?:the\s+)?(?:summer|winter|spring|autumn|fall|christmas|easter|xmas|new\s+year|holidays?)(?:\s+(?:break|holidays?|vacation))?\b",
            _vague,
            VAGUE,
            trigger=False,
        ),
        _rule(
            "vague",
            r"\b(?:asap|a\.s\.a\.p\b\.?|as\s+soon\s+as\s+possible|soon|urgently|at\s+some\s+point|in\s+advance|ahead\s+of\s+time|(?:in|within)\s+(?:a\s+)?few\s+(?:days|weeks|months)|(?:over|in)\s+the\s+(?:next|coming)\s+(?:few\s+)?(?:days|weeks|months)|later\s+this\s+(?:week|month|year)|when\s+(?:possible|time\s+permits)|(?:a\s+)?later\s+(?:date|stage))\b",
            _vague,
            VAGUE,
            trigger=False,
        ),
    )


def _numeric(m: re.Match[str], ctx: DateContext) -> Resolution | None:
    month = m.group("m") or m.group("m2")
    year = int(m.group("y2")) if m.group("y2") else _year(m, ctx)
    try:
        return (
            (date(year, int(month), int(m.group("d"))), Precision.DAY)
            if year
            else (None, Precision.VAGUE)
        )
    except ValueError:
        return None


def _tomorrow(m: re.Match[str], ctx: DateContext) -> Resolution:
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    days = 2 if re.search(r"day\s+after", m.group(0), re.IGNORECASE) else 1
    return ctx.meeting_date + timedelta(days=days), Precision.DAY


def _fortnight(m: re.Match[str], ctx: DateContext) -> Resolution:
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    return ctx.meeting_date + timedelta(days=14), Precision.WEEK


def _weekday_any(m: re.Match[str], ctx: DateContext) -> Resolution:
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    name = m.group("wd") or m.group("wd2")
    modifier = (m.group("mod") or m.group("mod2") or "").lower()
    wanted = weekday_index(name)
    if modifier == "this" and ctx.meeting_date.weekday() == wanted:
        return ctx.meeting_date, Precision.DAY
    return next_weekday(ctx.meeting_date, wanted), Precision.DAY
