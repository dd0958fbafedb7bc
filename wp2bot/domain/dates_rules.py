"""The regex layer that locates deadline phrases in free text and resolves each to a date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wp2bot.domain.dates_resolve import (
    Resolver,
    days_after_meeting,
    resolve_day_of_month,
    resolve_duration,
    resolve_explicit,
    resolve_fortnight,
    resolve_from_today,
    resolve_iso,
    resolve_iso_week,
    resolve_month_end,
    resolve_month_part,
    resolve_named_event,
    resolve_next_meeting,
    resolve_numeric,
    resolve_period_end,
    resolve_quarter,
    resolve_tomorrow,
    resolve_vague,
    resolve_week,
    resolve_week_of_month,
    resolve_weekday_any,
    resolve_year_end,
)
from wp2bot.domain.models import Precision

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
    r"|due(?:\s+(?:date|by|on))?|eta|by|b4|before|until|till|on|at|for|starting)\b[\s:]*"
    r"(?:the\s+)?)"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern, how to resolve its match and how much to trust it."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    rank: int
    gate: re.Pattern[str]  # a cheap search that must succeed before the full pattern runs
    # The same gate without IGNORECASE, for ASCII text lower-cased once for every rule: a
    # case-sensitive search is several times faster and, on ASCII, finds the same keywords.
    gate_lower: re.Pattern[str]


_MONTH_STEMS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# a whole month word: in these rules a month follows a space, a dash or the start and ends the
# word, so "market", "decide" and "summary" open no gate ("may" does: the modal is one word)
_MONTH_WORD = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
# Each rule's full pattern is costly (an optional deadline word may start anywhere), so a plain
# keyword search decides first whether the rule can match at all.
_GATES = {
    "iso": r"\d{4}[-/]\d",
    "day-month": _MONTH_WORD,
    "month-day": _MONTH_WORD,
    "numeric": r"\d[./]\d",
    "day-of-month": r"\bthe\s+[0-3]?\d(?:st|nd|rd|th)",
    "weekday-day": r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:the\s+)?[0-3]?\d",
    "iso-week": r"\b(?:kw|cw|wk|week)\.?\s*#?\d|\d-?w[0-5]\d",
    "period-end": r"\beo[wmq]\b|quarter",
    "today": r"today|tonight|eod|\bend\s",
    "tomorrow": r"tomorrow|tmrw",
    "a-week-from-today": r"\bfrom\s",
    "in-n": r"\b(?:in|within|eta:?)\s",
    "in-a-fortnight": r"fortnight",
    "week-after-next": r"week",
    "week": r"week|wk",
    "weekday": r"mon|tue|wed|thu|fri|sat|sun",
    "month-end": r"\b(?:end|close)[\s-]",
    "month-part": r"mid|beginning|start|early|late",  # the part of the month is required
    "week-of-month": r"week",
    "year-end": r"year|eoy|\bend\s",
    "quarter": r"q[1-4]",
    "next-meeting": r"next|nxt|following|upcoming|forthcoming|coming",
    "named-event": r"before|ahead|prior|in\s+time|until|\b(?:by|at|for)\s+the\s",
    # (the count or weekday right before the deadline word: a rare pair, so a narrow gate)
    "before-event": r"(?:days?|weeks?|monday|tuesday|wednesday|thursday|friday)\s+"
    r"(?:before|ahead|prior|in\s+time|until)",
    "month-alone": _MONTH_WORD,
    "season": r"summer|winter|spring|autumn|fall|christmas|easter|xmas|new\s+year|holiday",
    "vague": r"asap|a\.s\.a\.p|soon|urgent|point|advance|ahead|few|next|coming|later|once|when",
}


def _rule(name: str, pattern: str, resolve: Resolver, rank: int, trigger: bool = True) -> Rule:
    full = (TRIGGER + "?" if trigger else "") + pattern
    gate = re.compile(_GATES[name], re.IGNORECASE)
    gate_lower = re.compile(_GATES[name])
    return Rule(name, re.compile(full, re.IGNORECASE), resolve, rank, gate, gate_lower)


# "before the GDB", "ahead of the F2F": the deadline word, then the event: capitalised words
# ("the GDB", "PI21"), or a lower-case word before an event noun ("the mid-term review"); a
# season word may come before the noun; or the event's noun alone ("before the workshop",
# "before the dress rehearsal"), which names the one event of that kind the minutes date
_EVENT_AFTER_TRIGGER = (
    r"(?:\b(?:before|ahead\s+of|prior\s+to|in\s+time\s+for|until)\s+(?:the\s+)?"
    r"(?:(?:end|start|beginning)\s+of\s+(?:the\s+)?)?(?:next\s+|upcoming\s+|forthcoming\s+)?"
    r"|(?P<soft>\b(?:by|at|for)\s+the\s+(?:end\s+of\s+(?:the\s+)?)?"
    r"(?:next\s+|upcoming\s+|forthcoming\s+)?))"
    # (a lower-case prefix may stand before the capital: "the pre-GDB"; two names joined by a
    # slash: "the LHCOPN/LHCONE meeting")
    r"(?P<ev>(?-i:(?:[a-z]+-)?[A-Z][\w&/-]*)(?:\s+(?-i:[A-Z0-9][\w&-]*))?"
    r"|(?-i:[a-z][\w-]*)(?=\s+(?:meeting|workshop|conference|review)\b)"
    r"|(?-i:(?:data\s+|dress\s+)?(?:workshop|conference|review|challenge|rehearsal|hackathon"
    r"|retreat|school|board|plenary|sprint|shutdown)s?)(?![\w-]))"
    r"(?:\s+(?:spring|summer|autumn|fall|winter|annual|general|plenary))?"
    r"(?:\s+(?P<noun>meeting|mtg|workshop|conference|session|review|call|telcon|challenge|hackathon"
    r"|campaign|sprint|release))?"
)


def build_rules() -> tuple[Rule, ...]:
    """Every deadline pattern, compiled once per process by the caller's cache."""
    numeric_day = r"(?P<d>[0-3]?\d)"
    return (
        _rule(
            "iso",
            r"(?<![\w./-])(?P<y>(?:19|20)\d\d)[-/](?P<m>[01]?\d)[-/](?P<d>[0-3]?\d)(?![\w/-])",
            resolve_iso,
            EXPLICIT,
        ),
        _rule(
            "day-month",
            rf"(?<![\w.:/]){DAY}(?:\s+of)?[\s-]+(?P<m>{MONTH})(?:(?:,?\s+|-){YEAR})?",
            resolve_explicit,
            EXPLICIT,
        ),
        _rule(
            "month-day",
            rf"(?<![\w.])(?P<m>{MONTH})\s*(?:the\s+)?{DAY}(?!:)(?:,?\s+{YEAR})?",
            resolve_explicit,
            EXPLICIT,
        ),
        # Numbers alone are versions, ratios and section numbers unless a deadline word or a
        # bracket introduces them, and "d.m" needs its closing dot ("2.2.") or a year.
        _rule(
            "numeric",
            # (or a weekday: "Mon 13/1", in notes without a deadline word)
            rf"(?:{TRIGGER}(?:(?:{WEEKDAY}|{WEEKDAY_SHORT}),?\s+)?|(?P<paren>\()|\b(?:{WEEKDAY}|{WEEKDAY_SHORT}),?\s+)(?<![\w./:]){numeric_day}(?:/(?P<m>[01]?\d)(?:/(?:{YEAR}|(?P<yy>\d\d)(?!\d)))?"
            r"|\.(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)?)(?![\w/:]|\.\d)",
            resolve_numeric,
            EXPLICIT,
            trigger=False,
        ),
        # "by the 3rd", not "by the 3rd release": an ordinal day with nothing after it
        _rule(
            "day-of-month",
            r"\b(?:by|before|until|till|on|due)\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
            r"(?!\s*(?:of\b|[-\w]))",
            resolve_day_of_month,
            EXPLICIT,
            trigger=False,
        ),
        # "Monday 14th", "Fri 18": the day of the month a weekday names, not the next such day
        _rule(
            "weekday-day",
            rf"\b(?:{WEEKDAY}|{WEEKDAY_SHORT}),?\s+(?:the\s+)?{DAY}\b"
            rf"(?!\s*(?:[-./:]|of\b|{MONTH}|(?:am|pm|h)\b))",
            resolve_day_of_month,
            EXPLICIT,
        ),
        # a calendar week: "KW 50", "CW12/2027" anywhere; "week 50" after a deadline word
        _rule(
            "iso-week",
            r"(?:\b(?:KW|CW)\.?\s*|\b(?:by|before|until|till|in|during|due|from)\s+(?:the\s+)?"
            r"(?:(?:calendar|ISO)\s+)?(?:week|wk\.?)\s*#?)(?P<w>[1-5]?\d)\b"
            r"(?:\s*(?:/|,)\s*(?P<y>(?:19|20)\d\d)(?!\d))?(?!\s*(?:of|in)\b)"
            # ISO 8601's own spelling: "2026-W50"
            r"|\b(?P<y2>(?:19|20)\d\d)-?W(?P<w2>[0-5]\d)\b",
            resolve_iso_week,
            EXPLICIT,
            trigger=False,
        ),
        _rule(
            "period-end",
            r"\b(?:(?P<abbr>eo[wmq])|(?:the\s+)?end\s+of\s+(?:the\s+(?:current\s+)?|this\s+|"
            r"(?P<next>next)\s+)quarter)\b",
            resolve_period_end,
            RELATIVE,
        ),
        _rule(
            "today",
            r"\b(?:as\s+soon\s+as\s+possible\s+)?(?:today|tonight|end\s+of\s+(?:the\s+)?day|eod)\b"
            # "end of day Friday", "EOD Tuesday": that day's end, which the weekday rule reads
            r"(?!,?\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|tomorrow))",
            days_after_meeting(0),
            RELATIVE,
        ),
        _rule(
            "tomorrow",
            # (a note-taker's "tmrw" too)
            r"\b(?:(?:the\s+)?day\s+after\s+)?(?:tomorrow|tmrw)(?:\s+(?:morning|afternoon|evening))?\b",
            resolve_tomorrow,
            RELATIVE,
        ),
        _rule(
            "a-week-from-today",
            rf"\b(?:precisely\s+)?(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|months?)\s+from\s+(?:today|now)\b",
            resolve_from_today,
            RELATIVE,
        ),
        _rule(
            "in-n",
            # "in 2 weeks", "within 3 days", "ETA: 2 weeks" (an estimate counted from the meeting)
            rf"\b(?:in|within|eta:?)\s+(?:the\s+next\s+)?(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|fortnights?|months?)\b",
            resolve_duration,
            RELATIVE,
        ),
        _rule(
            "in-a-fortnight",
            r"\b(?:in|within)\s+a\s+(?P<unit>fortnight)(?P<n>)\b",
            resolve_fortnight,
            RELATIVE,
        ),
        _rule(
            "week-after-next",
            r"\b(?:the\s+)?week\s+after\s+next\b",
            days_after_meeting(14, Precision.WEEK),
            RELATIVE,
        ),
        _rule(
            "week",
            r"\b(?:(?P<when>beginning|start|early|end|late)(?:\s+of)?\s+)?(?:the\s+)?(?P<which>this|next|nxt|following|the|(?<=due\s)(?:last|previous))\s+(?:week|wk)\b(?!\s*(?:'s|of))"
            r"|\b(?P<when2>end|close)\s+of\s+week\b",
            resolve_week,
            RELATIVE,
        ),
        _rule(
            "weekday",
            # "last Friday", "past Monday" are behind the meeting: no deadline
            rf"\b(?<!last\s)(?<!past\s)(?<!previous\s)(?:(?P<mod>this|next|coming|on|by|until|before|b4)\s+)?(?P<wd>{WEEKDAY})\b|\b(?P<mod2>this|next|on|by|until|before|b4)\s+(?P<wd2>{WEEKDAY_SHORT})(?![\w])",
            resolve_weekday_any,
            RELATIVE,
        ),
        _rule(
            "month-end",
            # "end of May", "end of the month", and the short "end May", "end-May"
            rf"\b(?:the\s+)?(?:end|close)(?:\s+of\s+|[\s-]+(?={MONTH}))(?:(?:the\s+)?(?:(?P<which>this|next)\s+)?month|(?P<mon>{MONTH})(?:\s+{YEAR})?)",
            resolve_month_end,
            RELATIVE,
        ),
        _rule(
            "month-part",
            rf"\b(?P<part>mid|middle\s+of|beginning\s+of|start\s+of|early|late)[\s-]*(?:the\s+month\s+of\s+)?(?P<mon>{MONTH})(?:\s+{YEAR})?(?!\s*[0-3]?\d)",
            resolve_month_part,
            RELATIVE,
        ),
        _rule(
            "week-of-month",
            rf"\b(?P<ord>first|1st|second|2nd|third|3rd|last)\s+week\s+(?:of|in)\s+(?P<mon>{MONTH})(?:\s+{YEAR})?",
            resolve_week_of_month,
            RELATIVE,
        ),
        _rule(
            "year-end",
            rf"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:year|{YEAR})|year[\s-]end|eoy)\b",
            resolve_year_end,
            RELATIVE,
        ),
        _rule(
            "quarter",
            r"\b(?:(?:end\s+of|by|before|until|in|during|for)\s+(?:the\s+)?)Q(?P<q>[1-4])(?:\s*(?:/|')?\s*(?P<y>(?:20)?\d\d)(?!\d))?\b",
            resolve_quarter,
            RELATIVE,
            trigger=False,
        ),
        _rule(
            "next-meeting",
            r"\b(?:the\s+)?(?:next|nxt|following|upcoming|forthcoming|coming)\s+(?:(?P<qual>[\w&/-]+(?:\s+[\w&/-]+)?)\s+)??(?:meeting|mtg|tele?con|teleconf(?:erence)?|phone\s+call|call|session|videocon)s?\b"
            # "Bo to bring the numbers next time": the next meeting
            r"|\bnext\s+time\b",
            resolve_next_meeting,
            EVENT,
        ),
        _rule("named-event", _EVENT_AFTER_TRIGGER, resolve_named_event, EVENT, trigger=False),
        # a time before the event, over the weekday or count inside it: "two weeks before the
        # workshop", "the Monday before the review"
        _rule(
            "before-event",
            r"(?P<trig>\b(?:by|on|until|till|for)\s+)?"
            r"\b(?:(?P<off>one|two|three|four|a|\d{1,2})\s+(?P<unit>days?|weeks?)\s+|"
            r"the\s+(?P<wd>monday|tuesday|wednesday|thursday|friday)\s+)" + _EVENT_AFTER_TRIGGER,
            resolve_named_event,
            RELATIVE,
            trigger=False,
        ),
        _rule(
            "month-alone",
            rf"\b(?:in|by|before|until|during|for|at|around|after)\s+(?:the\s+)?(?:month\s+of\s+)?(?P<m>{MONTH})(?:\s+{YEAR})?(?!\s*[0-3]?\d)(?:\s+(?:teleconf(?:erence)?|tele?con|meeting|council\s+meeting))?",
            resolve_vague,
            VAGUE,
            trigger=False,
        ),
        _rule(
            "season",
            r"\b(?:before|by|after|until|in|during|over|for)\s+(?:the\s+)?(?:summer|winter|spring|autumn|fall|christmas|easter|xmas|new\s+year|holidays?)(?:\s+(?:break|holidays?|vacation))?\b",
            resolve_vague,
            VAGUE,
            trigger=False,
        ),
        _rule(
            "vague",
            r"\b(?:asap|a\.s\.a\.p\b\.?|as\s+soon\s+as\s+possible|(?-i:soon|SOON)|urgently|at\s+some\s+point|in\s+advance|ahead\s+of\s+time|(?:in|within)\s+(?:a\s+)?few\s+(?:days|weeks|months)|(?:over|in)\s+the\s+(?:next|coming)\s+(?:few\s+)?(?:days|weeks|months)|later\s+this\s+(?:week|month|year)|(?:by\s+|in\s+|during\s+)?(?:the\s+)?next\s+month|when\s+(?:possible|time\s+permits)|(?:a\s+)?later\s+(?:date|stage)|once\s+(?:done|public|ready|merged|available|approved|finished|complete|released)|when\s+(?:i|we|they|he|she|you)\s+(?:get|have|find)\s+(?:some\s+)?time)\b",
            resolve_vague,
            VAGUE,
            trigger=False,
        ),
    )
