"""When the group meets next, as far as the minutes tell: the date "at the next meeting" means.

In order of trust: a date the document states for its next meeting ("Next meeting: 7 March",
"the next meeting is on 16 January", "Ines chairs the next meeting (20.09.)"); in a file that
logs several meetings, the next dated meeting in it; the cadence its title names ("weekly",
"fortnightly", "monthly") counted from the meeting, marked as an estimate. None when the minutes
say nothing: the deadline rules then fall back to their own estimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from wp2bot.domain.dates import DateContext, find_due
from wp2bot.domain.models import Precision

# "next meeting", "next monthly telcon", "next WP2 call", "next meetings": the statement opens
_NEXT = re.compile(
    r"\bnext\s+(?:[\w&/-]+\s+){0,2}?(?:meeting|tele?con|teleconf(?:erence)?|call|videocon)s?\b",
    re.IGNORECASE,
)
# what may stand between the statement and its date: ":", "is on", "will be", "(", "in two weeks ("
_CONNECTOR = re.compile(
    r"\s*[:–-]?\s*(?:(?:is|will\s+be|takes\s+place|is\s+scheduled|scheduled|planned)\s+)?"
    r"(?:in\s+\w+\s+weeks?\s*)?\(?\s*"
    # the weekday written before the date: "Next call: Wed 25 Nov 2026"
    r"(?:(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    re.IGNORECASE,
)
_TAIL = 60
# a stated next meeting further ahead than this is some other event's date
_HORIZON = timedelta(days=183)
_CADENCE = re.compile(
    r"\b(?P<weekly>weekly|every\s+week)\b|\b(?P<fortnightly>fortnightly|bi-?weekly"
    r"|every\s+(?:two|2|other)\s+weeks)\b|\b(?P<monthly>monthly|every\s+month)\b",
    re.IGNORECASE,
)

Next = tuple[date | None, Precision]


def stated_next_meeting(text: str, meeting: date) -> date | None:
    """The first date the text gives its next meeting, after ``meeting`` and within half a year."""
    ctx = DateContext(meeting_date=meeting)
    lower = text.lower()
    at = lower.find("next")
    while at != -1:
        found = _NEXT.match(text, at)
        if found:
            end = text.find("\n", found.end())
            tail = text[
                found.end() : found.end() + _TAIL if end == -1 else min(end, found.end() + _TAIL)
            ]
            due = find_due(tail, ctx)
            if (
                due is not None
                and due.date is not None
                and due.precision is Precision.DAY
                and 0 <= tail.find(due.phrase) <= _connector_end(tail)
                and meeting < due.date <= meeting + _HORIZON
            ):
                return due.date
        at = lower.find("next", at + 4)
    return None


def _connector_end(tail: str) -> int:
    """Where the date may start: after ":", "is", "will be", "in two weeks (" and the like."""
    found = _CONNECTOR.match(tail)
    return found.end() if found else 0


def cadence_next(meeting: date, titles: Iterable[str]) -> date | None:
    """The next meeting by the cadence a title names: a week, two weeks, or the same weekday of
    the same week of the next month ("monthly", held on the 2nd Tuesday: next month's 2nd)."""
    for title in titles:
        found = _CADENCE.search(title)
        if found is None:
            continue
        if found["weekly"]:
            return meeting + timedelta(days=7)
        if found["fortnightly"]:
            return meeting + timedelta(days=14)
        return _same_weekday_next_month(meeting)
    return None


def _same_weekday_next_month(meeting: date) -> date:
    week = (meeting.day - 1) // 7  # 0 for the first such weekday of the month
    year, month = (
        (meeting.year + 1, 1) if meeting.month == 12 else (meeting.year, meeting.month + 1)
    )
    first = date(year, month, 1)
    day = first + timedelta(days=(meeting.weekday() - first.weekday()) % 7 + 7 * week)
    while day.month != month:  # a fifth weekday the next month lacks: its last one
        day -= timedelta(days=7)
    return day


class SeriesDates:
    """The next meeting of the document's meeting and, in a file that logs several meetings, of
    each dated section. ``known`` (the series' calendar or META) wins over what the text says,
    except for a section that a later meeting in the same file follows."""

    def __init__(
        self,
        text: str,
        titles: Iterable[str],
        meeting: date | None,
        section_dates: Mapping[int, date],
        known: date | None,
    ) -> None:
        titles = tuple(t for t in titles if t)
        self.whole: Next = (None, Precision.DAY)
        if known is not None:
            self.whole = (known, Precision.DAY)
        elif meeting is not None:
            if stated := stated_next_meeting(text, meeting):
                self.whole = (stated, Precision.DAY)
            elif by_cadence := cadence_next(meeting, titles):
                self.whole = (by_cadence, Precision.WEEK)
        days = sorted(set(section_dates.values()))
        self.sections: dict[int, Next] = {}
        for index, day in section_dates.items():
            later = [d for d in days if d > day]
            if later:
                self.sections[index] = (later[0], Precision.DAY)
            elif known is None and (by_cadence := cadence_next(day, titles)):
                self.sections[index] = (by_cadence, Precision.WEEK)

    def of(self, section: int) -> Next:
        """The next meeting (None: unknown) for an action of this section, and how sure it is."""
        return self.sections.get(section, self.whole)
