"""A due phrase given on its own (chat command "due 3 next friday"): the rules first, then
dateparser for explicit forms they do not cover, and dates in figures only as written.

dateparser is imported on the first phrase the rules cannot read, not with this module: it and
its English data cost a process that never needs them about 7 MB of resident memory.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from wp2bot.domain.dates import find_due
from wp2bot.domain.dates_context import DateContext
from wp2bot.domain.models import Due, Precision

# A date written in figures only: "2026-05-31", "15/04", "2.2.", "15.04.26".
_FIGURES = re.compile(r"(\d{1,4})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,4}))?\s*\.?")


def _figures_agree(phrase: str, day: date) -> bool:
    """Whether a date in figures names ``day`` field by field (year first with four digits,
    else day, month, year); dateparser swaps or wraps fields it cannot place, so "2026-13-01"
    became 13 January and "13/13" 13 December 2113. Other phrases agree with any date."""
    figures = _FIGURES.fullmatch(phrase)
    if figures is None:
        return True
    first, second, third = figures.groups()
    if len(first) == 4:
        return (int(first), int(second)) == (day.year, day.month) and (
            third is None or int(third) == day.day
        )
    if (int(first), int(second)) != (day.day, day.month):
        return False
    return third is None or int(third) in (day.year, day.year % 100)


NO_DUE_WORDS = frozenset({"clear", "none", "-"})  # ``due N clear``: the action has no date


def clears_due(phrase: str) -> bool:
    """Whether ``phrase`` asks for no due date rather than naming one."""
    return phrase.strip().casefold() in NO_DUE_WORDS


def parse_due(phrase: str, ctx: DateContext) -> Due | None:
    """A phrase given on its own (chat command "due 3 next friday"); None if unparseable.

    A date in figures must be one as written: "2026-13-01" or "32.1." is not read as some
    other day.
    """
    phrase = " ".join(phrase.split())
    if not phrase:
        return None
    found = find_due(phrase, ctx)
    if found is not None and found.date is not None:
        return (
            Due(phrase, found.date, found.precision) if _figures_agree(phrase, found.date) else None
        )
    parsed = _dateparser(phrase, ctx)
    if parsed is not None:
        return Due(phrase, parsed, Precision.DAY) if _figures_agree(phrase, parsed) else None
    return Due(phrase, None, Precision.VAGUE) if found is not None else None


def _dateparser(phrase: str, ctx: DateContext) -> date | None:
    """Explicit forms the rules do not cover, through dateparser, never against the wall clock."""
    import dateparser  # noqa: PLC0415 - only a phrase the rules cannot read needs it (see above)

    settings: dict[str, object] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "future",
    }
    if ctx.meeting_date is not None:
        settings["RELATIVE_BASE"] = datetime(  # noqa: DTZ001 - a naive calendar anchor, no instant
            ctx.meeting_date.year, ctx.meeting_date.month, ctx.meeting_date.day
        )
    else:
        # Without a meeting date only a complete absolute date can be trusted.
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        settings["RELATIVE_BASE"] = datetime(2000, 1, 1)  # noqa: DTZ001 - placeholder, never used
        settings["PARSERS"] = ["absolute-time"]
    result = dateparser.parse(phrase, languages=["en"], settings=settings)
    if not isinstance(result, datetime):
        return None
    return result.date()


def trailing_due(text: str, today: date) -> tuple[str, str] | None:
    """``… by <date>`` at the end of an action's text -> (the text before, "by <date>").

    Only when every word after the last "by" belongs to the date phrase ("by friday", "by the
    end of the month", "by 2026-12-17"); "… by the network team" and "… by Alice on friday"
    keep their "by" in the text (None).
    """
    words = text.split()
    at = next((i for i in range(len(words) - 2, 0, -1) if words[i].lower() == "by"), None)
    if at is None:
        return None
    phrase = " ".join(words[at:]).rstrip(".,;:!?")
    ctx = DateContext(meeting_date=today)
    found = find_due(phrase, ctx)
    if found is not None:
        whole = found.phrase.lower() == phrase.lower()
    else:  # forms only dateparser reads ("by the 17th"); it reads a whole phrase or nothing
        rest = phrase.split(" ", 1)[1]
        parsed = _dateparser(rest, ctx)
        whole = parsed is not None and _figures_agree(rest, parsed)
    return (" ".join(words[:at]), phrase) if whole else None
