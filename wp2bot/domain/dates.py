"""Due-date resolution: locate a deadline phrase in an action's text and fix its calendar date."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from wp2bot.domain.casefold import lower_safe, lowered_pattern
from wp2bot.domain.dates_context import DateContext
from wp2bot.domain.dates_events import find_named_events
from wp2bot.domain.dates_languages import language_rules, may_hold
from wp2bot.domain.dates_rules import EXPLICIT, Rule, build_rules
from wp2bot.domain.gate_words import literal_words, required_words
from wp2bot.domain.models import Due

__all__ = ["DateContext", "find_due", "find_named_events"]


# A cheap test run before the rules: most action lines mention no date-like word at all. The
# words (months, weekdays, "today", "eod", "week", "soon", "meeting", "before", "q1"-"q4", the
# relative and named-event words "day", "by", "next", "within", "a.s.a.p", ...) are grouped by
# first letter behind one look-ahead: the engine tries the alternatives one by one at every word
# boundary, so grouping them finds the same words in half the time (tests/unit/test_dates.py
# checks it against the plain list).
_PRECHECK_WORDS = (
    r"\d|\b(?=[abcdefhjlmnopqstuvwxy])(?:a(?:pr|ug|sap|utumn|dvance|head|\.s\.a\.p)"
    r"|b(?:eginning|efore|y)|c(?:all|hristmas|oming)|d(?:ec|eadline|ue|ay)"
    r"|e(?:od|oy|arly|nd|aster|ta)|f(?:eb|ri|ortnight|all|ollowing|ew)|h(?:oliday|our)"
    r"|j(?:an|un|ul)|l(?:ate|ater)|m(?:ar|ay|on|onth|eeting|id)|n(?:ov|ext|xt)|o(?:ct|nce)"
    r"|p(?:oint|rior)|q[1-4]|s(?:ep|at|un|oon|ession|tart|ummer|pring)"
    r"|t(?:ue|hu|oday|onight|omorrow|mrw|elcon|eleconf|ill)|u(?:rgent|ntil|pcoming)|videocon"
    r"|w(?:ed|eek|inter|hen|ithin|k)|xmas|year)"
)
_PRECHECK = re.compile(_PRECHECK_WORDS, re.IGNORECASE)
# On text lower-cased once, a case-sensitive search finds the same words several times faster
# (``casefold.lower_safe`` tells when it finds what IGNORECASE finds).
_PRECHECK_LOWER = re.compile(_PRECHECK_WORDS)

DUE_SCAN_CHARS = 2000


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    rank: int
    due: Due
    triggered: bool


@dataclass(frozen=True, slots=True)
class _RuleSet:
    rules: tuple[Rule, ...]
    gates: tuple[re.Pattern[str], ...]  # each distinct lower-case gate once
    gate_of: tuple[int, ...]  # rules[i] is gated by gates[gate_of[i]]
    words: tuple[tuple[str, ...], ...]  # words a gate cannot pass without (empty: no test)
    plain: tuple[bool, ...]  # the gate is only those words: holding one passes it
    # rules[i]'s pattern without IGNORECASE, for text lower-cased once (None: the original
    # only), and the words whose presence in the lower-cased text rules it out
    lowered: tuple[re.Pattern[str] | None, ...]
    unless: tuple[tuple[str, ...], ...]


@functools.cache
def _rules() -> _RuleSet:
    """The compiled rules, built on first use and kept for the life of the process."""
    rules = build_rules() + language_rules()
    distinct: dict[str, int] = {}
    gate_of = tuple(distinct.setdefault(r.gate_lower.pattern, len(distinct)) for r in rules)
    by_pattern = {r.gate_lower.pattern: r.gate_lower for r in rules}
    words = tuple(tuple(required_words(p) or ()) for p in distinct)
    plain = tuple(literal_words(p) is not None for p in distinct)
    lowered = tuple(lowered_pattern(r.pattern) for r in rules)
    return _RuleSet(
        rules,
        tuple(by_pattern[p] for p in distinct),
        gate_of,
        words,
        plain,
        tuple(pattern for pattern, _ in lowered),
        tuple(unless for _, unless in lowered),
    )


def _holds_any(lower: str, words: tuple[str, ...]) -> bool:
    for word in words:  # noqa: SIM110 - a plain loop is cheaper than any() over a generator
        if word in lower:
            return True
    return False


def _open_gates(text: str, lower: str | None, ruleset: _RuleSet) -> list[bool]:
    """Which rules' keyword gates pass: one search per distinct gate on the text lower-cased
    once (``lower``, None when lower() does not fold it as IGNORECASE does), run only when the
    text holds one of the words the gate opens with."""
    if lower is not None:
        passed = [
            (not words or _holds_any(lower, words)) and (plain or gate.search(lower) is not None)
            for gate, words, plain in zip(ruleset.gates, ruleset.words, ruleset.plain, strict=True)
        ]
        return [passed[g] for g in ruleset.gate_of]
    return [rule.gate.search(text) is not None for rule in ruleset.rules]


def _hits(text: str, lower: str | None, gates: list[bool], ctx: DateContext) -> list[_Hit]:
    """The phrases of the rules whose gates are open (``_open_gates`` of the same text)."""
    hits: list[_Hit] = []
    ruleset = _rules()
    for i, gate_open in enumerate(gates):
        if not gate_open:
            continue
        rule, lowered, unless = ruleset.rules[i], ruleset.lowered[i], ruleset.unless[i]
        # the lower-cased text has the same length: a match's span is the same in both
        found = (
            lowered.finditer(lower)
            if lowered is not None and lower is not None and not _holds_any(lower, unless)
            else rule.pattern.finditer(text)
        )
        for m in found:
            resolved = rule.resolve(m, ctx)
            if resolved is None:
                continue
            when, precision = resolved
            triggered = bool(m.groupdict().get("trig"))
            if rule.rank == EXPLICIT and not triggered and _in_range(text, m.start(), m.end()):
                continue  # "the week of (June 3-6)" says when something happens, not a deadline
            if _REPORTED.search(text, max(0, m.start() - 40), m.start()):
                continue  # "as announced at the progress meeting": where it was said, not when due
            if _completed_at(text, m, triggered):
                continue  # "(done 20 Nov)", "completed on 3 Dec": when it was over, no deadline
            if _EARLIEST.search(text, max(0, m.start() - 20), m.start()):
                continue  # "not before early October", "no earlier than the 12th": a lower bound
            if _WEEK_OF.search(text, max(0, m.start() - 20), m.start()):
                continue  # "a joint test in the week of 7 December": when it happens
            if text[m.start() : m.start() + 3].lower() == "by " and _DONE_BY.search(
                text, max(0, m.start() - 16), m.start()
            ):
                continue  # "superseded by 3.3.", "replaced by the 12 May plan": no deadline
            phrase = " ".join(text[m.start() : m.end()].split()).rstrip(",;:")
            hits.append(
                _Hit(m.start(), m.end(), rule.rank, Due(phrase, when, precision), triggered)
            )
    return hits


# the earliest date, no deadline: "but not before early October", "no earlier than 12 Oct"
_EARLIEST = re.compile(r"\b(?:not|no\s+earlier\s+than|not\s+earlier\s+than)\s*$", re.IGNORECASE)
# a week named by its first day, when something happens: "in the week of 7 December"
_WEEK_OF = re.compile(r"\b(?:in|during)\s+the\s+week\s+of\s*$", re.IGNORECASE)
# "As agreed on 3 March, ...", "as announced at the review, I will ...": a phrase after "as" and a
# reporting verb's participle names the occasion something was said at, not a deadline.
_REPORTED = re.compile(
    r"\bas\s+(?:(?:was|were|we|I|you|they|he|she)\s+)?(?:(?:already|just|briefly)\s+)?"
    r"(?:agreed|announced|decided|described|discussed|explained|mentioned|noted|outlined"
    r"|presented|reported|said|seen|shown|stated)"
    r"(?:\s+(?:at|in|on|during|over))?\s*$",
    re.IGNORECASE,
)
# "done 20 Nov", "completed on 2026-11-20", "closed: 3 Dec": the date an item was over
_COMPLETED = re.compile(
    r"\b(?P<word>done|completed|finished|closed|resolved|fixed|merged|delivered|"
    # (and in the languages of the collaboration's scribes: "erledigt 8.1.", "fait (2 Mar)")
    r"erledigt|fait|hecho|fatto|klaar|gedaan|"
    # what was sent out on that day ("Submitted on 9 July"; "to be submitted on ..." is to come)
    r"(?<!be\s)(?<!been\s)(?:submitted|circulated|sent|posted|published|uploaded|deployed))"
    r"\s*[:,(]?\s*$",
    re.IGNORECASE,
)


_NOTE_BEFORE = re.compile(r"(?:\s[-–—]|[:;,(])[\s*_]*$")


def _completed_at(text: str, m: re.Match[str], triggered: bool) -> bool:
    """Whether a date says when an item was over: "(done 20 Nov)", "completed on 3 Dec"."""
    over = _COMPLETED.search(text, max(0, m.start() - 16), m.start())
    if over is None:
        return False
    # "done by 20 Dec" and "get it done on Friday" say when it must be; "– done on 27/1", a
    # closing note, when it was over
    if not triggered:
        return True
    if m["trig"][:2].lower() != "on":
        return False
    return over["word"].lower() != "done" or _NOTE_BEFORE.search(text, 0, over.start()) is not None


# A purpose clause: what the task is for, and the dates of that ("so that it can go into the report
# for the review on 13 Dec")
_PURPOSE = re.compile(
    r"\b(?:so\s+that|in\s+order\s+to|so\s+(?:it|they|we|this|that)\s+can)\b", re.I
)
# what was replaced or covered by something else: "withdrawn, superseded by 3.3."
_DONE_BY = re.compile(r"\b(?:superseded|replaced|covered|obsoleted|overtaken)\s*$", re.IGNORECASE)
# a deadline moved: "by 10/01 now by 7/02", "mi-mai reporté au 10/06", "postponed to 3 March":
# the new one is the deadline
_REVISED = re.compile(
    r"(?:\bnow|\b(?:moved|postponed|pushed(?:\s+back)?|delayed|shifted)\s+to|"
    r"\b(?:report[ée]e?|repouss[ée]e?|d[ée]cal[ée]e?)\s+(?:au|à)|\bverschoben\s+auf|"
    r"\brinviat[oa]\s+al|\baplazad[oa]\s+al|\buitgesteld\s+tot|->|→)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# What may stand between a relative phrase and the explicit date that restates it.
_GAP = re.compile(r"[\s,(:]*(?:on\s+)?(?:the\s+)?")
_RANGE_AFTER = re.compile(r"\s*[-–]\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*$")


def _in_range(text: str, start: int, end: int) -> bool:
    """True for one end of a span of days ("June 3-6", "3-6 June")."""
    before = text[max(0, start - 4) : start]
    return bool(_RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(before))


def _merge_adjacent(text: str, hits: list[_Hit], meeting_date: date | None) -> list[_Hit]:
    """An explicit date right next to a relative phrase restates it: keep one merged phrase."""
    explicit = [h for h in hits if h.rank == EXPLICIT and h.due.date is not None]
    # The meeting's own date beside "a week from today" anchors the phrase; it is no deadline.
    explicit = [h for h in explicit if h.due.date != meeting_date]
    merged: list[_Hit] = []
    for hit in hits:
        if hit.rank == EXPLICIT:
            merged.append(hit)
            continue
        for other in explicit:
            gap = text[hit.end : other.start] if other.start >= hit.end else None
            if gap is not None and len(gap) <= 12 and _GAP.fullmatch(gap):
                close = text.find(")", other.end, other.end + 2)
                end = close + 1 if close != -1 and "(" in gap else other.end
                phrase = " ".join(text[hit.start : end].split())
                due = Due(phrase, other.due.date, other.due.precision)
                merged.append(_Hit(hit.start, end, EXPLICIT + 1, due, True))
                break
        else:
            merged.append(hit)
    return merged


def _drop_nested(hits: list[_Hit]) -> list[_Hit]:
    """A phrase inside a longer one that is at least as strong ("today" in "a week from today")."""
    return [
        h
        for h in hits
        if not any(
            o is not h
            and o.start <= h.start
            and h.end <= o.end
            and (o.end - o.start) > (h.end - h.start)
            and o.rank >= h.rank
            for o in hits
        )
    ]


def _revised(text: str, hits: list[_Hit]) -> int:
    """Where the last deadline that moves an earlier one starts ("... now by 7/02"), else -1."""
    if len(hits) < 2:
        return -1
    moved = [h.start for h in hits if _REVISED.search(text, max(0, h.start - 24), h.start)]
    return max(moved) if moved else -1


def _best(hits: list[_Hit], ctx: DateContext, purpose: int, revised: int = -1) -> _Hit | None:
    """The deadline among the hits; ``purpose`` is where a purpose clause opens (or the end),
    ``revised`` where the deadline that moves the others starts (-1: none does)."""
    hits = _drop_nested(hits)
    if not hits:
        return None
    others_dated = any(h.due.date is not None and h.due.date != ctx.meeting_date for h in hits)

    def score(hit: _Hit) -> tuple[int, int, int, int, int, int]:
        # The meeting's own date written beside "a week from today" is a reference, not a deadline.
        echo = hit.rank >= EXPLICIT and hit.due.date == ctx.meeting_date and others_dated
        dated = hit.due.date is not None and not echo
        # "a plan by 10/12, so that it goes into the report for the board (13 Dec)": the date in
        # the purpose clause is the purpose's
        own = hit.start < purpose
        return (
            int(dated),
            int(hit.start == revised),
            int(own),
            hit.rank - (25 if echo else 0),
            int(hit.triggered),
            hit.end - hit.start,
        )

    return max(hits, key=score)


def find_due(text: str, ctx: DateContext) -> Due | None:
    """Locate a deadline phrase inside an action's text and resolve it; None when there is none.

    Only the first ``DUE_SCAN_CHARS`` characters are searched: an action runs to a few lines,
    and a megabyte-long "action" (a document without line breaks) must not take minutes.
    """
    text = text[:DUE_SCAN_CHARS]
    # lower-cased once for the pre-check, the event names and every rule (None: lower() does
    # not fold this text as IGNORECASE does, see ``casefold.lower_safe``)
    lower = text.lower() if lower_safe(text) else None
    if not _precheck(text, lower) and not _names_an_event(text, ctx.named_events):
        return None
    gates = _open_gates(text, lower, _rules())
    if True not in gates:
        return None  # no rule can match where none of the rules' own gates opens
    hits = _merge_adjacent(text, _hits(text, lower, gates, ctx), ctx.meeting_date)
    purpose = _PURPOSE.search(text) if len(hits) > 1 else None
    best = _best(hits, ctx, purpose.start() if purpose else len(text), _revised(text, hits))
    return best.due if best else None


def _names_an_event(text: str, events: Mapping[str, date]) -> bool:
    """Whether the text may name an event the document dates ("at the GDB")."""
    if not events:
        return False
    lower = text.lower()
    return any(name.split()[0].lower() in lower for name in events if name.strip())


def _precheck(text: str, lower: str | None) -> bool:
    """False when no rule can match: no digit and no date-like word (``lower``: the text
    lower-cased when that folds it as IGNORECASE does, else None)."""
    if lower is not None:
        found = _PRECHECK_LOWER.search(lower) is not None
    else:
        found = _PRECHECK.search(text) is not None
    # ... or a word of the other languages' rules ("vendredi", "Ende", "prochaine")
    return found or may_hold(text, lower)
