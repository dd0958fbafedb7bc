"""Calendar arithmetic for due-date resolution: weekdays, month and quarter ends, week starts."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# the weekday and month names of the other languages the minutes mix in (French, German,
# Spanish, Italian, Dutch), lower-cased; weekdays 0 for Monday, months 1 for January. A short
# weekday keeps its dot ("fr.", "ven."): without one it is a word of another kind
FOREIGN_WEEKDAYS = {
    **dict.fromkeys(("lundi", "montag", "lunes", "lunedì", "lunedi", "maandag"), 0),
    **dict.fromkeys(("mardi", "dienstag", "martes", "martedì", "martedi", "dinsdag"), 1),
    **dict.fromkeys(
        ("mercredi", "mittwoch", "miércoles", "miercoles", "mercoledì", "mercoledi", "woensdag"), 2
    ),
    **dict.fromkeys(("jeudi", "donnerstag", "jueves", "giovedì", "giovedi", "donderdag"), 3),
    **dict.fromkeys(("vendredi", "freitag", "viernes", "venerdì", "venerdi", "vrijdag"), 4),
    **dict.fromkeys(("samedi", "samstag", "sábado", "sabado", "sabato", "zaterdag"), 5),
    **dict.fromkeys(("dimanche", "sonntag", "domingo", "domenica", "zondag"), 6),
    **dict.fromkeys(("lun.", "mo.", "ma."), 0),
    **dict.fromkeys(("mar.", "di."), 1),
    **dict.fromkeys(("mer.", "mi.", "mié.", "wo."), 2),
    **dict.fromkeys(("jeu.", "do.", "jue.", "gio."), 3),
    **dict.fromkeys(("ven.", "fr.", "vie.", "vr."), 4),
}
FOREIGN_MONTHS = {
    **dict.fromkeys(("janvier", "januar", "jänner", "enero", "gennaio", "januari"), 1),
    **dict.fromkeys(("février", "fevrier", "februar", "febrero", "febbraio", "februari"), 2),
    **dict.fromkeys(("mars", "märz", "marzo", "maart"), 3),
    **dict.fromkeys(("avril", "abril", "aprile"), 4),
    **dict.fromkeys(("mai", "mayo", "maggio", "mei"), 5),
    **dict.fromkeys(("juin", "juni", "junio", "giugno"), 6),
    **dict.fromkeys(("juillet", "juli", "julio", "luglio"), 7),
    **dict.fromkeys(("août", "aout", "agosto", "augustus"), 8),
    **dict.fromkeys(("septembre", "septiembre", "setiembre", "settembre"), 9),
    **dict.fromkeys(("octobre", "oktober", "octubre", "ottobre"), 10),
    **dict.fromkeys(("novembre", "noviembre"), 11),
    **dict.fromkeys(("décembre", "decembre", "dezember", "diciembre", "dicembre"), 12),
}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "couple of": 2,
    "a couple of": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def weekday_index(word: str) -> int:
    """0 for Monday ... 6 for Sunday, from a full or abbreviated English weekday name (or one
    of ``FOREIGN_WEEKDAYS``)."""
    low = word.lower()
    if low in FOREIGN_WEEKDAYS:
        return FOREIGN_WEEKDAYS[low]
    for i, name in enumerate(WEEKDAYS):
        if name.startswith(low[:3]):
            return i
    return _unicode_fallback(word, WEEKDAYS, 0, "weekday")


def _unicode_fallback(word: str, names: tuple[str, ...], first: int, what: str) -> int:
    """The name a rule matched under Unicode case folding that lower() does not apply ("ſunday")."""
    for i, name in enumerate(names, start=first):
        if re.match(re.escape(name[:3]), word, re.IGNORECASE):
            return i
    raise ValueError(f"not a {what}: {word!r}")


def month_index(word: str) -> int:
    """1 for January ... 12 for December, from a full or abbreviated English month name (or
    one of ``FOREIGN_MONTHS``)."""
    low = word.lower().rstrip(".")
    if low in FOREIGN_MONTHS:
        return FOREIGN_MONTHS[low]
    for i, name in enumerate(MONTHS, start=1):
        if name.startswith(low[:3]):
            return i
    return _unicode_fallback(word, MONTHS, 1, "month")


def number_value(word: str) -> int:
    """A small count written as digits or English words ("two", "a couple of")."""
    low = " ".join(word.lower().split())
    if low.isdigit():
        return int(low)
    return NUMBER_WORDS[low]


def next_weekday(after: date, weekday: int) -> date:
    """The first day strictly after ``after`` that falls on ``weekday``."""
    ahead = (weekday - after.weekday()) % 7 or 7
    return after + timedelta(days=ahead)


def weekday_of_week(day: date, weekday: int) -> date:
    """The given weekday of the Monday-to-Sunday week that contains ``day``."""
    return day - timedelta(days=day.weekday()) + timedelta(days=weekday)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def quarter_end(year: int, quarter: int) -> date:
    """The last day of quarter 1-4 of a year."""
    return month_end(year, quarter * 3)


def week_of_month_friday(year: int, month: int, ordinal: int) -> date:
    """Friday of the n-th week of a month (week 1 holds the 4th, as ISO weeks do; -1 = last)."""
    if ordinal < 0:
        last = month_end(year, month)
        friday = weekday_of_week(last, 4)
        return friday if friday.month == month else friday - timedelta(days=7)
    return weekday_of_week(date(year, month, 4), 4) + timedelta(days=7 * (ordinal - 1))


def year_for_month(meeting: date, month: int) -> int:
    """The year in which a month named without a year next occurs, counting the meeting's month."""
    return meeting.year + 1 if month < meeting.month else meeting.year
