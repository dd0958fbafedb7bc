"""Deadlines written in the other languages of a European collaboration's minutes.

"d'ici vendredi", "bis Ende Januar", "antes del 15/1", "entro fine mese", "uiterlijk vrijdag":
the site contacts write a deadline in French, German, Spanish, Italian or Dutch as often as in
English. These rules find those phrases beside the English ones of ``dates_rules`` and resolve
them the same way; ``dates`` ranks them all together. The weekday and month names of the five
languages are also ``dates_calendar``'s, so every resolver reads them.
"""

from __future__ import annotations

import re
from datetime import timedelta

from wp2bot.domain.dates_calendar import (
    FOREIGN_MONTHS,
    FOREIGN_WEEKDAYS,
    month_end,
    month_index,
    weekday_of_week,
    year_for_month,
)
from wp2bot.domain.dates_context import DateContext
from wp2bot.domain.dates_resolve import (
    Resolution,
    Resolver,
    resolve_explicit,
    resolve_next_meeting,
    resolve_numeric,
    resolve_weekday_any,
)
from wp2bot.domain.dates_rules import EVENT, EXPLICIT, RELATIVE, YEAR, Rule
from wp2bot.domain.gate_words import first_letter_alternation
from wp2bot.domain.models import Precision


def _words(names: dict[str, int]) -> str:
    """An alternation of the names, longest first (with the dot of an abbreviation escaped)."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


FMONTH = r"(?P<m>" + _words(FOREIGN_MONTHS) + r")(?![\w])"
_WEEKDAY = _words({k: v for k, v in FOREIGN_WEEKDAYS.items() if not k.endswith(".")})
_SHORT = _words({k: v for k, v in FOREIGN_WEEKDAYS.items() if k.endswith(".")})
# the deadline words: "bis", "d'ici", "antes del", "entro", "uiterlijk" (a short weekday, "Fr.",
# only after one of them)
TRIGGER = (
    r"(?P<trig>\b(?:bis(?:\s+(?:zum|zur|spätestens))?|spätestens(?:\s+(?:am|bis))?|"
    r"vor\s+(?:dem|der)|d['’]ici(?:\s+(?:le|à|au))?|avant(?:\s+(?:le|la))?|"
    r"au\s+plus\s+tard(?:\s+le)?|pour\s+le|antes\s+del?|para\s+el|hasta\s+el|"
    r"entro(?:\s+(?:il|la|le|l['’]))?|per\s+il|vóór|voor|uiterlijk|tegen)(?![\w])\s*)"
)
_DAY = r"(?P<d>[0-3]?\d)(?!\d)"


def _resolve_month_end(m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "fin du mois", "Ende Januar", "fine mese": the last day of that month."""
    meeting = ctx.meeting_date
    if meeting is None:
        return None, Precision.VAGUE
    written = m.group("m") or m.group("m_de") or m.group("m_it") or m.group("m_nl")
    if written:
        month = month_index(written)
        return month_end(year_for_month(meeting, month), month), Precision.MONTH
    return month_end(meeting.year, meeting.month), Precision.MONTH


