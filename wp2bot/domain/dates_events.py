"""Named events whose date the minutes give ("the GDB on 12 May") and looking them up by name."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from wp2bot.domain.casefold import lower_safe
from wp2bot.domain.dates_calendar import month_index

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
# An event is one or two capitalised words or acronyms ("GDB", "F2F", "LHCC", "Rucio Workshop"),
# optionally followed by a word saying it is an event. A word is taken whole (possessive "*+"):
# what follows a name is a space, "(" or ",", so giving back letters can never lead to a match,
# and trying every shorter prefix of every capitalised word made the search slow.
# (a lower-case prefix may stand before the capital: "the pre-GDB")
_NAME = r"(?P<ev>(?-i:(?:[a-z]+-)?[A-Z][\w&-]*+)(?:\s+(?-i:[A-Z0-9][\w&-]*+))?)"
# a season or kind word may stand before the noun: "the ACME autumn workshop"
_KIND = r"(?:\s+(?:spring|summer|autumn|fall|winter|annual|general|plenary|collaboration))?"
_NOUN = _KIND + (
    r"(?:\s+(?:meeting|workshop|conference|session|review|telcon|week|school|call"
    r"|challenge|hackathon|campaign|sprint|release))?"
)
_DATE = (
    rf"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    rf"(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
_EVENT_DATE = re.compile(
    # "(on 3 May)", or the date after a place in the brackets: "(Orsay, 15-19 April)"
    rf"\b(?:the\s+)?{_NAME}{_NOUN}(?:\s*\(\s*(?:[^()\n\d]{{1,40}}?,\s*)?(?:on\s+)?|"
    r",?\s+(?:is\s+|will\s+be\s+|takes\s+place\s+"
    rf"|held\s+)?(?:on|at)\s+(?:the\s+)?){_DATE}",
    re.IGNORECASE,
)
# Every event date has "(" or "on"/"at" right before it. Searching for that alone is much
# cheaper than the full pattern, which tries a name at every word, so documents without one skip
# the full search. On ASCII text lower-cased once, a case-sensitive search that starts at one of
# three characters is faster still; it accepts every month spelling, "may" included, so it finds
# at least what the full pattern finds. Other text is lower-cased the same way when lower() folds
# it as IGNORECASE does (casefold.lower_safe); the rest keeps IGNORECASE.
_DATE_AFTER_CONNECTOR = re.compile(
    rf"(?:[(,]\s*(?:on\s+)?|\b(?:on|at)\s+(?:the\s+)?){_DATE}", re.IGNORECASE
)
# "plenary meeting Lisbon 13–17 june", "Rucio workshop Lyon, 3-5 May": an event noun, the place
# it is held (capitalised words) and its dates, with no "on" or bracket between. The name may be
# a lower-case word here: the noun says it is an event; a kind word may stand between them.
_PLACE = rf"(?:\s+(?:at|in))?(?:\s+(?-i:[A-Z][\w-]*+)){{1,2}},?\s+{_DATE}"
_PLACE_THEN_DATE = re.compile(_PLACE, re.IGNORECASE)
_AT_A_PLACE = re.compile(
    r"(?<![\w&-])(?P<ev>[A-Za-z][\w&-]*+)"
    + _KIND
    + r"\s+(?P<noun>meeting|workshop|conference|review|school|hackathon)"
    + _PLACE,
    re.IGNORECASE,
)
# "The F2F meeting will be held 9-11 February in Amsterdam", "the GDB takes place in Lyon, 3
# May": an event said to be held, its dates after it with no "on" (a place may come first)
_HELD = re.compile(
    # (what it is about may stand between: "The pre-GDB on tokens takes place on 8 April")
    rf"\b(?:the\s+)?{_NAME}{_NOUN}(?:\s+(?:on|about|for)\s+[\w-]+)?"
    r"\s+(?:(?:is|was|will\s+be)\s+held|(?:will\s+)?takes?\s+place)"
    r"\s+(?:in\s+(?-i:[A-Z][\w-]*+)(?:\s+(?-i:[A-Z][\w-]*+))?,?\s+)?(?:on\s+)?(?:the\s+)?" + _DATE,
    re.IGNORECASE,
)
_HELD_WORDS = (" held ", " place ")
# an event named by its kind alone, and when it is: "The online sprint is on 8–9 June", "The
# long shutdown starts on **23 June 2025**" ("before the sprint" is then that day)
_KIND_DATED = re.compile(
    r"\b[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}(?P<ev>sprint|shutdown|workshop|review|rehearsal|"
    r"hackathon|retreat|conference|campaign|challenge)\s+(?:is|will\s+be|starts|begins|opens)\s+"
    r"(?:on\s+)?(?:the\s+)?[*_]*" + _DATE,
    re.IGNORECASE,
)
# a list of dates: "December GDB: 10 December 2025", "• DC27 dress rehearsal: week of 2 March"
_LABELLED = re.compile(
    # (a version in the name: "DPPS 0.9 release review: 3 March")
    r"^[ \t]*(?:[-*•·][ \t]+)?(?P<ev>[^\W\d_][\w&/. -]{1,40}?)[ \t]*:[ \t]*"
    r"(?:(?:the\s+)?week\s+of\s+|on\s+)?" + _DATE + r"[ \t]*(?:[.;,(].*)?$",
    re.IGNORECASE | re.MULTILINE,
)
# an event written without its year, this many days or more before the meeting, is next year's
_PAST_DAYS = 60
_ANY_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_AFTER_CONNECTOR_LOWER = re.compile(
    r"[(,oa](?:(?<=[(,])\s*(?:on\s+)?|(?<=\bo)n\s+(?:the\s+)?|(?<=\ba)t\s+(?:the\s+)?)"
    rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_ANY_MONTH}"
    rf"|{_ANY_MONTH}\s*[0-3]?\d)"
)
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# ASCII whitespace (what \s matches in ASCII text) and what may stand between connector and month
_BEFORE_MONTH = frozenset(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f0123456789-(," + "stndrhoaef")
_NOUNS = (
    *("meeting", "workshop", "conference", "session", "review", "telcon", "week", "school"),
    *("challenge", "hackathon", "campaign", "sprint", "release", "shutdown", "mtg"),
)
_KINDS = ("spring", "summer", "autumn", "fall", "winter", "annual", "general", "plenary")
_LEADING = frozenset({"next", "upcoming", "forthcoming", "coming", "the", "our"})
_WORD_BREAK = re.compile(r"[\s/-]+")
_NOT_EVENTS = frozenset({"the", "a", "an", "on", "at", "by", "in", "next", "this", "we", "i"})


def find_named_events(text: str, meeting_date: date | None) -> dict[str, date]:
    """Named events whose date the document gives: "the GDB on 12 May", "F2F meeting (June 3-5)",
    "plenary meeting Lisbon 13-17 June"."""
    found: dict[str, date] = {}
    # (tried only on the lines with a colon: most have none)
    labelled = (
        [m for line in text.split("\n") if ":" in line and (m := _LABELLED.match(line))]
        if ":" in text
        else []
    )
    kinds = list(_KIND_DATED.finditer(text)) if "he " in text else []
    for m in (
        *_event_dates(text),
        *_events_at_a_place(text),
        *_events_held(text),
        *labelled,
        *kinds,
    ):
        words = m.group("ev").split()
        while len(words) > 1 and words[0].lower() in _LEADING:
            words.pop(0)
        if " ".join(words).lower() in _NOT_EVENTS:
            continue
        if m.groupdict().get("noun"):
            words.append(m.group("noun"))  # "DLX workshop": "the workshop" names it too
        name = " ".join(words)
        day_text = m.group("d1") or m.group("d2")
        month_text = m.group("m1") or m.group("m2")
        year = int(m.group("y")) if m.group("y") else (meeting_date.year if meeting_date else None)
        if year is None:
            continue
        try:
            when = date(year, month_index(month_text), int(day_text))
        except ValueError:
            continue
        if not m.group("y") and meeting_date and (meeting_date - when).days > _PAST_DAYS:
            # "The F2F will be held 9-11 February" in December's minutes: next February
            with contextlib.suppress(ValueError):  # (29 February stays as written)
                when = when.replace(year=year + 1)
        found.setdefault(name, when)
    return found


def _event_dates(text: str) -> Iterator[re.Match[str]]:
    """_EVENT_DATE's matches, searched only in the lines that hold a date after a connector.

    The full pattern tries an event name at every word, so searching a whole document is slow;
    every match has a connector and a date (see _DATE_AFTER_CONNECTOR), found much faster.
    """
    if text.isascii():
        places: Iterable[int] = _connectors_before_a_month(text.lower(), _BEFORE_MONTH)
    elif lower_safe(text):
        # lower() keeps every position and character class (casefold.lower_safe); what \s, \d
        # and the en dash match outside ASCII may also stand between connector and month
        lower = text.lower()
        more = {c for c in set(lower) if c.isspace() or c.isdecimal() or c == "–"}
        places = _connectors_before_a_month(lower, _BEFORE_MONTH | more)
    else:
        places = (m.start() for m in _DATE_AFTER_CONNECTOR.finditer(text))
    searched_to = 0
    for place in places:
        if place < searched_to:
            continue  # that line was searched already
        start = text.rfind("\n", 0, place) + 1
        end = text.find("\n", place)
        searched_to = end = len(text) if end == -1 else end
        yield from _EVENT_DATE.finditer(text, start, end)


def _events_held(text: str) -> Iterator[re.Match[str]]:
    """_HELD's matches, searched only in the lines that say "held" or "place" and name a month
    (every match ends in a date with its month)."""
    lines: set[tuple[int, int]] = set()
    for word in _HELD_WORDS:
        at = text.find(word)
        while at != -1:
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            lines.add((text.rfind("\n", 0, at) + 1, end))
            at = text.find(word, end)
    for start, end in sorted(lines):
        line = text[start:end]
        lower = line.lower()
        if not lower_safe(line) or any(stem in lower for stem in _MONTH_STEMS):
            yield from _HELD.finditer(text, start, end)


def _events_at_a_place(text: str) -> Iterator[re.Match[str]]:
    """_AT_A_PLACE's matches, tried only where an event noun is written."""
    lower = text.lower() if lower_safe(text) else None
    if lower is None:
        yield from _AT_A_PLACE.finditer(text)
        return
    for noun in _NOUNS:
        at = lower.find(noun)
        while at != -1:
            after = at + len(noun)
            if _PLACE_THEN_DATE.match(text, after):  # rare: then look for the name before it
                start = max(lower.rfind("\n", 0, at) + 1, at - 60)
                m = _AT_A_PLACE.search(text, start, after + 80)
                if m is not None and m.start("noun") == at:
                    yield m
            at = lower.find(noun, at + 1)


