"""Named events whose date the minutes give ("the GDB on 12 May") and looking them up by name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from wp2bot.domain.dates_calendar import month_index

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
# An event is one or two capitalised words or acronyms ("GDB", "F2F", "LHCC", "Rucio Workshop"),
# optionally followed by a word saying it is an event.
_NAME = r"(?P<ev>(?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z0-9][\w&-]*))?)"
_NOUN = r"(?:\s+(?:meeting|workshop|conference|session|review|telcon|week|school|call))?"
_DATE = (
    rf"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    rf"(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
_EVENT_DATE = re.compile(
    rf"\b(?:the\s+)?{_NAME}{_NOUN}(?:\s*\(\s*(?:on\s+)?|,?\s+(?:is\s+|will\s+be\s+|takes\s+place\s+"
    rf"|held\s+)?(?:on|at)\s+(?:the\s+)?){_DATE}",
    re.IGNORECASE,
)
_NOUNS = ("meeting", "workshop", "conference", "session", "review", "telcon", "week", "school")
_LEADING = frozenset({"next", "upcoming", "forthcoming", "coming", "the", "our"})
_NOT_EVENTS = frozenset({"the", "a", "an", "on", "at", "by", "in", "next", "this", "we", "i"})


def find_named_events(text: str, meeting_date: date | None) -> dict[str, date]:
    """Named events whose date the document gives: "the GDB on 12 May", "F2F meeting (June 3-5)"."""
    found: dict[str, date] = {}
    for m in _EVENT_DATE.finditer(text):
        words = m.group("ev").split()
        while len(words) > 1 and words[0].lower() in _LEADING:
            words.pop(0)
        name = " ".join(words)
        if name.lower() in _NOT_EVENTS:
            continue
        day_text = m.group("d1") or m.group("d2")
        month_text = m.group("m1") or m.group("m2")
        year = int(m.group("y")) if m.group("y") else (meeting_date.year if meeting_date else None)
        if year is None:
            continue
        try:
            when = date(year, month_index(month_text), int(day_text))
        except ValueError:
            continue
        found.setdefault(name, when)
    return found


def _key(name: str) -> str:
    """Case, articles and a trailing event noun do not distinguish events."""
    words = name.lower().replace("-", " ").split()
    while words and words[0] in ("the", "next", "upcoming", "forthcoming"):
        words.pop(0)
    while words and words[-1] in _NOUNS:
        words.pop()
    return " ".join(words)


def lookup_event(name: str, events: Mapping[str, date]) -> date | None:
    """The date of a named event, matching case-insensitively and ignoring "the"/"meeting"."""
    wanted = _key(name)
    if not wanted:
        return None
    for known, when in events.items():
        if _key(known) == wanted:
            return when
    return None