def _resolve_next_week(_m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "la semaine prochaine", "nächste Woche": a week on, as "next week" is."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    return ctx.meeting_date + timedelta(days=7), Precision.WEEK


def _resolve_this_week(_m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "cette semaine", "diese Woche", "deze week": that week's Friday, as "this week" is."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    return weekday_of_week(ctx.meeting_date, 4), Precision.WEEK


def _resolve_end_of_next_week(_m: re.Match[str], ctx: DateContext) -> Resolution:
    """ "Ende nächster Woche", "fin de la semaine prochaine": the Friday of next week."""
    if ctx.meeting_date is None:
        return None, Precision.VAGUE
    return weekday_of_week(ctx.meeting_date + timedelta(days=7), 4), Precision.DAY


def _resolve_days(days: int) -> Resolver:
    def resolve(_m: re.Match[str], ctx: DateContext) -> Resolution:
        if ctx.meeting_date is None:
            return None, Precision.VAGUE
        return ctx.meeting_date + timedelta(days=days), Precision.DAY

    return resolve


# one gate for every rule here, searched once per text (``dates`` searches each distinct gate):
# a deadline word, a month or weekday name, or a relative word of these languages
_GATE_WORDS = (
    *("bis", "spätestens", r"vor\s+de[mr]", "d['’]ici", "avant", r"au\s+plus\s+tard"),
    *(r"pour\s+le", "antes", r"para\s+el", r"hasta\s+el", "entro", r"per\s+il", "vóór"),
    *("voor", "uiterlijk", "tegen", "monatsende", "eind", "einde", "aujourd['’]hui", "heute"),
    "hoy",
    *("oggi", "vandaag", "demain", "morgen", "mañana", "domani", "semaine", "woche", "semana"),
    *("settimana", r"deze\s+week", "volgende", "prochaine", r"nächste[nrms]?", "próxima"),
    *("prossima", r"fin\s+d\w*", r"ende\s\S*", r"anfang\s\S*", r"fine\s+\w+"),
    *(re.escape(m) for m in FOREIGN_MONTHS),
    *(re.escape(d) for d in FOREIGN_WEEKDAYS if not d.endswith(".")),
)


_GATE = first_letter_alternation(_GATE_WORDS)
_GATE_IGNORECASE = re.compile(_GATE, re.IGNORECASE)
_GATE_LOWER = re.compile(_GATE)


def may_hold(text: str, lower: str | None) -> bool:
    """Whether any rule here can match: a word of their gate (``lower``: the text lower-cased
    when that folds it as IGNORECASE does, else None). ``dates``' pre-check asks it of a text
    with no English date word."""
    if lower is not None:
        return _GATE_LOWER.search(lower) is not None
    return _GATE_IGNORECASE.search(text) is not None


def _rule(name: str, pattern: str, resolve: Resolver, rank: int) -> Rule:
    return Rule(
        name, re.compile(pattern, re.IGNORECASE), resolve, rank, _GATE_IGNORECASE, _GATE_LOWER
    )


def language_rules() -> tuple[Rule, ...]:
    """The deadline patterns of the five languages, compiled once per process by the caller."""
    return (
        _rule(
            "lang-numeric",
            TRIGGER
            + r"(?:(?:"
            + _WEEKDAY
            + "|"
            + _SHORT
            + r"),?\s*)?(?<![\w./:])"
            + _DAY
            + r"(?:/(?P<m>[01]?\d)(?:/(?:"
            + YEAR
            + r"|(?P<yy>\d\d)(?!\d)))?"
            r"|\.(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)?)(?![\w/:]|\.\d)",
            resolve_numeric,
            EXPLICIT,
        ),
        _rule(
            "lang-day-month",
            r"(?<![\w.:/])"
            + _DAY
            + r"\.?(?:\s+de)?\s+"
            + FMONTH
            + r"(?:\s+(?:de\s+)?"
            + YEAR
            + r")?",
            resolve_explicit,
            EXPLICIT,
        ),
        _rule(
            "lang-weekday",
            TRIGGER + r"?(?:(?:le|el|il|am|op)\s+)?"
            # (a short weekday only after a deadline word: "bis Fr.")
            r"(?:(?P<wd>" + _WEEKDAY + r")(?![\w])|(?(trig)(?P<wd2>" + _SHORT + r")|(?!)))",
            resolve_weekday_any,
            RELATIVE,
        ),
        _rule(
            "lang-month-end",
            r"\b(?:fin\s+(?:du\s+mois|de(?:l)?\s+mes|(?:de\s+)?" + FMONTH + r")|"
            r"Ende\s+(?:des\s+Monats|" + FMONTH.replace("?P<m>", "?P<m_de>") + r")|Monatsende|"
            r"fine\s+(?:del\s+)?mese|fine\s+" + FMONTH.replace("?P<m>", "?P<m_it>") + r"|"
            r"eind(?:e)?\s+van\s+de\s+maand|eind\s+" + FMONTH.replace("?P<m>", "?P<m_nl>") + r")",
            _resolve_month_end,
            RELATIVE,
        ),
        _rule(
            "lang-today",
            r"\b(?:aujourd['’]hui|heute|hoy|oggi|vandaag)(?![\w])",
            _resolve_days(0),
            RELATIVE,
        ),
        _rule(
            "lang-tomorrow",
            r"\b(?:demain|morgen|mañana|domani)(?![\w])",
            _resolve_days(1),
            RELATIVE,
        ),
        _rule(
            "lang-this-week",
            r"\b(?:cette\s+semaine|diese\s+Woche|esta\s+semana|questa\s+settimana|deze\s+week)\b",
            _resolve_this_week,
            RELATIVE,
        ),
        _rule(
            "lang-end-of-next-week",
            r"\b(?:(?:Ende|Anfang)\s+(?:der\s+)?nächste[rn]?\s+Woche|"
            r"fin\s+de\s+la\s+semaine\s+prochaine|fin\s+de\s+la\s+(?:próxima\s+semana|"
            r"semana\s+que\s+viene)|fine\s+della\s+prossima\s+settimana|"
            r"eind\s+volgende\s+week)\b",
            _resolve_end_of_next_week,
            RELATIVE,
        ),
        _rule(
            "lang-next-week",
            r"\b(?:(?:la\s+)?semaine\s+prochaine|(?:la\s+)?prochaine\s+semaine|"
            r"nächste[nr]?\s+Woche|(?:la\s+)?semana\s+(?:que\s+viene|próxima)|"
            r"(?:la\s+)?próxima\s+semana|(?:la\s+)?prossima\s+settimana|settimana\s+prossima|"
            r"volgende\s+week|nächster\s+Woche)\b",
            _resolve_next_week,
            RELATIVE,
        ),
        _rule(
            "lang-next-meeting",
            r"\b(?:(?:la\s+)?prochaine\s+réunion|(?:zur\s+|zum\s+|der\s+|dem\s+)?nächste[nrm]?\s+"
            r"(?:Sitzung|Treffen|Meeting|Besprechung|Termin)|(?:la\s+)?próxima\s+reunión|"
            r"(?:la\s+)?prossima\s+riunione|(?:de\s+)?volgende\s+vergadering|"
            # "the next time": the next meeting
            r"(?:la\s+)?prochaine\s+fois|nächstes\s+Mal|(?:la\s+)?próxima\s+vez|"
            r"(?:la\s+)?prossima\s+volta|(?:de\s+)?volgende\s+keer)(?P<qual>)\b",
            resolve_next_meeting,
            EVENT,
        ),
    )