def _connectors_before_a_month(lower: str, between: frozenset[str]) -> Iterator[int]:
    """Where _DATE_AFTER_CONNECTOR_LOWER matches in lower-cased text, in order (``between``:
    the characters that may stand between a connector and its month).

    A match holds a month, and everything from its start up to that month is brackets,
    whitespace, digits, dashes and the letters of "on", "at", "the", "of", "st", "nd", "rd",
    "th". So from each month written in the text, step back over such characters and try the
    pattern only at the few places there where it can start; searching the whole text tries it
    at every "o" and "a".
    """
    found: set[int] = set()
    for stem in _MONTH_STEMS:
        at = lower.find(stem)
        while at != -1:
            start = at
            while start > 0 and lower[start - 1] in between:
                start -= 1
            for pos in range(start, at + 1):
                if lower[pos] in "(,oa" and _DATE_AFTER_CONNECTOR_LOWER.match(lower, pos):
                    found.add(pos)
                    break
            at = lower.find(stem, at + 1)
    return iter(sorted(found))


def _key(name: str) -> str:
    """Case, articles and a trailing event noun do not distinguish events."""
    words = name.lower().replace("-", " ").split()
    while words and words[0] in ("the", "next", "upcoming", "forthcoming"):
        words.pop(0)
    while words and words[-1] in _NOUNS:
        words.pop()
    while len(words) > 1 and words[-1] in _KINDS:
        words.pop()  # "ACME autumn workshop" is the ACME workshop
    return " ".join(words)


def lookup_event(name: str, events: Mapping[str, date]) -> date | None:
    """The date of a named event, matching case-insensitively and ignoring "the"/"meeting"."""
    wanted = _key(name)
    if not wanted:
        # "before the workshop": the one event of that kind the minutes date
        noun = name.lower().split()[-1].rstrip("s") if name.split() else ""
        kind = [when for known, when in events.items() if noun in known.lower().split()]
        return kind[0] if len(set(kind)) == 1 else None
    for known, when in events.items():
        if _key(known) == wanted:
            return when
    # "before the GDB" for "December GDB", "the dress rehearsal" for "DC27 dress rehearsal": the
    # event's last words, when only one event ends with them
    ending = [when for known, when in events.items() if _key(known).endswith(" " + wanted)]
    if ending:
        return ending[0] if len(set(ending)) == 1 else None
    # "the CCR workshop" for "Workshop CCR 2022", "the DPPS review" for "DPPS 0.9 release
    # review", "the LHCOPN meeting" for "LHCOPN/LHCONE meeting": every word of the name in the
    # event's, in any order, years and versions aside, of the same kind, when only one has them
    words, nouns = _words(name)
    if not words:
        return None
    holding: list[date] = []
    for known, when in events.items():
        known_words, known_nouns = _words(known)
        if words <= known_words and (not nouns or not known_nouns or nouns <= known_nouns):
            holding.append(when)
    return holding[0] if len(set(holding)) == 1 else None


def _words(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words that name an event and the nouns that say its kind, case and order aside."""
    words = _WORD_BREAK.split(name.lower())
    kind = frozenset(w for w in words if w in _NOUNS)
    named = frozenset(
        w
        for w in words
        if w and w not in _NOUNS and w not in _KINDS and w not in _LEADING and not w[0].isdigit()
    )
    return named, kind
